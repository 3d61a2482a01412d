"""Share work between the rules that run on the same node.

Most FNS rules on one element test the same few conditions (``../../@Функция='СЧФ'``...).
Each rule's failure condition is kept as a tree of and/or/not over *atoms* (comparisons and
other leaves, compared by their XPath text). The stylesheet then branches on an atom shared by
several rules once per node and continues with every rule simplified under that truth value.
Replacing a side-effect-free boolean subexpression by its value is exact in XPath 1.0.
"""

from __future__ import annotations

from collections import Counter

from edo_app.schemas.rules_translate import Translator, always_true, top_iif
from edo_app.schemas.rules_xpath import Bin, Call, Group, Lit, Node, Num, Path, Step

TRUE: Node = Call("", "true", ())
FALSE: Node = Call("", "false", ())


def _not(node: Node) -> Node:
    return Call("", "not", (node,))


def _is_not(node: Node) -> bool:
    return isinstance(node, Call) and not node.prefix and node.name == "not" and len(node.args) == 1


def failure_condition(test: Node, is_report: bool, translator: Translator) -> Node:
    """True exactly when the rule fails on its context node (branches that always hold dropped)."""
    return _normalize(_failure(test, is_report, translator))


def _failure(test: Node, is_report: bool, translator: Translator) -> Node:
    if is_report:
        return test
    branches = top_iif(test, translator)
    if branches is None:
        return _not(test)
    cond, then, other = branches
    cases = []
    if not always_true(then, translator):
        cases.append(Bin("and", cond, _not(then)))
    if not always_true(other, translator):
        cases.append(Bin("and", _not(cond), _not(other)))
    if not cases:
        return FALSE
    return cases[0] if len(cases) == 1 else Bin("or", cases[0], cases[1])


def _normalize(node: Node) -> Node:
    """Spell ``count(P) != 0`` as ``boolean(P)`` and ``count(P) = 0`` as ``not(boolean(P))``.

    Both forms then share one atom, so a branch on it settles the two. Exact for node-sets.
    """
    while isinstance(node, Group):
        node = node.expr
    if isinstance(node, Bin) and node.op in ("and", "or"):
        return Bin(node.op, _normalize(node.left), _normalize(node.right))
    if _is_not(node):
        return _not(_normalize(node.args[0]))  # type: ignore[union-attr]
    if isinstance(node, Bin) and node.op in ("=", "!="):
        for counted, other in ((node.left, node.right), (node.right, node.left)):
            if (isinstance(counted, Call) and not counted.prefix and counted.name == "count"
                    and len(counted.args) == 1 and isinstance(other, Num) and float(other.text) == 0):
                exists = Call("", "boolean", counted.args)
                return exists if node.op == "!=" else _not(exists)
    return node


def atoms(node: Node, translator: Translator) -> list[str]:
    """XPath texts of the leaves under the and/or/not skeleton, each once."""
    found: dict[str, None] = {}
    _collect(node, translator, found)
    return list(found)


def _collect(node: Node, translator: Translator, found: dict[str, None]) -> None:
    while isinstance(node, Group):
        node = node.expr
    if isinstance(node, Bin) and node.op in ("and", "or"):
        _collect(node.left, translator, found)
        _collect(node.right, translator, found)
    elif _is_not(node):
        _collect(node.args[0], translator, found)  # type: ignore[union-attr]
    elif node not in (TRUE, FALSE):
        found[translator.emit(node, boolean=True)] = None


def substitute(node: Node, translator: Translator, atom: str, value: bool,
               single: tuple[str, str] | None = None) -> Node:
    """``node`` with every occurrence of ``atom`` replaced by ``value``, constants folded.

    ``single`` is ``literal_test_of(atom)`` when the atom holds: if it is ``P = 'x'`` with P at
    most one attribute (``../../@Функция``), every ``P = 'y'`` is false too, since a single
    string cannot equal two different literals.
    """
    return _fold(node, translator, atom, value, single if value else None)


def _fold(node: Node, translator: Translator, atom: str, value: bool, single: tuple[str, str] | None) -> Node:
    while isinstance(node, Group):
        node = node.expr
    if isinstance(node, Bin) and node.op in ("and", "or"):
        left = _fold(node.left, translator, atom, value, single)
        right = _fold(node.right, translator, atom, value, single)
        return _combine(node.op, left, right)
    if _is_not(node):
        inner = _fold(node.args[0], translator, atom, value, single)  # type: ignore[union-attr]
        return FALSE if inner == TRUE else TRUE if inner == FALSE else _not(inner)
    if node in (TRUE, FALSE):
        return node
    if translator.emit(node, boolean=True) == atom:
        return TRUE if value else FALSE
    other = _literal_test(node, translator)
    excluded = single is not None and other is not None and other[0] == single[0] and other[1] != single[1]
    return FALSE if excluded else node


def _combine(op: str, left: Node, right: Node) -> Node:
    """``left op right`` with true()/false() operands folded away."""
    absorbing, neutral = (FALSE, TRUE) if op == "and" else (TRUE, FALSE)
    if absorbing in (left, right):
        return absorbing
    if left == neutral:
        return right
    return left if right == neutral else Bin(op, left, right)


def _literal_test(node: Node, translator: Translator) -> tuple[str, str] | None:
    """(path, literal) for ``P = 'literal'`` where P selects at most one node."""
    while isinstance(node, Group):
        node = node.expr
    if not (isinstance(node, Bin) and node.op == "="):
        return None
    for side, literal in ((node.left, node.right), (node.right, node.left)):
        path = side.expr if isinstance(side, Group) else side
        if isinstance(path, Path) and isinstance(literal, Lit) and _at_most_one(path):
            return translator.emit(path), literal.value
    return None


def _at_most_one(path: Path) -> bool:
    """Parent and self steps, then one named attribute: never more than one node."""
    *ups, last = path.parts
    return (
        isinstance(last, Step) and not last.preds and last.text.startswith("@") and "*" not in last.text
        and all(p == "/" or (isinstance(p, Step) and p.text in ("..", ".") and not p.preds) for p in ups)
    )


def literal_test_of(atom: str, conditions: list[tuple[Node, Translator]]) -> tuple[str, str] | None:
    """(path, literal) when ``atom`` is ``P = 'literal'`` with P selecting at most one node."""
    for node, translator in conditions:
        if (found := _single_value_test(atom, node, translator)) is not None:
            return found
    return None


def _single_value_test(atom: str, node: Node, translator: Translator) -> tuple[str, str] | None:
    """The (path, literal) of ``atom`` if it is a single-node literal comparison inside ``node``."""
    while isinstance(node, Group):
        node = node.expr
    if isinstance(node, Bin) and node.op in ("and", "or"):
        return (_single_value_test(atom, node.left, translator)
                or _single_value_test(atom, node.right, translator))
    if _is_not(node):
        return _single_value_test(atom, node.args[0], translator)  # type: ignore[union-attr]
    if node not in (TRUE, FALSE) and translator.emit(node, boolean=True) == atom:
        return _literal_test(node, translator)
    return None


def shared_atom(conditions: list[tuple[Node, Translator]]) -> str | None:
    """The atom appearing in the most conditions, if at least two share it."""
    counts: Counter[str] = Counter()
    for node, translator in conditions:
        counts.update(atoms(node, translator))
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else None

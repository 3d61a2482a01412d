"""Rewrite a parsed rule expression as pure XPath 1.0 that libxslt runs without extensions.

``usch:iif(c, a, b)`` has no XPath 1.0 equivalent as a function, but it has exact rewrites:
- where the result is used as a boolean (an assert test, and/or operands, not()) or both
  branches are booleans: ``((c) and (a)) or (not(c) and (b))``;
- both branches strings: ``concat(substring(a, 1 div boolean(c)), substring(b, 1 div not(c)))``
  (``1 div false()`` is Infinity, and substring from Infinity is empty);
- both branches numbers: ``number(...)`` of the string form (exact for the decimal values
  documents carry; Infinity and more than 15 significant digits would not survive the trip).
Node-set branches outside a boolean context would need the context node inside a predicate, so
they are reported as unevaluable. ``usch:getFileName()`` becomes the stylesheet parameter.
"""

from __future__ import annotations

from edo_app.schemas.rules_xpath import (
    Bin,
    Call,
    Filter,
    Group,
    Lit,
    Neg,
    Node,
    Num,
    Path,
    RuleCompileError,
    Step,
    Var,
)

USCH_NS = "http://www.unisoftware.ru/schematron-extensions"
FILE_NAME_PARAM = "edo-file-name"

BOOL, NUM, STR, NODES, ANY = "boolean", "number", "string", "node-set", "any"

# XPath 1.0 core library: name -> (result type, min args, max args or -1 for any).
_CORE: dict[str, tuple[str, int, int]] = {
    "last": (NUM, 0, 0), "position": (NUM, 0, 0), "count": (NUM, 1, 1), "id": (NODES, 1, 1),
    "local-name": (STR, 0, 1), "namespace-uri": (STR, 0, 1), "name": (STR, 0, 1),
    "string": (STR, 0, 1), "concat": (STR, 2, -1), "starts-with": (BOOL, 2, 2),
    "contains": (BOOL, 2, 2), "substring-before": (STR, 2, 2), "substring-after": (STR, 2, 2),
    "substring": (STR, 2, 3), "string-length": (NUM, 0, 1), "normalize-space": (STR, 0, 1),
    "translate": (STR, 3, 3), "boolean": (BOOL, 1, 1), "not": (BOOL, 1, 1), "true": (BOOL, 0, 0),
    "false": (BOOL, 0, 0), "lang": (BOOL, 1, 1), "number": (NUM, 0, 1), "sum": (NUM, 1, 1),
    "floor": (NUM, 1, 1), "ceiling": (NUM, 1, 1), "round": (NUM, 1, 1),
}
_NODESET_ARGS = frozenset({"count", "sum", "local-name", "namespace-uri", "name"})
_BOOL_ARGS = frozenset({"not", "boolean"})
_EXTENSIONS: dict[str, tuple[int, int]] = {"iif": (3, 3), "getFileName": (0, 0)}
_COMPARISONS = frozenset({"=", "!=", "<", "<=", ">", ">="})


class Translator:
    """Turns parsed expressions into XPath 1.0; ``prefixes`` maps prefixes in scope of the rule."""

    def __init__(self, prefixes: dict[str | None, str]) -> None:
        self.prefixes = prefixes

    def is_extension(self, call: Call) -> bool:
        if not call.prefix:
            return False
        uri = self.prefixes.get(call.prefix, USCH_NS if call.prefix == "usch" else None)
        if uri != USCH_NS:
            raise RuleCompileError(f"неизвестная функция {call.prefix}:{call.name}()")
        return True

    def type_of(self, node: Node) -> str:
        if isinstance(node, Bin):
            return BOOL if node.op in ("and", "or") or node.op in _COMPARISONS else (
                NODES if node.op == "|" else NUM)
        if isinstance(node, Neg | Num):
            return NUM
        if isinstance(node, Lit):
            return STR
        if isinstance(node, Group):
            return self.type_of(node.expr)
        if isinstance(node, Call):
            return self._call_type(node)
        return ANY if isinstance(node, Var) else NODES

    def _call_type(self, call: Call) -> str:
        if not self.is_extension(call):
            return _CORE[call.name][0] if call.name in _CORE else ANY
        if call.name == "getFileName":
            return STR
        if len(call.args) != 3:
            return ANY
        left, right = self.type_of(call.args[1]), self.type_of(call.args[2])
        return left if left == right else ANY

    def emit(self, node: Node, boolean: bool = False) -> str:
        """XPath 1.0 text for ``node``; ``boolean`` when the value is only used as a boolean."""
        if isinstance(node, Bin):
            operand_bool = node.op in ("and", "or")
            if (existence := _count_comparison(node, self)) is not None:
                path, op = existence  # the same truth value without counting every node
                return f"boolean({path})" if op == "!=" else f"not({path})"
            return f"({self.emit(node.left, operand_bool)} {node.op} {self.emit(node.right, operand_bool)})"
        if isinstance(node, Neg):
            return f"-({self.emit(node.expr)})"
        if isinstance(node, Group):
            return f"({self.emit(node.expr, boolean)})"
        if isinstance(node, Call):
            return self._emit_call(node, boolean)
        return self._emit_leaf(node)

    def _emit_leaf(self, node: Node) -> str:
        if isinstance(node, Lit):
            quote = "'" if "'" not in node.value else '"'
            return f"{quote}{node.value}{quote}"
        if isinstance(node, Num):
            return node.text
        if isinstance(node, Path):
            return "".join(p if isinstance(p, str) else self.emit(p) for p in node.parts)
        if isinstance(node, Filter):
            return self._primary(node.primary) + self._predicates(node.preds)
        if isinstance(node, Step):
            return self._step(node)
        raise RuleCompileError(f"переменные не поддерживаются: ${getattr(node, 'name', '')}")

    def _primary(self, node: Node) -> str:
        text = self.emit(node)
        if self.type_of(node) not in (NODES, ANY):
            raise RuleCompileError(f"путь или предикат применён к значению, которое не является набором узлов: {text}")
        return text

    def _step(self, step: Step) -> str:
        test = step.text.removeprefix("@").rpartition("::")[2]
        if ":" in test:
            raise RuleCompileError(f"префиксы пространств имён в шагах пути не поддерживаются: {step.text}")
        return step.text + self._predicates(step.preds)

    def _predicates(self, preds: tuple[Node, ...]) -> str:
        return "".join(f"[{self.emit(p)}]" for p in preds)

    def _emit_call(self, call: Call, boolean: bool) -> str:
        if self.is_extension(call):
            return self._emit_extension(call, boolean)
        spec = _CORE.get(call.name)
        if spec is None:
            raise RuleCompileError(f"неизвестная функция {call.name}()")
        _check_arity(call, spec[1], spec[2])
        for arg in call.args if call.name in _NODESET_ARGS else ():
            if self.type_of(arg) not in (NODES, ANY):
                raise RuleCompileError(f"функция {call.name}() требует набор узлов, а получает {self.emit(arg)}")
        args = ", ".join(self.emit(a, call.name in _BOOL_ARGS) for a in call.args)
        return f"{call.name}({args})"

    def _emit_extension(self, call: Call, boolean: bool) -> str:
        if call.name not in _EXTENSIONS:
            raise RuleCompileError(f"неизвестная функция usch:{call.name}()")
        _check_arity(call, *_EXTENSIONS[call.name])
        if call.name == "getFileName":
            return f"${FILE_NAME_PARAM}"
        cond, then, other = (self.emit(a, True) for a in call.args)
        kind = BOOL if boolean else self._call_type(call)
        if kind == BOOL:
            return f"(({cond} and {then}) or (not({cond}) and {other}))"
        if kind in (STR, NUM):
            then, other = self.emit(call.args[1]), self.emit(call.args[2])
            text = f"concat(substring({then}, 1 div boolean({cond})), substring({other}, 1 div not({cond})))"
            return text if kind == STR else f"number({text})"
        raise RuleCompileError(
            "usch:iif() с ветвями разных типов или наборами узлов вне логического условия не поддерживается"
        )


def _check_arity(call: Call, low: int, high: int) -> None:
    count = len(call.args)
    if count < low or (high >= 0 and count > high):
        name = f"{call.prefix}:{call.name}" if call.prefix else call.name
        raise RuleCompileError(f"функция {name}() вызвана с неверным числом аргументов ({count})")


def top_iif(node: Node, translator: Translator) -> tuple[Node, Node, Node] | None:
    """The arguments of ``usch:iif`` when it is the whole test (the FNS habit), else None."""
    while isinstance(node, Group):
        node = node.expr
    if isinstance(node, Call) and node.name == "iif" and len(node.args) == 3 and translator.is_extension(node):
        return node.args[0], node.args[1], node.args[2]
    return None


def always_true(node: Node, translator: Translator) -> bool:
    """``count(P)=0 or count(P)!=0`` (either order): FNS writes it for "anything goes".

    count() is never NaN, so one of the two comparisons holds for every document.
    """
    while isinstance(node, Group):
        node = node.expr
    if not (isinstance(node, Bin) and node.op == "or"):
        return False
    sides = [_count_comparison(side, translator) for side in (node.left, node.right)]
    if None in sides:
        return False
    (left_path, left_op), (right_path, right_op) = sides  # type: ignore[misc]
    return left_path == right_path and {left_op, right_op} == {"=", "!="}


def _count_comparison(node: Node, translator: Translator) -> tuple[str, str] | None:
    """(path, op) for ``count(path) op 0`` / ``0 op count(path)``."""
    while isinstance(node, Group):
        node = node.expr
    if not (isinstance(node, Bin) and node.op in ("=", "!=")):
        return None
    for counted, other in ((node.left, node.right), (node.right, node.left)):
        if (isinstance(counted, Call) and not counted.prefix and counted.name == "count"
                and len(counted.args) == 1 and isinstance(other, Num) and float(other.text) == 0):
            return translator.emit(counted.args[0]), node.op
    return None

"""A small XPath 1.0 parser: enough to check a Schematron expression before it reaches libxslt.

One bad expression would stop the whole compiled stylesheet, so each rule is parsed here first:
syntax, known functions and their arity, no variables. The tree is then written back as plain
XPath 1.0 by ``rules_translate`` (which removes the ``usch:`` extensions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edo_app.errors import InputError


class RuleCompileError(InputError):
    """A rule expression the engine cannot evaluate; the message says why (Russian)."""


@dataclass(frozen=True, slots=True)
class Lit:
    value: str


@dataclass(frozen=True, slots=True)
class Num:
    text: str


@dataclass(frozen=True, slots=True)
class Var:
    name: str


@dataclass(frozen=True, slots=True)
class Call:
    prefix: str
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Group:
    expr: Node


@dataclass(frozen=True, slots=True)
class Neg:
    expr: Node


@dataclass(frozen=True, slots=True)
class Bin:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Step:
    text: str  # axis::test, @name, ., .. as written (normalised spacing)
    preds: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Filter:
    primary: Node
    preds: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Path:
    parts: tuple[Step | Filter | str, ...]  # steps/filters and the separators "/" and "//"


Node = Lit | Num | Var | Call | Group | Neg | Bin | Step | Filter | Path

_NCNAME = r"[^\W\d][\w.\-\u00b7]*"
_TOKEN = re.compile(
    rf"""\s*(?:
    (?P<lit>"[^"]*"|'[^']*')
    |(?P<num>\d+(?:\.\d*)?|\.\d+)
    |(?P<var>\${_NCNAME}(?::(?!:){_NCNAME})?)
    |(?P<name>{_NCNAME}(?::(?!:)(?:{_NCNAME}|\*))?)
    |(?P<op>//|::|\.\.|!=|<=|>=|[/()\[\],@.|+\-=<>*])
    )""",
    re.VERBOSE,
)
_OPERATOR_NAMES = frozenset({"and", "or", "div", "mod"})
_NODE_TYPES = frozenset({"comment", "text", "processing-instruction", "node"})
# After these tokens a "*" or an NCName is a name test, not an operator (XPath 1.0, 3.7).
_NAME_CONTEXT = frozenset({"@", "::", "(", "[", ",", "and", "or", "div", "mod", "*", "/", "//", "|",
                           "+", "-", "=", "!=", "<", "<=", ">", ">="})


@dataclass(frozen=True, slots=True)
class Tok:
    kind: str  # lit num var name op func axis nodetype
    text: str


def tokenize(expr: str) -> list[Tok]:
    """Split an expression into tokens, telling operators from names as the spec requires."""
    tokens: list[Tok] = []
    pos, end = 0, len(expr.rstrip())
    while pos < end:
        m = _TOKEN.match(expr, pos)
        if m is None or m.lastgroup is None:
            raise RuleCompileError(f"синтаксическая ошибка XPath около «{expr[pos:pos + 20].strip()}»")
        kind, text, pos = m.lastgroup, m.group(m.lastgroup), m.end()
        tokens.append(_classify(kind, text, tokens, expr, pos))
    return tokens


def _classify(kind: str, text: str, before: list[Tok], expr: str, pos: int) -> Tok:
    operator_position = bool(before) and not (before[-1].kind == "op" and before[-1].text in _NAME_CONTEXT)
    if kind == "op" and text == "*":
        return Tok("op" if operator_position else "name", "*")
    if kind != "name":
        return Tok(kind, text)
    if operator_position and text in _OPERATOR_NAMES:
        return Tok("op", text)
    rest = expr[pos:].lstrip()
    if rest.startswith("::"):
        kind = "axis"
    elif rest.startswith("("):
        kind = "nodetype" if text in _NODE_TYPES else "func"
    return Tok(kind, text)


class _Parser:
    """Recursive descent over the XPath 1.0 grammar (precedence: or < and < = < < < + < * < - < |)."""

    _LEVELS: tuple[frozenset[str], ...] = (
        frozenset({"or"}), frozenset({"and"}), frozenset({"=", "!="}),
        frozenset({"<", "<=", ">", ">="}), frozenset({"+", "-"}), frozenset({"*", "div", "mod"}),
    )

    def __init__(self, tokens: list[Tok]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self, text: str | None = None) -> Tok | None:
        tok = self.tokens[self.i] if self.i < len(self.tokens) else None
        if tok is not None and text is not None and not (tok.kind == "op" and tok.text == text):
            return None
        return tok

    def take(self, text: str | None = None) -> Tok:
        tok = self.peek(text)
        if tok is None:
            want = f"«{text}»" if text else "продолжение выражения"
            raise RuleCompileError(f"синтаксическая ошибка XPath: ожидается {want}")
        self.i += 1
        return tok

    def expr(self, level: int = 0) -> Node:
        if level == len(self._LEVELS):
            return self.unary()
        node = self.expr(level + 1)
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.text in self._LEVELS[level]:
            self.i += 1
            node = Bin(tok.text, node, self.expr(level + 1))
        return node

    def unary(self) -> Node:
        if self.peek("-"):
            self.i += 1
            return Neg(self.unary())
        node = self.path()
        while self.peek("|"):
            self.i += 1
            node = Bin("|", node, self.path())
        return node

    def path(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise RuleCompileError("синтаксическая ошибка XPath: выражение оборвано")
        parts: list[Step | Filter | str] = []
        if tok.kind in ("lit", "num", "var", "func") or (tok.kind == "op" and tok.text == "("):
            head = Filter(self.primary(), self.predicates())
            if not self._separator():
                return head if head.preds else head.primary
            parts += [head, self.take().text]
        elif tok.kind == "op" and tok.text in ("/", "//"):
            parts.append(self.take().text)
            if tok.text == "/" and not self._step_start():
                return Path(tuple(parts))
        parts.append(self.step())
        while self._separator():
            parts.append(self.take().text)
            parts.append(self.step())
        return Path(tuple(parts))

    def _separator(self) -> bool:
        return self.peek("/") is not None or self.peek("//") is not None

    def _step_start(self) -> bool:
        tok = self.peek()
        return tok is not None and (tok.kind in ("name", "axis", "nodetype") or tok.text in ("@", ".", ".."))

    def primary(self) -> Node:
        tok = self.take()
        if tok.kind == "lit":
            return Lit(tok.text[1:-1])
        if tok.kind == "num":
            return Num(tok.text)
        if tok.kind == "var":
            return Var(tok.text[1:])
        if tok.kind == "func":
            prefix, _, local = tok.text.rpartition(":")
            return Call(prefix, local, self.arguments())
        inner = self.expr()
        self.take(")")
        return Group(inner)

    def arguments(self) -> tuple[Node, ...]:
        self.take("(")
        args: list[Node] = []
        if not self.peek(")"):
            args.append(self.expr())
            while self.peek(","):
                self.i += 1
                args.append(self.expr())
        self.take(")")
        return tuple(args)

    def predicates(self) -> tuple[Node, ...]:
        preds: list[Node] = []
        while self.peek("["):
            self.i += 1
            preds.append(self.expr())
            self.take("]")
        return tuple(preds)

    def step(self) -> Step:
        tok = self.take()
        if tok.kind == "op" and tok.text in (".", ".."):
            return Step(tok.text, ())
        axis = ""
        if tok.kind == "axis":
            self.take("::")
            axis, tok = tok.text + "::", self.take()
        elif tok.kind == "op" and tok.text == "@":
            axis, tok = "@", self.take()
        return Step(axis + self._node_test(tok), self.predicates())

    def _node_test(self, tok: Tok) -> str:
        if tok.kind == "name":
            return tok.text
        if tok.kind != "nodetype":
            raise RuleCompileError(f"синтаксическая ошибка XPath: «{tok.text}» не может быть шагом пути")
        self.take("(")
        literal = ""
        if tok.text == "processing-instruction" and (arg := self.peek()) is not None and arg.kind == "lit":
            literal = self.take().text
        self.take(")")
        return f"{tok.text}({literal})"


def parse(expr: str) -> Node:
    """Parse an XPath 1.0 expression (``usch:`` calls included) or raise RuleCompileError."""
    parser = _Parser(tokenize(expr))
    if not parser.tokens:
        raise RuleCompileError("пустое выражение XPath")
    node = parser.expr()
    if parser.i != len(parser.tokens):
        raise RuleCompileError(f"синтаксическая ошибка XPath: лишнее «{parser.tokens[parser.i].text}»")
    return node

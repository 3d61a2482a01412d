"""Parsing rule expressions and rewriting usch:iif as XPath 1.0, checked against a Python iif."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from edo_app.schemas.rules_naive import iif
from edo_app.schemas.rules_translate import FILE_NAME_PARAM, USCH_NS, Translator
from edo_app.schemas.rules_xpath import Bin, Call, Path, RuleCompileError, parse, tokenize

EXTENSIONS = {(USCH_NS, "iif"): iif, (USCH_NS, "getFileName"): lambda _ctx: "file"}


def translate(expr: str, boolean: bool = False) -> str:
    return Translator({"usch": USCH_NS}).emit(parse(expr), boolean)


def reference(expr: str, node: etree._Element) -> Any:
    """The expression as written, with usch:iif run by Python."""
    return etree.XPath(expr, namespaces={"usch": USCH_NS}, extensions=EXTENSIONS, smart_strings=False)(node)


def compiled(expr: str, node: etree._Element, boolean: bool = False) -> Any:
    """The translation, run by libxml2 alone (the file name as the stylesheet parameter would give it)."""
    text = f"boolean({translate(expr, True)})" if boolean else translate(expr)
    return etree.XPath(text, smart_strings=False)(node, **{FILE_NAME_PARAM: "file"})


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def test_operator_names_and_stars_follow_the_disambiguation_rule() -> None:
    kinds = [(t.kind, t.text) for t in tokenize("div/mod * 2 and @and|*[or]")]
    assert kinds == [("name", "div"), ("op", "/"), ("name", "mod"), ("op", "*"), ("num", "2"), ("op", "and"),
                     ("op", "@"), ("name", "and"), ("op", "|"), ("name", "*"), ("op", "["), ("name", "or"),
                     ("op", "]")]
    assert [t.kind for t in tokenize("count(x) text() child::a")] == [
        "func", "op", "name", "op", "nodetype", "op", "op", "axis", "op", "name"]


def test_precedence_and_structure() -> None:
    tree = parse("a or b and c = 1 + 2 * 3")
    assert isinstance(tree, Bin) and tree.op == "or"
    assert isinstance(tree.right, Bin) and tree.right.op == "and"
    call = parse("usch:iif(@a, 'x, y', count(b[1]))")
    assert isinstance(call, Call) and (call.prefix, call.name, len(call.args)) == ("usch", "iif", 3)
    assert isinstance(parse("/a//b/@c"), Path)


@pytest.mark.parametrize(("expr", "reason"), [
    ("count(", "оборвано"), ("a b", "лишнее"), ("1 +", "оборвано"), ("#", "синтаксическая ошибка"),
    ("nosuch(1)", "неизвестная функция"), ("usch:other()", "неизвестная функция"), ("x:f()", "неизвестная функция"),
    ("concat('a')", "неверным числом"), ("usch:iif(1, 2)", "неверным числом"), ("$v", "переменные"),
    ("sum('1')", "набор узлов"), ("'a'/b", "не является набором узлов"), ("p:a = 1", "префиксы"),
    ("usch:iif(@a, b, 'c') = 'c'", "usch:iif()"),
])
def test_unevaluable_expressions_are_refused_with_a_reason(expr: str, reason: str) -> None:
    with pytest.raises(RuleCompileError, match=reason):
        translate(expr, boolean=True)


def test_official_shapes_translate_to_plain_xpath() -> None:
    text = translate("usch:iif(@Функция='СЧФ', count(ТаблСчФакт)!=0, count(ТаблСчФакт)=0 or count(ТаблСчФакт)!=0)",
                     boolean=True)
    assert "usch" not in text and "boolean(ТаблСчФакт)" in text
    assert translate("usch:getFileName() = @ИдФайл") == f"(${FILE_NAME_PARAM} = @ИдФайл)"


# Expressions using iif in every kind of position: boolean, string, number, predicate, nested.
TYPED_EXPRESSIONS = [  # (expression, used as a boolean like an assert test)
    ("usch:iif(@x = 1, count(a) != 0, count(b) = 0)", True),
    ("usch:iif(a, @x = 2, @y)", True),
    ("usch:iif(usch:iif(@x, @y = 1, @y = 2), a/@x = '1', not(b))", True),
    ("usch:iif(@x != 2, @y > 0, @y < 0) or usch:iif(b, false(), true())", True),
    ("usch:iif(@x = '1', a, b)", True),
    ("usch:iif(@x = 1, count(a) != 0, count(b) = 0)", False),
    ("concat(usch:iif(@x > 0, 'pos', 'neg'), '-', usch:iif(count(a) = 2, 'two', 'other'))", False),
    ("usch:iif(@x = 1, 10, 20) + count(b)", False),
    ("usch:iif(@y, 1.5, -2) * 2", False),
    ("string-length(usch:iif(b, 'long text', ''))", False),
    ("count(a[usch:iif(@x = '1', true(), false())])", False),
    ("count(a[usch:iif(../@y = 1, 1, 2)])", False),
    ("usch:iif(a, usch:iif(b, 'ab', 'a'), 'none') = 'ab'", False),
]
VALUES = st.sampled_from(["", "0", "1", "2", "-1", "a", "1.5"])


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> etree._Element:
    node = etree.Element("r" if depth == 0 else draw(st.sampled_from(["a", "b"])))
    for name in ("x", "y"):
        if draw(st.booleans()):
            node.set(name, draw(VALUES))
    if depth < 2:
        for _ in range(draw(st.integers(0, 3))):
            node.append(draw(documents(depth + 1)))
    return node


@settings(max_examples=150, deadline=None)
@given(documents())
def test_translation_matches_python_iif_on_typed_positions(root: etree._Element) -> None:
    for node in [root, *root.iter("a", "b")]:
        for expr, boolean in TYPED_EXPRESSIONS:
            written = f"boolean({expr})" if boolean else expr
            expected, got = reference(written, node), compiled(expr, node, boolean)
            assert same(expected, got), (expr, etree.tostring(root), expected, got)


ATOMS = st.sampled_from(["@x = 1", "@x != 1", "count(a) != 0", "count(b) = 0", "a/@y = '2'", "@y",
                         "b", "not(@x)", "@x > 0", "a/@x != b/@x", "@y = ''", "count(a/@x) = 0"])


def _compose(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(children, children)
    return st.one_of(
        st.tuples(children, children, children).map(lambda t: f"usch:iif({t[0]}, {t[1]}, {t[2]})"),
        pair.map(lambda t: f"({t[0]}) and ({t[1]})"),
        pair.map(lambda t: f"({t[0]}) or ({t[1]})"),
        children.map(lambda c: f"not({c})"),
    )


BOOLEAN_EXPRESSIONS = st.recursive(ATOMS, _compose, max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(documents(), BOOLEAN_EXPRESSIONS)
def test_translation_matches_python_iif_in_boolean_context(root: etree._Element, expr: str) -> None:
    for node in [root, *root.iter("a", "b")]:
        expected = reference(f"boolean({expr})", node)
        assert compiled(expr, node, boolean=True) is expected, (expr, etree.tostring(root))

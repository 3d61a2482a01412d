"""The compiled engine agrees with the naive node-by-node evaluator on official rules.

The naive evaluator runs each assert as written, with usch:iif as a Python function, so any
slip in the XPath 1.0 rewrite or in locating nodes shows up as a difference.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edo_app.model.report import Issue
from edo_app.schemas.rules import RuleSet
from edo_app.schemas.rules_naive import NaiveRuleSet
from tests.oracles import FNS_XSD, UPD503_SELLER, require
from tests.unit.schemas.test_rules import FILE_NAME, upd_tree

FUNCTIONS = ["СЧФ", "СЧФДОП", "ДОП", "СвРК", "СвЗК", "ИНОЕ"]
LINE_ATTRIBUTES = ["НаимТов", "ОКЕИ_Тов", "НаимЕдИзм", "КолТов", "ЦенаТов", "СтТовБезНДС", "СтТовУчНал"]


def _key(issues: list[Issue]) -> list[tuple[str, str, str, int | None, str]]:
    return sorted((i.code, i.xpath, i.message, i.line, i.source.value) for i in issues)


@pytest.fixture(scope="module")
def engines() -> tuple[RuleSet, NaiveRuleSet]:
    xsd = etree.parse(str(require(UPD503_SELLER)))
    return RuleSet.from_xsd(xsd), NaiveRuleSet(xsd)


def _some_line(root: etree._Element, rng: random.Random) -> etree._Element | None:
    lines = root.findall("Документ/ТаблСчФакт/СведТов")
    return rng.choice(lines) if lines else None


def _set_function(root: etree._Element, rng: random.Random) -> None:
    root[0].set("Функция", rng.choice(FUNCTIONS))


def _toggle_document_name(root: etree._Element, rng: random.Random) -> None:
    if "НаимДокОпр" in root[0].attrib:
        del root[0].attrib["НаимДокОпр"]
    else:
        root[0].set("НаимДокОпр", "Документ")


def _drop_line_attribute(root: etree._Element, rng: random.Random) -> None:
    line = _some_line(root, rng)
    if line is None:
        return
    line.attrib.pop(rng.choice(LINE_ATTRIBUTES), None)


def _odd_price(root: etree._Element, rng: random.Random) -> None:
    line = _some_line(root, rng)
    if line is None:
        return
    line.set("ЦенаТов", rng.choice(["0", "-1", "abc", "", "1e3"]))


def _extra_circumstances(root: etree._Element, rng: random.Random) -> None:
    invoice = root.find("Документ/СвСчФакт")
    if invoice is None:
        return
    extra = invoice.find("ДопСвФХЖ1")
    if extra is None:
        extra = etree.SubElement(invoice, "ДопСвФХЖ1")
    name = rng.choice(["СпОбстФСЧФ", "СпОбстФСЧФДОП", "СпОбстФДОП"])
    extra.set(name, rng.choice(["1", "2", "10000"]))


def _line_details(root: etree._Element, rng: random.Random) -> None:
    line = _some_line(root, rng)
    if line is None:
        return
    details = line.find("ДопСведТов")
    if details is None:
        details = etree.Element("ДопСведТов")
        line.insert(0, details)
    details.set(rng.choice(["КодТов", "АртикулТов", "ХарактерТов", "КодВидПр"]), "X")
    if rng.random() < 0.5:
        marks = etree.SubElement(details, "НомСредИдентТов")
        for _ in range(rng.randrange(3)):
            etree.SubElement(marks, rng.choice(["КИЗ", "НомУпак"])).text = "0104600000000001"


def _drop_element(root: etree._Element, rng: random.Random) -> None:
    victims = [e for e in root.iter() if e is not root and e.tag != "Документ"]
    if not victims:  # earlier steps may have dropped everything but the skeleton
        return
    victim = rng.choice(victims)
    parent = victim.getparent()
    if parent is not None:
        parent.remove(victim)


def _duplicate_line(root: etree._Element, rng: random.Random) -> None:
    table = root.find("Документ/ТаблСчФакт")
    if table is not None and table.find("СведТов") is not None:
        table.insert(0, copy.deepcopy(table.find("СведТов")))


MUTATIONS: list[Callable[[etree._Element, random.Random], None]] = [
    _set_function, _toggle_document_name, _drop_line_attribute, _odd_price, _extra_circumstances,
    _line_details, _drop_element, _duplicate_line,
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 2**16)), max_size=6))
def test_engine_matches_naive_evaluator_on_mutated_upd(engines: tuple[RuleSet, NaiveRuleSet],
                                                        steps: list[tuple[Callable[..., None], int]]) -> None:
    engine, naive = engines
    tree = upd_tree()
    for mutate, seed in steps:
        if tree.getroot().find("Документ") is not None:
            mutate(tree.getroot(), random.Random(seed))
    name = FILE_NAME if steps and steps[0][1] % 2 else "ON_NSCHFDOPPR_WRONG.xml"
    assert _key(engine.check(tree, name)) == _key(naive.check(tree, name))


def test_engine_matches_naive_evaluator_on_every_official_schema() -> None:
    """Each schema against a skeleton holding one element of every name its rules mention."""
    for path in sorted(require(FNS_XSD).rglob("*.xsd")):
        xsd = etree.parse(str(path))
        engine, naive = RuleSet.from_xsd(xsd), NaiveRuleSet(xsd)
        contexts = sorted({r.get("context") or "" for r in xsd.iter("{*}rule")})
        root = etree.Element("Файл", ИдФайл="X")
        parent = etree.SubElement(root, "Документ", Функция="СЧФ")
        for context in contexts:
            if context not in ("Файл", "Документ"):
                parent = etree.SubElement(parent, context)
        tree = etree.ElementTree(root)
        assert _key(engine.check(tree, "X.xml")) == _key(naive.check(tree, "X.xml")), path.name
        assert _key(engine.check(tree, "Y.xml")) == _key(naive.check(tree, "Y.xml")), path.name


# Rules sharing conditions, so the stylesheet branches on them: single-valued paths (../@f, @f)
# whose literal comparisons exclude each other, and multi-valued ones (a/@f) whose do not.
SHARED_CONDITIONS = [
    ("a", "usch:iif(../@f = 'p', count(@g) != 0, count(@g) = 0 or count(@g) != 0)"),
    ("a", "usch:iif(../@f = 'q' or ../@f = 'p', count(b) = 0, count(b) != 0)"),
    ("a", "usch:iif(../@f = 'r', @g = 'p', count(@g) = 0)"),
    ("a", "not(../@f = 'p') or ../@f = 'q' or @f != 'p'"),
    ("a", "usch:iif(@f = 'p' and ../@f != 'q', count(b/@f) != 0, true())"),
    ("r", "usch:iif(a/@f = 'p', count(a[@f = 'q']) = 0, a/@f = 'q')"),
    ("r", "usch:iif(a/@f = 'q', a/@f != 'p', count(a) > 1)"),
    ("r", "usch:iif(@f = 'p', count(a/@f) != 0, @f = 'q' or @f = 'r')"),
    ("b", "usch:iif(../../@f = 'p', ../@f = 'q', ../../@f = 'q' or not(../@g))"),
    ("b", "usch:iif(../../@f = 'q', count(../@g) = 0, ../../@f = 'p')"),
]


@st.composite
def small_documents(draw: st.DrawFn, depth: int = 0) -> etree._Element:
    node = etree.Element(["r", "a", "b"][depth])
    for name in ("f", "g"):
        if draw(st.booleans()):
            node.set(name, draw(st.sampled_from(["p", "q", "r", ""])))
    if depth < 2:
        for _ in range(draw(st.integers(0, 3))):
            node.append(draw(small_documents(depth + 1)))
    return node


@pytest.fixture(scope="module")
def shared_engines() -> tuple[RuleSet, NaiveRuleSet]:
    from tests.unit.schemas.test_rules import _rule, _schema

    xsd = _schema("".join(_rule(ctx, test.replace("'", "&apos;"), str(n)) for n, (ctx, test) in
                          enumerate(SHARED_CONDITIONS)))
    engine = RuleSet.from_xsd(xsd)
    assert engine.problems == ()
    return engine, NaiveRuleSet(xsd)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(small_documents())
def test_branching_on_shared_conditions_keeps_xpath_meaning(shared_engines: tuple[RuleSet, NaiveRuleSet],
                                                           root: etree._Element) -> None:
    engine, naive = shared_engines
    tree = etree.ElementTree(root)
    assert _key(engine.check(tree, "f")) == _key(naive.check(tree, "f"))

"""The project's own УПД 5.03 schemas and the official FNS ones agree on a generated corpus.

Valid documents come from the sample builder (every Функция, both titles, 1..40 lines);
invalid ones are single-defect mutations of them (tests/corpus.py). For every document the
lxml XSD verdict must be the same under both schemas, and the embedded rules must fail on
the same nodes with the same official codes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache

import pytest
from lxml import etree

from edo_app.documents import file_name, sample_buyer_title, sample_upd, to_xml
from edo_app.schemas import SchemaRegistry
from edo_app.schemas.registry import CompiledSchema
from tests.corpus import mutants
from tests.oracles import FNS_XSD, UPD503_SELLER, require

FUNCTIONS = ("СЧФ", "СЧФДОП", "ДОП", "СвРК", "СвЗК")
MUTANTS_PER_DOCUMENT = 30


@cache
def _schemas() -> tuple[SchemaRegistry, SchemaRegistry]:
    require(UPD503_SELLER)
    return SchemaRegistry(), SchemaRegistry(None, [FNS_XSD / "upd-5.03"])


def _compiled(registry: SchemaRegistry, tree: etree._ElementTree) -> CompiledSchema:
    (entry,) = registry.find(tree)
    return registry.compiled(entry)


def _base_documents() -> Iterator[tuple[str, bytes]]:
    for seed in range(12):
        function = FUNCTIONS[seed % len(FUNCTIONS)]
        seller = sample_upd(function, lines=1 + seed * 3, seed=seed)
        yield file_name(seller), to_xml(seller)
        if function != "СЧФ":  # a bare invoice has no buyer's title
            buyer = sample_buyer_title(seller, accept=seed % 3 != 0, seed=seed)
            yield file_name(buyer), to_xml(buyer)


def _corpus() -> Iterator[tuple[str, str, etree._ElementTree, etree._ElementTree]]:
    """(file name, what was changed, document, the unmutated document that picks the schema)."""
    for number, (name, data) in enumerate(_base_documents()):
        base = etree.ElementTree(etree.fromstring(data))
        yield name, "valid", base, base
        for what, mutant in mutants(base.getroot(), MUTANTS_PER_DOCUMENT, seed=number):
            yield name, what, etree.ElementTree(mutant), base


def _verdict(compiled: CompiledSchema, tree: etree._ElementTree, name: str) -> tuple[bool, Counter[tuple[str, int]]]:
    xsd_ok = not compiled.xsd_errors(tree)
    assert compiled.rules is not None
    rules = Counter((i.code, i.line or 0) for i in compiled.rules.check(tree, name.removesuffix(".xml")))
    return xsd_ok, rules


@pytest.mark.oracle
def test_own_and_official_schemas_agree_on_generated_corpus() -> None:
    own, official = _schemas()
    checked, invalid, disagreements = 0, 0, []
    for name, what, tree, base in _corpus():
        ours = _verdict(_compiled(own, base), tree, name)
        theirs = _verdict(_compiled(official, base), tree, name)
        checked += 1
        invalid += not (ours[0] and not ours[1])
        if ours != theirs:
            disagreements.append(f"{name}: {what}: own={ours} official={theirs}")
    assert checked >= 500
    assert invalid >= 150, "the mutations must really produce invalid documents"
    assert disagreements == []


@pytest.mark.oracle
def test_every_generated_document_passes_the_official_schema_and_rules() -> None:
    _, official = _schemas()
    for name, data in _base_documents():
        tree = etree.ElementTree(etree.fromstring(data))
        assert _verdict(_compiled(official, tree), tree, name) == (True, Counter()), name

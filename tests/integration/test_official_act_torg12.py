"""Акт and ТОРГ-12 5.01 against the official FNS schemas (oracles in ../shared, skipped when absent).

* every sample (both titles, accepted and refused, several seeds) and every document built from
  the example JSONs is valid for the official XSD, and the official embedded rules, run by the
  project's rule engine, find nothing;
* the project's own schemas have the same structure and value spaces as the official ones;
* on single-defect mutants of those documents the own and the official schema give the same
  XSD verdict, and their rules fail on the same nodes with the same codes (zero disagreements).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from edo_app.documents import (
    act_from_json,
    primary_to_xml,
    sample_act,
    sample_act_answer,
    sample_torg12,
    sample_torg12_answer,
    torg12_from_json,
)
from edo_app.documents.primary_io import PrimaryDocument
from edo_app.schemas import SchemaRegistry
from edo_app.schemas.registry import CompiledSchema
from tests.corpus import mutants
from tests.oracles import FNS_XSD, PROJECT, require
from tests.xsd_agreement import NS, assert_same_structure, probe_strings, undocumented

pytestmark = pytest.mark.oracle

OWN = PROJECT / "xsd"
PAIRS = {  # own file -> official file
    "act-5.01/act-seller.xsd": "akt/DP_REZRUISP_1_990_01_05_01_02.xsd",
    "act-5.01/act-buyer.xsd": "akt/DP_REZRUZAK_1_990_02_05_01_02.xsd",
    "torg12-5.01/torg12-seller.xsd": "torg12/DP_TOVTORGPR_1_992_01_05_01_04.xsd",
    "torg12-5.01/torg12-buyer.xsd": "torg12/DP_TOVTORGPOK_1_992_02_05_01_04.xsd",
}
SAMPLES = PROJECT / "resources" / "samples"
MUTANTS_PER_DOCUMENT = 25
_PROBES = ("|0|1|2|3|4|5|00|643|112|77|5.01|5.0|1175010|1175011|1175012|1175013|20%|18%|22%|10/110|18/118|20/120"
           "|без НДС|НДС исчисляется налоговым агентом|29.02.2000|30.02.2026|31.12.2099|01.01.2100|23.59.59|24.00.00"
           "|7715260183|0015260183|500016613197|771501001|7715AZ001|1.5|-1|12345678901234567890.12|123456789"
           "|Документ о передаче результатов работ (Документ об оказании услуг)"
           "|Документ о передаче товара при торговых операциях")
_LENGTHS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 20, 21, 36, 37, 40, 41, 46, 47, 50, 51, 60, 61, 100, 101,
            120, 121, 128, 129, 200, 201, 255, 256, 1000, 1001, 2000, 2001)


def _documents() -> Iterator[PrimaryDocument]:
    for seed in range(6):
        act, goods = sample_act(1 + seed * 2, seed), sample_torg12(1 + seed * 2, seed)
        yield from (act, goods)
        yield sample_act_answer(act, accept=seed % 2 == 0, seed=seed)
        yield sample_torg12_answer(goods, accept=seed % 2 == 1, seed=seed)
    yield act_from_json(json.loads((SAMPLES / "act-services.json").read_text(encoding="utf-8")))
    yield torg12_from_json(json.loads((SAMPLES / "torg12-goods.json").read_text(encoding="utf-8")))


@cache
def _registries() -> tuple[SchemaRegistry, SchemaRegistry]:
    official = [require(FNS_XSD / "akt"), require(FNS_XSD / "torg12")]
    return SchemaRegistry(), SchemaRegistry(None, official)


def _compiled(registry: SchemaRegistry, tree: etree._ElementTree) -> CompiledSchema:
    (entry,) = registry.find(tree)
    return registry.compiled(entry)


def _verdict(compiled: CompiledSchema, tree: etree._ElementTree, name: str) -> tuple[bool, Counter[tuple[str, int]]]:
    xsd_ok = not compiled.xsd_errors(tree)
    rules = Counter((i.code, i.line or 0) for i in compiled.rules.check(tree, name.removesuffix(".xml")))
    return xsd_ok, rules


def test_every_sample_and_built_document_passes_the_official_schema_and_rules() -> None:
    own, official = _registries()
    for doc in _documents():
        tree = etree.ElementTree(etree.fromstring(primary_to_xml(doc)))
        entry = _compiled(official, tree)
        assert entry.entry.official
        assert _verdict(entry, tree, doc.file_name) == (True, Counter()), doc.file_name
        assert not entry.rules.problems  # the engine compiled every official rule
        assert _verdict(_compiled(own, tree), tree, doc.file_name) == (True, Counter())
        wrong = _verdict(entry, tree, "renamed.xml")[1]
        assert [code for code, _ in wrong.elements()] == ["0400400007"]  # the official rule: file name = ИдФайл


@pytest.mark.parametrize("own", sorted(PAIRS))
def test_own_schema_has_the_official_structure_and_value_spaces(own: str) -> None:
    official = require(FNS_XSD / PAIRS[own])
    probes = probe_strings(_PROBES.split("|"), _LENGTHS)
    assert assert_same_structure(official, OWN / own, probes) >= 30


def test_own_and_official_schemas_agree_on_single_defect_mutants() -> None:
    own, official = _registries()
    checked, rejected, disagreements = 0, 0, []
    for number, doc in enumerate(_documents()):
        base = etree.ElementTree(etree.fromstring(primary_to_xml(doc)))
        for what, mutant in mutants(base.getroot(), MUTANTS_PER_DOCUMENT, seed=number):
            tree = etree.ElementTree(mutant)
            ours = _verdict(_compiled(own, base), tree, doc.file_name)
            theirs = _verdict(_compiled(official, base), tree, doc.file_name)
            checked += 1
            rejected += not theirs[0]
            if ours != theirs:
                disagreements.append(f"{doc.file_name}: {what}: own={ours} official={theirs}")
    assert checked >= 500
    assert rejected >= 150, "the mutations must really produce invalid documents"
    assert disagreements == []


def test_the_official_files_are_the_ones_the_registry_picks() -> None:
    _, official = _registries()
    ids = {entry.id for entry in official.entries}
    assert {Path(p).stem for p in PAIRS.values()} <= ids


def test_own_schemas_document_every_declaration_and_use_every_named_type() -> None:
    files = [OWN / "primary-5.01" / "primary-common.xsd", *(OWN / own for own in PAIRS)]
    named: set[str] = set()
    used: set[str] = set()
    for path in files:
        assert undocumented(path) == [], path
        root = etree.parse(str(path)).getroot()
        named |= {str(t.get("name")) for t in root.xpath("xs:simpleType | xs:complexType | xs:attributeGroup",
                                                         namespaces=NS)}
        used |= {str(v) for v in root.xpath("//@type | //@base | //xs:attributeGroup/@ref", namespaces=NS)}
    assert named - used == set()

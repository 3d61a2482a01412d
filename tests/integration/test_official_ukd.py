"""УКД 5.01 against the official FNS seller schema (test oracle in ../shared, read in place).

* every sample and every УКД built from JSON or from an original УПД is valid against the
  official XSD and its embedded rules (run by the project's rules engine);
* the project's own schema has the official structure (parallel walk: elements, attributes,
  order, cardinalities, value spaces) and the official rules with the same codes;
* over single-defect mutants (tests/corpus.py) both schemas give the same XSD verdict and the
  same rule failures (code, line): zero disagreements.

The buyer's title has no official XSD among the oracles; its own schema is checked in
tests/unit/documents/test_ukd_xml.py.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from functools import cache

import pytest
from lxml import etree

from edo_app.documents import sample_ukd, ukd_from_json, ukd_to_xml
from edo_app.schemas import SchemaRegistry
from edo_app.schemas.registry import CompiledSchema
from tests.corpus import mutants
from tests.oracles import FNS_XSD, PROJECT, require
from tests.xsd_agreement import SCH, USCH, active_asserts, assert_same_structure, probe_strings, undocumented, xsd_tree

UKD_DIR = FNS_XSD / "ukd-5.01"
OFFICIAL = UKD_DIR / "ON_NKORSCHFDOPPR_1_996_03_05_01_02.xsd"
OWN = PROJECT / "xsd" / "ukd-5.01" / "ukd-seller.xsd"
OWN_BUYER = PROJECT / "xsd" / "ukd-5.01" / "ukd-buyer.xsd"
FUNCTIONS = ("КСЧФ", "КСЧФДИС", "ДИС")
MUTANTS_PER_DOCUMENT = 30
PROBE_TEXT = ("5.01|5.02|1115133|1115131|КСЧФ|КСЧФДИС|ДИС|СвИСРК|СвИСЗК|СЧФ|0|1|2|3|4|5|6|0%|10%|18%|20%|22%|10/110|"
              "18/118|20/120|22/122|без НДС|без акциза|НДС исчисляется налоговым агентом|7704128930|0004128930|"
              "771924681325|001924681325|770401001|7704AB001|770401A01|123456789|01.01.2026|31.02.2026|30.02.2026|"
              "31.12.2099|01.01.2100|12.30.59|24.00.00|23.60.00|643|64|6430|796|0796|79|1.5|-1|0.001|"
              "12345678901234567.89|123456789012345678.9|1.123456789012|999999|1000000|999|1000|1.00| 12")
PROBE_LENGTHS = (1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 19, 20, 21, 25, 26, 29, 30, 35, 36, 37, 40, 41, 46, 47, 50, 51, 60,
                 61, 100, 101, 120, 121, 128, 129, 255, 256, 1000, 1001, 2000, 2001)


@cache
def _schemas() -> tuple[SchemaRegistry, SchemaRegistry]:
    require(OFFICIAL)
    return SchemaRegistry(), SchemaRegistry(None, [UKD_DIR])


def _compiled(registry: SchemaRegistry, tree: etree._ElementTree) -> CompiledSchema:
    (entry,) = registry.find(tree)
    return registry.compiled(entry)


def _verdict(compiled: CompiledSchema, tree: etree._ElementTree, name: str) -> tuple[bool, Counter[tuple[str, int]]]:
    assert compiled.rules is not None
    rules = Counter((i.code, i.line or 0) for i in compiled.rules.check(tree, name.removesuffix(".xml")))
    return not compiled.xsd_errors(tree), rules


def _documents() -> Iterator[tuple[str, bytes]]:
    for seed in range(12):
        doc = sample_ukd(FUNCTIONS[seed % 3], lines=1 + seed * 2, seed=seed, invoices=1 + seed % 3)
        yield doc.file_name, ukd_to_xml(doc)
    for name in ("ukd-ksfdis.json", "ukd-ksf.json"):
        doc = ukd_from_json(json.loads((PROJECT / "resources" / "samples" / name).read_text(encoding="utf-8")))
        yield doc.file_name, ukd_to_xml(doc)


@pytest.mark.oracle
def test_every_built_ukd_passes_the_official_schema_and_rules() -> None:
    _, official = _schemas()
    plain = etree.XMLSchema(etree.parse(str(OFFICIAL)))
    for name, data in _documents():
        tree = etree.ElementTree(etree.fromstring(data))
        assert plain.validate(tree), (name, str(plain.error_log))
        assert _verdict(_compiled(official, tree), tree, name) == (True, Counter()), name


@pytest.mark.oracle
def test_own_schema_has_the_official_structure() -> None:
    probes = probe_strings(PROBE_TEXT.split("|"), PROBE_LENGTHS)
    assert assert_same_structure(require(OFFICIAL), OWN, probes, roots=["Файл"]) >= 100
    assert undocumented(OWN) == [] and undocumented(OWN_BUYER) == []


@pytest.mark.oracle
def test_own_schema_carries_the_official_rules() -> None:
    def codes(path: object) -> Counter[tuple[str, str]]:
        tree = xsd_tree(path)  # type: ignore[arg-type]
        return Counter((a.getparent().get("context"), a.find(f"{{{USCH}}}error").get("code"))
                       for a in active_asserts(tree) if a.getparent().tag == f"{{{SCH}}}rule")

    assert codes(OWN) == codes(require(OFFICIAL))


@pytest.mark.oracle
def test_own_and_official_schemas_agree_on_single_defect_mutants() -> None:
    own, official = _schemas()
    checked, rejected, disagreements = 0, 0, []
    for number, (name, data) in enumerate(_documents()):
        base = etree.ElementTree(etree.fromstring(data))
        for what, mutant in mutants(base.getroot(), MUTANTS_PER_DOCUMENT, seed=number):
            tree = etree.ElementTree(mutant)
            ours = _verdict(_compiled(own, base), tree, name)
            theirs = _verdict(_compiled(official, base), tree, name)
            checked += 1
            rejected += not (theirs[0] and not theirs[1])
            if ours != theirs:
                disagreements.append(f"{name}: {what}: own={ours} official={theirs}")
    assert checked >= 300
    assert rejected >= 100, "the mutations must really produce invalid documents"
    assert disagreements == []

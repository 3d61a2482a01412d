"""ЭТрН 5.01 titles 01/02/03/04/05/06 against the official FNS schemas (oracles in ../shared, skipped when absent).

* every sample (each title, accepted and refused, several seeds) and every title built from the
  example JSONs is valid for the official XSD of its title (plain lxml), and the official embedded
  rules, run by the project's rule engine, find nothing;
* the project's own schemas describe a part of the official ones: every element and attribute they
  name exists in the official schema of the same title, and they accept the same documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from edo_app.documents import (
    EtrnAny,
    etrn_from_json,
    etrn_to_xml,
    sample_etrn_change,
    sample_etrn_readdress,
    sample_etrn_title,
)
from edo_app.schemas import SchemaRegistry, validate_bytes
from tests.integration.etrn_oracle import (
    assert_names_only_official,
    assert_valid_for_the_official_schema,
    lenient_mutants_checked,
)
from tests.oracles import PROJECT

pytestmark = pytest.mark.oracle

PAIRS = {  # own file -> official file
    "etrn-shipper.xsd": "ON_TRNACLGROT_1_973_01_05_01_02.xsd",
    "etrn-carrier-accept.xsd": "ON_TRNACLPPRIN_1_973_02_05_01_01.xsd",
    "etrn-consignee.xsd": "ON_TRNACLGRPO_1_973_05_05_01_01.xsd",
    "etrn-carrier-handover.xsd": "ON_TRNACLPVYN_1_973_06_05_01_01.xsd",
    "etrn-change.xsd": "ON_TRNZAMEN_1_973_04_05_01_01.xsd",
    "etrn-readdress.xsd": "ON_TRNPEREADR_1_973_03_05_01_01.xsd",
}
SAMPLES = PROJECT / "resources" / "samples"


def _documents() -> Iterator[EtrnAny]:
    for seed in range(6):
        yield sample_etrn_change(seed)  # title 04: a new driver, and a new vehicle every other seed
        yield sample_etrn_readdress(seed)  # title 03: a new unloading place, and a new consignee every other seed
        for step in ("1", "2", "5", "6"):
            yield sample_etrn_title(step, seed)
        yield sample_etrn_title("5", seed, accepted=False)
    for name in ("etrn-waybill.json", "etrn-carrier-accept.json", "etrn-consignee-refusal.json"):
        yield etrn_from_json(json.loads((SAMPLES / name).read_text(encoding="utf-8")))


DOCUMENTS = list(_documents())


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[f"{d.file_id.prefix}-{i}" for i, d in enumerate(DOCUMENTS)])
def test_built_titles_are_valid_for_the_official_schema_and_its_rules(doc: EtrnAny) -> None:
    assert_valid_for_the_official_schema(etrn_to_xml(doc), doc.file_id.prefix, doc.file_name)


@pytest.mark.parametrize(("own", "official"), PAIRS.items())
def test_own_schemas_name_only_what_the_official_ones_have(own: str, official: str) -> None:
    """Per title for its own file; the shared etrn-common.xsd against all the paired official files."""
    assert_names_only_official(own, official, "etrn-common.xsd", PAIRS)


def test_own_and_official_schemas_accept_the_same_built_titles() -> None:
    own = SchemaRegistry()
    for doc in DOCUMENTS:
        report = validate_bytes(etrn_to_xml(doc), doc.file_name, own)
        assert report.ok, [i.describe() for i in report.issues]


@pytest.mark.parametrize("step", ["1", "2", "3", "4", "5", "6"])
def test_what_the_own_schema_accepts_the_official_one_accepts_too(step: str) -> None:
    """On single-defect mutants of built titles the own schema is never more lenient than the official
    one: the own schemas model a part of the format and are stricter where the program writes one
    value only (e.g. ГОЭксп 0, НалКоорТочВр… 1), never looser."""
    checked = 0
    for seed in range(3):
        doc = _own_title(step, seed)
        checked += lenient_mutants_checked(etrn_to_xml(doc), doc.file_id.prefix, PAIRS, seed)
    assert checked > 0


def _own_title(step: str, seed: int) -> EtrnAny:
    if step == "3":
        return sample_etrn_readdress(seed)
    return sample_etrn_change(seed) if step == "4" else sample_etrn_title(step, seed)

"""ЭТрН 5.01 titles 07/08 against the official FNS schemas (oracles in ../shared, skipped when absent).

* every sample of title 07 and 08 (several seeds, with and without a third-party payer) is valid for
  the official XSD of its title (plain lxml), and the official embedded rules, run by the project's
  rule engine, find nothing;
* the project's own schemas name only what the official ones have and accept the same documents;
  on single-defect mutants the own schema is never more lenient than the official one.
"""

from __future__ import annotations

import pytest

from edo_app.documents.etrn_pud import EtrnPud
from edo_app.documents.etrn_pud_flow import sample_pud
from edo_app.documents.etrn_pud_xml import pud_to_xml
from edo_app.schemas import SchemaRegistry, validate_bytes
from tests.integration.etrn_oracle import (
    assert_names_only_official,
    assert_valid_for_the_official_schema,
    lenient_mutants_checked,
)

pytestmark = pytest.mark.oracle

PAIRS = {  # own file -> official file
    "etrn-pud-carrier.xsd": "ON_TRNPUDPER_1_973_07_05_01_03.xsd",
    "etrn-pud-shipper.xsd": "ON_TRNPUDGO_1_973_08_05_01_01.xsd",
}
DOCUMENTS: list[EtrnPud] = [sample_pud(step, seed, payer=payer)
                            for seed in range(4) for step in ("7", "8") for payer in (False, True)]


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[f"{d.file_id.prefix}-{i}" for i, d in enumerate(DOCUMENTS)])
def test_built_titles_are_valid_for_the_official_schema_and_its_rules(doc: EtrnPud) -> None:
    assert_valid_for_the_official_schema(pud_to_xml(doc), doc.file_id.prefix, doc.file_name)


@pytest.mark.parametrize(("own", "official"), PAIRS.items())
def test_own_schemas_name_only_what_the_official_ones_have(own: str, official: str) -> None:
    """Per title for its own file; the shared etrn-pud-common.xsd against both official files."""
    assert_names_only_official(own, official, "etrn-pud-common.xsd", PAIRS)


def test_own_and_official_schemas_accept_the_same_built_titles() -> None:
    own = SchemaRegistry()
    for doc in DOCUMENTS:
        report = validate_bytes(pud_to_xml(doc), doc.file_name, own)
        assert report.ok, [i.describe() for i in report.issues]
        assert report.schema_id is not None and report.schema_id.startswith("etrn-5.01-pud")


@pytest.mark.parametrize("step", ["7", "8"])
def test_what_the_own_schema_accepts_the_official_one_accepts_too(step: str) -> None:
    checked = 0
    for seed in range(3):
        doc = sample_pud(step, seed, payer=True)
        checked += lenient_mutants_checked(pud_to_xml(doc), doc.file_id.prefix, PAIRS, seed)
    assert checked > 0

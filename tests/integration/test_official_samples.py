"""The operator-generated УПД 5.01/5.02 samples in ../shared through the whole pipeline.

They pass the official XSDs and the rules embedded in them. Their amounts are demo data
that do not add up, which the business checks (no schema states them) must point out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from edo_app.documents import summarize
from edo_app.model.kinds import DocumentKind
from edo_app.model.report import Source
from edo_app.schemas import SchemaRegistry, validate_bytes
from edo_app.xmlio import parse_bytes
from tests.oracles import FNS_XSD, require

SAMPLES = [
    ("upd-5.01", "generate_utd820_05_01_02_hyphen_title0_resp.xml", set()),
    ("upd-5.01", "generate_utd820_05_01_02_hyphen_title1_resp.xml", set()),
    ("upd-5.02", "generate_utd970_05_02_01_title0_resp.xml", {"biz.line.cost", "biz.line.tax", "biz.line.total",
                                                             "biz.total.cost", "biz.total.tax", "biz.total.total"}),
    ("upd-5.02", "generate_utd970_05_02_01_title1_resp.xml", set()),
]


@pytest.mark.oracle
@pytest.mark.parametrize(("version", "name", "business"), SAMPLES)
def test_official_samples_pass_schema_and_rules(version: str, name: str, business: set[str]) -> None:
    path: Path = require(FNS_XSD / version / "samples" / name)
    data = path.read_bytes()
    tree = parse_bytes(data)
    file_id = tree.getroot().get("ИдФайл")
    assert file_id
    report = validate_bytes(data, f"{file_id}.xml", SchemaRegistry(None, [FNS_XSD / version]))
    assert report.schema_id.startswith(("ON_NSCHFDOPPR", "ON_NSCHFDOPPOK"))
    assert [i for i in report.issues if i.source is not Source.BUSINESS] == []
    assert {i.code for i in report.errors} == business
    summary = summarize(tree)
    assert summary.kind in (DocumentKind.UPD_SELLER, DocumentKind.UPD_BUYER)
    assert summary.format_version == version.removeprefix("upd-")

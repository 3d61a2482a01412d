"""The УПД case suite: every file in tests/cases/upd/manifest.toml gives exactly its expected codes.

One pytest parameter per manifest line. Cases run against the official FNS schemas (test
oracles in ../shared) and, when the project's own schemas are present, against those too.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from edo_app.errors import XmlInputError
from edo_app.model.report import Report, Source
from edo_app.schemas import SchemaRegistry, validate_file
from edo_app.schemas.registry import PROJECT_XSD_DIR
from tests.oracles import PROJECT, UPD503_BUYER, UPD503_SELLER, require

CASES_DIR = PROJECT / "tests" / "cases" / "upd"
MANIFEST: list[dict[str, Any]] = tomllib.loads((CASES_DIR / "manifest.toml").read_text(encoding="utf-8"))["case"]
KEYS = {"name", "file", "expect", "errors", "warnings", "defect", "note"}
RENAMED = {"rule-file-name"}  # the defect is the file name itself


@functools.cache
def official() -> SchemaRegistry:
    return SchemaRegistry(None, [require(UPD503_SELLER).parent])


@functools.cache
def own() -> SchemaRegistry:
    if not (PROJECT_XSD_DIR / "manifest.toml").exists():
        pytest.skip("the project's own schemas (xsd/manifest.toml) are not written yet")
    return SchemaRegistry()


def run(case: dict[str, Any], registry: SchemaRegistry) -> None:
    path = CASES_DIR / case["file"]
    if case["expect"] == "unreadable":
        with pytest.raises(XmlInputError):
            validate_file(path, registry)
        return
    report = validate_file(path, registry)
    assert found(report) == (set(case.get("errors", [])), set(case.get("warnings", []))), described(report)
    assert report.ok is (case["expect"] == "valid")


def found(report: Report) -> tuple[set[str], set[str]]:
    warnings = {i.code for i in report.warnings if i.source is not Source.ENGINE}  # engine notes don't count
    return {i.code for i in report.errors}, warnings


def described(report: Report) -> list[str]:
    return [f"{i.severity.value} {i.source.value} {i.describe()}" for i in report.issues]


@pytest.mark.oracle
@pytest.mark.parametrize("case", MANIFEST, ids=[c["name"] for c in MANIFEST])
def test_case_against_official_schemas(case: dict[str, Any]) -> None:
    run(case, official())


@pytest.mark.parametrize("case", MANIFEST, ids=[c["name"] for c in MANIFEST])
def test_case_against_the_projects_own_schemas(case: dict[str, Any]) -> None:
    run(case, own())


# --- the suite itself ---------------------------------------------------------------------


def test_manifest_lists_every_file_once_with_known_fields() -> None:
    listed = [c["file"] for c in MANIFEST]
    on_disk = sorted(str(p.relative_to(CASES_DIR)) for p in CASES_DIR.glob("*/*.xml"))
    assert sorted(listed) == on_disk
    assert len({c["name"] for c in MANIFEST}) == len(MANIFEST)
    for case in MANIFEST:
        assert set(case) <= KEYS and {"name", "file", "expect"} <= set(case), case["name"]
        assert ("note" if case["expect"] == "valid" else "defect") in case, case["name"]
        assert case["expect"] in {"valid", "invalid", "unreadable"}
        assert bool(case.get("errors")) is (case["expect"] == "invalid"), case["name"]
        assert case["file"].startswith("valid/" if case["expect"] == "valid" else "invalid/")


def test_the_suite_is_big_enough() -> None:
    count = {kind: sum(c["expect"] == kind for c in MANIFEST) for kind in ("valid", "invalid", "unreadable")}
    assert count["valid"] >= 4 and count["invalid"] >= 15 and count["unreadable"] >= 5
    listed = {code for c in MANIFEST for code in c.get("errors", []) + c.get("warnings", [])}
    business = {"biz.inn", "biz.kpp", "biz.ogrn", "biz.line.cost", "biz.line.tax", "biz.line.total",
                "biz.total.cost", "biz.total.tax", "biz.total.total", "biz.total.qty", "biz.date"}
    assert business <= listed  # biz.snils: УПД carries no СНИЛС (unit tests cover it)
    assert {"0400400007", "0400300003", "format.unsupported"} <= listed


@pytest.mark.parametrize("case", [c for c in MANIFEST if c["expect"] != "unreadable"], ids=lambda c: c["name"])
def test_files_are_windows_1251_named_by_their_id(case: dict[str, Any]) -> None:
    path = CASES_DIR / case["file"]
    data = path.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="windows-1251"?>')
    root = etree.fromstring(data)
    if case["name"] not in RENAMED:
        assert path.stem == root.get("ИдФайл")


def _xsd_defect(case: dict[str, Any]) -> bool:
    return any(code.startswith(("xsd", "format")) for code in case.get("errors", []))


@pytest.mark.oracle
@pytest.mark.parametrize(
    "case",
    [c for c in MANIFEST if c["expect"] != "unreadable" and not _xsd_defect(c)],
    ids=lambda c: c["name"],
)
def test_files_without_xsd_defects_are_valid_for_plain_lxml(case: dict[str, Any]) -> None:
    """An independent check: lxml alone, with the official XSD, accepts every such file."""
    tree = etree.parse(str(CASES_DIR / case["file"]))
    xsd_path: Path = UPD503_BUYER if "NSCHFDOPPOK" in (tree.getroot().get("ИдФайл") or "") else UPD503_SELLER
    schema = etree.XMLSchema(etree.parse(str(require(xsd_path))))
    assert schema.validate(tree), [e.message for e in schema.error_log]

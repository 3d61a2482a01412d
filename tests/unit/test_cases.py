"""The case suites: every file in tests/cases/<kind>/manifest.toml gives exactly its expected codes.

Each suite (УПД, МЧД ...) is a folder with a manifest: a ``[suite]`` table that says what the
runner needs (encoding, folder of the official XSDs, coverage it must reach) and one
``[[case]]`` per file. One pytest parameter per (suite, case). Cases run against the official
FNS schemas (test oracles in ../shared) and, when present, against the project's own schemas.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from edo_app.errors import XmlInputError
from edo_app.model.report import Report, Source
from edo_app.schemas import SchemaRegistry, validate_file
from edo_app.schemas.registry import PROJECT_XSD_DIR
from tests.oracles import FNS_XSD, PROJECT, require

CASES_ROOT = PROJECT / "tests" / "cases"
CASE_KEYS = {"name", "file", "expect", "errors", "official_errors", "warnings", "defect", "note"}
SUITE_KEYS = {"kind", "encoding", "official_dir", "min_valid", "min_invalid", "min_unreadable",
              "business_codes", "required_codes", "renamed"}
ENCODINGS = {"windows-1251", "utf-8"}
_DECLARATION = re.compile(rb'^<\?xml version="1\.0" encoding="([^"]+)"\?>')

Case = dict[str, Any]


@dataclass(frozen=True)
class Suite:
    """One folder of cases and what its manifest's [suite] table says about it."""

    folder: Path
    header: dict[str, Any]
    cases: tuple[Case, ...]

    @property
    def kind(self) -> str:
        return str(self.header["kind"])

    @property
    def official_dir(self) -> Path:
        return FNS_XSD / str(self.header["official_dir"])

    def codes(self, key: str) -> set[str]:
        return set(self.header.get(key, []))


def _load(manifest: Path) -> Suite:
    raw = tomllib.loads(manifest.read_text(encoding="utf-8"))
    return Suite(manifest.parent, raw.get("suite", {}), tuple(raw.get("case", [])))


SUITES: tuple[Suite, ...] = tuple(_load(p) for p in sorted(CASES_ROOT.glob("*/manifest.toml")))
PAIRS: list[tuple[Suite, Case]] = [(s, c) for s in SUITES for c in s.cases]


def _pairs(keep: Callable[[Case], bool] | None = None, *, official_only: bool = False) -> pytest.MarkDecorator:
    """pytest parameters: one per (suite, case), id ``kind/name``; ``keep`` filters them;
    ``official_only`` keeps the suites of formats that have an official schema."""
    chosen = [(s, c) for s, c in PAIRS if (keep is None or keep(c)) and (s.header["official_dir"] or not official_only)]
    return pytest.mark.parametrize(("suite", "case"), chosen, ids=[f"{s.kind}/{c['name']}" for s, c in chosen])


def _suites() -> pytest.MarkDecorator:
    return pytest.mark.parametrize("suite", SUITES, ids=[s.kind for s in SUITES])


@functools.cache
def official(folder: Path) -> SchemaRegistry:
    return SchemaRegistry(None, [require(folder)])


@functools.cache
def own() -> SchemaRegistry:
    if not (PROJECT_XSD_DIR / "manifest.toml").exists():
        pytest.skip("the project's own schemas (xsd/manifest.toml) are not written yet")
    return SchemaRegistry()


def run(suite: Suite, case: Case, registry: SchemaRegistry, errors: list[str]) -> None:
    path = suite.folder / case["file"]
    if case["expect"] == "unreadable":
        with pytest.raises(XmlInputError):
            validate_file(path, registry)
        return
    report = validate_file(path, registry)
    assert found(report) == (set(errors), set(case.get("warnings", []))), described(report)
    assert report.ok is (not errors)


def expected(case: Case, key: str) -> list[str]:
    """Error codes of ``key``; ``official_errors`` falls back to ``errors`` when absent."""
    codes = case[key] if key in case else case.get("errors") or []
    return [str(code) for code in codes]


def found(report: Report) -> tuple[set[str], set[str]]:
    warnings = {i.code for i in report.warnings if i.source is not Source.ENGINE}  # engine notes don't count
    return {i.code for i in report.errors}, warnings


def described(report: Report) -> list[str]:
    return [f"{i.severity.value} {i.source.value} {i.describe()}" for i in report.issues]


@pytest.mark.oracle
@_pairs(official_only=True)
def test_case_against_official_schemas(suite: Suite, case: Case) -> None:
    """The official XSDs carry fewer rules than the project's: ``official_errors`` says what they see."""
    run(suite, case, official(suite.official_dir), expected(case, "official_errors"))


@_pairs()
def test_case_against_the_projects_own_schemas(suite: Suite, case: Case) -> None:
    run(suite, case, own(), expected(case, "errors"))


# --- the suites themselves ----------------------------------------------------------------


def test_every_case_folder_is_a_suite() -> None:
    folders = {p.parent.parent.name for p in CASES_ROOT.glob("*/*/*.xml")}
    assert folders <= {s.folder.name for s in SUITES}
    assert {"upd", "poa"} <= {s.kind for s in SUITES}


@_suites()
def test_suite_header_is_complete(suite: Suite) -> None:
    header = suite.header
    assert set(header) == SUITE_KEYS, sorted(set(header) ^ SUITE_KEYS)
    assert header["kind"] == suite.folder.name
    assert header["encoding"] in ENCODINGS
    if header["official_dir"]:  # empty: a format with no official schema (the project's own, e.g. HR)
        assert suite.official_dir.parent == FNS_XSD
        assert str(header["official_dir"]).strip("./") == header["official_dir"]
    assert suite.codes("renamed") <= {c["name"] for c in suite.cases}


@_suites()
def test_manifest_lists_every_file_once_with_known_fields(suite: Suite) -> None:
    listed = [c["file"] for c in suite.cases]
    on_disk = sorted(str(p.relative_to(suite.folder)) for p in suite.folder.glob("*/*.xml"))
    assert sorted(listed) == on_disk
    assert len({c["name"] for c in suite.cases}) == len(suite.cases)
    for case in suite.cases:
        _check_fields(case)


def _check_fields(case: Case) -> None:
    name = case["name"]
    assert set(case) <= CASE_KEYS and {"name", "file", "expect"} <= set(case), name
    assert ("note" if case["expect"] == "valid" else "defect") in case, name
    assert case["expect"] in {"valid", "invalid", "unreadable"}, name
    assert bool(case.get("errors")) is (case["expect"] == "invalid"), name
    assert case["file"].startswith("valid/" if case["expect"] == "valid" else "invalid/"), name
    if "official_errors" in case:  # only where the official run really differs
        assert case["expect"] == "invalid" and set(case["official_errors"]) != set(case["errors"]), name


@_suites()
def test_the_suite_is_big_enough(suite: Suite) -> None:
    count = {kind: sum(c["expect"] == kind for c in suite.cases) for kind in ("valid", "invalid", "unreadable")}
    assert all(count[kind] >= suite.header[f"min_{kind}"] for kind in count), count
    listed = {code for c in suite.cases for code in c.get("errors", []) + c.get("warnings", [])}
    assert suite.codes("business_codes") <= listed, sorted(suite.codes("business_codes") - listed)
    assert suite.codes("required_codes") <= listed, sorted(suite.codes("required_codes") - listed)


@_pairs(lambda c: c["expect"] != "unreadable")
def test_files_are_in_the_suites_encoding_named_by_their_id(suite: Suite, case: Case) -> None:
    path = suite.folder / case["file"]
    data = path.read_bytes()
    declared = _DECLARATION.match(data)
    assert declared is not None and declared.group(1).decode().lower() == suite.header["encoding"]
    data.decode(suite.header["encoding"])  # the bytes really are in it
    root = etree.fromstring(data)
    if case["name"] not in suite.codes("renamed"):
        assert path.stem == root.get("ИдФайл")


def _xsd_defect(case: Case) -> bool:
    return any(code.startswith(("xsd", "format")) for code in case.get("errors", []))


def official_xsd(suite: Suite, root: etree._Element) -> Path:
    """The official XSD for this document: FNS names it after the ИдФайл prefix (ON_EMCHD_1_...)."""
    prefix = "_".join((root.get("ИдФайл") or "").split("_")[:2])
    found = sorted(require(suite.official_dir).glob(f"{prefix}_1_*.xsd"))
    assert found, f"no official XSD for {prefix!r} in {suite.official_dir}"
    return found[-1]  # the newest revision, as the registry picks it


@pytest.mark.oracle
@_pairs(lambda c: c["expect"] != "unreadable" and not _xsd_defect(c), official_only=True)
def test_files_without_xsd_defects_are_valid_for_plain_lxml(suite: Suite, case: Case) -> None:
    """An independent check: lxml alone, with the official XSD, accepts every such file."""
    tree = etree.parse(str(suite.folder / case["file"]))
    schema = etree.XMLSchema(etree.parse(str(official_xsd(suite, tree.getroot()))))
    assert schema.validate(tree), str(schema.error_log)

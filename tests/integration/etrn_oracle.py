"""What the ЭТрН oracle tests share (test_official_etrn*.py): the official schemas of ../shared,
the check that a built title is valid for them, and the check that an own schema names only what
the official ones have."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from lxml import etree

from edo_app.schemas import SchemaRegistry, validate_bytes
from tests.corpus import mutants
from tests.oracles import FNS_XSD, PROJECT, require
from tests.xsd_agreement import NS

OFFICIAL_DIR = FNS_XSD / "etrn-5.01"
OWN = PROJECT / "xsd" / "etrn-5.01"


@cache
def official_schema(prefix: str) -> etree.XMLSchema:
    """The newest official XSD of a title, by its ИдФайл prefix."""
    found = sorted(require(OFFICIAL_DIR).glob(f"{prefix}_1_*.xsd"))
    assert found, prefix
    return etree.XMLSchema(etree.parse(str(found[-1])))


@cache
def official_registry() -> SchemaRegistry:
    return SchemaRegistry(None, [require(OFFICIAL_DIR)])


def assert_valid_for_the_official_schema(data: bytes, prefix: str, file_name: str) -> None:
    """Plain lxml with the official XSD, then the official embedded rules by the project's engine."""
    schema = official_schema(prefix)
    assert schema.validate(etree.fromstring(data)), str(schema.error_log)
    report = validate_bytes(data, file_name, official_registry())
    assert report.ok and not report.warnings, [i.describe() for i in report.issues]
    assert report.schema_id is not None and prefix in report.schema_id


def names(path: Path, kind: str) -> set[str]:
    found = etree.parse(str(path)).xpath(f"//xs:{kind}/@name", namespaces=NS)
    assert isinstance(found, list)
    return {str(n) for n in found}


def assert_names_only_official(own: str, official: str, common: str, pairs: Mapping[str, str]) -> None:
    """``own`` against its official file; the shared ``common`` against every paired official file."""
    official_path = require(OFFICIAL_DIR / official)
    for kind in ("element", "attribute"):
        assert names(OWN / own, kind) - names(official_path, kind) == set()
        every = set().union(*(names(OFFICIAL_DIR / name, kind) for name in pairs.values()))
        assert names(OWN / common, kind) - every == set()


def lenient_mutants_checked(data: bytes, prefix: str, pairs: Mapping[str, str], seed: int) -> int:
    """Single-defect mutants of a built title: whatever the own schema of its title accepts, the
    official schema accepts too (the own one is never more lenient). Returns how many were checked."""
    official = official_schema(prefix)
    own_file = next(own for own, off in pairs.items() if off.startswith(prefix + "_1_"))
    own = etree.XMLSchema(etree.parse(str(OWN / own_file)))
    checked = 0
    for description, mutant in mutants(etree.fromstring(data), 40, seed):
        if own.validate(mutant):
            assert official.validate(mutant), (description, str(official.error_log))
            checked += 1
    return checked

"""XSD and rules run on worker threads beside the business checks: results must not depend on it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from edo_app.errors import XmlInputError
from edo_app.schemas import SchemaRegistry, validate_file
from edo_app.xmlio import read_file
from tests.oracles import PROJECT


def _readable(path: Path) -> bool:
    try:
        read_file(path)
    except XmlInputError:
        return False
    return True


def test_concurrent_validation_gives_the_sequential_reports() -> None:
    files = [p for p in sorted((PROJECT / "tests" / "cases" / "upd").rglob("*.xml")) if _readable(p)]
    assert len(files) >= 20
    registry = SchemaRegistry()
    expected = {path: validate_file(path, registry) for path in files}
    assert any(not r.ok for r in expected.values()) and any(r.ok for r in expected.values())
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(3):
            got = dict(zip(files, pool.map(lambda p: validate_file(p, registry), files), strict=True))
            assert got == expected

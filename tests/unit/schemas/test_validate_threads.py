"""XSD and rules run on worker threads beside the business checks: results must not depend on it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from edo_app.documents import sample_upd, to_xml
from edo_app.errors import XmlInputError
from edo_app.schemas import SchemaRegistry, validate_file, validate_tree
from edo_app.xmlio import parse_bytes, read_file
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


def test_worker_threads_and_inline_give_the_same_report() -> None:
    big = sample_upd("СЧФДОП", lines=2000)
    clean = parse_bytes(to_xml(big), name=big.file_name)
    broken = parse_bytes(to_xml(big), name=big.file_name)
    line = broken.getroot().find(".//СведТов")
    assert line is not None
    del line.attrib["НаимТов"]  # a structure error for the XSD
    line.set("СтТовУчНал", "1.00")  # an arithmetic error for the business checks
    for tree in (clean, broken):
        inline = validate_tree(tree, big.file_name, parallel=False)
        assert validate_tree(tree, big.file_name, parallel=True) == inline
    assert not validate_tree(broken, big.file_name).ok

"""The library service: only valid files are stored, each once, with an audit entry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.documents import file_name, sample_upd, to_xml
from edo_app.errors import StorageError, XmlInputError
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.services import Changes, DocumentQuery, Services


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(tmp_path / "data")
    yield opened
    opened.close()


def _write(tmp_path: Path, seed: int = 1) -> Path:
    doc = sample_upd("СЧФДОП", lines=2, seed=seed)
    path = tmp_path / file_name(doc)
    path.write_bytes(to_xml(doc))
    return path


def test_valid_file_is_stored_once_and_published(services: Services, tmp_path: Path) -> None:
    seen: list[Changes] = []
    services.events.subscribe(seen.append)
    result = services.library.import_file(_write(tmp_path))
    assert result.stored and result.report.ok
    assert seen == [Changes(documents_added=(result.document_id,))]
    [row] = services.library.list_documents(DocumentQuery())
    assert row.kind is DocumentKind.UPD_SELLER and row.status is DocumentStatus.RECEIVED
    stored = services.library.get(row.id)
    assert stored.content == _write(tmp_path).read_bytes()
    assert [e.action for e in services.library.history(row.id)]


def test_duplicate_import_is_refused_and_adds_nothing(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path)
    services.library.import_file(path)
    with pytest.raises(StorageError):
        services.library.import_file(path)
    assert services.library.count(DocumentQuery()) == 1


def test_invalid_file_is_reported_not_stored(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path)
    renamed = tmp_path / "other-name.xml"
    renamed.write_bytes(path.read_bytes())
    result = services.library.import_file(renamed, Direction.OUTGOING)
    assert not result.stored and not result.report.ok
    assert {i.code for i in result.report.errors} == {"0400400007"}
    assert services.library.count(DocumentQuery()) == 0


def test_unreadable_file_raises_and_stores_nothing(services: Services, tmp_path: Path) -> None:
    junk = tmp_path / "junk.xml"
    junk.write_bytes(b"\x00\x01garbage")
    with pytest.raises(XmlInputError):
        services.library.import_file(junk)
    assert services.library.count(DocumentQuery()) == 0


def test_check_file_does_not_store(services: Services, tmp_path: Path) -> None:
    assert services.library.check_file(_write(tmp_path)).ok
    assert services.library.count(DocumentQuery()) == 0

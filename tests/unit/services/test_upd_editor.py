"""Drafts of the УПД editor and forming a document from its JSON input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from edo_app.errors import InputError, StorageError
from edo_app.model.kinds import Direction
from edo_app.services import DocumentQuery, Services
from edo_app.services.drafts import read_json
from edo_app.services.upd_editor import DRAFTS_DIR

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "samples" / "upd-schfdop.json"


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(tmp_path / "data")
    yield opened
    opened.close()


def test_a_partial_draft_is_kept_as_typed(services: Services) -> None:
    editor = services.upd_editor
    guid = editor.save_draft({"function": "СЧФ", "number": "", "lines": [{"name": "Бумага", "quantity": "x"}]})
    again = editor.save_draft({"function": "СЧФ", "number": "7", "file": {"guid": guid}})
    assert again == guid  # the same document keeps one draft
    draft = editor.open_draft(guid)
    assert draft.data == {"function": "СЧФ", "number": "7", "file": {"guid": guid}}
    assert [(d.guid, d.number) for d in editor.drafts()] == [(guid, "7")]
    check = editor.check(draft.data)
    assert not check.ok and ("date", "обязательное поле не заполнено") in check.problems
    editor.delete_draft(guid)
    assert editor.drafts() == []


def test_bad_draft_names_and_files_are_refused(services: Services) -> None:
    editor = services.upd_editor
    with pytest.raises(InputError, match="идентификатором черновика"):
        editor.open_draft("../settings")
    with pytest.raises(StorageError, match="не найден"):
        editor.open_draft("6f1c2b9e-4a57-4d0e-9a3b-1c2d3e4f5a6b")
    folder = services.data_dir / DRAFTS_DIR
    folder.mkdir()
    (folder / "6f1c2b9e-4a57-4d0e-9a3b-1c2d3e4f5a6b.json").write_text("{не json", encoding="utf-8")
    (folder / "0f1c2b9e-4a57-4d0e-9a3b-1c2d3e4f5a6b.json").write_text(json.dumps({"input": {}}), encoding="utf-8")
    with pytest.raises(InputError, match="повреждён"):
        editor.open_draft("6f1c2b9e-4a57-4d0e-9a3b-1c2d3e4f5a6b")
    with pytest.raises(InputError, match="не является черновиком"):
        editor.open_draft("0f1c2b9e-4a57-4d0e-9a3b-1c2d3e4f5a6b")
    assert editor.drafts() == []  # unreadable files are skipped in the list


def test_forming_stores_the_document_once_and_drops_its_draft(services: Services) -> None:
    data = read_json(SAMPLE)
    editor = services.upd_editor
    guid = editor.save_draft(data)
    result = editor.form(data)
    assert result.document_id is not None and result.check.ok
    stored = services.library.get(result.document_id)
    assert stored.direction is Direction.OUTGOING and stored.summary.file_id == result.check.file_name[:-4]
    assert editor.drafts() == []
    with pytest.raises(StorageError, match="уже есть в базе"):  # the same GUID again: refused, nothing added
        editor.form(data)
    assert services.library.count(DocumentQuery()) == 1
    assert guid in stored.summary.file_id


def test_forming_fills_the_moment_and_the_guid_when_missing(services: Services) -> None:
    data = read_json(SAMPLE)
    del data["created"], data["file"]["guid"]
    check = services.upd_editor.check(data)
    assert check.ok, check.problems
    assert "created" not in data and "guid" not in data["file"]  # the caller's input is left as it was
    assert datetime.now().strftime("%Y%m%d") in check.file_name

"""What the УПД editor needs: check the form's JSON input, keep drafts, form the document.

The form produces the JSON input of ``edo build upd`` (docs/upd-input.md); checking it is
``drafts.build_upd``: field problems come back under their JSON paths (``lines[2].quantity``),
a built document that fails validation comes back as a Report with XPaths.

Drafts. The registry keeps only documents that pass validation, under a unique ИдФайл, so
a half-filled form cannot be a registry row. A draft is therefore the editor's JSON input
itself, saved atomically as ``<data dir>/drafts/<GUID>.json`` (GUID = the future file's
GUID, so one document keeps one draft however often it is saved); it may be incomplete or
invalid. «Сформировать» builds, validates and stores the document as outgoing (status
«Проверен») and only then removes the draft; an invalid form stores nothing.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from edo_app.documents import file_name
from edo_app.errors import InputError, SchemaError, StorageError
from edo_app.fileio import read_bytes, write_atomic
from edo_app.model.kinds import Direction
from edo_app.model.problems import prefixed
from edo_app.model.report import Report
from edo_app.schemas.registry import SchemaRegistry
from edo_app.services.drafts import build_upd
from edo_app.services.library import LibraryService

DRAFTS_DIR = "drafts"
DRAFT_FORMAT = "edo-upd-draft/1"
MAX_DRAFT_BYTES = 64 * 1024 * 1024
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True, slots=True)
class EditorCheck:
    """The verdict on the form: field problems of the input, or the built document's report."""

    problems: tuple[tuple[str, str], ...] = ()
    report: Report | None = None
    file_name: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and self.report is not None and self.report.ok


@dataclass(frozen=True, slots=True)
class FormResult:
    check: EditorCheck
    document_id: int | None = None  # None: nothing was stored


@dataclass(frozen=True, slots=True)
class DraftInfo:
    guid: str
    number: str
    date: str
    buyer: str
    saved_at: datetime


@dataclass(frozen=True, slots=True)
class Draft:
    guid: str
    data: dict[str, Any] = field(default_factory=dict)


def draft_guid(data: dict[str, Any]) -> str:
    """The draft's GUID: the input's file.guid, or a new one written into ``data``."""
    file_part = data.setdefault("file", {})
    if not isinstance(file_part, dict):
        raise InputError("ожидается объект JSON ({...})", "file")
    guid = str(file_part.get("guid") or "")
    if not _GUID.match(guid):
        guid = str(uuid.uuid4())
        file_part["guid"] = guid
    return guid


class UpdEditorService:
    """The УПД's editor service; a subclass serves another kind by overriding the class attributes
    and ``_build_document`` (services.primary_editor: акт, ТОРГ-12)."""

    drafts_folder = DRAFTS_DIR  # relative to the data dir; each kind keeps its drafts apart
    draft_format = DRAFT_FORMAT
    draft_title = "УПД"  # in «файл … не является черновиком УПД»
    buyer_key = "buyer"  # the input's party the drafts list names

    def __init__(self, library: LibraryService, schemas: SchemaRegistry, data_dir: Path,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self._library = library
        self._schemas = schemas
        self._folder = data_dir / self.drafts_folder
        self._clock = clock

    def check(self, data: dict[str, Any]) -> EditorCheck:
        """Build and validate the form's input; nothing is stored."""
        return self._build(self._complete(data))[0]

    def form(self, data: dict[str, Any]) -> FormResult:
        """Build, validate and store as outgoing; the draft of the same GUID goes away."""
        complete = self._complete(data)
        check, content = self._build(complete)
        if content is None:
            return FormResult(check)
        stored = self._library.import_bytes(content, check.file_name, Direction.OUTGOING)
        if stored.document_id is not None:
            self.delete_draft(draft_guid(complete))
        return FormResult(EditorCheck(report=stored.report, file_name=check.file_name), stored.document_id)

    def _build(self, complete: dict[str, Any]) -> tuple[EditorCheck, bytes | None]:
        try:
            name, content, report = self._build_document(complete)
        except SchemaError as exc:
            return EditorCheck(report=exc.report), None
        except InputError as exc:
            return EditorCheck(problems=tuple(prefixed(exc, ""))), None
        return EditorCheck(report=report, file_name=name), content

    def _build_document(self, complete: dict[str, Any]) -> tuple[str, bytes, Report]:
        """The validated document's file name, bytes and report (SchemaError / InputError otherwise)."""
        doc, content, report = build_upd(complete, self._schemas)
        return file_name(doc), content, report

    def save_draft(self, data: dict[str, Any]) -> str:
        """Keep the input as it is (complete or not); returns the draft's GUID."""
        guid = draft_guid(data)
        record = {"format": self.draft_format, "saved_at": self._clock().isoformat(timespec="seconds"), "input": data}
        text = json.dumps(record, ensure_ascii=False, indent=1)
        write_atomic(self._path(guid), text.encode("utf-8"))
        return guid

    def open_draft(self, guid: str) -> Draft:
        record = self._read(self._path(guid))
        return Draft(guid, record["input"])

    def drafts(self) -> list[DraftInfo]:
        """Saved drafts, the newest first; an unreadable file is skipped, not fatal."""
        found: list[DraftInfo] = []
        for path in self._folder.glob("*.json") if self._folder.is_dir() else ():
            try:
                found.append(_info(path.stem, self._read(path), self.buyer_key))
            except InputError:
                continue
        return sorted(found, key=lambda info: info.saved_at, reverse=True)

    def delete_draft(self, guid: str) -> None:
        self._path(guid).unlink(missing_ok=True)

    def _complete(self, data: dict[str, Any]) -> dict[str, Any]:
        """The input with a GUID and the moment of forming filled in (the caller's copy stays)."""
        complete = json.loads(json.dumps(data))
        draft_guid(complete)
        complete.setdefault("created", self._clock().replace(microsecond=0).isoformat())
        return complete  # type: ignore[no-any-return]

    def _path(self, guid: str) -> Path:
        if not _GUID.match(guid):
            raise InputError(f"«{guid}» не является идентификатором черновика", "guid")
        return self._folder / f"{guid}.json"

    def _read(self, path: Path) -> dict[str, Any]:
        if not path.is_file():
            raise StorageError(f"Черновик {path.stem} не найден")
        try:
            record = json.loads(read_bytes(path, "черновик", MAX_DRAFT_BYTES).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"черновик {path.name} повреждён: {exc}", "draft") from exc
        if not isinstance(record, dict) or record.get("format") != self.draft_format or not isinstance(
                record.get("input"), dict):
            raise InputError(f"файл {path.name} не является черновиком {self.draft_title}", "draft")
        return record


def _info(guid: str, record: dict[str, Any], buyer_key: str) -> DraftInfo:
    data = record["input"]
    buyer = data.get(buyer_key)
    try:
        saved = datetime.fromisoformat(str(record.get("saved_at")))
    except ValueError:
        saved = datetime.min
    name = str(buyer.get("name") or "") if isinstance(buyer, dict) else ""
    return DraftInfo(guid, str(data.get("number") or ""), str(data.get("date") or ""), name, saved)

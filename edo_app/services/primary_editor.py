"""What the акт and ТОРГ-12 editors need: the УПД editor's service (check, drafts, form) over
the 5.01 builder (services.primary_drafts.build_primary, docs/act-torg12-input.md).

Each kind keeps its drafts in its own folder (``drafts/act``, ``drafts/torg12``) under its own
format tag, so the УПД drafts list and these never show each other's files. «Сформировать»
stores the executor's / seller's title as outgoing only when it passes every check.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from edo_app.model.report import Report
from edo_app.schemas.registry import SchemaRegistry
from edo_app.services.library import LibraryService
from edo_app.services.primary_drafts import PRIMARY_KINDS, build_primary
from edo_app.services.upd_editor import DRAFTS_DIR, UpdEditorService

DRAFT_TITLES = {"act": "акта", "torg12": "ТОРГ-12"}
BUYER_KEYS = {"act": "customer", "torg12": "buyer"}  # the party a drafts list names


class PrimaryEditorService(UpdEditorService):
    """The editor service of one 5.01 kind: ``kind`` is "act" or "torg12"."""

    def __init__(self, kind: str, library: LibraryService, schemas: SchemaRegistry, data_dir: Path,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        if kind not in PRIMARY_KINDS:
            raise ValueError(f"unknown primary kind {kind!r}")
        self.kind = kind
        self.drafts_folder = f"{DRAFTS_DIR}/{kind}"
        self.draft_format = f"edo-{kind}-draft/1"
        self.draft_title = DRAFT_TITLES[kind]
        self.buyer_key = BUYER_KEYS[kind]
        super().__init__(library, schemas, data_dir, clock)

    def _build_document(self, complete: dict[str, Any]) -> tuple[str, bytes, Report]:
        doc, content, report = build_primary(self.kind, complete, self._schemas)
        return doc.file_name, content, report

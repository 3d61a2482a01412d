"""What the HR editor needs: the editor service (check, drafts, «Сформировать») over the HR
builder (services.hr_drafts.build_hr, docs/hr-input.md), and the flow service of the window.

The form produces the JSON input of ``edo build hr``; problems come back under its field paths
(``employee.snils``, ``body.effective`` — the ст. 74 rule among them), a built document that
fails validation comes back as a Report with XPaths. HR drafts live in ``drafts/hr``, apart
from the УПД's. «Сформировать» stores the document as outgoing only when it passes every check.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from edo_app.documents import hr_from_xml
from edo_app.documents.hr_model import EMPLOYER_KINDS, KINDS
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentKind
from edo_app.model.report import Report
from edo_app.services.context import Services
from edo_app.services.hr_drafts import build_hr
from edo_app.services.hr_flow import HrFlowService
from edo_app.services.upd_editor import DRAFTS_DIR, DraftInfo, UpdEditorService

NOT_CONFIGURED = ("Обмен с оператором ЭДО не настроен: ответить на кадровый документ нельзя. "
                  "Настройте обмен (edo exchange configure) и повторите.")


class HrEditorService(UpdEditorService):
    """The editor service of HR documents (every kind: ``kind`` is a field of the input)."""

    drafts_folder = f"{DRAFTS_DIR}/hr"
    draft_format = "edo-hr-draft/1"
    draft_title = "кадрового документа"
    buyer_key = "employee"  # the drafts list names the employee

    def _build_document(self, complete: dict[str, Any]) -> tuple[str, bytes, Report]:
        doc, content, report = build_hr(complete, self._schemas)
        return doc.file_name, content, report

    def drafts(self) -> list[DraftInfo]:
        """As the base lists them, each named by its employee's ФИО (an HR input has no «name»)."""
        return [replace(info, buyer=self._employee_name(info.guid)) for info in super().drafts()]

    def _employee_name(self, guid: str) -> str:
        person = self.open_draft(guid).data.get("employee")
        if not isinstance(person, dict):
            return ""
        return " ".join(str(person.get(k) or "") for k in ("last_name", "first_name", "middle_name")).strip()


def hr_editor_of(services: Services) -> HrEditorService:
    """The window's HR editor service (cheap: it holds only paths)."""
    return HrEditorService(services.library, services.schemas, services.data_dir)


def hr_flow_of(services: Services) -> HrFlowService | None:
    """The HR flow over the window's exchange; None while the exchange is not configured."""
    if services.exchange is None:
        return None
    return HrFlowService(services.database, services.library, services.signing, services.exchange,
                         services.events)


def leave_days(start: date, end: date) -> int:
    """Calendar days of a leave from ``start`` to ``end`` inclusive (0 when it ends before it starts)."""
    return max((end - start).days + 1, 0)


def awaiting_answer(services: Services, document_id: int, *, statement: bool) -> str:
    """The kind key of a received HR document the user may answer: a statement (→ an order) or,
    with ``statement=False``, an order or a notice (→ an acknowledgement). InputError otherwise."""
    stored = services.library.get(document_id)
    wanted = "заявление работника" if statement else "приказ или уведомление"
    if stored.direction is not Direction.INCOMING or stored.summary.kind is not DocumentKind.HR:
        raise InputError(f"выберите входящее {wanted}: документ № {document_id} не входящий кадровый документ",
                         "document_id")
    kind = hr_from_xml(stored.content).kind
    fits = any(k.statement == kind for k in KINDS.values()) if statement else kind in EMPLOYER_KINDS
    if not fits:
        raise InputError(f"«{KINDS[kind].title}» — не {wanted}", "document_id")
    return kind

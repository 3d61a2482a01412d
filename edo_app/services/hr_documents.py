"""Stored HR documents as people read them: the print form with a stamp per stored signature
(document_print.PRINT_FORMS) and the text of the «Документ» tab (document_cards.CARD_BUILDERS).

The card is returned as plain label/value pairs; document_cards turns them into its card types,
so this module does not import document_cards (which registers it).
"""

from __future__ import annotations

from dataclasses import dataclass

from edo_app.documents import HR_KINDS, HrDocRef, HrDocument, hr_from_xml
from edo_app.documents.hr_model import LEAVE_TYPES, AckBody, DismissalBody, HireBody, LeaveBody, NoticeBody
from edo_app.model.identifiers import format_snils
from edo_app.printing.hr import print_hr
from edo_app.printing.text import DASH, day, money
from edo_app.services.printing import stamps_of_stored
from edo_app.storage.database import Database
from edo_app.storage.repository import DocumentRepository
from edo_app.storage.signatures import SignatureRepository

Pairs = tuple[tuple[str, str], ...]


def print_stored_hr(database: Database, document_id: int) -> bytes:
    """The PDF of a stored HR document; each stamp is marked with the signing side (работник / работодатель)."""
    doc = hr_from_xml(DocumentRepository(database).get_content(document_id))
    rows = SignatureRepository(database).list_for(document_id)
    return print_hr(doc, [s for row in rows for s in stamps_of_stored(row, role=doc.info.author)])


@dataclass(frozen=True, slots=True)
class HrCardView:
    title: str
    fields: Pairs
    parties: tuple[tuple[str, str, str], ...]  # role, name, ИНН/КПП (or СНИЛС)
    conditions: tuple[tuple[str, str, str], ...] = ()  # a notice's conditions: name, before, after


def hr_card_view(content: bytes) -> HrCardView:
    doc = hr_from_xml(content)
    head = doc.head
    fields = (("Вид документа", doc.info.title), ("Номер и дата", f"№ {head.number} от {day(head.doc_date)}"),
              *_body_fields(doc),
              *((("Основание", _ref_text(doc.basis)),) if doc.basis else ()),
              ("Подписант", "; ".join(f"{s.name.full} ({s.position or s.role})" for s in head.signers)),
              ("Файл", doc.file_name))
    employer, employee = head.employer, head.employee
    parties = (("Работодатель", employer.name, employer.requisites),
               ("Работник", f"{employee.name.full}, {employee.position}"
                            f"{', ' + employee.department if employee.department else ''}, таб. № "
                            f"{employee.personnel_number}", f"СНИЛС {format_snils(employee.snils)}"))
    conditions = tuple((c.name, c.before, c.after) for c in doc.body.conditions) \
        if isinstance(doc.body, NoticeBody) else ()
    return HrCardView(doc.info.title, fields, parties, conditions)


def _ref_text(ref: HrDocRef) -> str:
    return f"{HR_KINDS[ref.kind].title} № {ref.number} от {day(ref.date)}"


def _body_fields(doc: HrDocument) -> Pairs:
    body = doc.body
    if isinstance(body, LeaveBody):
        return (("Отпуск", LEAVE_TYPES[body.leave_type]),
                ("Период", f"с {day(body.start)} по {day(body.end)}, дней: {body.days}"))
    if isinstance(body, DismissalBody):
        return ("Дата увольнения", day(body.date)), ("Основание по ТК РФ", body.basis)
    if isinstance(body, NoticeBody):
        return ("Причина", body.reason), ("Вступают в силу", day(body.effective))
    if isinstance(body, HireBody):
        return (("Дата приёма", day(body.date)), ("Должность", f"{body.position}, {body.department}"),
                ("Оклад", money(body.salary)),
                ("Испытательный срок", f"{body.probation_months} мес." if body.probation_months else DASH),
                ("Трудовой договор", f"№ {body.contract_number} от {day(body.contract_date)}"))
    if isinstance(body, AckBody):
        return (("Ознакомлен(а) с", _ref_text(body.document)),)
    return (("Дата перевода", day(body.date)), ("Новая должность", f"{body.position}, {body.department}"),
            ("Оклад", money(body.salary)))

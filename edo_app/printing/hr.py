"""The print form of HR documents: portrait A4 in the manner of a paper statement, order or
notice — the employer at the top (an organisation, or «ИП ФИО» with the ОГРНИП), the title, the
employee, what the document says, the basis, the signatures and the electronic signature stamps.
Built in reportlab's ``invariant`` mode, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, TableStyle

from edo_app.documents import HR_KINDS, HrDocRef, HrDocument
from edo_app.documents.hr_model import LEAVE_TYPES, AckBody, DismissalBody, HireBody, LeaveBody, NoticeBody
from edo_app.model.identifiers import format_snils

from . import text
from .fonts import register_fonts
from .primary import MARGIN, stamps_block
from .stamp import SignatureStamp
from .styles import GRID, Styles, Table, field_rows, signature_line

Rows = list[tuple[str, str]]


def print_hr(doc: HrDocument, stamps: Sequence[SignatureStamp] = ()) -> bytes:
    """The PDF of an HR document with ``stamps`` (one per electronic signature)."""
    font, bold = register_fonts()
    styles = Styles(font, bold)
    title = f"{doc.info.title} № {doc.head.number} от {text.day(doc.head.doc_date)}"
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN * 1.4,
        invariant=1, initialFontName=font, title=title, author=doc.head.employer.name, creator=doc.head.program,
        subject=str(doc.head.file_id))

    def footer(canvas: Any, page: Any) -> None:
        canvas.setFont(font, 6.5)
        canvas.drawString(MARGIN, MARGIN, title)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN, f"Лист {page.page}")

    template.build(_story(styles, A4[0] - 2 * MARGIN, doc, stamps), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _story(styles: Styles, width: float, doc: HrDocument, stamps: Sequence[SignatureStamp]) -> list[Flowable]:
    head, employer = doc.head, doc.head.employer
    story: list[Flowable] = [
        styles.center(employer.name, 10, bold=True),
        styles.center(employer.requisites, 7), Spacer(0, 10),
        styles.center(doc.info.title.upper(), 12, bold=True),
        styles.center(f"№ {head.number} от {text.day(head.doc_date)}", 9), Spacer(0, 10),
        _rows(styles, _employee_rows(doc), width), Spacer(0, 6),
        _rows(styles, _body_rows(doc), width)]
    if isinstance(doc.body, NoticeBody):
        story += [Spacer(0, 4), _conditions(styles, doc.body, width)]
    if doc.basis is not None:
        story += [Spacer(0, 6), styles.p(f"Основание: {_reference(doc.basis)}", 8)]
    story += [Spacer(0, 14)]
    widths = [width * 0.36, width * 0.24, width * 0.40]
    story += [signature_line(styles, s.position or s.role, s.name.full, widths) for s in head.signers]
    return story + stamps_block(styles, stamps, width)


def _rows(styles: Styles, rows: Rows, width: float) -> Table:
    return field_rows(styles, [(label, value, "") for label, value in rows], [150, width - 156, 6], size=8)


def _employee_rows(doc: HrDocument) -> Rows:
    employee = doc.head.employee
    return [("Работник", employee.name.full), ("Табельный номер", employee.personnel_number),
            ("СНИЛС", format_snils(employee.snils)), ("Должность", employee.position),
            ("Структурное подразделение", employee.department or text.DASH)]


def _body_rows(doc: HrDocument) -> Rows:
    body = doc.body
    if isinstance(body, LeaveBody):
        return [("Вид отпуска", LEAVE_TYPES[body.leave_type]),
                ("Период", f"с {text.day(body.start)} по {text.day(body.end)}"), ("Дней", str(body.days))]
    if isinstance(body, DismissalBody):
        return [("Дата увольнения", text.day(body.date)), ("Основание по ТК РФ", body.basis)]
    if isinstance(body, NoticeBody):
        return [("Причина изменений", body.reason), ("Изменения вступают в силу", text.day(body.effective))]
    if isinstance(body, HireBody):
        probation = f"{body.probation_months} мес." if body.probation_months else "без испытания"
        return [("Дата приёма", text.day(body.date)), ("Должность", body.position),
                ("Подразделение", body.department), ("Оклад, руб.", text.money(body.salary)),
                ("Испытательный срок", probation),
                ("Трудовой договор", f"№ {body.contract_number} от {text.day(body.contract_date)}")]
    if isinstance(body, AckBody):
        return [("Ознакомлен(а) с документом", _reference(body.document)),
                ("Дата ознакомления", text.day(doc.head.doc_date))]
    return [("Дата перевода", text.day(body.date)), ("Новая должность", body.position),
            ("Новое подразделение", body.department), ("Оклад, руб.", text.money(body.salary))]


def _reference(ref: HrDocRef) -> str:
    return f"{HR_KINDS[ref.kind].title.lower()} № {ref.number} от {text.day(ref.date)}"


def _conditions(styles: Styles, body: NoticeBody, width: float) -> Table:
    header = [styles.center(caption, 7, bold=True) for caption in ("Условие", "Было", "Стало")]
    rows = [[styles.p(c.name, 7.5), styles.p(c.before, 7.5), styles.p(c.after, 7.5)] for c in body.conditions]
    table = Table([header, *rows], colWidths=[width * 0.26, width * 0.37, width * 0.37], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), GRID, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table

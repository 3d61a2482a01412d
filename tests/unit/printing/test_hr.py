"""print_hr: the PDF holds the employer, the employee, the dates of what the document says, its
basis, the signers and the electronic signature stamps, for every kind; the output is deterministic."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from edo_app.documents import HR_KINDS, sample_hr
from edo_app.documents.hr_model import AckBody, DismissalBody, HireBody, LeaveBody, NoticeBody, TransferBody
from edo_app.model.identifiers import format_snils
from edo_app.printing import STAMP_TITLE, SignatureStamp
from edo_app.printing.hr import print_hr
from tests.unit.printing.pdfcheck import flat, text_of

STAMP = SignatureStamp("Воронов Илья Ильич", "", "", "01DA2B3C4D5E6F7788", date(2025, 1, 10), date(2026, 4, 10),
                       datetime(2025, 3, 14, 10, 11, 12, tzinfo=UTC), None, "Подпись действительна", True, "Работник")


def _dates(doc_body: object) -> list[date]:
    if isinstance(doc_body, LeaveBody):
        return [doc_body.start, doc_body.end]
    if isinstance(doc_body, NoticeBody):
        return [doc_body.effective]
    if isinstance(doc_body, DismissalBody | TransferBody | HireBody):
        return [doc_body.date]
    assert isinstance(doc_body, AckBody)
    return [doc_body.document.date]


@pytest.mark.parametrize("kind", sorted(HR_KINDS))
def test_print_form_has_employer_employee_dates_signers_and_stamp(kind: str) -> None:
    doc = sample_hr(kind, seed=6)
    text = text_of(print_hr(doc, [STAMP]))
    head = doc.head
    assert flat(head.employer.name) in text and f"ИНН {head.employer.inn}, КПП {head.employer.kpp}" in text
    assert HR_KINDS[kind].title.upper() in text.upper() and f"№ {head.number} от {head.doc_date:%d.%m.%Y}" in text
    assert head.employee.name.full in text and format_snils(head.employee.snils) in text
    assert head.employee.personnel_number in text
    for day in _dates(doc.body):
        assert f"{day:%d.%m.%Y}" in text
    assert all(s.name.full in text for s in head.signers)
    assert STAMP_TITLE.upper() in text.upper() and "Воронов Илья Ильич" in text and "01DA2B3C4D5E6F7788" in text


def test_an_order_prints_its_statement_as_the_basis_and_a_notice_its_conditions() -> None:
    order = sample_hr("order-leave", seed=2)
    assert order.basis is not None
    text = text_of(print_hr(order))
    assert f"Основание: заявление о предоставлении отпуска № {order.basis.number}" in text
    notice = sample_hr("notice", seed=2)
    assert isinstance(notice.body, NoticeBody)
    text = text_of(print_hr(notice))
    for condition in notice.body.conditions:
        assert flat(condition.before) in text and flat(condition.after) in text


def test_the_same_document_prints_the_same_bytes() -> None:
    doc = sample_hr("order-hire", seed=1)
    assert print_hr(doc, [STAMP]) == print_hr(doc, [STAMP])

"""print_ukd: the PDF holds the УКД's data (number, parties, the corrected documents, before/after
rows, totals of increase and decrease), the buyer's agreement and the signature stamps."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from edo_app.documents import UkdSeller, sample_ukd, sample_ukd_buyer
from edo_app.model.money import format_rub
from edo_app.printing import STAMP_TITLE, SignatureStamp
from edo_app.printing.text import inn_kpp
from edo_app.printing.ukd import print_ukd
from tests.unit.printing.pdfcheck import flat, font_names, reader, text_of

STAMP = SignatureStamp("Орлов Пётр Ильич", "ООО «Кедр-7»", "7707083893", "01DA2B3C4D5E6F7788", date(2025, 1, 10),
                       date(2026, 4, 10), datetime(2025, 3, 28, 10, 11, 12, tzinfo=UTC), None,
                       "Подпись действительна", True, "Продавец")


@pytest.fixture(scope="module")
def doc() -> UkdSeller:
    return sample_ukd(lines=3, seed=2, invoices=2)


@pytest.fixture(scope="module")
def text(doc: UkdSeller) -> str:
    return text_of(print_ukd(doc, [STAMP], sample_ukd_buyer(doc, seed=2)))


def test_header_names_the_ukd_the_parties_and_every_corrected_document(doc: UkdSeller, text: str) -> None:
    assert f"№ {doc.number}" in text
    assert "Статус: 1" in text
    for member in (doc.seller, doc.buyer):
        assert flat(member.name) in text
        assert inn_kpp(member) in text
    for invoice in doc.invoices:
        assert f"№ {invoice.number} от {invoice.date:%d.%m.%Y}" in text


def test_every_line_has_before_after_increase_decrease_rows(doc: UkdSeller, text: str) -> None:
    for row in ("А (до изменения)", "Б (после изменения)", "В (увеличение)", "Г (уменьшение)"):
        assert text.count(row) == len(doc.lines)
    for line in doc.lines:
        assert flat(format_rub(line.before.amount_without_vat)) in text
        assert flat(format_rub(line.after.amount_with_vat)) in text


def test_totals_of_increase_and_decrease(doc: UkdSeller, text: str) -> None:
    assert "Всего увеличение (сумма строк В)" in text and "Всего уменьшение (сумма строк Г)" in text
    for totals in (doc.increase, doc.decrease):
        assert flat(format_rub(totals.with_vat)) in text
        assert flat(format_rub(totals.without_vat)) in text


def test_agreement_buyer_verdict_and_stamp(text: str) -> None:
    assert "Дополнительное соглашение" in text
    assert "Изменение стоимости согласовано" in text
    assert STAMP_TITLE.upper() in text
    assert "Орлов Пётр Ильич" in text and "01DA2B3C4D5E6F7788" in text


def test_pdf_is_deterministic_and_uses_dejavu_only(doc: UkdSeller) -> None:
    first, second = print_ukd(doc, [STAMP]), print_ukd(doc, [STAMP])
    assert first == second
    assert font_names(first) <= {"DejaVuSansCondensed", "DejaVuSansCondensed-Bold"}


def test_long_documents_paginate() -> None:
    pdf = print_ukd(sample_ukd(lines=40, seed=3))
    assert len(reader(pdf).pages) > 1
    assert "Всего уменьшение" in text_of(pdf)

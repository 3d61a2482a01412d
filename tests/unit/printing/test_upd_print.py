"""print_upd: the PDF holds the document's data in Cyrillic, in DejaVu, and paginates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from edo_app.documents import Correction, Customs, UpdSeller, make_line, sample_buyer_title, sample_upd
from edo_app.model.money import format_rub
from edo_app.model.vat import VatRate
from edo_app.printing import STAMP_TITLE, SignatureStamp, print_upd
from edo_app.printing.text import inn_kpp
from tests.unit.printing.pdfcheck import flat, font_names, page_texts, reader, text_of

POA = "5d1e6c2a-7b3f-4c8d-9e0a-1b2c3d4e5f60"
LONG_NAME = ("Стеллаж металлический сборный, пять полок, оцинкованная сталь, нагрузка на полку до 120 кг, "
             "высота 2000 мм, ширина 1000 мм, глубина 500 мм, в комплекте крепёж и инструкция по сборке")


def _stamps() -> list[SignatureStamp]:
    return [
        SignatureStamp("Орлов Пётр Ильич", "ООО «Кедр-7»", "7707083893", "01DA2B3C4D5E6F7788", date(2025, 1, 10),
                       date(2026, 4, 10), datetime(2025, 3, 14, 10, 11, 12, tzinfo=UTC), POA,
                       "Подпись действительна", True, "Продавец"),
        SignatureStamp("Соколов Андрей Петрович", "АО «Лебедь»", "5001000002", "7A8B9C", date(2024, 12, 1),
                       date(2025, 12, 1), datetime(2025, 3, 15, 8, 0, 1), None,
                       "Подпись недействительна: хэш документа не совпадает", False, "Покупатель"),
    ]


@pytest.fixture(scope="module")
def doc() -> UpdSeller:
    base = sample_upd(lines=4, seed=5)
    extra = make_line(5, LONG_NAME, Decimal("3"), Decimal("12500.50"), VatRate.R20,
                      customs=(Customs("156", "КИТАЙ", "10702070/010125/0012345"),))
    return replace(base, lines=(*base.lines, extra), correction=Correction(2, date(2025, 3, 20)))


@pytest.fixture(scope="module")
def pdf(doc: UpdSeller) -> bytes:
    return print_upd(doc, _stamps(), sample_buyer_title(doc, seed=5))


def test_header_parties_and_totals_are_printed(doc: UpdSeller, pdf: bytes) -> None:
    text = text_of(pdf)
    for expected in (doc.number, "Счет-фактура №", "Исправление №", "20.03.2025", doc.seller.name,
                     doc.buyer.name, inn_kpp(doc.seller), inn_kpp(doc.buyer), "Российский рубль, 643",
                     "Универсальный передаточный документ", "Всего к оплате"):
        assert expected in text, expected
    assert doc.doc_date.strftime("%d.%m.%Y") in text
    totals = doc.totals
    assert totals.vat is not None
    for amount in (totals.without_vat, totals.vat, totals.with_vat):
        assert flat(format_rub(amount)) in text


def test_every_line_name_and_amount(doc: UpdSeller, pdf: bytes) -> None:
    text = text_of(pdf)
    for line in doc.lines:
        assert flat(line.name) in text, line.name
        assert flat(format_rub(line.amount_with_vat)) in text
    assert "КИТАЙ" in text and "156" in text
    assert "10702070/010125/0012345" in text.replace(" ", "")  # wraps inside its narrow column
    assert "12 500,50" in text  # a price keeps its kopecks


def test_column_numbers_of_the_official_form(pdf: bytes) -> None:
    first = page_texts(pdf)[0]
    assert "А Б 1 1а 2 2а 3 4 5 6 7 8 9 10 10а 11 12 12а 13" in first


def test_stamps_show_owner_serial_poa_and_verdict(pdf: bytes) -> None:
    text = text_of(pdf)
    assert text.count(STAMP_TITLE.upper()) == 2
    for stamp in _stamps():
        assert stamp.owner in text and stamp.certificate_serial in text and stamp.verdict_text in text
    assert f"по МЧД № {POA}" in text
    assert "с 10.01.2025 по 10.04.2026" in text and "14.03.2025 10:11:12 UTC" in text


def test_buyer_half_is_filled_from_the_buyer_title(doc: UpdSeller, pdf: bytes) -> None:
    buyer = sample_buyer_title(doc, seed=5)
    text = text_of(pdf)
    assert "Принято без расхождений (претензий)" in text
    assert buyer.signers[0].name.full in text


def test_cyrillic_is_real_text_in_dejavu(pdf: bytes) -> None:
    assert font_names(pdf) == {"DejaVuSansCondensed", "DejaVuSansCondensed-Bold"}
    text = text_of(pdf)
    assert "Продавец" in text and "Грузополучатель" in text
    assert "\u25a0" not in text and "\ufffd" not in text


def test_long_table_paginates_with_the_header_repeated() -> None:
    doc = sample_upd(lines=200, seed=1)
    pdf = print_upd(doc)
    pages = page_texts(pdf)
    assert len(pages) > 2
    with_header = [p for p in pages if "А Б 1 1а 2 2а 3 4 5 6 7 8 9 10 10а 11 12 12а 13" in p]
    assert len(with_header) >= len(pages) - 1  # the last page may hold only the signature part
    assert f"Лист 1 из {len(pages)}" in pages[0]
    assert f"Документ составлен на {len(pages)} листах" in " ".join(pages)
    assert flat(format_rub(doc.totals.with_vat)) in pages[-1] or flat(format_rub(doc.totals.with_vat)) in pages[-2]


def test_same_input_same_bytes(doc: UpdSeller) -> None:
    assert print_upd(doc, _stamps()) == print_upd(doc, _stamps())


def test_without_stamps_or_buyer_the_buyer_half_is_blank(doc: UpdSeller) -> None:
    pdf = print_upd(doc)
    text = text_of(pdf)
    assert STAMP_TITLE.upper() not in text
    assert "Товар (груз) получил" in text and "Принято без" not in text
    assert len(reader(pdf).pages) >= 1


def test_transfer_only_document_has_status_2() -> None:
    doc = sample_upd("ДОП", lines=2, seed=3)
    first = page_texts(print_upd(doc))[0]
    assert "Статус: 2" in first
    assert "Статус: 1" in page_texts(print_upd(sample_upd(lines=1, seed=3)))[0]

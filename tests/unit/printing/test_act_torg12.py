"""print_act / print_torg12: the PDF holds the number, both parties, every line, the totals, the
answering title's acceptance and the electronic signature stamps; the output is deterministic."""

from __future__ import annotations

from datetime import UTC, date, datetime

from edo_app.documents import sample_act, sample_act_answer, sample_torg12, sample_torg12_answer
from edo_app.model.money import format_rub
from edo_app.printing import STAMP_TITLE, SignatureStamp
from edo_app.printing.act import print_act
from edo_app.printing.torg12 import print_torg12
from tests.unit.printing.pdfcheck import flat, reader, text_of

STAMP = SignatureStamp("Орлов Пётр Ильич", "ООО «Кедр-7»", "7707083893", "01DA2B3C4D5E6F7788", date(2025, 1, 10),
                       date(2026, 4, 10), datetime(2025, 3, 28, 10, 11, 12, tzinfo=UTC), None,
                       "Подпись действительна", True, "Исполнитель")


def test_act_print_form_has_number_parties_works_totals_answer_and_stamp() -> None:
    act = sample_act(lines=3, seed=4)
    answer = sample_act_answer(act, seed=4)
    text = text_of(print_act(act, [STAMP], answer))
    assert f"АКТ № {act.head.number} от {act.head.doc_date:%d.%m.%Y}" in text
    for member in (act.executor, act.customer):
        assert flat(member.name) in text and f"ИНН {member.party.inn}" in text
    for work in act.works:
        assert flat(work.name) in text and flat(format_rub(work.amount_with_vat)) in text
    assert f"на сумму {flat(format_rub(act.totals.with_vat))} руб." in text
    assert flat(answer.operation) in text and answer.signers[0].name.full in text
    assert STAMP_TITLE.upper() in text.upper() and "Орлов Пётр Ильич" in text and "01DA2B3C4D5E6F7788" in text


def test_torg12_print_form_has_parties_goods_quantity_total_and_receiver() -> None:
    doc = sample_torg12(lines=4, seed=5)
    answer = sample_torg12_answer(doc, seed=5)
    text = text_of(print_torg12(doc, [STAMP], answer))
    assert f"ТОВАРНАЯ НАКЛАДНАЯ № {doc.head.number}" in text
    for label in ("Грузоотправитель", "Грузополучатель", "Поставщик", "Плательщик"):
        assert label in text
    assert f"ИНН {doc.seller.party.inn}" in text and f"ИНН {doc.buyer.party.inn}" in text
    for line in doc.lines:
        assert flat(format_rub(line.amount_with_vat)) in text
    assert f"Всего отпущено на сумму {flat(format_rub(doc.totals.with_vat))} руб." in text
    assert answer.accepted_by is not None and f"Груз принял: {answer.accepted_by.position}" in text
    assert "Орлов Пётр Ильич" in text


def test_a_refusal_is_printed_and_the_form_without_answer_leaves_the_buyer_blank() -> None:
    doc = sample_torg12(lines=2, seed=6)
    refused = text_of(print_torg12(doc, (), sample_torg12_answer(doc, accept=False, seed=6)))
    assert "не приняты: товар повреждён" in refused
    blank = text_of(print_torg12(doc))
    assert "Груз получил грузополучатель" in blank and STAMP_TITLE.upper() not in blank.upper()


def test_many_lines_flow_over_pages_and_output_is_deterministic() -> None:
    act = sample_act(lines=120, seed=1)
    pdf = print_act(act)
    assert len(reader(pdf).pages) > 1
    assert pdf == print_act(act)

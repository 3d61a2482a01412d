"""print_etrn: the PDF holds the waybill's number, the three parties, the cargo with its places and
masses, the vehicle and driver, the later titles' marks (accepted, refused, handed over) in their
numbered sections, the signature stamps; the output is deterministic."""

from __future__ import annotations

from datetime import UTC, date, datetime

from edo_app.documents import EtrnReply, EtrnShipper, sample_etrn_title
from edo_app.printing import STAMP_TITLE, SignatureStamp
from edo_app.printing.etrn import print_etrn
from tests.unit.printing.pdfcheck import flat, reader, text_of

STAMP = SignatureStamp("Орлов Пётр Ильич", "ООО «Кедр-7»", "7707083893", "01DA2B3C4D5E6F7788", date(2025, 1, 10),
                       date(2026, 4, 10), datetime(2025, 3, 28, 10, 11, 12, tzinfo=UTC), None,
                       "Подпись действительна", True, "Грузоотправитель")


def _chain(seed: int, *, accepted: bool = True) -> tuple[EtrnShipper, list[EtrnReply]]:
    waybill = sample_etrn_title("1", seed)
    replies = [sample_etrn_title("2", seed), sample_etrn_title("5", seed, accepted=accepted)]
    if accepted:
        replies.append(sample_etrn_title("6", seed))
    assert isinstance(waybill, EtrnShipper) and all(isinstance(r, EtrnReply) for r in replies)
    return waybill, replies  # type: ignore[return-value]


def test_the_form_has_number_parties_cargo_transport_answers_and_stamp() -> None:
    waybill, replies = _chain(4)
    text = text_of(print_etrn(waybill, replies, [STAMP]))
    assert f"ТРАНСПОРТНАЯ НАКЛАДНАЯ № {waybill.number} от {waybill.doc_date:%d.%m.%Y}" in text
    for section in ("1. Грузоотправитель", "2. Грузополучатель", "3. Груз", "6. Перевозчик",
                    "7. Транспортное средство", "8. Приём груза", "10. Выдача груза"):
        assert section in text
    for party in (waybill.shipper, waybill.consignee, waybill.carrier):
        assert flat(party.name) in text and f"ИНН {party.inn}" in text
    for item in waybill.cargo:
        assert flat(item.name) in text and flat(item.marks[0]) in text
    assert waybill.vehicle.reg_number in text and waybill.drivers[0].name.full in text
    assert f"УИД ТрН (ГИС ЭПД): {replies[0].uid}" in text
    assert "Груз принят к перевозке" in text and "Груз принят" in text and "Груз выдан грузополучателю" in text
    assert STAMP_TITLE.upper() in text.upper() and "01DA2B3C4D5E6F7788" in text


def test_a_refusal_is_printed_with_its_reason() -> None:
    waybill, replies = _chain(5, accepted=False)
    text = text_of(print_etrn(waybill, replies))
    assert "Отказ в приеме груза" in text and flat(replies[1].reason) in text


def test_the_waybill_alone_leaves_the_later_sections_open_and_is_deterministic() -> None:
    waybill, _ = _chain(6)
    pdf = print_etrn(waybill)
    text = text_of(pdf)
    assert "ещё не присвоен" in text and "титул перевозчика о приёме груза ещё не получен" in text
    assert pdf == print_etrn(waybill)
    assert len(reader(pdf).pages) >= 1

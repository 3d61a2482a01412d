"""ЭТрН 5.01 titles 07/08 (ПУД): exact round trips, the chain 06 → 07 → 08, the cost arithmetic of
the model and of the business checks, the reader's refusals with their XPath, the registry."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from lxml import etree

from edo_app.documents import (
    CarriageCost,
    EtrnPudCarrier,
    EtrnPudShipper,
    EtrnReply,
    EtrnSigner,
    answer_for,
    cost_at,
    cost_for,
    identify,
    pud_from_xml,
    pud_to_xml,
    sample_etrn_title,
    sample_pud,
    summarize,
)
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import PersonName
from edo_app.model.vat import VatRate
from edo_app.schemas.business import check_business
from edo_app.xmlio import parse_bytes

SIGNER = EtrnSigner(PersonName("Орлов", "Пётр"), "Директор")
GUID = "0" * 8 + "-0000-4000-8000-" + "0" * 12


def _carrier(seed: int = 0) -> EtrnPudCarrier:
    doc = sample_pud("7", seed)
    assert isinstance(doc, EtrnPudCarrier)
    return doc


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(("step", "payer"), [("7", False), ("8", False), ("8", True)])
def test_titles_07_and_08_round_trip_exactly(step: str, payer: bool, seed: int) -> None:
    doc = sample_pud(step, seed, payer=payer)
    data = pud_to_xml(doc)
    assert pud_from_xml(data) == doc
    assert pud_to_xml(pud_from_xml(data)) == data
    assert data.startswith(b'<?xml version="1.0" encoding="windows-1251"?>')
    assert parse_bytes(data).getroot().get("ИдФайл") == doc.file_name[:-4]


def test_the_chain_06_07_08_references_file_time_and_signature_and_keeps_the_uid() -> None:
    handover, pud, answer = sample_etrn_title("6", 3), sample_pud("7", 3), sample_pud("8", 3)
    assert isinstance(handover, EtrnReply) and isinstance(answer, EtrnPudShipper)
    root7 = parse_bytes(pud_to_xml(pud)).getroot()
    assert root7.find("Документ/ИдИнфПрвВыд").get("ИдФайлПрвВыд") == str(handover.file_id)  # type: ignore[union-attr]
    assert pud.answers.created == handover.created and pud.uid == answer.uid == handover.uid
    root8 = parse_bytes(pud_to_xml(answer)).getroot()
    assert root8.find("Документ/ИдПУДИнфПрв").get("ИдФайлПУДИнфПрв") == str(pud.file_id)  # type: ignore[union-attr]
    # 07 goes from the carrier to the shipper; 08 back from the shipper to the carrier
    assert pud.file_id.sender == handover.file_id.sender and pud.file_id.recipient != handover.file_id.recipient
    assert (answer.file_id.sender, answer.file_id.recipient) == (pud.file_id.recipient, pud.file_id.sender)


def test_title_07_is_formed_only_from_title_06_and_08_only_from_07() -> None:
    accept = sample_etrn_title("2", 1)
    assert isinstance(accept, EtrnReply)
    with pytest.raises(InputError, match="титула 06"):
        cost_for(accept, "MIIB", created=accept.created + timedelta(hours=1), guid=GUID, signer=SIGNER,
                 shipper="2AE7711111111", economic_entity="ООО «Перевозчик»",
                 cost=cost_at(Decimal(100), VatRate.R20))
    with pytest.raises(InputError, match="титул 07"):
        answer_for(accept, "MIIB", created=accept.created, guid="x", signer=SIGNER,  # type: ignore[arg-type]
                   economic_entity="ООО")


@pytest.mark.parametrize(("rate", "without", "vat", "total"), [
    (VatRate.R20, "50000.00", "10000.00", "60000.00"),
    (VatRate.R22, "1000.00", "220.00", "1220.00"),
    (VatRate.R0, "1000.00", "0.00", "1000.00"),
    (VatRate.R20_120, "1000.00", "200.00", "1200.00"),  # the УПД's arithmetic: 1200 × 20/120 = 200
])
def test_cost_at_computes_tax_and_total_like_the_upd(rate: VatRate, without: str, vat: str, total: str) -> None:
    cost = cost_at(Decimal(without), rate)
    assert (cost.without_vat, cost.vat, cost.with_vat) == (Decimal(without), Decimal(vat), Decimal(total))


def test_without_vat_is_written_as_the_marker_and_counts_as_zero() -> None:
    cost = cost_at(Decimal("7000.00"), VatRate.WITHOUT)
    assert (cost.vat, cost.total) == (None, Decimal("7000.00"))
    doc = replace(_carrier(), cost=cost)
    root = parse_bytes(pud_to_xml(doc)).getroot()
    assert root.findtext("Документ/СодФХЖ1/СумНал/БезНДС") == "без НДС"
    assert pud_from_xml(pud_to_xml(doc)) == doc


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"without_vat": Decimal(1000), "vat": Decimal(200), "with_vat": Decimal(1201)}, "with_vat", "≠"),
    ({"without_vat": Decimal(1000), "vat": Decimal(150), "rate": VatRate.R20}, "vat", "ожидается 200"),
    ({"without_vat": Decimal(1000), "vat": None, "rate": VatRate.R20}, "vat", "укажите сумму НДС"),
    ({"without_vat": Decimal(1000), "vat": Decimal(5), "rate": VatRate.WITHOUT}, "vat", "не указывается"),
    ({"without_vat": Decimal("-1"), "vat": None}, "without_vat", "отрицательной"),
    ({"without_vat": Decimal("1.001"), "vat": None}, "without_vat", "знаков"),
    ({"without_vat": Decimal(1), "vat": None, "currency": "RUB"}, "currency", "цифр"),
])
def test_the_cost_checks_its_arithmetic_and_values(fields: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        CarriageCost(**fields)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_the_titles_check_their_signer_file_and_order_in_time() -> None:
    doc = _carrier()
    with pytest.raises(InputError) as caught:
        replace(doc, signer=EtrnSigner(PersonName("Орлов", "Пётр"), status="4"))
    assert caught.value.field == "signer.status"
    with pytest.raises(InputError) as caught:
        replace(doc, created=doc.answers.created - timedelta(days=1))
    assert caught.value.field in ("created", "file_id")
    with pytest.raises(InputError) as caught:
        replace(doc, economic_entity="")
    assert caught.value.field == "economic_entity"


def _mutate(data: bytes, old: str, new: str) -> bytes:
    text = data.decode("cp1251")
    assert old in text, old
    return text.replace(old, new, 1).encode("cp1251")


@pytest.mark.parametrize(("old", "new", "where"), [
    ('СтТовБезНДС="', 'Лишний="1" СтТовБезНДС_="', "Файл/Документ/СодФХЖ1"),
    ("<СумНДС>", "<БезНДС>без НДС</БезНДС><СумНДС>", "Файл/Документ/СодФХЖ1/СумНал"),
    ('НалСт="20%"', 'НалСт="18,03%"', "Файл/Документ/СодФХЖ1/@НалСт"),
    ("<ДопСвПрв>", "<ИнфПолФХЖ1/><ДопСвПрв>", "Файл/Документ/СодФХЖ1/ИнфПолФХЖ1"),
    ('СтТовУчНал="', 'СтТовУчНал="1', "Файл/Документ/СодФХЖ1"),
])
def test_the_reader_names_the_xpath_of_what_it_refuses(old: str, new: str, where: str) -> None:
    with pytest.raises(InputError) as caught:
        pud_from_xml(_mutate(pud_to_xml(_carrier()), old, new))
    assert caught.value.field is not None and caught.value.field.startswith(where)


def test_a_payer_without_the_basis_of_payment_is_refused() -> None:
    data = pud_to_xml(sample_pud("8", 2, payer=True))
    root = parse_bytes(data).getroot()
    body = root.find("Документ")
    assert body is not None
    basis = body.find("ОснИнПлат")
    assert basis is not None
    body.remove(basis)
    with pytest.raises(InputError, match="вместе") as caught:
        pud_from_xml(etree.tostring(root, xml_declaration=True, encoding="windows-1251"))
    assert caught.value.field == "Файл/Документ/@НаимПлат"


def test_registry_identifies_both_titles_and_puts_the_cost_in_total_and_vat() -> None:
    pud, answer = _carrier(5), sample_pud("8", 5)
    tree = parse_bytes(pud_to_xml(pud))
    assert identify(tree) == (DocumentKind.ETRN, "5.01", "1110345")
    summary = summarize(tree)
    assert (summary.function, summary.doc_date) == ("титул 07", pud.created.date())
    assert (summary.total, summary.vat) == (pud.cost.with_vat, pud.cost.vat)
    tree8 = parse_bytes(pud_to_xml(answer))
    assert identify(tree8) == (DocumentKind.ETRN, "5.01", "1110346")
    assert (summarize(tree8).function, summarize(tree8).total) == ("титул 08", None)
    free = parse_bytes(pud_to_xml(replace(pud, cost=cost_at(Decimal("900.00"), VatRate.WITHOUT))))
    assert (summarize(free).total, summarize(free).vat) == (Decimal("900.00"), Decimal("0.00"))


def test_business_checks_find_a_wrong_tax_and_a_wrong_total_at_their_xpath() -> None:
    good = pud_to_xml(_carrier(1))
    assert [i for i in check_business(parse_bytes(good)) if i.code.startswith("biz.line")] == []
    cost = _carrier(1).cost
    bad_tax = _mutate(good, f"<СумНДС>{cost.vat:f}<", "<СумНДС>1.00<")
    found = {(i.code, i.xpath) for i in check_business(parse_bytes(bad_tax)) if i.code.startswith("biz.line")}
    assert found == {("biz.line.tax", "/Файл/Документ/СодФХЖ1/СумНал/СумНДС"),
                     ("biz.line.total", "/Файл/Документ/СодФХЖ1/@СтТовУчНал")}


def test_the_pud_print_form_shows_the_cost_and_the_answer_and_is_reproducible() -> None:
    from edo_app.model.money import format_rub
    from edo_app.printing.etrn_pud import print_pud
    from tests.unit.printing.pdfcheck import text_of

    pud, answer = _carrier(3), sample_pud("8", 3, payer=True)
    assert isinstance(answer, EtrnPudShipper) and answer.payer is not None
    pdf = print_pud(pud, answer)
    assert pdf == print_pud(pud, answer)
    text = text_of(pdf)
    amounts = (pud.cost.without_vat, pud.cost.tax, pud.cost.total)
    assert all(format_rub(v).replace("\u00a0", " ") in text for v in amounts)  # the PDF text has plain spaces
    assert answer.payer.name in text and pud.uid in text
    assert "ещё не получен" in text_of(print_pud(pud))

"""Construction refuses what the format cannot hold, naming the field."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from edo_app.documents import (
    Address,
    GoodsLine,
    Participant,
    PoaRef,
    Signer,
    UpdSeller,
    make_line,
    sample_upd,
)
from edo_app.errors import InputError
from edo_app.model.party import Party, PersonName
from edo_app.model.vat import VatRate

from .conftest import IP, IP_PERSON, MOSCOW, POA


def _error(make: object) -> InputError:
    assert callable(make)
    with pytest.raises(InputError) as info:
        make()
    return info.value


def test_bad_inn_names_the_field() -> None:
    assert _error(lambda: Party("ООО «Икс»", "7711043326", "771101001")).field == "inn"


def test_kpp_with_leading_zeros_is_refused_by_participant() -> None:
    """identifiers.check_kpp allows it; the schema's pattern does not."""
    org = Party("ООО «Ноль»", "7711043325", "001101001")
    assert _error(lambda: Participant(org, MOSCOW)).field == "kpp"


def test_entrepreneur_name_is_normalised_to_what_the_file_holds() -> None:
    member = Participant(IP, MOSCOW)
    assert member.name == f"ИП {IP_PERSON.full}"


def test_organisation_ogrn_is_dropped_because_5_03_has_no_place_for_it() -> None:
    org = Party("ООО «Северный ветер»", "7711043325", "771101001", ogrn="1227700000000")
    assert Participant(org, MOSCOW).party.ogrn == ""


def test_line_checks() -> None:
    base = make_line(1, "Товар", Decimal(2), Decimal("10.00"), VatRate.R20)
    assert _error(lambda: replace(base, amount_with_vat=Decimal("-1"))).field == "amount_with_vat"
    assert _error(lambda: replace(base, amount_without_vat=Decimal("1.001"))).field == "amount_without_vat"
    assert _error(lambda: replace(base, quantity=Decimal(0))).field == "quantity"
    assert _error(lambda: replace(base, price=Decimal("1.123456789012"))).field == "price"
    assert _error(lambda: replace(base, vat_amount=None)).field == "vat_amount"
    assert _error(lambda: replace(base, name="")).field == "name"
    assert _error(lambda: replace(base, okei="12")).field == "okei"
    assert _error(lambda: replace(base, unit_name="")).field == "unit_name"
    assert _error(lambda: replace(base, number=0)).field == "number"
    assert _error(lambda: replace(base, markings=("a\x1db",))).field == "markings[0]"
    without = make_line(1, "Товар", Decimal(2), Decimal("10.00"), VatRate.WITHOUT)
    assert without.vat_amount is None
    assert _error(lambda: replace(without, vat_amount=Decimal(1))).field == "vat_amount"


def test_make_line_arithmetic_half_up() -> None:
    line = make_line(1, "Товар", Decimal("3"), Decimal("0.335"), VatRate.R20)
    assert line.amount_without_vat == Decimal("1.01")  # 1.005 → 1.01 (half up)
    assert line.vat_amount == Decimal("0.20")
    assert line.amount_with_vat == Decimal("1.21")
    estimated = make_line(1, "Аванс", Decimal(1), Decimal("100.00"), VatRate.R20_120)
    assert (estimated.amount_without_vat, estimated.vat_amount, estimated.amount_with_vat) == (
        Decimal("100.00"), Decimal("20.00"), Decimal("120.00"))
    assert VatRate.R20_120.tax_on(estimated.amount_with_vat) == estimated.vat_amount


def test_document_rules_of_the_format() -> None:
    doc = sample_upd("СЧФДОП", 3)
    assert _error(lambda: replace(doc, function="УПД")).field == "function"
    assert _error(lambda: replace(doc, transfer=None)).field == "transfer"
    assert _error(lambda: replace(doc, lines=())).field == "lines"
    assert _error(lambda: replace(doc, function="СЧФ", doc_name="Счёт")).field == "doc_name"
    assert _error(lambda: replace(doc, function="СЧФ", doc_name="", shipment_docs=())).field == "shipment_docs"
    bad_price = replace(doc.lines[1], price=Decimal(0))
    assert _error(lambda: replace(doc, lines=(doc.lines[0], bad_price))).field == "lines[1].price"
    twice = (doc.lines[0], replace(doc.lines[1], number=doc.lines[0].number))
    assert _error(lambda: replace(doc, lines=twice)).field == "lines[1].number"
    no_address = Participant(doc.buyer.party)
    assert _error(lambda: replace(doc, buyers=(no_address,))).field == "buyers[0].address"
    assert replace(doc, function="ДОП", buyers=(no_address,)).buyer.address is None  # ДОП allows it


def test_standard_document_name_is_filled_in() -> None:
    doc = sample_upd("ДОП", 1)
    assert doc.doc_name.startswith("Документ об отгрузке")
    assert sample_upd("СЧФ", 1).doc_name == ""


def test_times_and_dates() -> None:
    doc = sample_upd()
    assert _error(lambda: replace(doc, created=datetime(2025, 1, 1, tzinfo=UTC))).field == "created"
    assert _error(lambda: replace(doc, created=datetime(2025, 1, 1, 1, 1, 1, 5))).field == "created"
    assert _error(lambda: replace(doc, doc_date=date(1899, 12, 31))).field == "date"


def test_signer_authority_and_poa() -> None:
    name = PersonName("Орлов", "Пётр")
    assert _error(lambda: Signer(name, authority=3)).field == "poa"
    assert _error(lambda: Signer(name, authority=1, poa=(POA,))).field == "poa"
    assert _error(lambda: Signer(name, authority=5)).field == "paper_poa"
    assert _error(lambda: Signer(name, authority=7)).field == "authority"
    assert _error(lambda: PoaRef("short", date(2024, 1, 1), "x")).field == "number"


def test_address_forms() -> None:
    assert _error(Address).field == "text"
    assert _error(lambda: Address(region_code="7", region_name="Москва")).field == "region_code"
    assert _error(lambda: Address(text="x", country_code="RU")).field == "country_code"
    assert Address(region_code="77", region_name="г. Москва").is_russian_structured


def test_upd_requires_parties_and_signers() -> None:
    doc = sample_upd()
    assert _error(lambda: replace(doc, sellers=())).field == "seller"
    assert _error(lambda: replace(doc, signers=())).field == "signers"
    assert isinstance(doc, UpdSeller) and isinstance(doc.lines[0], GoodsLine)

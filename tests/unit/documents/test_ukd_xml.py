"""УКД 5.01 XML: exact round trips (hypothesis over originals and changes), errors naming the
XPath, the buyer's title, and the business checks on tampered files."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from edo_app.documents import (
    BasisDoc,
    Correction,
    LineChange,
    UkdSeller,
    build_from_originals,
    sample_ukd,
    sample_ukd_buyer,
    ukd_buyer_from_xml,
    ukd_buyer_to_xml,
    ukd_from_xml,
    ukd_to_xml,
)
from edo_app.documents.ukd_samples import original_for_ukd
from edo_app.errors import InputError
from edo_app.model.vat import VatRate
from edo_app.schemas import SchemaRegistry, validate_bytes

RATES = (VatRate.R0, VatRate.R10, VatRate.R20, VatRate.R10_110, VatRate.R20_120, VatRate.WITHOUT)
TODAY = date(2026, 1, 1)


@st.composite
def ukd_documents(draw: st.DrawFn) -> UkdSeller:
    seed = draw(st.integers(0, 10_000))
    invoices = draw(st.integers(1, 3))
    lines = draw(st.integers(1, 4))
    originals = [original_for_ukd(seed, lines, shift) for shift in range(invoices)]
    pairs = []
    for upd in originals:
        changes = []
        for line in upd.lines:
            if draw(st.booleans()):
                continue
            quantity = draw(st.one_of(st.none(), st.decimals(Decimal("0.001"), Decimal(10_000), places=3)))
            price = draw(st.one_of(st.none(), st.decimals(Decimal("0.01"), Decimal(100_000), places=2)))
            changes.append(LineChange(line.number, quantity, price, draw(st.one_of(st.none(), st.sampled_from(RATES)))))
        pairs.append((upd, changes or [LineChange(upd.lines[0].number, quantity=Decimal("123456.789"))]))
    function = draw(st.sampled_from(("КСЧФ", "КСЧФДИС", "ДИС")))
    day = originals[0].doc_date + timedelta(days=draw(st.integers(0, 60)))
    basis = BasisDoc("Дополнительное соглашение", "1", day) if function != "КСЧФ" else None
    try:
        return build_from_originals(pairs, number=f"УКД-{seed}", doc_date=day, created=datetime(2025, 12, 1, 10, 0),
                                    guid="11111111-2222-4333-8444-555555555555", function=function, basis=basis)
    except InputError as exc:  # the changes happened to leave every cost as it was
        assert exc.field == "lines", exc
        reject()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ukd_documents())
def test_build_parse_build_is_identity(doc: UkdSeller) -> None:
    data = ukd_to_xml(doc)
    assert data.startswith(b'<?xml version="1.0" encoding="windows-1251"?>')
    parsed = ukd_from_xml(data)
    assert parsed == doc
    assert ukd_to_xml(parsed) == data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ukd_documents())
def test_generated_documents_pass_the_projects_own_validation(doc: UkdSeller) -> None:
    report = validate_bytes(ukd_to_xml(doc), doc.file_name, SchemaRegistry(), today=TODAY)
    assert report.ok and not report.warnings, [i.describe() for i in report.issues]


def _text(doc: UkdSeller) -> str:
    return ukd_to_xml(doc).decode("windows-1251")


def _parse_error(text: str) -> InputError:
    with pytest.raises(InputError) as err:
        ukd_from_xml(text.encode("windows-1251"))
    return err.value


def test_a_written_change_that_disagrees_is_refused_with_its_xpath() -> None:
    doc = sample_ukd(lines=2, seed=3)
    cost = doc.lines[0].before.amount_without_vat
    text = _text(doc).replace(f'СтоимДоИзм="{cost:.2f}"', f'СтоимДоИзм="{cost + 1:.2f}"', 1)
    assert _parse_error(text).field == "Файл/Документ/ТаблКСчФ/СведТов[1]/СтТовБезНДС"


def test_totals_that_disagree_are_refused() -> None:
    doc = sample_ukd(lines=2, seed=3)
    text = _text(doc).replace(f'СтТовБезНДСВсего="{doc.decrease.without_vat:.2f}"', 'СтТовБезНДСВсего="1.00"')
    assert _parse_error(text).field == "Файл/Документ/ТаблКСчФ/ВсегоУм"


def test_exchange_ids_must_match_the_file_name() -> None:
    doc = sample_ukd(seed=4)
    text = _text(doc).replace(f'ИдОтпр="{doc.file_id.sender}"', 'ИдОтпр="2AE0000000000"')
    assert _parse_error(text).field == "Файл/СвУчДокОбор/@ИдОтпр"


def test_a_upd_is_not_a_ukd() -> None:
    doc = sample_ukd(seed=4)
    assert _parse_error(_text(doc).replace('КНД="1115133"', 'КНД="1115131"')).field == "Файл/Документ/@КНД"


@pytest.mark.parametrize("accept", [True, False])
def test_buyer_title_round_trips_and_points_at_the_seller_file(accept: bool) -> None:
    seller = sample_ukd(seed=5)
    buyer = sample_ukd_buyer(seller, accept=accept, seed=5)
    data = ukd_buyer_to_xml(buyer)
    assert ukd_buyer_from_xml(data) == buyer
    assert buyer.seller_file.file_id == str(seller.file_id)
    assert (buyer.file_id.sender, buyer.file_id.recipient) == (seller.file_id.recipient, seller.file_id.sender)
    assert bool(buyer.operation) is accept
    report = validate_bytes(data, buyer.file_name, SchemaRegistry(), today=TODAY)
    assert report.ok, [i.describe() for i in report.issues]
    assert report.schema_id == "ukd-5.01-buyer"


def test_buyer_title_only_answers_agreement_functions() -> None:
    with pytest.raises(InputError) as err:
        sample_ukd_buyer(sample_ukd("КСЧФ", seed=5), seed=5)
    assert err.value.field == "function"


def _codes(text: str, doc: UkdSeller) -> set[str]:
    report = validate_bytes(text.encode("windows-1251"), doc.file_name, SchemaRegistry(), today=TODAY)
    return {i.code for i in report.errors}


def test_business_checks_catch_arithmetic_and_dates() -> None:
    doc = sample_ukd(lines=2, seed=8)
    text = _text(doc)
    tax_after = doc.lines[1].after.vat_amount
    assert tax_after is not None
    assert _codes(text, doc) == set()
    assert _codes(text.replace(f"<СумНДС>{tax_after:.2f}</СумНДС>", "<СумНДС>0.01</СумНДС>", 1), doc) >= {
        "biz.ukd.change", "biz.line.tax", "biz.line.total"}
    late = (doc.doc_date + timedelta(days=1)).strftime("%d.%m.%Y")
    first = doc.invoices[0].date.strftime("%d.%m.%Y")
    assert _codes(text.replace(f'ДатаСчФ="{first}"', f'ДатаСчФ="{late}"', 1), doc) == {"biz.ukd.date"}
    inn = getattr(doc.buyer.party, "inn", "")
    assert _codes(text.replace(f'ИННЮЛ="{inn}"', f'ИННЮЛ="{inn[:-1]}{(int(inn[-1]) + 1) % 10}"', 1), doc) == {
        "biz.inn"}


def test_every_optional_part_round_trips_and_is_officially_valid() -> None:
    doc = sample_ukd(lines=2, seed=13, invoices=2)
    assert doc.agreement is not None
    first = doc.lines[0]
    rich = replace(
        doc, correction=Correction(2, doc.doc_date),
        invoices=(replace(doc.invoices[0], corrections=(Correction(1, doc.invoices[0].date),)), doc.invoices[1]),
        agreement=replace(doc.agreement, sent_on=doc.doc_date, other="Скидка за объём по итогам квартала"),
        lines=(replace(first, original_number=None, code="A-1", article="ART-7",
                       before=replace(first.before, excise=Decimal("10.00")),
                       after=replace(first.after, excise=Decimal("7.50"))), *doc.lines[1:]))
    data = ukd_to_xml(rich)
    assert ukd_from_xml(data) == rich
    assert rich.lines[0].excise_change == Decimal("-2.50")
    report = validate_bytes(data, rich.file_name, SchemaRegistry(), today=TODAY)
    assert not report.errors, [i.describe() for i in report.issues]

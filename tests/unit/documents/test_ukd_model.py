"""УКД 5.01 model: differences and totals, the checks on construction, build_from_original,
JSON input with every problem by field path, registry identify + summarize."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from lxml import etree

from edo_app.documents import (
    BasisDoc,
    InputErrors,
    LineChange,
    build_from_original,
    build_from_originals,
    identify,
    sample_ukd,
    sample_ukd_buyer,
    summarize,
    ukd_buyer_to_xml,
    ukd_from_json,
    ukd_to_xml,
)
from edo_app.documents.ukd_model import LineState, UkdLine, UkdSigner, make_state
from edo_app.documents.ukd_samples import original_for_ukd
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import PersonName
from edo_app.model.vat import VatRate
from tests.oracles import PROJECT

SAMPLES = PROJECT / "resources" / "samples"
MOMENT = datetime(2025, 4, 10, 12, 0, 0)
GUID = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"
BASIS = BasisDoc("Дополнительное соглашение", "7", date(2025, 4, 9))


def _json(name: str) -> dict[str, object]:
    data = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_line_differences_are_after_minus_before() -> None:
    line = UkdLine(1, "Бумага", make_state(Decimal(10), Decimal("100.00"), VatRate.R20),
                   make_state(Decimal(12), Decimal("90.00"), VatRate.R20))
    assert (line.cost_change, line.tax_change, line.total_change) == (Decimal("80.00"), Decimal("16.00"),
                                                                      Decimal("96.00"))
    assert line.excise_change is None


def test_increase_and_decrease_totals_sum_each_column_separately() -> None:
    doc = sample_ukd(lines=4, seed=1)
    ups = [ln.cost_change for ln in doc.lines if ln.cost_change > 0]
    downs = [-ln.cost_change for ln in doc.lines if ln.cost_change < 0]
    assert doc.increase.without_vat == sum(ups, Decimal("0.00"))
    assert doc.decrease.without_vat == sum(downs, Decimal("0.00"))
    assert doc.increase.without_vat > 0 and doc.decrease.without_vat > 0  # the sample changes both ways


def test_build_from_original_takes_before_from_the_upd_and_computes_after() -> None:
    upd = original_for_ukd(seed=2, lines=3)
    first = upd.lines[0]
    assert first.price is not None
    doc = build_from_original(upd, [LineChange(1, price=first.price - 1), LineChange(3, quantity=Decimal(1000))],
                              number="УКД-1", doc_date=date(2025, 4, 10), created=MOMENT, guid=GUID, basis=BASIS)
    assert [ln.original_number for ln in doc.lines] == [1, 3]
    assert doc.lines[0].before.amount_without_vat == first.amount_without_vat
    assert doc.lines[0].after == make_state(first.quantity or Decimal(0), first.price - 1, first.vat_rate,
                                            okei=first.okei, unit_name=first.unit_name)
    assert [(i.number, i.date) for i in doc.invoices] == [(upd.number, upd.doc_date)]
    assert doc.seller.party == upd.seller.party and doc.buyer.party == upd.buyer.party
    assert (doc.file_id.sender, doc.file_id.recipient) == (upd.file_id.sender, upd.file_id.recipient)
    assert doc.agreement is not None and doc.agreement.basis_docs == (BASIS,)
    assert doc.signers[0].inn == getattr(upd.seller.party, "inn", "")


def test_build_from_several_originals_numbers_lines_on() -> None:
    a, b = original_for_ukd(3, 2), original_for_ukd(3, 2, shift=1)
    doc = build_from_originals([(a, [LineChange(1, quantity=Decimal(999))]), (b, [LineChange(2, quantity=Decimal(7))])],
                               number="УКД-2", doc_date=date(2025, 4, 10), created=MOMENT, guid=GUID, basis=BASIS)
    assert [ln.number for ln in doc.lines] == [1, 2]
    assert [i.number for i in doc.invoices] == [a.number, b.number]


@pytest.mark.parametrize(("changes", "field"), [
    ([LineChange(99, price=Decimal(1))], "originals[0].changes[0].line"),
    ([], "originals[0].changes"),
    ([LineChange(1, price=Decimal("-1"))], "originals[0].changes[0].price"),
])
def test_build_from_original_names_the_bad_change(changes: list[LineChange], field: str) -> None:
    with pytest.raises(InputError) as err:
        build_from_original(original_for_ukd(4, 2), changes, number="УКД-3", doc_date=date(2025, 4, 10),
                            created=MOMENT, guid=GUID, basis=BASIS)
    assert err.value.field == field


def test_corrections_need_a_basis_for_ksfdis() -> None:
    with pytest.raises(InputError) as err:
        build_from_original(original_for_ukd(5, 1), [LineChange(1, quantity=Decimal(1))], number="1",
                            doc_date=date(2025, 4, 10), created=MOMENT, guid=GUID)
    assert err.value.field == "basis"


def test_model_refuses_what_the_format_cannot_hold() -> None:
    doc = sample_ukd(seed=6)
    with pytest.raises(InputError, match="позже"):
        replace(doc, invoices=(replace(doc.invoices[0], date=date(2099, 1, 1)),))
    with pytest.raises(InputError, match="корректировать нечего"):
        replace(doc, lines=tuple(replace(ln, after=ln.before) for ln in doc.lines))
    with pytest.raises(InputError, match="не предусмотрена"):
        make_state(Decimal(1), Decimal(1), VatRate.R22)
    with pytest.raises(InputError):
        LineState(VatRate.WITHOUT, Decimal(1), Decimal(1), vat_amount=Decimal(0))
    with pytest.raises(InputError) as err:
        UkdSigner(PersonName("Орлов", "Пётр"), "7707083893")  # an organisation's signer needs a position
    assert err.value.field == "position"


def test_json_samples_build() -> None:
    for name in ("ukd-ksfdis.json", "ukd-ksf.json"):
        doc = ukd_from_json(_json(name))
        assert doc.number and doc.lines


def test_json_lists_every_problem_with_its_path() -> None:
    data = _json("ukd-ksfdis.json")
    lines = data["lines"]
    assert isinstance(lines, list)
    lines[0]["after"]["price"] = "abc"
    lines[1]["before"]["vat_rate"] = "22%"
    data["invoices"] = [{"number": "1"}]
    data["seller"]["inn"] = "7711043320"  # type: ignore[index]
    data["extra"] = 1
    with pytest.raises(InputErrors) as err:
        ukd_from_json(data)
    fields = {field for field, _ in err.value.problems}
    assert {"lines[0].after.price", "lines[1].before.vat_rate", "invoices[0].date", "seller.inn", "extra"} <= fields


def test_registry_identifies_and_summarizes_both_titles() -> None:
    doc = sample_ukd(lines=2, seed=7)
    tree = etree.ElementTree(etree.fromstring(ukd_to_xml(doc)))
    assert identify(tree) == (DocumentKind.UKD_SELLER, "5.01", "1115133")
    summary = summarize(tree)
    assert (summary.number, summary.doc_date, summary.function) == (doc.number, doc.doc_date, doc.function)
    assert summary.seller is not None and summary.seller.inn == getattr(doc.seller.party, "inn", "")
    assert summary.total == doc.increase.with_vat - doc.decrease.with_vat
    buyer = etree.ElementTree(etree.fromstring(ukd_buyer_to_xml(sample_ukd_buyer(doc, seed=7))))
    assert identify(buyer)[0] is DocumentKind.UKD_BUYER
    assert summarize(buyer).number == doc.number

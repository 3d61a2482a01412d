"""ТОРГ-12 5.01: what the model requires of goods lines, the totals written in Всего, the buyer's
title (who received the goods, acceptance or refusal), the registry and the JSON input."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from edo_app.documents import (
    Torg12Seller,
    identify,
    primary_from_xml,
    primary_to_xml,
    sample_torg12,
    sample_torg12_answer,
    summarize,
    torg12_from_json,
)
from edo_app.documents.primary_types import make_value_line
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.problems import InputErrors
from edo_app.model.vat import VatRate
from edo_app.xmlio import parse_bytes
from tests.oracles import PROJECT

SAMPLE_JSON = PROJECT / "resources" / "samples" / "torg12-goods.json"


def test_a_goods_line_needs_a_unit_and_a_quantity() -> None:
    doc = sample_torg12()
    service = make_value_line(1, "Доставка", Decimal(1), Decimal(500), VatRate.R20, okei="", unit_name="")
    with pytest.raises(InputError) as caught:
        replace(doc, lines=(service,))
    assert caught.value.field == "lines[0].okei"


def test_the_tax_agent_rate_is_allowed_and_states_no_tax() -> None:
    line = make_value_line(1, "Кабель", Decimal(3), Decimal("10.50"), VatRate.AGENT)
    doc = replace(sample_torg12(), lines=(line,))
    root = parse_bytes(primary_to_xml(doc)).getroot()
    goods = root.find("Документ/СвДокПТПрКроме/СодФХЖ2/СвТов")
    total = root.find("Документ/СвДокПТПрКроме/СодФХЖ2/Всего")
    assert goods is not None and goods.get("СумНДС") is None and goods.get("НалСт") == VatRate.AGENT.value
    assert total is not None and total.get("СумНДСВс") is None and total.get("НеттоВс") == "3"


def test_reader_refuses_a_quantity_total_that_disagrees() -> None:
    doc = sample_torg12(lines=2, seed=4)
    text = primary_to_xml(doc).decode("cp1251")
    total = parse_bytes(text.encode("cp1251")).getroot().find(".//Всего")
    assert total is not None
    written = f'НеттоВс="{total.get("НеттоВс")}"'
    with pytest.raises(InputError) as caught:
        primary_from_xml(text.replace(written, 'НеттоВс="999999"').encode("cp1251"))
    assert caught.value.field == "Файл/Документ/СвДокПТПрКроме/СодФХЖ2/Всего"


def test_buyer_title_names_who_received_the_goods_or_refuses() -> None:
    doc = sample_torg12(seed=6)
    accepted = sample_torg12_answer(doc, seed=6)
    refused = sample_torg12_answer(doc, accept=False, seed=6)
    assert accepted.accepted_by is not None and not accepted.refused
    assert refused.refused and "повреждён" in refused.operation
    root = parse_bytes(primary_to_xml(accepted)).getroot()
    ref = root.find("Документ/ИдДокПТПр")
    assert ref is not None and ref.get("ИдФайлИнфПр") == str(doc.file_id) and ref.findtext("ЭП")
    assert root.find("Документ/СодФХЖ4/ГрузПолучил/СвЛицПолГруз/РабОргПок/ФИО") is not None


@pytest.mark.parametrize(("operation", "refused"), [
    ("Перечисленные в документе ценности приняты без претензий", False),
    ("Товар принят полностью", False),
    ("Груз получен, претензий нет", False),
    ("Перечисленные в документе ценности не приняты", True),
    ("ТОВАР НЕ ПРИНЯТ: пересорт", True),
    ("Ценности не получены", True),
    ("Отказ от приёмки: брак", True),
    ("Документ отклонён покупателем", True),
])
def test_a_refusal_is_told_by_its_words_in_any_program_s_wording(operation: str, refused: bool) -> None:
    answer = replace(sample_torg12_answer(sample_torg12(seed=7), seed=7), operation=operation)
    assert answer.refused is refused
    assert answer.result == ("3" if refused else "1")  # КодИтога: 3 не приняты, 1 приняты


def test_registry_summary_lists_number_parties_and_totals() -> None:
    doc = sample_torg12(lines=3, seed=8)
    tree = parse_bytes(primary_to_xml(doc))
    assert identify(tree) == (DocumentKind.TORG12_SELLER, "5.01", "1175010")
    summary = summarize(tree)
    assert summary.number == doc.head.number and summary.total == doc.totals.with_vat
    assert summary.seller is not None and summary.seller.inn == doc.seller.party.inn
    assert summary.buyer is not None and summary.buyer.kpp == doc.buyer.party.kpp
    answer = summarize(parse_bytes(primary_to_xml(sample_torg12_answer(doc, seed=8))))
    assert answer.kind is DocumentKind.TORG12_BUYER and answer.number == doc.head.number


def test_json_sample_builds_and_round_trips() -> None:
    doc = torg12_from_json(json.loads(SAMPLE_JSON.read_text(encoding="utf-8")))
    assert doc.shipper == doc.seller and doc.consignee == doc.buyer
    assert doc.lines[2].okei == "796" and doc.lines[2].unit_name == "шт"  # the default unit
    assert doc.total_quantity == Decimal("212.5")
    assert primary_from_xml(primary_to_xml(doc)) == doc
    assert isinstance(doc, Torg12Seller)


def test_json_problems_are_all_reported() -> None:
    data = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    data["lines"][0]["vat_rate"] = "22%"
    data["lines"][1]["quantity"] = "-1"
    data["handed_by"] = {"first_name": "Пётр"}
    with pytest.raises(InputErrors) as caught:
        torg12_from_json(data)
    paths = {path for path, _ in caught.value.problems}
    assert {"lines[0].vat_rate", "lines[1].quantity", "handed_by.last_name", "handed_by.position"} <= paths

"""Акт 5.01: the model refuses what the format cannot carry (naming the field), the reader names
the XPath of what is wrong, the customer's title accepts or refuses, the registry summarises,
and the JSON input reports every problem by its path."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from edo_app.documents import (
    ActSeller,
    PrimaryAnswer,
    act_answer_for,
    act_from_json,
    identify,
    primary_from_xml,
    primary_to_xml,
    sample_act,
    sample_act_answer,
    summarize,
)
from edo_app.documents.primary_io import primary_dropped_parts
from edo_app.documents.primary_types import make_value_line
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.problems import InputErrors
from edo_app.model.vat import VatRate
from edo_app.xmlio import parse_bytes
from tests.oracles import PROJECT

SAMPLE_JSON = PROJECT / "resources" / "samples" / "act-services.json"
GUID = "3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f7a8b9c"


def _xml_with(act: ActSeller, old: str, new: str) -> bytes:
    text = primary_to_xml(act).decode("cp1251")
    assert old in text, old
    return text.replace(old, new, 1).encode("cp1251")


def test_file_name_is_the_file_id_of_the_551_naming_rule() -> None:
    act = sample_act(seed=5)
    root = parse_bytes(primary_to_xml(act)).getroot()
    assert act.file_name == f"{root.get('ИдФайл')}.xml"
    assert act.file_name.startswith("DP_REZRUISP_2AE") and act.file_name.count("_") == 5  # no 5.03 tail
    sender = root.find("СвУчДокОбор")
    assert sender is not None and sender.get("ИдОтпр") == act.file_id.sender


def test_totals_are_the_sums_of_the_works() -> None:
    act = sample_act(lines=4, seed=2)
    root = parse_bytes(primary_to_xml(act)).getroot()
    section = root.find("Документ/СвДокПРУ/СодФХЖ1/ОписРабот")
    assert section is not None
    assert Decimal(section.get("СтУчНДСИт", "")) == sum(w.amount_with_vat for w in act.works)


@pytest.mark.parametrize(("change", "field"), [
    ({"works": ()}, "works"),
    ({"operation": ""}, "operation"),
])
def test_model_refuses_with_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as caught:
        replace(sample_act(), **change)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_a_rate_the_act_format_lacks_is_refused() -> None:
    act = sample_act()
    line = make_value_line(1, "Монтаж", Decimal(1), Decimal(100), VatRate.R22)
    with pytest.raises(InputError) as caught:
        replace(act, works=(line,))
    assert caught.value.field == "works[0].vat_rate"
    assert "22%" in caught.value.message


def test_reader_names_the_xpath_of_a_bad_value() -> None:
    act = sample_act(seed=1)
    data = _xml_with(act, f'НомДокПРУ="{act.head.number}"', 'НомДокПРУ=""')
    with pytest.raises(InputError) as caught:
        primary_from_xml(data)
    assert caught.value.field is not None and "Файл/Документ" in caught.value.field


def test_reader_refuses_totals_that_disagree_with_the_lines() -> None:
    act = sample_act(seed=1)
    total = f'СтУчНДСИт="{act.totals.with_vat:.2f}"'
    with pytest.raises(InputError) as caught:
        primary_from_xml(_xml_with(act, total, 'СтУчНДСИт="1.00"'))
    assert caught.value.field == "Файл/Документ/СвДокПРУ/СодФХЖ1/ОписРабот"


def test_reader_refuses_parts_it_would_lose() -> None:
    act = sample_act(seed=1)
    data = _xml_with(act, "</СодФХЖ1>", '<ИнфПолФХЖ1><ТекстИнф Идентиф="a" Значен="b"/></ИнфПолФХЖ1></СодФХЖ1>')
    with pytest.raises(InputError) as caught:
        primary_from_xml(data)
    assert caught.value.field is not None and caught.value.field.endswith("ИнфПолФХЖ1")


def test_customer_accepts_and_refuses_referring_to_the_executors_file() -> None:
    act = sample_act(seed=3)
    accepted = sample_act_answer(act, seed=3)
    refused = sample_act_answer(act, accept=False, seed=3)
    for answer in (accepted, refused):
        assert answer.seller_file.file_id == str(act.file_id)
        assert answer.seller_file.created == act.head.created
        assert answer.file_id.sender == act.file_id.recipient and answer.file_id.recipient == act.file_id.sender
        assert answer.seller_number == act.head.number and answer.seller_doc_name == act.head.doc_name
    assert not accepted.refused and accepted.accepted_on is not None
    assert refused.refused and "не в полном объёме" in refused.operation and refused.accepted_on is None


def test_a_reason_without_a_refusal_is_an_error() -> None:
    act = sample_act()
    signer = sample_act_answer(act).signers[0]
    with pytest.raises(InputError) as caught:
        act_answer_for(act, "AAAA", created=datetime(2025, 3, 20, 10, 0), guid=GUID, signer=signer, reason="x")
    assert caught.value.field == "reason"


def test_registry_identifies_and_summarises_both_titles() -> None:
    act = sample_act(lines=2, seed=7)
    tree = parse_bytes(primary_to_xml(act))
    assert identify(tree)[0] is DocumentKind.ACT_SELLER
    summary = summarize(tree)
    assert (summary.number, summary.doc_date, summary.total) == (act.head.number, act.head.doc_date,
                                                                 act.totals.with_vat)
    assert summary.seller is not None and summary.seller.inn == act.executor.party.inn
    assert summary.buyer is not None and summary.buyer.name == act.customer.name
    answer = sample_act_answer(act, seed=7)
    answer_summary = summarize(parse_bytes(primary_to_xml(answer)))
    assert answer_summary.kind is DocumentKind.ACT_BUYER
    assert (answer_summary.number, answer_summary.doc_date) == (act.head.number, act.head.doc_date)


def test_json_sample_builds_with_computed_amounts() -> None:
    act = act_from_json(json.loads(SAMPLE_JSON.read_text(encoding="utf-8")))
    assert act.executor.entrepreneur and act.head.signers[0].kind == "ИП"
    assert act.totals.with_vat == Decimal("16400.00") and act.totals.vat is None
    assert isinstance(primary_from_xml(primary_to_xml(act)), ActSeller)


def test_json_reports_every_problem_by_path(tmp_path: Path) -> None:
    data = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    data["customer"]["inn"] = "7715260184"  # check digit broken
    data["works"][0]["price"] = "abc"
    data["works"][1]["amount_with_vat"] = "1.00"
    data["colour"] = "red"
    del data["number"]
    with pytest.raises(InputErrors) as caught:
        act_from_json(data)
    paths = {path for path, _ in caught.value.problems}
    assert {"customer.inn", "works[0].price", "works[1].amount_with_vat", "colour", "number"} <= paths


def test_answers_are_primary_answers() -> None:
    assert isinstance(primary_from_xml(primary_to_xml(sample_act_answer(seed=1))), PrimaryAnswer)


def test_dropped_parts_are_named_and_none_for_built_documents() -> None:
    act = sample_act(seed=2)
    assert primary_dropped_parts(primary_to_xml(act)) == []
    data = _xml_with(act, 'НаимОКВ="Российский рубль"', 'НаимОКВ="Российский рубль" КурсВал="1.0000"')
    assert primary_dropped_parts(data) == ["Файл/Документ/СвДокПРУ/ДенИзм/@КурсВал"]

"""JSON input: the documented example builds a valid document; every problem names its field."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from lxml import etree

from edo_app.documents import InputErrors, from_xml, to_xml, upd_from_json
from edo_app.errors import InputError
from edo_app.services.drafts import build_upd
from tests.oracles import PROJECT

from .conftest import assert_valid

EXAMPLE = PROJECT / "resources" / "samples" / "upd-schfdop.json"


@pytest.fixture
def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


def _problems(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InputErrors) as info:
        upd_from_json(data)
    assert isinstance(info.value, InputError)
    return dict(info.value.problems)


def test_example_builds_a_valid_round_tripping_document(example: dict[str, Any],
                                                        seller_schema: etree.XMLSchema) -> None:
    doc = upd_from_json(example)
    assert doc.function == "СЧФДОП" and len(doc.lines) == 3
    assert doc.totals.with_vat == Decimal("31030.00")
    assert doc.lines[1].customs[0].country_code == "076"
    assert doc.lines[2].okei == "" and doc.lines[2].vat_amount is None
    assert doc.shipper_is_seller and doc.consignees == doc.buyers
    assert doc.signers[0].poa[0].system_id.startswith("https://")
    assert_valid(seller_schema, to_xml(doc))
    assert from_xml(to_xml(doc)) == doc


def test_all_problems_are_reported_at_once(example: dict[str, Any]) -> None:
    bad = copy.deepcopy(example)
    bad["seller"]["inn"] = "7711043326"
    del bad["buyer"]["kpp"]
    bad["lines"][0]["price"] = "abc"
    bad["lines"][1]["amount_with_vat"] = "1.00"
    bad["lines"][2]["qantity"] = "1"
    bad["lines"][2]["vat_rate"] = "19%"
    bad["signers"][0]["poa"]["number"] = "x"
    problems = _problems(bad)
    assert set(problems) == {"seller.inn", "buyer.kpp", "lines[0].price", "lines[1].amount_with_vat",
                             "lines[2].qantity", "lines[2].vat_rate", "signers[0].poa.number"}
    assert "контрольное число" in problems["seller.inn"]
    assert "неизвестное поле" in problems["lines[2].qantity"]
    assert "9834.00" in problems["lines[1].amount_with_vat"]


def test_missing_required_fields(example: dict[str, Any]) -> None:
    for key in ("number", "date", "seller", "signers", "file"):
        bad = copy.deepcopy(example)
        del bad[key]
        assert key in _problems(bad)


def test_floats_are_refused_to_keep_kopecks_exact(example: dict[str, Any]) -> None:
    bad = copy.deepcopy(example)
    bad["lines"][0]["price"] = 389.5
    assert "строкой" in _problems(bad)["lines[0].price"]


def test_document_level_rules_are_reported(example: dict[str, Any]) -> None:
    bad = copy.deepcopy(example)
    del bad["transfer"]
    assert set(_problems(bad)) == {"transfer"}
    bad = copy.deepcopy(example)
    bad["lines"][0]["price"] = "0"
    assert "lines[0].price" in _problems(bad)


def test_created_and_guid_may_come_from_the_caller(example: dict[str, Any]) -> None:
    data = copy.deepcopy(example)
    del data["created"]
    del data["file"]["guid"]
    with pytest.raises(InputErrors) as info:
        upd_from_json(data)
    assert {p for p, _ in info.value.problems} == {"created", "file.guid"}
    doc = upd_from_json(data, now=datetime(2025, 3, 14, 11, 0, 0), guid="00000000-0000-4000-8000-000000000001")
    assert doc.file_id.guid.endswith("0001") and doc.created.hour == 11


def test_entrepreneur_and_foreign_buyer(example: dict[str, Any]) -> None:
    data = copy.deepcopy(example)
    data["seller"] = {"inn": "500013389010", "ogrnip": "321508386379409", "last_name": "Журавлёв",
                      "first_name": "Семён", "address": "Москва, ул. Садовая, 5"}
    data["buyer"] = {"foreign": True, "name": "Minsk Trade LLC", "country_code": "112", "country_name": "Беларусь",
                     "identifier": "UNP 190000001",
                     "address": {"text": "Минск", "country_code": "112", "country_name": "Беларусь"}}
    doc = upd_from_json(data)
    assert doc.seller.name == "ИП Журавлёв Семён"
    assert doc.buyer.name == "Minsk Trade LLC"
    assert from_xml(to_xml(doc)) == doc


def test_not_an_object() -> None:
    with pytest.raises(InputErrors) as info:
        upd_from_json([])  # type: ignore[arg-type]
    assert info.value.problems[0][1].startswith("ожидается объект")


def test_services_example_without_addresses(seller_schema: etree.XMLSchema) -> None:
    data = json.loads((PROJECT / "resources" / "samples" / "upd-dop.json").read_text(encoding="utf-8"))
    doc = upd_from_json(data)
    assert doc.function == "ДОП" and doc.seller.address is None
    assert doc.transfer is not None and doc.transfer.period_end is not None
    assert doc.lines[0].okei == "" and doc.totals.vat is None
    assert_valid(seller_schema, to_xml(doc))
    assert from_xml(to_xml(doc)) == doc


@pytest.mark.parametrize(("where", "key"), [
    (("shipment_documents", 0), "number"), (("shipment_documents", 0), "name"), (("lines", 0), "name"),
    (("transfer", "basis", 0), "number"), (("transfer", "handed_by"), "position"),
])
def test_a_blank_required_field_is_reported_once(example: dict[str, Any], where: tuple[str | int, ...],
                                                 key: str) -> None:
    """The reader finds the field blank and the part's own check would say so again: once is enough."""
    bad = copy.deepcopy(example)
    part = bad
    for step in where:
        part = part[step]
    part[key] = ""
    with pytest.raises(InputErrors) as info:
        build_upd(bad)
    path = ".".join(f"[{s}]" if isinstance(s, int) else s for s in where).replace(".[", "[") + f".{key}"
    assert info.value.problems == [(path, "обязательное поле не заполнено")]

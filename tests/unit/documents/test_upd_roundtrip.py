"""Build → parse → build: the bytes and the dataclass survive exactly."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from edo_app.documents import (
    ACCEPTED_WITH_DISCREPANCIES,
    DocRef,
    UpdBuyer,
    UpdSeller,
    buyer_from_xml,
    file_name,
    from_xml,
    sample_buyer_title,
    sample_upd,
    seller_from_xml,
    to_xml,
)
from edo_app.model.fileid import FileId
from edo_app.xmlio import parse_bytes

from .conftest import DAY, rich_upd

FUNCTIONS = ("СЧФ", "СЧФДОП", "ДОП", "СвРК", "СвЗК")


@pytest.mark.parametrize("function", FUNCTIONS)
def test_seller_round_trip_each_function(function: str) -> None:
    for doc in (sample_upd(function, 7, seed=5), rich_upd(function)):
        data = to_xml(doc)
        parsed = from_xml(data)
        assert parsed == doc
        assert to_xml(parsed) == data


@pytest.mark.parametrize("seed", range(4))
def test_buyer_round_trip(seed: int) -> None:
    doc = sample_buyer_title(accept=seed % 2 == 0, seed=seed)
    data = to_xml(doc)
    assert isinstance(from_xml(data), UpdBuyer)
    assert buyer_from_xml(data) == doc
    assert to_xml(buyer_from_xml(data)) == data


def test_buyer_with_discrepancies_round_trip() -> None:
    doc = replace(sample_buyer_title(seed=3), result=ACCEPTED_WITH_DISCREPANCIES,
                  discrepancy_doc=DocRef("Акт о расхождениях", "Р-1", DAY), operation_kind="Приёмка")
    assert buyer_from_xml(to_xml(doc)) == doc


def test_output_is_windows_1251_with_declaration_and_named_by_file_id() -> None:
    doc = sample_upd()
    data = to_xml(doc)
    assert data.startswith(b'<?xml version="1.0" encoding="windows-1251"?>')
    text = data.decode("cp1251")
    assert "Российский рубль" in text
    root = parse_bytes(data).getroot()
    assert file_name(doc) == root.get("ИдФайл") + ".xml"
    fid = FileId.parse(file_name(doc))
    assert fid.prefix == "ON_NSCHFDOPPR" and fid.suffix == "_0_0_0_0_0_00"


def test_date_and_time_forms() -> None:
    doc = replace(sample_upd(), created=datetime(2025, 1, 2, 3, 4, 5))
    body = parse_bytes(to_xml(doc)).getroot().find("Документ")
    assert body is not None
    assert body.get("ДатаИнфПр") == "02.01.2025"
    assert body.get("ВремИнфПр") == "03.04.05"
    inv = body.find("СвСчФакт")
    assert inv is not None and inv.get("ДатаДок") == doc.doc_date.strftime("%d.%m.%Y")


def test_output_is_deterministic() -> None:
    assert to_xml(sample_upd(lines=20, seed=9)) == to_xml(sample_upd(lines=20, seed=9))
    assert to_xml(sample_upd(lines=20, seed=9)) != to_xml(sample_upd(lines=20, seed=10))


def test_buyer_title_references_seller_bytes_and_parsed_alike() -> None:
    seller = sample_upd("ДОП", 2, seed=4)
    from_doc = sample_buyer_title(seller, seed=4)
    data = to_xml(seller)
    from_bytes = sample_buyer_title(seller_from_xml(data), seed=4)
    assert from_doc == from_bytes
    assert from_doc.seller_file.file_id == str(seller.file_id)
    assert from_doc.seller_file.created == seller.created
    assert from_doc.file_id.recipient == seller.file_id.sender
    assert from_doc.file_id.sender == seller.file_id.recipient
    assert from_doc.function == "ДОП" and from_doc.seller_number == seller.number


def test_totals_in_xml_are_sums_of_lines() -> None:
    doc: UpdSeller = sample_upd(lines=50, seed=2)
    root = parse_bytes(to_xml(doc)).getroot()
    total = root.find("Документ/ТаблСчФакт/ВсегоОпл")
    assert total is not None
    assert total.get("СтТовУчНалВсего") == f"{sum(ln.amount_with_vat for ln in doc.lines):.2f}"
    assert total.get("СтТовБезНДСВсего") == f"{sum(ln.amount_without_vat for ln in doc.lines):.2f}"
    assert total.findtext("СумНалВсего/СумНал") == f"{sum(ln.tax for ln in doc.lines):.2f}"

"""ЭТрН 5.01 titles 01/02/05/06: exact round trips, the chain of references, the model's checks,
the reader's refusals with their XPath, the JSON input's problems by field path, the registry."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from edo_app.documents import (
    EtrnReply,
    EtrnShipper,
    EtrnSigner,
    etrn_from_json,
    etrn_from_xml,
    etrn_to_xml,
    identify,
    reply_for,
    sample_etrn,
    sample_etrn_title,
    summarize,
)
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import PersonName
from edo_app.model.problems import InputErrors
from edo_app.xmlio import parse_bytes
from tests.oracles import PROJECT

SAMPLES = PROJECT / "resources" / "samples"
SIGNER = EtrnSigner(PersonName("Орлов", "Пётр"), "Водитель")


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("step", ["1", "2", "5", "6"])
def test_every_title_round_trips_exactly(step: str, seed: int) -> None:
    doc = sample_etrn_title(step, seed)
    data = etrn_to_xml(doc)
    assert etrn_from_xml(data) == doc
    assert etrn_to_xml(etrn_from_xml(data)) == data
    assert data.startswith(b'<?xml version="1.0" encoding="windows-1251"?>')
    assert parse_bytes(data).getroot().get("ИдФайл") == str(doc.file_id) == doc.file_name[:-4]


def test_a_refusal_round_trips_with_its_reason_and_without_a_receipt() -> None:
    doc = sample_etrn_title("5", 3, accepted=False)
    assert isinstance(doc, EtrnReply)
    assert (doc.accepted, doc.receipt, doc.operation) == (False, None, "Отказ в приеме груза")
    root = parse_bytes(etrn_to_xml(doc)).getroot()
    content = root.find("Документ/СодИнфГП")
    assert content is not None and content.get("СодОпПр") is None
    assert content.get("ПричОтк") == doc.reason
    assert etrn_from_xml(etrn_to_xml(doc)) == doc


def test_each_title_answers_the_one_before_by_file_id_time_and_signature() -> None:
    titles = [sample_etrn_title(step, 7) for step in ("1", "2", "5", "6")]
    refs = {"02": ("ИдИнфГО", "ИдФайлИнфГО"), "05": ("ИдИнфПрвПрием", "ИдФайлИнфПрвПрием"),
            "06": ("ИдИнфГП", "ИдФайлИнфГП")}
    for before, after in itertools.pairwise(titles):
        assert isinstance(after, EtrnReply)
        tag, name = refs[after.step]
        ref = parse_bytes(etrn_to_xml(after)).getroot().find(f"Документ/{tag}")
        assert ref is not None and ref.get(name) == str(before.file_id)
        assert after.answers.created == before.created and after.answers.signature
        assert after.uid == titles[1].uid  # one УИД_ТрН for the whole chain
    assert titles[1].file_id.recipient == f"2AE{titles[0].consignee.inn}"  # type: ignore[union-attr]
    assert titles[2].file_id.recipient == titles[1].file_id.sender


def test_title_1_cannot_be_answered_before_gis_epd_assigned_its_uid() -> None:
    with pytest.raises(InputError, match="УИД_ТрН") as caught:
        reply_for(sample_etrn(), "MIIB", created=datetime(2025, 4, 1, 10), guid="0" * 8 + "-0000-4000-8000-" + "0" * 12,
                  signer=SIGNER)
    assert caught.value.field == "uid"


def test_title_06_ends_the_main_flow() -> None:
    last = sample_etrn_title("6", 1)
    with pytest.raises(InputError, match="завершает"):
        reply_for(last, "MIIB", created=last.created + timedelta(hours=1), guid=str(last.file_id.guid), signer=SIGNER)


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: replace(d, order_date=d.doc_date + timedelta(days=1)), "order_date"),
    (lambda d: replace(d, doc_date=d.created.date() + timedelta(days=1)), "doc_date"),
    (lambda d: replace(d, cargo=()), "cargo"),
    (lambda d: replace(d, drivers=()), "drivers"),
    (lambda d: replace(d, program=""), "program"),
])
def test_the_waybill_checks_its_dates_and_parts(change: Any, field: str) -> None:
    with pytest.raises(InputError) as caught:
        change(sample_etrn(seed=2))
    assert caught.value.field == field


@pytest.mark.parametrize(("change", "field"), [
    (lambda c: replace(c, gross_kg=Decimal(0)), "gross_kg"),
    (lambda c: replace(c, gross_kg=Decimal("-5")), "gross_kg"),
    (lambda c: replace(c, net_kg=c.gross_kg + 1), "net_kg"),
    (lambda c: replace(c, places=0), "places"),
    (lambda c: replace(c, marks=()), "marks"),
    (lambda c: replace(c, container_kind="1"), "container_kind"),
])
def test_cargo_masses_are_positive_and_places_counted(change: Any, field: str) -> None:
    with pytest.raises(InputError) as caught:
        change(sample_etrn(seed=2).cargo[0])
    assert caught.value.field == field


def test_loading_cannot_end_before_it_starts_and_times_need_a_zone() -> None:
    loading = sample_etrn(seed=2).loading
    with pytest.raises(InputError, match="раньше прибытия"):
        replace(loading, departed=loading.arrived - timedelta(minutes=1))
    with pytest.raises(InputError, match="часовым поясом"):
        replace(loading, planned=loading.planned.replace(tzinfo=None))


def test_a_leased_vehicle_needs_its_document() -> None:
    vehicle = sample_etrn(seed=2).vehicle
    with pytest.raises(InputError) as caught:
        replace(vehicle, ownership="3", right_of_use=None)
    assert caught.value.field == "right_of_use"


def test_consignee_refusal_needs_a_reason_and_acceptance_a_receipt() -> None:
    accepted = sample_etrn_title("5", 4)
    assert isinstance(accepted, EtrnReply)
    with pytest.raises(InputError) as caught:
        replace(accepted, accepted=False, receipt=None, operation="")
    assert caught.value.field == "reason"
    with pytest.raises(InputError) as caught:
        replace(accepted, receipt=None)
    assert caught.value.field == "receipt"
    carrier = sample_etrn_title("2", 4)
    assert isinstance(carrier, EtrnReply)
    with pytest.raises(InputError, match="только грузополучатель"):
        replace(carrier, accepted=False, reason="нет")


@pytest.mark.parametrize(("old", "new", "where"), [
    ('ВерсФорм="5.01"', 'ВерсФорм="5.02"', "Файл/@ВерсФорм"),
    ('СпУпак="', 'Плотн="1.5" СпУпак="', "Файл/Документ/СодИнфГО/СвГруз/ОпГруз[1]/@Плотн"),
    ('ГОЭксп="0"', 'ГОЭксп="1"', "Файл/Документ/СодИнфГО/СвГО"),
    ('ИдФайл="ON_TRNACLGROT_', 'ИдФайл="ON-TRNACLGROT_', "Файл/@ИдФайл"),
    ("<Подписант ", '<Подписант ИдСистХран="ГИС" ', "Файл/Документ/Подписант"),
    ('НалКоорТочВрЗаяв="1"', 'НалКоорТочВрЗаяв="0"', "Файл/Документ/СодИнфГО/СвПогруз/@НалКоорТочВрЗаяв"),
    ('МасБрутЗнач="', 'МасБрутЗнач="1x', "Файл/Документ/СодИнфГО/СвГруз/ОпГруз[1]/ПлМасГруз/@МасБрутЗнач"),
])
def test_the_reader_refuses_what_the_model_does_not_hold_naming_the_xpath(old: str, new: str, where: str) -> None:
    text = etrn_to_xml(sample_etrn(seed=1)).decode("cp1251")
    assert old in text
    with pytest.raises(InputError) as caught:
        etrn_from_xml(text.replace(old, new, 1).encode("cp1251"))
    assert caught.value.field == where


def test_a_missing_reference_is_named_by_its_xpath() -> None:
    text = etrn_to_xml(sample_etrn_title("6", 1)).decode("cp1251")
    start = text.index("<ИдИнфГП")
    broken = text[:start] + text[text.index("/>", start) + 2:]
    with pytest.raises(InputError) as caught:
        etrn_from_xml(broken.encode("cp1251"))
    assert caught.value.field == "Файл/Документ/ИдИнфГП"


def test_registry_identifies_every_title_and_summarizes_the_waybill() -> None:
    waybill = sample_etrn(seed=5)
    summary = summarize(parse_bytes(etrn_to_xml(waybill)))
    assert (summary.kind, summary.knd, summary.function) == (DocumentKind.ETRN, "1110339", "титул 01")
    assert (summary.number, summary.doc_date) == (waybill.number, waybill.doc_date)
    assert summary.seller is not None and summary.seller.inn == waybill.shipper.inn
    assert summary.buyer is not None and summary.buyer.name == waybill.consignee.name
    for step, knd in (("2", "1110340"), ("5", "1110341"), ("6", "1110342")):
        title = sample_etrn_title(step, 5)
        tree = parse_bytes(etrn_to_xml(title))
        assert identify(tree) == (DocumentKind.ETRN, "5.01", knd)
        assert summarize(tree).function == f"титул 0{step}"
        assert summarize(tree).doc_date == title.created.date()


def _sample_json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", ["etrn-waybill.json", "etrn-carrier-accept.json", "etrn-consignee-refusal.json"])
def test_the_example_jsons_build_and_round_trip(name: str) -> None:
    doc = etrn_from_json(_sample_json(name))
    assert etrn_from_xml(etrn_to_xml(doc)) == doc


def test_the_waybill_json_fills_every_part() -> None:
    doc = etrn_from_json(_sample_json("etrn-waybill.json"))
    assert isinstance(doc, EtrnShipper)
    assert doc.carrier.member.entrepreneur and doc.drivers[0].inn == doc.carrier.inn
    assert doc.loading.arrived == datetime(2025, 3, 17, 8, 10, tzinfo=timezone(timedelta(hours=3)))
    assert [c.places for c in doc.cargo] == [40, 12] and doc.cargo[0].net_kg == Decimal(1000)


def test_json_problems_are_listed_by_field_path() -> None:
    data = _sample_json("etrn-waybill.json")
    data["cargo"][1]["gross_kg"] = "0"
    data["loading"]["arrived"] = "2025-03-17T08:10:00"
    data["shipper"]["inn"] = "7715260184"
    data["vehicle"]["colour"] = "белый"
    del data["consignee"]["phones"]
    with pytest.raises(InputErrors) as caught:
        etrn_from_json(data)
    fields = {field for field, _ in caught.value.problems}
    assert {"cargo[1].gross_kg", "loading.arrived", "shipper.inn", "vehicle.colour", "consignee.phones"} <= fields


def test_json_of_a_reply_names_its_reference_fields() -> None:
    data = _sample_json("etrn-consignee-refusal.json")
    del data["answers"]["signature"]
    data["receipt"] = {"places": 3}
    with pytest.raises(InputErrors) as caught:
        etrn_from_json(data)
    fields = {field for field, _ in caught.value.problems}
    assert {"answers.signature", "receipt.address", "receipt.state", "receipt.gross_kg"} <= fields
    with pytest.raises(InputErrors) as caught:
        etrn_from_json({**data, "title": "7"})
    assert [field for field, _ in caught.value.problems] == ["title"]


def test_the_reference_time_must_not_follow_the_answer() -> None:
    data = _sample_json("etrn-consignee-refusal.json")
    data["answers"]["created"] = "2025-03-20T00:00:00"
    with pytest.raises(InputErrors) as caught:
        etrn_from_json(data)
    assert [field for field, _ in caught.value.problems] == ["created"]

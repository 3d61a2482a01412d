"""ЭТрН title 04 (ON_TRNZAMEN): the carrier's driver and/or vehicle change, built on its title 02.

Exact round trip, the model's checks (at least one change, dates in order, the signer), the
reader's refusals by XPath, the registry's identify/summary, `edo sample etrn --title 4` and the
JSON input (`edo build etrn`, resources/samples/etrn-driver-change.json).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from edo_app.cli import main
from edo_app.documents import (
    EtrnChange,
    EtrnReply,
    EtrnSigner,
    InputErrors,
    Vehicle,
    VehicleChange,
    change_for,
    etrn_any_from_xml,
    etrn_from_xml,
    etrn_to_xml,
    identify,
    sample_etrn,
    sample_etrn_change,
    sample_etrn_title,
    summarize,
)
from edo_app.documents.etrn_change_json import change_from_json
from edo_app.errors import InputError
from edo_app.model.kinds import DocumentKind
from edo_app.model.party import PersonName
from edo_app.printing.etrn import print_etrn
from edo_app.services.etrn_cards import etrn_card_view
from edo_app.xmlio import parse_bytes
from tests.oracles import PROJECT
from tests.unit.printing.pdfcheck import text_of

CONTENT = "Файл/Документ/СодИнфЗамен"


@pytest.mark.parametrize("seed", range(4))
def test_title_04_round_trips_exactly(seed: int) -> None:
    doc = sample_etrn_change(seed)
    data = etrn_to_xml(doc)
    back = etrn_any_from_xml(data)
    assert back == doc
    assert etrn_to_xml(back) == data
    assert data.startswith(b'<?xml version="1.0" encoding="windows-1251"?>')


def test_title_04_names_the_carriers_title_02_and_keeps_its_uid() -> None:
    doc = sample_etrn_change(1)
    accepted = sample_etrn_title("2", 1)
    assert isinstance(accepted, EtrnReply)
    assert (doc.answers.file_id, doc.answers.created, doc.uid) == (str(accepted.file_id), accepted.created,
                                                                  accepted.uid)
    assert (doc.file_id.sender, doc.file_id.recipient) == (accepted.file_id.sender, accepted.file_id.recipient)
    assert doc.vehicles and doc.drivers  # odd seeds change the vehicle too


def test_title_04_is_built_only_on_title_02() -> None:
    waybill = sample_etrn_title("1", 2)
    doc = sample_etrn_change(2)
    with pytest.raises(InputError, match="титула 02") as caught:
        change_for(doc.answers, waybill.file_id, uid=doc.uid, created=doc.created, guid=doc.file_id.guid,
                   signer=doc.signer, changed=doc.changed, reason=doc.reason, drivers=doc.drivers)
    assert caught.value.field == "answers"


def _late(doc: EtrnChange) -> dict[str, Any]:
    return {"changed": doc.changed + timedelta(days=3)}


def _early(doc: EtrnChange) -> dict[str, Any]:
    return {"changed": doc.changed - timedelta(days=5)}


@pytest.mark.parametrize(("change", "field", "message"), [
    (lambda d: {"drivers": (), "vehicles": ()}, "drivers", "нового водителя"),
    (_late, "changed", "позже формирования"),
    (_early, "changed", "раньше приёма"),
    (lambda d: {"changed": d.changed.replace(tzinfo=None)}, "changed", "часовым поясом"),
    (lambda d: {"created": d.answers.created - timedelta(hours=1)}, "file_id", "дата в имени"),
    (lambda d: {"reason": ""}, "reason", "не заполнено"),
    (lambda d: {"signer": EtrnSigner(PersonName("Титов", "Олег"), "Диспетчер", "4")}, "signer.status", "1 или 3"),
])
def test_the_model_checks_title_04(change: Any, field: str, message: str) -> None:
    doc = sample_etrn_change(0)
    with pytest.raises(InputError, match=message) as caught:
        replace(doc, **change(doc))
    assert caught.value.field == field


def test_a_vehicle_change_names_a_vehicle_or_a_trailer() -> None:
    with pytest.raises(InputError) as caught:
        VehicleChange()
    assert caught.value.field == "vehicle"
    trailer = Vehicle("АВ123477", "1", "Полуприцеп", "Тонар", Decimal(20), Decimal(80))
    doc = replace(sample_etrn_change(0), drivers=(), vehicles=(VehicleChange(trailers=(trailer,)),))
    assert etrn_any_from_xml(etrn_to_xml(doc)) == doc


@pytest.mark.parametrize(("old", "new", "where"), [
    ("<ЗаменВодит>", '<ЗаменВодит><ДокПерГрВод НаимДок="Акт" НомерДок="1" ДатаДок="01.01.2025"/>',
     f"{CONTENT}/ЗаменВодит[1]/ДокПерГрВод"),
    ("<ПричЗамТекст>", '<ИспрТрН НомерИспр="1" ДатаИспр="01.01.2025"/><ПричЗамТекст>', f"{CONTENT}/ИспрТрН"),
    ('НалКоорТочВрЗам="1"', 'НалКоорТочВрЗам="0"', f"{CONTENT}/@НалКоорТочВрЗам"),
    ('ДатВрЗамен="', 'ДатВрЗамен="x', f"{CONTENT}/@ДатВрЗамен"),
    (' ИдФайлПрвПрием="', ' ИдФайлИнфПрвПрием="', "Файл/Документ/ИдИнфПрвПрием/@ИдФайлПрвПрием"),
    ('КНД="1110344"', 'КНД="1110399"', "Файл/Документ/@КНД"),
])
def test_the_reader_refuses_what_the_model_does_not_hold_naming_the_xpath(old: str, new: str, where: str) -> None:
    text = etrn_to_xml(sample_etrn_change(1)).decode("cp1251")
    assert old in text
    with pytest.raises(InputError) as caught:
        etrn_any_from_xml(text.replace(old, new, 1).encode("cp1251"))
    assert caught.value.field == where


def test_the_main_flow_reader_says_title_04_is_not_its_own() -> None:
    with pytest.raises(InputError, match="КНД «1110344»"):
        etrn_from_xml(etrn_to_xml(sample_etrn_change(0)))


def test_registry_identifies_and_summarizes_title_04() -> None:
    doc = sample_etrn_change(3)
    tree = parse_bytes(etrn_to_xml(doc))
    assert identify(tree) == (DocumentKind.ETRN, "5.01", "1110344")
    summary = summarize(tree)
    assert (summary.function, summary.doc_date, summary.file_id) == ("титул 04", doc.created.date(), str(doc.file_id))


def test_sample_title_4_writes_one_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "etrn", "--title", "4", "-o", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.xml")
    assert capsys.readouterr().out.strip() == str(written)
    doc = etrn_any_from_xml(written.read_bytes())
    assert isinstance(doc, EtrnChange) and written.name == doc.file_name
    assert main(["validate", str(written)]) == 0


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PROJECT / "resources" / "samples" / "etrn-driver-change.json")
                                      .read_text(encoding="utf-8"))
    return data


def test_build_title_4_from_the_example_json(tmp_path: Path) -> None:
    source = PROJECT / "resources" / "samples" / "etrn-driver-change.json"
    assert main(["build", "etrn", str(source), "-o", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("*.xml")
    doc = etrn_any_from_xml(written.read_bytes())
    assert isinstance(doc, EtrnChange)
    assert doc == change_from_json(_example())
    assert (doc.file_id.guid, doc.drivers[0].inn, doc.vehicles[0].vehicle is not None) == (
        _example()["file"]["guid"], "500100732259", True)
    assert main(["validate", str(written)]) == 0


def test_title_4_json_problems_are_listed_by_field_path() -> None:
    data = _example()
    data["drivers"][0]["phones"] = []
    data["vehicles"] = [{}]
    data["extra"] = 1
    with pytest.raises(InputErrors) as caught:
        change_from_json(data)
    assert {field for field, _ in caught.value.problems} >= {"drivers[0].phones", "vehicles[0].vehicle", "extra"}


def test_the_print_form_marks_the_driver_and_vehicle_change() -> None:
    change = sample_etrn_change(1)
    accepted = sample_etrn_title("2", 1)
    assert isinstance(accepted, EtrnReply)
    text = text_of(print_etrn(sample_etrn(seed=1), [accepted], changes=[change]))
    vehicle = change.vehicles[0].vehicle
    assert vehicle is not None
    assert "Замена водителя" in text and change.drivers[0].name.full in text and change.reason in text
    assert "Замена ТС" in text and vehicle.reg_number in text
    assert "Замена" not in text_of(print_etrn(sample_etrn(seed=1), [accepted]))


def test_the_document_card_shows_the_change() -> None:
    doc = sample_etrn_change(1)
    view = etrn_card_view(etrn_to_xml(doc))
    fields = dict(view.fields)
    assert view.title == "Транспортная накладная (титул 04, перевозчик)"
    assert (fields["УИД ТрН"], fields["Новый водитель"], fields["Титул 02"]) == (
        doc.uid, doc.drivers[0].name.full, doc.answers.file_id)
    assert doc.reason in fields["Замена"] and "Новое ТС" in fields

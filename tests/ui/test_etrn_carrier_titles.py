"""The carrier's change dialog: title 04 (new driver / vehicle from the directories) and title 03
(readdressing) on its own signed title 02 selected in the registry; anything else is refused."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from edo_app.documents import EtrnChange, EtrnReaddress, EtrnShipper, EtrnSigner, etrn_any_from_xml, sample_etrn
from edo_app.documents.etrn_io import etrn_to_xml
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.services import CounterpartyInput, DocumentQuery, Services, etrn_flow
from edo_app.services.transport_directory import DriverInput, VehicleInput
from edo_app.storage.signatures import SignatureRepository
from tests.ui.conftest import Shown
from ui.editor_etrn.carrier_forming import NO_TITLE, vehicle_of
from ui.editor_etrn.carrier_titles import CarrierTitleDialog
from ui.main_window import MainWindow
from ui.ops import SyncExecutor

DRIVER = DriverInput("Соколов", "Андрей", "77 АВ", "123456", "10.03.2018", "+7 926 111-22-33", "Викторович")
OTHER_DRIVER = DriverInput("Аксёнов", "Пётр", "50 12", "654321", "02.09.2016", "+7 903 222-33-44")
LORRY = VehicleInput("В321ОР77", "Грузовой фургон", "ГАЗ Некст", "4,5", "22")
TRAILER = VehicleInput("АВ765477", "Полуприцеп", "Тонар 9746", "20", "82", trailer=True)
CARRIER_SIGNER = EtrnSigner(PersonName("Воронов", "Глеб"), "Водитель-экспедитор")
SIGNATURE = b"\x30\x03\x02\x01\x01"  # any detached signature's bytes stand for the stored one here


@dataclass(frozen=True)
class Carriage:
    waybill: EtrnShipper
    waybill_id: int  # title 1, received from the shipper
    accepted_id: int  # the carrier's own title 02, signed


def _signed(services: Services, document_id: int) -> int:
    SignatureRepository(services.database).add(document_id, SIGNATURE, None, "тест")
    return document_id


@pytest.fixture
def carriage(services: Services, shown: Shown) -> Carriage:
    for driver in (OTHER_DRIVER, DRIVER):
        services.transport.add_driver(driver)
    for vehicle in (LORRY, TRAILER):
        services.transport.add_vehicle(vehicle)
    waybill = sample_etrn(seed=5)
    imported = services.library.import_bytes(etrn_to_xml(waybill), waybill.file_name, Direction.INCOMING)
    assert imported.document_id is not None
    waybill_id = _signed(services, imported.document_id)
    etrn_flow.record_registration(services.database, waybill_id, "3f6a2c1e-9b7d-4e52-8a10-c4d2e6f80b13")
    reply = etrn_flow.next_title(services.database, waybill_id, signer=CARRIER_SIGNER,
                                 created=waybill.created + timedelta(hours=2), guid=str(uuid.uuid4()))
    accepted_id = _signed(services, etrn_flow.store_title(services.library, reply))
    return Carriage(waybill, waybill_id, accepted_id)


def _dialog(qtbot: QtBot, services: Services, document_id: int) -> CarrierTitleDialog:
    dialog = CarrierTitleDialog(services, SyncExecutor(), document_id)
    qtbot.addWidget(dialog)
    return dialog


def _type(dialog: CarrierTitleDialog, values: dict[str, str]) -> None:
    for key, text in values.items():
        line = dialog.fields[key]
        assert isinstance(line, QLineEdit), key
        line.setText(text)


def _choose(dialog: CarrierTitleDialog, key: str, label_part: str) -> None:
    combo = dialog.fields[key]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(next(i for i in range(combo.count()) if label_part in combo.itemText(i)))


def _sign_as_carrier(dialog: CarrierTitleDialog) -> None:
    _type(dialog, {"signer.last_name": "Воронов", "signer.first_name": "Глеб", "signer.position": "Водитель"})


def _marked(widget: QWidget) -> bool:
    return bool(widget.property("issue"))


def test_a_new_driver_and_vehicle_from_the_directories_make_a_stored_title_04(
        qtbot: QtBot, services: Services, carriage: Carriage) -> None:
    dialog = _dialog(qtbot, services, carriage.accepted_id)
    assert "Титул 02 перевозчика" in dialog.about.text() and dialog.form_button.isEnabled()
    drivers = dialog.fields["drivers"]
    assert isinstance(drivers, QComboBox) and drivers.count() == 3  # «прежний» and the two of the directory
    _choose(dialog, "drivers", "Соколов")
    _choose(dialog, "vehicles", "В321ОР77")
    _choose(dialog, "trailers", "АВ765477")
    vehicles = dialog.fields["vehicles"]
    assert isinstance(vehicles, QComboBox) and vehicles.count() == 2  # the trailer is offered only as a trailer
    _type(dialog, {"reason": "Неисправность ТС в пути"})
    _sign_as_carrier(dialog)
    with qtbot.waitSignal(dialog.formed) as formed:
        dialog.form_title()
    stored = services.library.get(formed.args[0])
    assert (stored.direction, stored.status, stored.summary.function) == (
        Direction.OUTGOING, DocumentStatus.VALIDATED, "титул 04")
    text = stored.content.decode("cp1251")
    assert "Соколов" in text and "В321ОР77" in text
    change = etrn_any_from_xml(stored.content)
    assert isinstance(change, EtrnChange)
    accepted = etrn_flow.stored_title(services.database, carriage.accepted_id)
    assert change.answers.file_id == str(accepted.file_id) and change.uid == accepted.uid
    assert [d.licence_number for d in change.drivers] == ["123456"]
    new = change.vehicles[0]
    assert new.vehicle is not None and (new.vehicle.capacity_t, new.vehicle.ownership) == (Decimal("4.5"), "1")
    assert [t.reg_number for t in new.trailers] == ["АВ765477"]
    assert change.reason == "Неисправность ТС в пути"


def test_readdressing_to_the_shipper_makes_a_stored_title_03(qtbot: QtBot, services: Services,
                                                              carriage: Carriage) -> None:
    shipper = carriage.waybill.shipper
    services.counterparties.add(CounterpartyInput(shipper.name, shipper.inn, shipper.member.party.kpp))
    dialog = _dialog(qtbot, services, carriage.accepted_id)
    dialog.kind.setCurrentIndex(1)
    assert dialog.pages.currentWidget() is dialog.readdress
    issuer = dialog.fields["basis.issuer_inn"]
    assert isinstance(issuer, QLineEdit) and issuer.text() == shipper.inn  # the shipper's notice, by default
    _choose(dialog, "new_consignee", shipper.inn)  # the cargo goes back: address and phone from the waybill
    address = dialog.fields["new_consignee.address"]
    assert isinstance(address, QLineEdit) and shipper.member.address is not None
    assert address.text() == shipper.member.address.line
    _type(dialog, {"basis.number": "П-7", "new_place": "Тверь, ул. Складская, д. 3"})
    _sign_as_carrier(dialog)
    with qtbot.waitSignal(dialog.formed) as formed:
        dialog.form_title()
    stored = services.library.get(formed.args[0])
    assert (stored.direction, stored.status, stored.summary.function) == (
        Direction.OUTGOING, DocumentStatus.VALIDATED, "титул 03")
    title = etrn_any_from_xml(stored.content)
    assert isinstance(title, EtrnReaddress)
    assert (title.new_place.text, title.basis.number, title.basis.issuer_inn) == (
        "Тверь, ул. Складская, д. 3", "П-7", shipper.inn)
    assert title.new_consignee is not None and title.new_consignee.inn == shipper.inn
    assert title.new_consignee.phones == shipper.phones[:1]


def test_title_1_and_a_received_title_02_are_refused_with_what_to_select(
        qtbot: QtBot, services: Services, carriage: Carriage, shown: Shown) -> None:
    reply = etrn_flow.next_title(services.database, carriage.waybill_id, signer=CARRIER_SIGNER,
                                 created=carriage.waybill.created + timedelta(hours=3), guid=str(uuid.uuid4()))
    received = services.library.import_bytes(etrn_to_xml(reply), reply.file_name, Direction.INCOMING).document_id
    assert received is not None
    _signed(services, received)
    before = services.library.count(DocumentQuery())
    for document_id, said in ((carriage.waybill_id, "выбран титул 1 грузоотправителя"),
                              (received, "выбран полученный титул 02")):
        dialog = _dialog(qtbot, services, document_id)
        assert dialog.about.text() == NO_TITLE and dialog.problems.text().startswith(said)
        assert not dialog.form_button.isEnabled()
        dialog.form_title()  # even forced: the load failed, so there is nothing to form on
    assert services.library.count(DocumentQuery()) == before
    assert shown.boxes == []  # said in the dialog, no error box


def test_an_unsigned_title_02_is_refused_before_the_typing(qtbot: QtBot, services: Services,
                                                           carriage: Carriage) -> None:
    waybill = carriage.waybill
    reply = etrn_flow.next_title(services.database, carriage.waybill_id, signer=CARRIER_SIGNER,
                                 created=waybill.created + timedelta(hours=3), guid=str(uuid.uuid4()))
    unsigned = etrn_flow.store_title(services.library, reply)
    dialog = _dialog(qtbot, services, unsigned)
    assert "не подписан" in dialog.problems.text() and not dialog.form_button.isEnabled()


def test_no_new_driver_or_vehicle_and_no_reason_are_marked_and_nothing_is_stored(
        qtbot: QtBot, services: Services, carriage: Carriage) -> None:
    before = services.library.count(DocumentQuery())
    dialog = _dialog(qtbot, services, carriage.accepted_id)
    _sign_as_carrier(dialog)
    dialog.form_title()
    assert _marked(dialog.fields["drivers"]) and _marked(dialog.fields["reason"])
    assert "причину замены" in dialog.fields["reason"].toolTip()
    assert not _marked(dialog.fields["signer.last_name"])
    assert "reason: укажите причину замены" in dialog.problems.text().splitlines()
    dialog.kind.setCurrentIndex(1)  # the readdressing without its new place nor a signer
    _type(dialog, {"signer.last_name": ""})
    dialog.form_title()
    assert _marked(dialog.fields["new_place"]) and _marked(dialog.fields["signer.last_name"])
    assert not _marked(dialog.fields["basis.name"])
    assert services.library.count(DocumentQuery()) == before


def test_the_menu_asks_to_select_a_title_02(window: MainWindow, shown: Shown) -> None:
    menu = window.menu("Документ")
    action = next(a for a in menu.actions() if a.text() == "Изменение перевозки ЭТрН (титулы 03, 04)…")
    action.trigger()  # nothing selected in the empty registry
    assert [box.text() for box in shown.boxes] == [NO_TITLE]


def test_a_leased_vehicle_carries_its_document_of_the_right_to_use(services: Services) -> None:
    leased = VehicleInput("Е777КХ50", "Тягач", "КАМАЗ 5490", "18", "1", ownership="3", right_name="Договор аренды ТС",
                          right_number="А-12", right_date="01.02.2024", right_issuer_inn="7707083893")
    vehicle = vehicle_of(services.transport.add_vehicle(leased))
    assert vehicle.right_of_use is not None
    assert (vehicle.right_of_use.number, vehicle.right_of_use.date) == ("А-12", date(2024, 2, 1))

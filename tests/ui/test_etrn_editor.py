"""«Документ → Транспортная накладная…»: the clerk fills title 1 from the directories; picking a
vehicle or a driver fills their fields, a bad field is painted at its place, «Сформировать»
stores a valid title 1 (and nothing when invalid), drafts reopen; «Следующий титул ЭТрН…» answers
a stored, signed title 1 with the carrier's title 02."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from edo_app.documents import EtrnReply, EtrnShipper, etrn_from_xml
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.services import CounterpartyInput, DocumentQuery, Services
from edo_app.services.etrn_flow import record_registration
from edo_app.services.transport_directory import DriverInput, VehicleInput
from edo_app.storage.signatures import SignatureRepository
from tests.ui.conftest import Shown
from tests.ui.test_editor import Deferred
from ui.editor_etrn.editor import EtrnEditor, editor_service
from ui.editor_etrn.issue_places import path_of_xpath, place_title
from ui.editor_etrn.next_title import NextTitleDialog
from ui.main_window import MainWindow
from ui.ops import SyncExecutor

SHIPPER = CounterpartyInput("ООО «Северный ветер»", "7715260183", "771501001", "2AE7715260183", own=True)
CONSIGNEE = CounterpartyInput("АО «Лесная поляна»", "7810385496", "781001001", "2AE7810385496")
CARRIER = CounterpartyInput("ИП Журавлёв Семён Глебович", "500016613197", "", "2AE500016613197")
LORRY = VehicleInput("М456ОР750", "Грузовой фургон", "ГАЗ Валдай", "3,5", "20")
DRIVER = DriverInput("Воронов", "Глеб", "99 12", "345678", "14.05.2020", "+7 916 111-22-33", "Ильич")
UNLOADING = "196084, г. Санкт-Петербург, ул. Заставская, д. 33"


@pytest.fixture
def directory(services: Services) -> Services:
    for entry in (SHIPPER, CONSIGNEE, CARRIER):
        services.counterparties.add(entry)
    services.transport.add_vehicle(LORRY)
    services.transport.add_vehicle(VehicleInput("АВ123477", "Полуприцеп", "Тонар 9746", "20", "82", trailer=True))
    services.transport.add_driver(DRIVER)
    return services


@pytest.fixture
def editor(qtbot: QtBot, directory: Services, shown: Shown) -> Iterator[EtrnEditor]:
    opened = EtrnEditor(directory, SyncExecutor())
    qtbot.addWidget(opened)
    yield opened
    opened.close()


def _choose(combo_owner: object, inn: str) -> None:
    combo = combo_owner.party  # type: ignore[attr-defined]
    index = next(i for i in range(combo.count()) if combo.itemData(i).inn == inn)
    combo.setCurrentIndex(index)


def _fill(editor: EtrnEditor) -> None:
    doc = editor.document
    doc.number.setText("ТН-0317")
    doc.order_number.setText("З-0412")
    doc.transport_rules.setText("Беречь от влаги")
    for key, text in zip(doc.SIGNER, ("Соколов", "Андрей", "", "Начальник склада"), strict=True):
        doc.signer[key].setText(text)
    editor.shipper.address.setText("127018, г. Москва, ул. Сущёвский Вал, д. 12")
    editor.shipper.phone.setText("+7 495 123-45-67")
    _choose(editor.consignee, CONSIGNEE.inn)
    editor.consignee.address.setText(UNLOADING)
    editor.consignee.phone.setText("+7 812 765-43-21")
    _choose(editor.carrier, CARRIER.inn)
    editor.carrier.phone.setText("+7 916 111-22-33")
    for key, text in (("name", "Бумага офисная А4"), ("packing", "Коробки на паллетах"), ("container_kind", "12"),
                      ("places", "40"), ("marks", "СВ-0317"), ("gross_kg", "1020,5"), ("net_kg", "1000")):
        editor.cargo.set_value(0, key, text)
    editor.vehicle.picker.setCurrentIndex(1)
    editor.driver.picker.setCurrentIndex(1)


def test_picking_a_vehicle_and_a_driver_fills_their_fields(editor: EtrnEditor) -> None:
    vehicle, driver = editor.vehicle, editor.driver
    assert [vehicle.picker.itemText(i) for i in range(vehicle.picker.count())][1:] == ["М456ОР750 — ГАЗ Валдай"]
    assert vehicle.trailer.itemText(1) == "АВ123477 — Тонар 9746 (прицеп)"
    vehicle.picker.setCurrentIndex(1)
    assert {key: edit.text() for key, edit in vehicle.fields.items()} == {
        "reg_number": "М456ОР750", "kind": "Грузовой фургон", "brand": "ГАЗ Валдай", "capacity_t": "3,5",
        "volume_m3": "20"}
    driver.picker.setCurrentIndex(1)
    assert [driver.fields[k].text() for k in ("last_name", "licence_series", "licence_number", "licence_issued",
                                              "phones")] == ["Воронов", "9912", "345678", "14.05.2020",
                                                             "+7 916 111-22-33"]
    driver.fields["phones"].setText("+7 900 000-00-00")  # editable for this waybill only
    data = editor.input_data()
    assert data["vehicle"]["capacity_t"] == "3.5" and data["drivers"][0]["licence_issued"] == "2020-05-14"
    assert data["drivers"][0]["phones"] == ["+7 900 000-00-00"]


def test_the_delivery_address_follows_the_consignee_until_typed(editor: EtrnEditor) -> None:
    editor.consignee.address.setText(UNLOADING)
    assert editor.places.delivery_address.text() == UNLOADING
    editor.places.delivery_address.setText("Склад № 2")
    editor.consignee.address.setText("другой адрес")
    assert editor.places.delivery_address.text() == "Склад № 2"
    editor.shipper.address.setText("127018, г. Москва")
    assert editor.places.loading_address.text() == "127018, г. Москва"


def test_forming_stores_a_valid_outgoing_title_1(qtbot: QtBot, editor: EtrnEditor, directory: Services) -> None:
    _fill(editor)
    editor.vehicle.trailer.setCurrentIndex(1)
    editor.validate_now()
    assert editor.issues.texts() == [] and editor.status.text() == "Накладная готова к формированию"
    with qtbot.waitSignal(editor.formed) as formed:
        editor.form_document()
    stored = directory.library.get(formed.args[0])
    assert (stored.direction, stored.status, stored.summary.kind) == (
        Direction.OUTGOING, DocumentStatus.VALIDATED, DocumentKind.ETRN)
    waybill = etrn_from_xml(stored.content)
    assert isinstance(waybill, EtrnShipper)
    assert (waybill.number, waybill.consignee.inn, waybill.carrier.inn) == ("ТН-0317", CONSIGNEE.inn, CARRIER.inn)
    assert (waybill.file_id.sender, waybill.file_id.recipient) == (SHIPPER.edo_id, CARRIER.edo_id)
    assert waybill.vehicle.reg_number == "М456ОР750" and waybill.trailers[0].reg_number == "АВ123477"
    assert waybill.drivers[0].licence_number == "345678"
    assert waybill.delivery_address.line == UNLOADING
    assert (waybill.loading.places, waybill.loading.gross_mass) == (40, "1020.5 кг")  # the cargo's totals


def test_an_invalid_field_is_shown_at_its_place_and_nothing_is_stored(qtbot: QtBot, editor: EtrnEditor,
                                                                       directory: Services) -> None:
    _fill(editor)
    editor.vehicle.fields["capacity_t"].setText("0")
    editor.cargo.set_value(0, "gross_kg", "много")
    editor.form_document()
    assert directory.library.count(DocumentQuery()) == 0
    capacity = editor.vehicle.fields["capacity_t"]
    assert "больше нуля" in capacity.toolTip() and capacity.styleSheet()
    cell = editor.cargo.item(0, 5)
    assert cell is not None and cell.toolTip()
    assert editor.status.text().startswith("Накладная не сформирована")
    texts = editor.issues.texts()
    assert "Транспортное средство, грузоподъёмность: значение должно быть больше нуля" in texts
    assert any(text.startswith("Груз, строка 1, брутто:") for text in texts)
    item = next(editor.issues.item(i) for i in range(editor.issues.count())
                if editor.issues.item(i).text().startswith("Транспортное средство"))
    assert editor.tabs.currentIndex() == 0
    editor.issues.itemClicked.emit(item)  # the issue leads to its tab and field
    assert editor.tabs.currentWidget().isAncestorOf(capacity)


def test_only_the_latest_check_is_shown_and_nothing_after_closing(qtbot: QtBot, directory: Services,
                                                                  shown: Shown) -> None:
    executor = Deferred()
    editor = EtrnEditor(directory, executor)
    qtbot.addWidget(editor)
    executor.run_all()  # the directory lists
    _fill(editor)
    executor.run_all()  # the chosen parties' contacts
    capacity = editor.vehicle.fields["capacity_t"]
    capacity.setText("0")
    editor.validate_now()
    capacity.setText("3,5")
    editor.validate_now()
    executor.run_all()  # the older answer (capacity 0) arrives too, and is dropped
    assert capacity.toolTip() == "" and editor.status.text() == "Накладная готова к формированию"
    capacity.setText("0")
    editor.validate_now()
    editor.save_draft()
    editor.close()
    executor.run_all()  # answers for a closed editor change nothing and raise nothing
    assert capacity.toolTip() == "" and editor.status.text() == "Накладная готова к формированию"
    assert len(editor_service(directory).drafts()) == 1  # the draft is kept all the same


def test_directory_lists_arriving_after_closing_are_dropped(qtbot: QtBot, directory: Services,
                                                           shown: Shown) -> None:
    executor = Deferred()
    editor = EtrnEditor(directory, executor)
    qtbot.addWidget(editor)
    editor.close()
    executor.run_all()
    assert [combo.count() for combo in (editor.vehicle.picker, editor.driver.picker, editor.shipper.party)] == [1, 1, 0]


def test_an_empty_signer_is_marked_on_its_field(editor: EtrnEditor) -> None:
    _fill(editor)
    editor.document.signer["last_name"].setText("")
    editor.validate_now()
    field = editor.document.signer["last_name"]
    assert isinstance(field, QLineEdit) and field.toolTip() and field.styleSheet()


def test_a_draft_reopens_as_it_was(qtbot: QtBot, editor: EtrnEditor, directory: Services) -> None:
    _fill(editor)
    editor.document.number.setText("")  # a draft need not be valid
    with qtbot.waitSignal(editor.draft_saved):
        editor.save_draft()
    [info] = editor_service(directory).drafts()
    assert info.buyer == CONSIGNEE.name and directory.upd_editor.drafts() == []
    reopened = EtrnEditor(directory, SyncExecutor(), editor_service(directory).open_draft(info.guid))
    qtbot.addWidget(reopened)
    assert reopened.input_data() == editor.input_data()
    assert any(text.startswith("Номер накладной:") for text in reopened.issues.texts())
    reopened.close()


def test_the_carrier_answers_a_stored_title_1_with_title_02(qtbot: QtBot, editor: EtrnEditor,
                                                          directory: Services) -> None:
    _fill(editor)
    with qtbot.waitSignal(editor.formed) as formed:
        editor.form_document()
    waybill_id = formed.args[0]
    # the stored signature is what title 02 carries as ЭП: any detached signature's bytes stand for it here
    SignatureRepository(directory.database).add(waybill_id, b"\x30\x03\x02\x01\x01", None, "тест")
    record_registration(directory.database, waybill_id, "3f6a2c1e-9b7d-4e52-8a10-c4d2e6f80b13")
    dialog = NextTitleDialog(directory, SyncExecutor(), waybill_id)
    qtbot.addWidget(dialog)
    assert "титул 02" in dialog.about.text()
    dialog.form_title()  # no signer yet: refused beside the field, nothing stored
    assert dialog.fields["signer.last_name"].toolTip() and dialog.problems.text()
    assert directory.library.count(DocumentQuery()) == 1
    for key, text in (("signer.last_name", "Журавлёв"), ("signer.first_name", "Семён"),
                      ("signer.position", "Водитель"), ("remarks.cargo_state", "Две коробки помяты")):
        line = dialog.fields[key]
        assert isinstance(line, QLineEdit)
        line.setText(text)
    with qtbot.waitSignal(dialog.formed) as answered:
        dialog.form_title()
    reply = etrn_from_xml(directory.library.get(answered.args[0]).content)
    assert isinstance(reply, EtrnReply) and reply.step == "02"
    assert reply.remarks.cargo_state == "Две коробки помяты"
    assert reply.file_id.recipient == CONSIGNEE.edo_id  # the carrier's acceptance goes to the consignee
    SignatureRepository(directory.database).add(answered.args[0], b"\x30\x03\x02\x01\x02", None, "тест")
    consignee = NextTitleDialog(directory, SyncExecutor(), answered.args[0])
    qtbot.addWidget(consignee)
    assert "титул 05" in consignee.about.text()
    known = {key: consignee.fields[f"receipt.{key}"] for key in ("address", "places", "gross_kg")}
    assert [w.text() for w in known.values() if isinstance(w, QLineEdit)] == [UNLOADING, "40", "1020.5"]
    for key, text in (("signer.last_name", "Лебедев"), ("signer.first_name", "Илья"), ("receipt.places", "сорок")):
        line = consignee.fields[key]
        assert isinstance(line, QLineEdit)
        line.setText(text)
    consignee.form_title()
    assert "цифрами" in consignee.fields["receipt.places"].toolTip()
    assert directory.library.count(DocumentQuery()) == 2
    places = consignee.fields["receipt.places"]
    assert isinstance(places, QLineEdit)
    places.setText("40")
    with qtbot.waitSignal(consignee.formed) as received:
        consignee.form_title()
    receipt = etrn_from_xml(directory.library.get(received.args[0]).content)
    assert isinstance(receipt, EtrnReply) and receipt.step == "05" and receipt.accepted
    assert receipt.receipt is not None and receipt.receipt.places == 40
    assert receipt.economic_entity == CONSIGNEE.name  # from the waybill in this registry


def test_the_menu_opens_the_editor(window: MainWindow) -> None:
    menu = window.menu("Документ")
    texts = [a.text() for a in menu.actions()]
    assert {"Транспортная накладная…", "Следующий титул ЭТрН…"} <= set(texts)
    next(a for a in menu.actions() if a.text() == "Транспортная накладная…").trigger()
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, EtrnEditor) and w.isVisible()]
    assert len(opened) == 1 and opened[0].windowTitle() == "Транспортная накладная — новый документ"
    opened[0].close()


def test_a_party_s_address_and_phone_come_from_the_last_waybill(qtbot: QtBot, editor: EtrnEditor,
                                                                directory: Services) -> None:
    _fill(editor)
    with qtbot.waitSignal(editor.formed):
        editor.form_document()
    again = EtrnEditor(directory, SyncExecutor())
    qtbot.addWidget(again)
    assert again.shipper.address.text() == "127018, г. Москва, ул. Сущёвский Вал, д. 12"  # the own organisation
    assert again.places.loading_address.text() == again.shipper.address.text()
    _choose(again.consignee, CONSIGNEE.inn)
    assert (again.consignee.address.text(), again.consignee.phone.text()) == (UNLOADING, "+7 812 765-43-21")
    assert again.places.delivery_address.text() == UNLOADING
    again.close()


def test_the_carrier_is_found_by_typing(qtbot: QtBot, directory: Services, shown: Shown) -> None:
    directory.counterparties.add(CounterpartyInput("ООО «Быстрые колёса»", "7707083893", "770701001"))
    editor = EtrnEditor(directory, SyncExecutor())
    qtbot.addWidget(editor)
    combo = editor.carrier.party
    assert combo.count() == 3  # every counterparty but the own organisations
    chosen = combo.currentData().inn
    editor.carrier.filter.setText("журавл")
    qtbot.waitUntil(lambda: combo.count() == 2)  # after the pause in typing; the chosen one stays
    assert {combo.itemData(i).inn for i in range(2)} == {CARRIER.inn, chosen}
    editor.close()


def test_problem_addresses_map_to_fields_and_words(editor: EtrnEditor) -> None:
    assert path_of_xpath("/Файл/Документ/СодИнфГО/СвГруз/ОпГруз[2]/ПлМасГруз/@МасБрутЗнач") == "cargo[1].gross_kg"
    assert path_of_xpath("/Файл/Документ/СодИнфГО/СвГП/АдресДостГр/АдрРФ/@Индекс") == "delivery_address"
    assert place_title("drivers[0].first_name") == "Водитель, имя"
    assert place_title("cargo[0].net_kg") == "Груз, строка 1, нетто"
    assert place_title("file.recipient_id") == "Перевозчик, идентификатор ЭДО"
    assert editor.widget_at("consignee.address.postal_code") is editor.consignee.address
    assert editor.widget_at("file.recipient_id") is editor.carrier.party
    assert editor.widget_at("drivers[0].phones[0]") is editor.driver.fields["phones"]
    assert editor.widget_at("vehicle.right_of_use.issuer_inn") is editor.vehicle.ownership

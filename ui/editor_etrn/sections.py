"""The parts of the ЭТрН editor's form: each a group of fields that writes its part of the JSON
input (docs/etrn-input.md) and reads it back from a draft.

Every field is registered under the input path its problems arrive with (``order_date``,
``consignee.phones``, ``loading.arrived``), so the editor can paint the field of a problem and
bring it under the cursor. Text goes to the input as typed: the builder is the one judge of it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QFormLayout, QGroupBox, QLineEdit, QWidget

from edo_app.services import Counterparty
from ui.editor.form_data import PartyInput, json_day, json_object, json_text, party_of_json
from ui.editor.header import SEARCH_DELAY_MS, fill_parties, party_of, select_party
from ui.editor_hr.fields import date_edit
from ui.editor_hr.fields import day_of as chosen_day
from ui.editor_primary.form_data import member_json

MASS_METHODS = (("01", "01 — взвешивание"), ("02", "02 — расчётный"), ("03", "03 — по стандарту или замерам"))


def day_of(edit: QDateEdit) -> str:
    """The chosen day as the input writes it (ГГГГ-ММ-ДД)."""
    return chosen_day(edit).isoformat()


def moment_of(edit: QDateTimeEdit) -> str:
    """The moment as the ЭТрН writes it: to the second, with this computer's UTC offset."""
    chosen = edit.dateTime()
    d, t = chosen.date(), chosen.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()).astimezone().isoformat()


def _set_moment(edit: QDateTimeEdit, text: str) -> None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return
    edit.setDateTime(QDateTime(QDate(moment.date()), QTime(moment.hour, moment.minute)))


class Section(QGroupBox):
    """A group of fields; ``paths`` maps the input paths of its problems to its widgets."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.paths: dict[str, QWidget] = {}
        self.rows = QFormLayout(self)

    def line(self, path: str, title: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self.changed)
        self.add(path, title, edit)
        return edit

    def add(self, path: str, title: str, widget: QWidget) -> Any:
        self.paths[path] = widget
        self.rows.addRow(title, widget)
        if isinstance(widget, QDateTimeEdit):  # QDateEdit too
            widget.dateTimeChanged.connect(self.changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.changed)
        return widget

    def fill(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def load(self, data: dict[str, Any]) -> None:
        raise NotImplementedError


class DocumentSection(Section):
    """Number and date of the waybill and of the order, the shipper's instructions, the signer."""

    TEXTS = ("number", "order_number", "transport_rules", "delivery_due")
    SIGNER = ("last_name", "first_name", "middle_name", "position")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Накладная", parent)
        self.number = self.line("number", "Номер накладной")
        self.date = self.add("date", "Дата накладной", date_edit())
        self.order_number = self.line("order_number", "Номер заказа (заявки)")
        self.order_date = self.add("order_date", "Дата заказа", date_edit())
        self.transport_rules = self.line("transport_rules", "Указания о перевозке",
                                         "Нормы перевозки: температура, влажность…")
        self.delivery_due = self.line("delivery_due", "Срок доставки", "Например, 2 суток")
        self.signer = {key: self.line(f"signer.{key}", title) for key, title in zip(
            self.SIGNER, ("Подписант: фамилия", "Имя", "Отчество", "Должность"), strict=True)}

    def fill(self, data: dict[str, Any]) -> None:
        for key in self.TEXTS:
            text = self.paths[key]
            assert isinstance(text, QLineEdit)
            if text.text().strip() or key != "delivery_due":
                data[key] = text.text().strip()
        data["date"], data["order_date"] = day_of(self.date), day_of(self.order_date)
        data["signer"] = {key: edit.text().strip() for key, edit in self.signer.items() if edit.text().strip()}

    def load(self, data: dict[str, Any]) -> None:
        for key in self.TEXTS:
            text = self.paths[key]
            assert isinstance(text, QLineEdit)
            text.setText(json_text(data, key))
        for key, edit in (("date", self.date), ("order_date", self.order_date)):
            day = json_day(json_text(data, key))
            if day is not None:
                edit.setDate(QDate(day))
        signer = json_object(data.get("signer"))
        for key, edit in self.signer.items():
            edit.setText(json_text(signer, key))


class PartySection(Section):
    """A participant picked from the counterparty directory, with its address and phone."""

    search = Signal(str)  # look the directory up by this text
    picked = Signal()  # another counterparty was chosen

    def __init__(self, key: str, title: str, id_key: str, searchable: bool, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.key, self.id_key = key, id_key  # id_key: where the file names this participant's box ("" nowhere)
        if searchable:
            self.filter = QLineEdit()
            self.filter.setPlaceholderText("Поиск по наименованию или ИНН")
            self.filter.setClearButtonEnabled(True)
            self.rows.addRow("Найти", self.filter)
            self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
            self._timer.timeout.connect(lambda: self.search.emit(self.filter.text()))
            self.filter.textChanged.connect(self._timer.start)
        self.party = self.add(key, "Контрагент", QComboBox())
        self.party.currentIndexChanged.connect(self.picked)
        self.address = self.line(f"{key}.address", "Адрес", "Индекс, регион, город, улица, дом")
        self.phone = self.line(f"{key}.phones", "Телефон", "+7 495 123-45-67")
        if id_key:
            self.paths[f"file.{id_key}"] = self.party

    def set_entries(self, entries: list[Counterparty]) -> None:
        fill_parties(self.party, [party_of(e) for e in entries])

    def chosen(self) -> PartyInput:
        found = self.party.currentData()
        return found if isinstance(found, PartyInput) else PartyInput()

    def fill(self, data: dict[str, Any]) -> None:
        party = self.chosen()
        values = member_json(PartyInput(party.name, party.inn, party.kpp, party.edo_id, self.address.text()))
        values["phones"] = [self.phone.text().strip()] if self.phone.text().strip() else []
        data[self.key] = values
        if self.id_key:
            data.setdefault("file", {})[self.id_key] = party.edo_id.strip()

    def load(self, data: dict[str, Any]) -> None:
        party = party_of_json(data.get(self.key), json_object(data.get("file")), self.id_key)
        select_party(self.party, party)
        self.address.setText(party.address)
        phones = json_object(data.get(self.key)).get("phones")
        self.phone.setText(str(phones[0]) if isinstance(phones, list) and phones else "")


class PlacesSection(Section):
    """Where the cargo is loaded and delivered, and what the shipper hands over at loading."""

    MOMENTS = (("planned", "Погрузка по заявке"), ("arrived", "Прибытие под погрузку"), ("departed", "Убытие"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Погрузка и доставка", parent)
        self.loading_address = self.line("loading.address", "Адрес погрузки")
        self.delivery_address = self.line("delivery_address", "Адрес доставки")
        self.moments: dict[str, QDateTimeEdit] = {}
        for key, title in self.MOMENTS:
            edit = QDateTimeEdit(QDateTime.currentDateTime())
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy HH:mm")
            self.moments[key] = self.add(f"loading.{key}", title, edit)
        self.gross_mass = self.line("loading.gross_mass", "Масса брутто при погрузке", "пусто — сумма по грузу, кг")
        self.places = self.line("loading.places", "Принято мест", "пусто — сумма по грузу")
        self.mass_method = self.add("loading.mass_method", "Метод определения массы", QComboBox())
        for value, label in MASS_METHODS:
            self.mass_method.addItem(label, value)
        self.paths["loading"] = self.loading_address

    def fill(self, data: dict[str, Any]) -> None:
        data["delivery_address"] = self.delivery_address.text().strip()
        loading: dict[str, Any] = {"address": self.loading_address.text().strip(),
                                   "mass_method": str(self.mass_method.currentData())}
        loading.update({key: moment_of(edit) for key, edit in self.moments.items()})
        loading["gross_mass"] = self.gross_mass.text().strip() or _total_mass(data.get("cargo"))
        places = self.places.text().strip()
        loading["places"] = int(places) if places.isdigit() else places or _total_places(data.get("cargo"))
        data["loading"] = loading

    def load(self, data: dict[str, Any]) -> None:
        loading = json_object(data.get("loading"))
        self.loading_address.setText(json_text(loading, "address"))
        self.delivery_address.setText(json_text(data, "delivery_address"))
        for key, edit in self.moments.items():
            _set_moment(edit, json_text(loading, key))
        self.gross_mass.setText(json_text(loading, "gross_mass"))
        self.places.setText(json_text(loading, "places"))
        self.mass_method.setCurrentIndex(max(0, self.mass_method.findData(json_text(loading, "mass_method"))))


def _total_mass(cargo: object) -> str:
    """«1206.5 кг»: the gross masses of the cargo lines added up ("" when one is not a number)."""
    total = Decimal(0)
    for item in cargo if isinstance(cargo, list) else []:
        try:
            total += Decimal(str(json_object(item).get("gross_kg", "")).replace(",", "."))
        except InvalidOperation:
            return ""
    return f"{total.normalize():f} кг" if total > 0 else ""


def _total_places(cargo: object) -> int | str:
    places = [json_object(item).get("places") for item in cargo] if isinstance(cargo, list) else []
    return sum(p for p in places if isinstance(p, int)) or ""

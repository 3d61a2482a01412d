"""The vehicle (with an optional trailer) and the driver of the waybill, picked from the transport
directories: choosing an entry fills the fields, which stay editable for this one waybill.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from edo_app.services.transport_directory import (
    OWNERSHIP,
    StoredDriver,
    StoredVehicle,
    driver_json,
    parse_day,
    vehicle_json,
)
from ui.directories.drivers import driver_label
from ui.directories.vehicles import vehicle_label
from ui.editor.form_data import json_object, json_text
from ui.editor_etrn.sections import Section

PICK = "— выбрать из справочника —"
NO_TRAILER = "без прицепа"
VEHICLE_KEYS = (("reg_number", "Госномер"), ("kind", "Тип ТС"), ("brand", "Марка, модель"),
                ("capacity_t", "Грузоподъёмность, т"), ("volume_m3", "Вместимость, м³"))
DRIVER_KEYS = (("last_name", "Фамилия"), ("first_name", "Имя"), ("middle_name", "Отчество"),
               ("licence_series", "Серия удостоверения"), ("licence_number", "Номер удостоверения"),
               ("licence_issued", "Дата выдачи"), ("phones", "Телефон"), ("inn", "ИНН (если известен)"))


def _refill(combo: QComboBox, first: str, items: list[tuple[str, dict[str, Any]]]) -> None:
    """New choices after ``first``; the chosen one stays chosen (by its label) and no signal fires."""
    current = combo.currentText()
    kept = combo.currentData() if combo.currentIndex() > 0 else None
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(first, None)
    for label, values in items:
        combo.addItem(label, values)
    if kept is not None and combo.findText(current) < 0:
        combo.addItem(current, kept)
    combo.setCurrentIndex(max(0, combo.findText(current)))
    combo.blockSignals(False)


class PickedSection(Section):
    """A section with a directory picker above its fields: choosing an entry shows its values."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.picker = QComboBox()
        self.rows.addRow("Из справочника", self.picker)
        self.picker.currentIndexChanged.connect(self._picked)
        _refill(self.picker, PICK, [])

    def _picked(self) -> None:
        values = self.picker.currentData()
        if isinstance(values, dict):
            self._show(values)

    def _show(self, values: dict[str, Any]) -> None:
        raise NotImplementedError


class VehicleSection(PickedSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Транспортное средство", parent)
        self.fields = {key: self.line(f"vehicle.{key}", title) for key, title in VEHICLE_KEYS}
        self.ownership = self.add("vehicle.ownership", "Владение", QComboBox())
        for value, label in OWNERSHIP.items():
            self.ownership.addItem(label, value)
        self.trailer = self.add("trailers", "Прицеп", QComboBox())
        self.paths.update({"vehicle": self.fields["reg_number"], "vehicle.right_of_use": self.ownership})
        self._right: dict[str, Any] | None = None  # the document of the right to use a leased vehicle
        _refill(self.trailer, NO_TRAILER, [])

    def set_entries(self, entries: list[StoredVehicle]) -> None:
        own = [(vehicle_label(s), vehicle_json(s.entry)) for s in entries if not s.entry.trailer]
        _refill(self.picker, PICK, own)
        trailers = [(vehicle_label(s), vehicle_json(s.entry)) for s in entries if s.entry.trailer]
        _refill(self.trailer, NO_TRAILER, trailers)

    def _show(self, values: dict[str, Any]) -> None:
        for key, edit in self.fields.items():
            edit.setText(json_text(values, key).replace(".", ",") if key in ("capacity_t", "volume_m3")
                         else json_text(values, key))
        self.ownership.setCurrentIndex(max(0, self.ownership.findData(json_text(values, "ownership") or "1")))
        right = values.get("right_of_use")
        self._right = dict(right) if isinstance(right, dict) else None

    def fill(self, data: dict[str, Any]) -> None:
        vehicle: dict[str, Any] = {key: edit.text().strip() for key, edit in self.fields.items()}
        for key in ("capacity_t", "volume_m3"):
            vehicle[key] = vehicle[key].replace(",", ".").replace(" ", "")
        vehicle["ownership"] = str(self.ownership.currentData())
        if self._right is not None and vehicle["ownership"] in ("3", "4", "5"):
            vehicle["right_of_use"] = dict(self._right)
        data["vehicle"] = vehicle
        trailer = self.trailer.currentData()
        if isinstance(trailer, dict):
            data["trailers"] = [dict(trailer)]

    def load(self, data: dict[str, Any]) -> None:
        self._show(json_object(data.get("vehicle")))
        trailers = data.get("trailers")
        trailer = json_object(trailers[0]) if isinstance(trailers, list) and trailers else {}
        if trailer:
            label = f"{json_text(trailer, 'reg_number')} — {json_text(trailer, 'brand')} (прицеп)"
            if self.trailer.findText(label) < 0:
                self.trailer.addItem(label, trailer)
            self.trailer.setCurrentIndex(self.trailer.findText(label))


class DriverSection(PickedSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Водитель", parent)
        self.fields = {key: self.line(f"drivers[0].{key}", title) for key, title in DRIVER_KEYS}
        self.fields["licence_issued"].setPlaceholderText("ДД.ММ.ГГГГ")
        self.paths.update({"drivers": self.fields["last_name"], "drivers[0]": self.fields["last_name"],
                           "drivers[0].name": self.fields["last_name"]})

    def set_entries(self, entries: list[StoredDriver]) -> None:
        _refill(self.picker, PICK, [(driver_label(s), driver_json(s.entry)) for s in entries])

    def _show(self, values: dict[str, Any]) -> None:
        phones = values.get("phones")
        for key, edit in self.fields.items():
            edit.setText(json_text(values, key))
        self.fields["phones"].setText(str(phones[0]) if isinstance(phones, list) and phones else "")
        issued = parse_day(json_text(values, "licence_issued"))
        if issued is not None:  # otherwise kept as it was typed
            self.fields["licence_issued"].setText(f"{issued:%d.%m.%Y}")

    def fill(self, data: dict[str, Any]) -> None:
        values = {key: edit.text().strip() for key, edit in self.fields.items()}
        driver: dict[str, Any] = {key: value for key, value in values.items() if value}
        driver["phones"] = [values["phones"]] if values["phones"] else []
        driver["licence_issued"] = _iso_day(values["licence_issued"])
        driver.update({key: values[key] for key in ("last_name", "first_name")})
        if not driver["licence_issued"]:
            del driver["licence_issued"]
        data["drivers"] = [driver]

    def load(self, data: dict[str, Any]) -> None:
        drivers = data.get("drivers")
        self._show(json_object(drivers[0]) if isinstance(drivers, list) and drivers else {})


def _iso_day(text: str) -> str:
    """ДД.ММ.ГГГГ as the input's ГГГГ-ММ-ДД; anything else as typed (the builder says what is wrong)."""
    day = parse_day(text)
    return day.isoformat() if day is not None else text

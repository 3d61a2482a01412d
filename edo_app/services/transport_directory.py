"""The vehicles and drivers directories as the front ends see them, and what the ЭТрН editor
takes from them.

Every value is checked before anything is written, all problems of one entry together
(InputErrors, each under its field): the госномер by the Russian plate formats (Latin letters
that look Cyrillic are read as Cyrillic), the driving licence as series of 4 characters and
number of 6 digits, ИНН by its check digits, and each entry by the ЭТрН's own types (Vehicle,
Driver), so an entry in a directory always fits title 1. A duplicate госномер or licence is
refused; each change is one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from edo_app.documents.etrn_types import LEASED, OWNERSHIP_TYPES, DocRequisite, Driver, Vehicle
from edo_app.model.identifiers import check_inn, check_inn_person
from edo_app.model.party import PersonName
from edo_app.model.problems import Problems
from edo_app.storage.database import Database
from edo_app.storage.transport_directory import (
    DriverEntry,
    DriverRepository,
    StoredDriver,
    StoredVehicle,
    VehicleEntry,
    VehicleRepository,
)

__all__ = ["OWNERSHIP", "DriverInput", "StoredDriver", "StoredVehicle", "TransportDirectoryService", "VehicleInput",
           "driver_json", "parse_day", "vehicle_json"]

OWNERSHIP = dict(zip(OWNERSHIP_TYPES, ("Собственность", "Совместная собственность супругов", "Аренда", "Лизинг",
                                       "Безвозмездное пользование"), strict=True))
_LOOKALIKES = str.maketrans("ABEKMHOPCTYX", "АВЕКМНОРСТУХ")
_PLATE_LETTER = "АВЕКМНОРСТУХ"
_VEHICLE_PLATE = re.compile(rf"^[{_PLATE_LETTER}]\d{{3}}[{_PLATE_LETTER}]{{2}}\d{{2,3}}$")  # А123ВС77, А123ВС777
_TRAILER_PLATE = re.compile(rf"^[{_PLATE_LETTER}]{{2}}\d{{4}}\d{{2,3}}$")  # АВ123477
_LICENCE_SERIES = re.compile(r"^\d{2}(\d{2}|[А-ЯЁ]{2})$")
_LICENCE_NUMBER = re.compile(r"^\d{6}$")
_PHONE = re.compile(r"^\+?[\d\s()\-]{5,20}$")


def _compact(text: str) -> str:
    return "".join(text.split()).upper()


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_day(text: str) -> date | None:
    """ISO (2020-05-14) or the Russian way (14.05.2020)."""
    parts = text.split(".")
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0])) if len(parts) == 3 else date.fromisoformat(text)
    except ValueError:
        return None


# --- vehicles ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class VehicleInput:
    """What the user typed for a vehicle or a trailer; ``right_*`` counts only for a leased one."""

    reg_number: str
    kind: str
    brand: str
    capacity_t: str
    volume_m3: str
    ownership: str = "1"
    trailer: bool = False
    right_name: str = ""
    right_number: str = ""
    right_date: str = ""
    right_issuer_inn: str = ""

    def cleaned(self) -> VehicleInput:
        leased = self.ownership in LEASED
        return VehicleInput(
            _compact(self.reg_number).translate(_LOOKALIKES), self.kind.strip(), self.brand.strip(),
            _compact(self.capacity_t), _compact(self.volume_m3), self.ownership.strip(), self.trailer,
            *((self.right_name.strip(), self.right_number.strip(), self.right_date.strip(),
               self.right_issuer_inn.strip()) if leased else ("", "", "", "")))


def _right_of_use(value: VehicleInput, problems: Problems) -> DocRequisite | None:
    if value.ownership not in LEASED:
        return None
    for key, what in (("right_name", "наименование"), ("right_number", "номер"), ("right_date", "дату")):
        if not getattr(value, key):
            problems.add(key, f"при аренде, лизинге и безвозмездном пользовании укажите {what} документа о праве "
                              "пользования")
    issued = parse_day(value.right_date) if value.right_date else None
    if value.right_date and issued is None:
        problems.add("right_date", "дата: ДД.ММ.ГГГГ")
    inn_problem = check_inn(value.right_issuer_inn) if value.right_issuer_inn else "укажите ИНН составителя документа"
    if inn_problem:
        problems.add("right_issuer_inn", inn_problem)
    if issued is None or inn_problem or not value.right_name or not value.right_number:
        return None
    return problems.run("", lambda: _right(value, issued))


def _right(value: VehicleInput, issued: date) -> DocRequisite:
    return DocRequisite(value.right_name, value.right_number, issued, value.right_issuer_inn)


def check_vehicle(value: VehicleInput) -> list[tuple[str, str]]:
    """Every problem of the (cleaned) entry as (field, Russian message); empty when it may be stored."""
    problems = Problems()
    plate = _TRAILER_PLATE if value.trailer else _VEHICLE_PLATE
    if not value.reg_number:
        problems.add("reg_number", "укажите госномер")
    elif not plate.match(value.reg_number):
        example = "АВ123477 (две буквы, четыре цифры, регион)" if value.trailer else \
            "А123ВС77 или А123ВС777 (буква, три цифры, две буквы, регион)"
        problems.add("reg_number", f"госномер «{value.reg_number}» не по формату: {example}")
    for key, what in (("kind", "тип ТС"), ("brand", "марку и модель")):
        if not getattr(value, key):
            problems.add(key, f"укажите {what}")
    if value.ownership not in OWNERSHIP_TYPES:
        problems.add("ownership", "выберите тип владения")
    numbers = {key: _decimal(getattr(value, key)) for key in ("capacity_t", "volume_m3")}
    for key, number in numbers.items():
        if number is None:
            problems.add(key, "укажите число, например 3,5")
    right = _right_of_use(value, problems)
    if not problems.items:
        capacity, volume = numbers["capacity_t"], numbers["volume_m3"]
        assert capacity is not None and volume is not None
        problems.run("", lambda: Vehicle(value.reg_number, value.ownership, value.kind, value.brand, capacity,
                                         volume, right))
    return problems.items


def _vehicle_entry(value: VehicleInput) -> VehicleEntry:
    clean = value.cleaned()
    problems = Problems()
    problems.items.extend(check_vehicle(clean))
    problems.raise_if_any()
    capacity, volume = (str(_decimal(text)) for text in (clean.capacity_t, clean.volume_m3))
    return VehicleEntry(clean.reg_number, clean.kind, clean.brand, capacity, volume, clean.ownership, clean.trailer,
                        clean.right_name, clean.right_number, parse_day(clean.right_date) if clean.right_date else None,
                        clean.right_issuer_inn)


def vehicle_json(entry: VehicleEntry) -> dict[str, Any]:
    """The ``vehicle`` / ``trailers[]`` object of the ЭТрН input (docs/etrn-input.md) for an entry."""
    values: dict[str, Any] = {"reg_number": entry.reg_number, "ownership": entry.ownership, "kind": entry.kind,
                              "brand": entry.brand, "capacity_t": entry.capacity_t, "volume_m3": entry.volume_m3}
    if entry.ownership in LEASED and entry.right_date is not None:
        values["right_of_use"] = {"name": entry.right_name, "number": entry.right_number,
                                  "date": entry.right_date.isoformat(), "issuer_inn": entry.right_issuer_inn}
    return values


# --- drivers ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DriverInput:
    """What the user typed for a driver; the licence may be typed with blanks («99 12 345678»)."""

    last_name: str
    first_name: str
    licence_series: str
    licence_number: str
    licence_issued: str  # ДД.ММ.ГГГГ or ГГГГ-ММ-ДД
    phone: str
    middle_name: str = ""
    inn: str = ""

    def cleaned(self) -> DriverInput:
        return replace(self, last_name=self.last_name.strip(), first_name=self.first_name.strip(),
                       middle_name=self.middle_name.strip(), licence_series=_compact(self.licence_series),
                       licence_number=_compact(self.licence_number), licence_issued=self.licence_issued.strip(),
                       phone=" ".join(self.phone.split()), inn=self.inn.strip())


def check_driver(value: DriverInput, today: date | None = None) -> list[tuple[str, str]]:
    """Every problem of the (cleaned) entry as (field, Russian message); empty when it may be stored."""
    problems = Problems()
    name = problems.run("", lambda: PersonName(value.last_name, value.first_name, value.middle_name))
    if not _LICENCE_SERIES.match(value.licence_series):
        problems.add("licence_series", "серия удостоверения — 4 знака: 4 цифры (99 12) или 2 цифры и 2 буквы (77 АВ)")
    if not _LICENCE_NUMBER.match(value.licence_number):
        problems.add("licence_number", "номер удостоверения — 6 цифр")
    issued = parse_day(value.licence_issued)
    if issued is None:
        problems.add("licence_issued", "укажите дату выдачи удостоверения: ДД.ММ.ГГГГ")
    elif issued > (today or date.today()):
        problems.add("licence_issued", "дата выдачи удостоверения ещё не наступила")
    if not _PHONE.match(value.phone):
        problems.add("phone", "укажите телефон водителя: цифры, можно с +, пробелами, скобками и дефисами")
    if value.inn and (inn_problem := check_inn_person(value.inn)):
        problems.add("inn", inn_problem)
    if not problems.items and name is not None:
        problems.run("", lambda: Driver(name, (value.phone,), value.licence_series, value.licence_number, issued,
                                        value.inn))
    return problems.items


def _driver_entry(value: DriverInput) -> DriverEntry:
    clean = value.cleaned()
    problems = Problems()
    problems.items.extend(check_driver(clean))
    problems.raise_if_any()
    issued = parse_day(clean.licence_issued)
    assert issued is not None
    name = PersonName(clean.last_name, clean.first_name, clean.middle_name)
    return DriverEntry(name, clean.licence_series, clean.licence_number, issued, clean.phone, clean.inn)


def driver_json(entry: DriverEntry) -> dict[str, Any]:
    """A ``drivers[]`` object of the ЭТрН input for an entry: ФИО, phone, licence (and ИНН if known)."""
    name = entry.name
    values: dict[str, Any] = {"last_name": name.last, "first_name": name.first, "phones": [entry.phone],
                              "licence_series": entry.licence_series, "licence_number": entry.licence_number,
                              "licence_issued": entry.licence_issued.isoformat()}
    if name.middle:
        values["middle_name"] = name.middle
    if entry.inn:
        values["inn"] = entry.inn
    return values


class TransportDirectoryService:
    """Vehicles (with trailers) and drivers: list and search, add, edit, delete."""

    def __init__(self, database: Database) -> None:
        self._vehicles = VehicleRepository(database)
        self._drivers = DriverRepository(database)

    def vehicles(self, text: str = "", *, trailer: bool | None = None) -> list[StoredVehicle]:
        """Vehicles whose госномер, make or type contains ``text``, by госномер; ``trailer`` filters."""
        filters = {} if trailer is None else {"trailer": trailer}
        return self._vehicles.search(text.strip(), **filters)

    def get_vehicle(self, vehicle_id: int) -> StoredVehicle:
        return self._vehicles.get(vehicle_id)

    def add_vehicle(self, value: VehicleInput) -> StoredVehicle:
        return self._vehicles.add(_vehicle_entry(value))

    def update_vehicle(self, vehicle_id: int, value: VehicleInput) -> StoredVehicle:
        return self._vehicles.update(vehicle_id, _vehicle_entry(value))

    def delete_vehicle(self, vehicle_id: int) -> None:
        self._vehicles.delete(vehicle_id)

    def drivers(self, text: str = "") -> list[StoredDriver]:
        """Drivers whose ФИО, licence or phone contains ``text``, by ФИО."""
        return self._drivers.search(text.strip())

    def get_driver(self, driver_id: int) -> StoredDriver:
        return self._drivers.get(driver_id)

    def add_driver(self, value: DriverInput) -> StoredDriver:
        return self._drivers.add(_driver_entry(value))

    def update_driver(self, driver_id: int, value: DriverInput) -> StoredDriver:
        return self._drivers.update(driver_id, _driver_entry(value))

    def delete_driver(self, driver_id: int) -> None:
        self._drivers.delete(driver_id)

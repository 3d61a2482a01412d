"""The vehicles and drivers directories: formats refused with their field, duplicates refused, a
failed change leaves the stored entry as it was, and a stored entry goes into a valid ЭТрН."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from edo_app.errors import InputError, StorageError
from edo_app.model.problems import InputErrors
from edo_app.services.etrn_drafts import build_etrn
from edo_app.services.transport_directory import (
    DriverInput,
    TransportDirectoryService,
    VehicleInput,
    check_driver,
    driver_json,
    vehicle_json,
)
from edo_app.storage import open_database
from edo_app.storage.database import Database

WAYBILL = Path(__file__).parents[3] / "resources" / "samples" / "etrn-waybill.json"
LORRY = VehicleInput("м 456 ор 750", "Грузовой фургон", "ГАЗ Валдай", "3,5", "20")
LEASED = VehicleInput("A123BC77", "Тягач", "КАМАЗ 5490", "20", "82", ownership="3", right_name="Договор аренды",
                      right_number="А-17", right_date="01.02.2025", right_issuer_inn="7715260183")
DRIVER = DriverInput("Журавлёв", "Семён", "99 12", "345 678", "14.05.2020", "+7 916 111-22-33", "Глебович")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path / 'edo.sqlite3'}")
    yield db
    db.close()


@pytest.fixture
def service(database: Database) -> TransportDirectoryService:
    return TransportDirectoryService(database)


def fields_of(exc: pytest.ExceptionInfo[InputError]) -> dict[str, str]:
    assert isinstance(exc.value, InputErrors)
    return dict(exc.value.problems)


def test_a_vehicle_is_stored_normalised_and_found(service: TransportDirectoryService) -> None:
    stored = service.add_vehicle(LORRY)
    assert stored.entry.reg_number == "М456ОР750"  # blanks gone, upper case
    assert (stored.entry.capacity_t, stored.entry.volume_m3) == ("3.5", "20")
    assert [v.id for v in service.vehicles("валдай")] == [stored.id]
    assert service.vehicles("м456") and not service.vehicles("камаз")
    latin = service.add_vehicle(LEASED)
    assert latin.entry.reg_number == "А123ВС77"  # Latin look-alikes read as Cyrillic
    assert latin.entry.right_date == date(2025, 2, 1)


def test_bad_vehicle_fields_are_reported_together(service: TransportDirectoryService) -> None:
    bad = replace(LORRY, reg_number="12345", capacity_t="много", volume_m3="0", brand=" ")
    with pytest.raises(InputErrors) as exc:
        service.add_vehicle(bad)
    problems = fields_of(exc)
    assert problems["brand"] == "укажите марку и модель"
    assert "не по формату" in problems["reg_number"]
    assert "число" in problems["capacity_t"]
    assert service.vehicles() == []


def test_a_leased_vehicle_needs_the_right_of_use(service: TransportDirectoryService) -> None:
    with pytest.raises(InputErrors) as exc:
        service.add_vehicle(replace(LEASED, right_number="", right_issuer_inn="7715260184"))
    problems = fields_of(exc)
    assert "номер документа" in problems["right_number"]
    assert "контрольное число" in problems["right_issuer_inn"]
    owned = service.add_vehicle(replace(LEASED, ownership="1"))
    assert owned.entry.right_name == ""  # the right of use is kept only for a leased vehicle


def test_a_trailer_has_its_own_plate_format(service: TransportDirectoryService) -> None:
    with pytest.raises(InputErrors):
        service.add_vehicle(replace(LORRY, reg_number="АВ123477"))
    trailer = service.add_vehicle(replace(LORRY, reg_number="АВ123477", trailer=True, kind="Полуприцеп"))
    assert service.vehicles(trailer=True) == [trailer]
    assert service.vehicles(trailer=False) == []


def test_duplicates_are_refused_and_the_entry_stays(service: TransportDirectoryService) -> None:
    first = service.add_vehicle(LORRY)
    other = service.add_vehicle(LEASED)
    with pytest.raises(InputError, match="уже есть") as exc:
        service.add_vehicle(replace(LORRY, brand="Другая"))
    assert exc.value.field == "reg_number"
    with pytest.raises(InputError, match="уже есть"):
        service.update_vehicle(other.id, LORRY)
    assert service.get_vehicle(other.id) == other  # nothing half-stored
    assert service.get_vehicle(first.id).entry.brand == "ГАЗ Валдай"
    driver = service.add_driver(DRIVER)
    with pytest.raises(InputError, match="удостоверением 9912 345678") as refused:
        service.add_driver(replace(DRIVER, last_name="Другой"))
    assert refused.value.field == "licence_number"
    assert [d.id for d in service.drivers()] == [driver.id]


def test_edit_and_delete(service: TransportDirectoryService) -> None:
    stored = service.add_driver(DRIVER)
    changed = service.update_driver(stored.id, replace(DRIVER, phone="+7 900 000-00-00"))
    assert changed.entry.phone == "+7 900 000-00-00"
    assert service.drivers("900 000") == [changed]
    service.delete_driver(stored.id)
    assert service.drivers() == []
    with pytest.raises(StorageError, match="не найден"):
        service.get_driver(stored.id)


def test_bad_driver_fields_are_reported_at_their_places() -> None:
    bad = DriverInput("", "Семён", "9", "12-34", "31.02.2020", "звоните", inn="500016613198").cleaned()
    problems = dict(check_driver(bad))
    assert set(problems) >= {"name", "licence_series", "licence_number", "licence_issued", "phone", "inn"}
    assert "6 цифр" in problems["licence_number"]
    future = dict(check_driver(replace(DRIVER.cleaned(), licence_issued="2030-01-01"), today=date(2026, 1, 1)))
    assert "ещё не наступила" in future["licence_issued"]
    assert check_driver(DRIVER.cleaned()) == []


def test_stored_entries_go_into_a_valid_title_1(service: TransportDirectoryService) -> None:
    vehicle, driver = service.add_vehicle(LEASED), service.add_driver(DRIVER)
    data: dict[str, Any] = json.loads(WAYBILL.read_text(encoding="utf-8"))
    data["vehicle"], data["drivers"] = vehicle_json(vehicle.entry), [driver_json(driver.entry)]
    doc, _content, report = build_etrn(data)
    assert report.ok
    assert doc.vehicle.reg_number == "А123ВС77" and doc.vehicle.right_of_use is not None
    assert doc.drivers[0].licence_number == "345678"

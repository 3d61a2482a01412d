"""The employees directory: check digits refused with their field, duplicates refused, an import
stores all or nothing, and a stored employee fits an HR document."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from edo_app.errors import InputError, StorageError
from edo_app.model.identifiers import format_snils, make_inn_le, make_snils
from edo_app.model.problems import InputErrors
from edo_app.services.employees import EmployeeInput, EmployeesService
from edo_app.storage import open_database
from edo_app.storage.database import Database

RNG = random.Random(42)
EMPLOYER = make_inn_le(RNG, "77")
OTHER_EMPLOYER = make_inn_le(RNG, "78")


def person(number: str, **changes: str) -> EmployeeInput:
    base = EmployeeInput(EMPLOYER, "Снегирёв", "Глеб", format_snils(make_snils(RNG)), number, "Кладовщик",
                         "Петрович", "Склад", "2AE-SNEGIREV")
    return replace(base, **changes)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path / 'edo.sqlite3'}")
    yield db
    db.close()


@pytest.fixture
def service(database: Database) -> EmployeesService:
    return EmployeesService(database)


def _fields(exc: InputError) -> list[str]:
    return [path for path, _ in exc.problems] if isinstance(exc, InputErrors) else [exc.field or ""]


def test_an_employee_is_stored_with_snils_digits_and_found_by_name_or_snils(service: EmployeesService) -> None:
    value = person("0007")
    stored = service.add(value)
    assert stored.entry.snils == value.snils.replace("-", "").replace(" ", "")
    assert [e.id for e in service.search("снегир")] == [stored.id]
    assert [e.id for e in service.search(stored.entry.snils[:5], EMPLOYER)] == [stored.id]
    assert service.search("", OTHER_EMPLOYER) == []
    employee = service.employee_of(stored)
    assert (employee.name.full, employee.personnel_number) == ("Снегирёв Глеб Петрович", "0007")


def test_wrong_check_digits_are_refused_with_their_fields_and_nothing_is_stored(service: EmployeesService) -> None:
    good = person("0008")
    bad_snils = good.snils[:-1] + str((int(good.snils[-1]) + 1) % 10)
    with pytest.raises(InputError) as caught:
        service.add(replace(good, snils=bad_snils, employer_inn=EMPLOYER[:-1] + str((int(EMPLOYER[-1]) + 1) % 10)))
    assert _fields(caught.value) == ["employer_inn", "snils"]
    assert "контрольное число" in str(caught.value)
    with pytest.raises(InputError) as caught:
        service.add(replace(good, last_name=" ", position=""))
    assert _fields(caught.value) == ["name"]
    assert service.search() == []


def test_duplicates_are_refused_within_one_employer_only(service: EmployeesService) -> None:
    first = person("0001")
    service.add(first)
    with pytest.raises(InputError) as caught:
        service.add(person("0002", snils=first.snils))
    assert caught.value.field == "snils" and "уже есть" in caught.value.message
    with pytest.raises(InputError) as caught:
        service.add(person("0001"))
    assert caught.value.field == "personnel_number"
    service.add(person("0001", snils=first.snils, employer_inn=OTHER_EMPLOYER))  # another organisation: fine
    assert len(service.search()) == 2


def test_an_import_stores_every_entry_or_none(service: EmployeesService) -> None:
    batch = [person("0101"), person("0102"), person("0101")]  # the third repeats a табельный номер
    with pytest.raises(InputError) as caught:
        service.add_many(batch)
    assert caught.value.field == "[2].personnel_number"
    assert service.search() == []  # the first two were not kept
    with pytest.raises(InputErrors) as problems:
        service.add_many([person("0201"), person("0202", snils="123")])
    assert [path for path, _ in problems.value.problems] == ["[1].snils"]
    assert len(service.add_many(batch[:2])) == 2


def test_update_and_delete(service: EmployeesService) -> None:
    stored = service.add(person("0301"))
    moved = service.update(stored.id, person("0301", snils=format_snils(stored.entry.snils), position="Инженер"))
    assert moved.entry.position == "Инженер" and service.get(stored.id) == moved
    other = service.add(person("0302"))
    with pytest.raises(InputError):
        service.update(other.id, person("0301"))  # onto the first one's табельный номер
    assert service.get(other.id).entry.personnel_number == "0302"
    service.delete(stored.id)
    with pytest.raises(StorageError):
        service.get(stored.id)


def test_a_too_long_value_is_refused_with_its_field(service: EmployeesService) -> None:
    with pytest.raises(InputError) as caught:
        service.add(person("0401", edo_id="2AE-" + "X" * 70))
    assert caught.value.field == "edo_id"

"""The employees directory: who the user's organisations employ, for HR documents.

Unique by СНИЛС and by табельный номер within one employer (ИНН). Every public method is one
transaction; values are checked by the caller (services.employees: check digits, the HR format's
limits) before they get here, lengths are checked here because SQLite would accept a too long text.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from edo_app.errors import InputError, StorageError
from edo_app.model.party import PersonName
from edo_app.storage.database import Database
from edo_app.storage.failures import is_unique_violation
from edo_app.storage.mapping import check_lengths, fold
from edo_app.storage.models import EmployeeRecord

MAX_LIST = 1000
_NAME_COLUMNS = {"last_name": "name.last", "first_name": "name.first", "middle_name": "name.middle"}


@dataclass(frozen=True, slots=True)
class EmployeeEntry:
    """What the directory holds of one employee (``snils``: 11 digits)."""

    employer_inn: str
    personnel_number: str
    snils: str
    name: PersonName
    position: str
    department: str = ""
    edo_id: str = ""


@dataclass(frozen=True, slots=True)
class StoredEmployee:
    id: int
    entry: EmployeeEntry


def _columns(entry: EmployeeEntry) -> dict[str, str]:
    name = entry.name
    return {"employer_inn": entry.employer_inn, "personnel_number": entry.personnel_number, "snils": entry.snils,
            "last_name": name.last, "first_name": name.first, "middle_name": name.middle,
            "position": entry.position, "department": entry.department, "edo_id": entry.edo_id,
            "search_text": fold(f"{name.full} {entry.snils} {entry.personnel_number} {entry.position}")}


def _to_stored(record: EmployeeRecord) -> StoredEmployee:
    name = PersonName(record.last_name, record.first_name, record.middle_name)
    return StoredEmployee(record.id, EmployeeEntry(record.employer_inn, record.personnel_number, record.snils, name,
                                                   record.position, record.department, record.edo_id))


def _check(values: dict[str, str]) -> None:
    check_lengths(values, EmployeeRecord.__table__.columns, lambda column: _NAME_COLUMNS.get(column, column))


class EmployeeRepository:
    """The employees of the user's organisations."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def add(self, entry: EmployeeEntry) -> StoredEmployee:
        """A new employee; the same СНИЛС or табельный номер at the same employer is refused (InputError)."""
        values = _columns(entry)
        _check(values)
        with self._db.session() as session:
            record = EmployeeRecord(**values)
            session.add(record)
            _flush_unique(session, entry)
            return _to_stored(record)

    def add_many(self, entries: list[EmployeeEntry]) -> list[StoredEmployee]:
        """Several employees in one transaction: all of them are stored, or none (an import)."""
        for i, entry in enumerate(entries):
            try:
                _check(_columns(entry))
            except InputError as exc:
                raise InputError(exc.message, f"[{i}].{exc.field}") from None
        with self._db.session() as session:
            records = []
            for i, entry in enumerate(entries):
                record = EmployeeRecord(**_columns(entry))
                session.add(record)
                try:
                    _flush_unique(session, entry)
                except InputError as exc:
                    raise InputError(f"сотрудник № {i + 1}: {exc.message}", f"[{i}].{exc.field}") from None
                records.append(record)
            return [_to_stored(r) for r in records]

    def update(self, employee_id: int, entry: EmployeeEntry) -> StoredEmployee:
        values = _columns(entry)
        _check(values)
        with self._db.session() as session:
            record = _locked(session, employee_id)
            for key, value in values.items():
                setattr(record, key, value)
            _flush_unique(session, entry)
            return _to_stored(record)

    def delete(self, employee_id: int) -> None:
        with self._db.session() as session:
            session.delete(_locked(session, employee_id))

    def get(self, employee_id: int) -> StoredEmployee:
        with self._db.session() as session:
            record = session.get(EmployeeRecord, employee_id)
            if record is None:
                raise _missing(employee_id)
            return _to_stored(record)

    def find_by_snils(self, employer_inn: str, snils: str) -> StoredEmployee | None:
        statement = select(EmployeeRecord).where(EmployeeRecord.employer_inn == employer_inn,
                                                 EmployeeRecord.snils == snils)
        with self._db.session() as session:
            record = session.scalar(statement)
            return None if record is None else _to_stored(record)

    def search(self, text: str = "", employer_inn: str | None = None, limit: int = 200) -> list[StoredEmployee]:
        """Employees whose ФИО, СНИЛС, табельный номер or position contains ``text`` (any case), by ФИО."""
        if not 1 <= limit <= MAX_LIST:
            raise InputError(f"размер списка должен быть от 1 до {MAX_LIST}", "limit")
        statement = select(EmployeeRecord).where(EmployeeRecord.search_text.contains(fold(text), autoescape=True))
        if employer_inn is not None:
            statement = statement.where(EmployeeRecord.employer_inn == employer_inn)
        order = (EmployeeRecord.last_name, EmployeeRecord.first_name, EmployeeRecord.middle_name, EmployeeRecord.id)
        with self._db.session() as session:
            return [_to_stored(r) for r in session.scalars(statement.order_by(*order).limit(limit))]


def _locked(session: Session, employee_id: int) -> EmployeeRecord:
    record = session.scalar(select(EmployeeRecord).where(EmployeeRecord.id == employee_id).with_for_update())
    if record is None:
        raise _missing(employee_id)
    return record


def _flush_unique(session: Session, entry: EmployeeEntry) -> None:
    try:
        session.flush()
    except IntegrityError as exc:
        if is_unique_violation(exc, "snils"):
            raise InputError(f"Сотрудник со СНИЛС {entry.snils} уже есть в справочнике этой организации (ИНН "
                             f"{entry.employer_inn})", "snils") from exc
        if is_unique_violation(exc, "personnel_number"):
            raise InputError(f"Табельный номер {entry.personnel_number} уже занят в этой организации (ИНН "
                             f"{entry.employer_inn})", "personnel_number") from exc
        raise


def _missing(employee_id: int) -> StorageError:
    return StorageError(f"Сотрудник № {employee_id} не найден в справочнике")

"""The transport directories of the ЭТрН: vehicles (with trailers) and drivers.

A vehicle is unique by its госномер, a driver by the series and number of the driving licence.
Every public method is one transaction; values are checked by the caller (services.
transport_directory: the formats of the plate and the licence, the ЭТрН's limits) before they get
here, lengths are checked here because SQLite would accept a too long text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from edo_app.errors import InputError, StorageError
from edo_app.model.party import PersonName
from edo_app.storage.database import Database
from edo_app.storage.failures import is_unique_violation
from edo_app.storage.mapping import check_lengths, fold
from edo_app.storage.models import Base, DriverRecord, VehicleRecord

MAX_LIST = 1000


@dataclass(frozen=True, slots=True)
class VehicleEntry:
    """A vehicle or a trailer; numbers are decimal texts (``"3.5"``), ``ownership`` ТипВлад 1–5."""

    reg_number: str
    kind: str
    brand: str
    capacity_t: str
    volume_m3: str
    ownership: str = "1"
    trailer: bool = False
    right_name: str = ""  # the document of the right to use (lease, leasing, free use)
    right_number: str = ""
    right_date: date | None = None
    right_issuer_inn: str = ""


@dataclass(frozen=True, slots=True)
class DriverEntry:
    name: PersonName
    licence_series: str  # 4 characters, no blanks
    licence_number: str  # 6 digits
    licence_issued: date
    phone: str
    inn: str = ""


@dataclass(frozen=True, slots=True)
class StoredVehicle:
    id: int
    entry: VehicleEntry


@dataclass(frozen=True, slots=True)
class StoredDriver:
    id: int
    entry: DriverEntry


E = TypeVar("E")
S = TypeVar("S")
R = TypeVar("R", bound=Base)


@dataclass(frozen=True, slots=True)
class _Table(Generic[E, S, R]):
    """How one directory maps its entries onto its table."""

    record: type[R]
    columns: Callable[[E], dict[str, Any]]
    stored: Callable[[R], S]
    order: tuple[InstrumentedAttribute[Any], ...]
    duplicate: Callable[[IntegrityError, E], InputError | None]
    missing: str  # «Транспортное средство № {id} не найдено в справочнике»


class _Directory(Generic[E, S, R]):
    """Add, update, delete, get and search over one table, each in one transaction."""

    def __init__(self, database: Database, table: _Table[E, S, R]) -> None:
        self._db = database
        self._table = table

    def add(self, entry: E) -> S:
        values = self._values(entry)
        with self._db.session() as session:
            record = self._table.record(**values)
            session.add(record)
            self._flush(session, entry)
            return self._table.stored(record)

    def update(self, entry_id: int, entry: E) -> S:
        values = self._values(entry)
        with self._db.session() as session:
            record = self._locked(session, entry_id)
            for key, value in values.items():
                setattr(record, key, value)
            self._flush(session, entry)
            return self._table.stored(record)

    def delete(self, entry_id: int) -> None:
        with self._db.session() as session:
            session.delete(self._locked(session, entry_id))

    def get(self, entry_id: int) -> S:
        with self._db.session() as session:
            record = session.get(self._table.record, entry_id)
            if record is None:
                raise StorageError(self._table.missing.format(id=entry_id))
            return self._table.stored(record)

    def search(self, text: str = "", limit: int = 200, **equal: Any) -> list[S]:
        """Entries whose search text contains ``text`` (any case, ё as е), in the table's order."""
        if not 1 <= limit <= MAX_LIST:
            raise InputError(f"размер списка должен быть от 1 до {MAX_LIST}", "limit")
        record: Any = self._table.record
        statement = select(record).where(record.search_text.contains(fold(text), autoescape=True))
        for key, value in equal.items():
            statement = statement.where(getattr(record, key) == value)
        with self._db.session() as session:
            rows = session.scalars(statement.order_by(*self._table.order, record.id).limit(limit))
            return [self._table.stored(r) for r in rows]

    def _values(self, entry: E) -> dict[str, Any]:
        values = self._table.columns(entry)
        check_lengths(values, self._table.record.__table__.columns, lambda column: column)
        return values

    def _locked(self, session: Session, entry_id: int) -> R:
        record: Any = self._table.record
        found = session.scalar(select(record).where(record.id == entry_id).with_for_update())
        if found is None:
            raise StorageError(self._table.missing.format(id=entry_id))
        return found  # type: ignore[no-any-return]

    def _flush(self, session: Session, entry: E) -> None:
        try:
            session.flush()
        except IntegrityError as exc:
            refusal = self._table.duplicate(exc, entry)
            if refusal is not None:
                raise refusal from exc
            raise


# --- vehicles ---------------------------------------------------------------------------------------

def _vehicle_columns(entry: VehicleEntry) -> dict[str, Any]:
    return {"reg_number": entry.reg_number, "trailer": entry.trailer, "kind": entry.kind, "brand": entry.brand,
            "capacity_t": entry.capacity_t, "volume_m3": entry.volume_m3, "ownership": entry.ownership,
            "right_name": entry.right_name, "right_number": entry.right_number, "right_date": entry.right_date,
            "right_issuer_inn": entry.right_issuer_inn,
            "search_text": fold(f"{entry.reg_number} {entry.brand} {entry.kind}")}


def _stored_vehicle(r: VehicleRecord) -> StoredVehicle:
    return StoredVehicle(r.id, VehicleEntry(r.reg_number, r.kind, r.brand, r.capacity_t, r.volume_m3, r.ownership,
                                            r.trailer, r.right_name, r.right_number, r.right_date,
                                            r.right_issuer_inn))


def _vehicle_duplicate(exc: IntegrityError, entry: VehicleEntry) -> InputError | None:
    if is_unique_violation(exc, "reg_number"):
        return InputError(f"ТС с госномером {entry.reg_number} уже есть в справочнике", "reg_number")
    return None


VEHICLES = _Table(VehicleRecord, _vehicle_columns, _stored_vehicle, (VehicleRecord.reg_number,),
                  _vehicle_duplicate, "Транспортное средство № {id} не найдено в справочнике")


class VehicleRepository(_Directory[VehicleEntry, StoredVehicle, VehicleRecord]):
    def __init__(self, database: Database) -> None:
        super().__init__(database, VEHICLES)


# --- drivers ----------------------------------------------------------------------------------------

def _driver_columns(entry: DriverEntry) -> dict[str, Any]:
    name = entry.name
    return {"last_name": name.last, "first_name": name.first, "middle_name": name.middle,
            "licence_series": entry.licence_series, "licence_number": entry.licence_number,
            "licence_issued": entry.licence_issued, "phone": entry.phone, "inn": entry.inn,
            "search_text": fold(f"{name.full} {entry.licence_series}{entry.licence_number} {entry.phone}")}


def _stored_driver(r: DriverRecord) -> StoredDriver:
    name = PersonName(r.last_name, r.first_name, r.middle_name)
    return StoredDriver(r.id, DriverEntry(name, r.licence_series, r.licence_number, r.licence_issued, r.phone, r.inn))


def _driver_duplicate(exc: IntegrityError, entry: DriverEntry) -> InputError | None:
    if is_unique_violation(exc, "licence_number"):
        return InputError(f"Водитель с удостоверением {entry.licence_series} {entry.licence_number} уже есть "
                          "в справочнике", "licence_number")
    return None


DRIVERS = _Table(DriverRecord, _driver_columns, _stored_driver,
                 (DriverRecord.last_name, DriverRecord.first_name, DriverRecord.middle_name),
                 _driver_duplicate, "Водитель № {id} не найден в справочнике")


class DriverRepository(_Directory[DriverEntry, StoredDriver, DriverRecord]):
    def __init__(self, database: Database) -> None:
        super().__init__(database, DRIVERS)

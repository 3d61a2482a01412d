"""The counterparty directory: exchange partners and the user's own organisations.

Unique by ИНН + КПП. Every public method is one transaction; values are checked by the
caller (services.counterparties) before they get here, lengths are checked here because
SQLite itself would accept a too long text.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from edo_app.errors import InputError, StorageError
from edo_app.storage.database import Database
from edo_app.storage.failures import is_unique_violation
from edo_app.storage.mapping import check_lengths, fold
from edo_app.storage.models import CounterpartyRecord
from edo_app.storage.records import Counterparty

MAX_LIST = 1000


def _key(inn: str, kpp: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return CounterpartyRecord.inn == inn, CounterpartyRecord.kpp == kpp


def _to_counterparty(record: CounterpartyRecord) -> Counterparty:
    return Counterparty(record.id, record.inn, record.kpp, record.name, record.edo_id, record.own)


def _search_text(name: str, inn: str, kpp: str) -> str:
    return fold(f"{name} {inn} {kpp}")


def _check(inn: str, kpp: str, name: str, edo_id: str) -> None:
    if not inn.strip():
        raise InputError("ИНН контрагента не указан", "inn")
    values = {"inn": inn, "kpp": kpp, "name": name, "edo_id": edo_id}
    check_lengths(values, CounterpartyRecord.__table__.columns, str)


def _duplicate(inn: str, kpp: str) -> InputError:
    shown = f"ИНН {inn}" + (f", КПП {kpp}" if kpp else ", без КПП")
    return InputError(f"Контрагент с {shown} уже есть в справочнике", "kpp" if kpp else "inn")


class CounterpartyRepository:
    """The address book of exchange partners, unique by ИНН + КПП."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def upsert(self, inn: str, kpp: str, name: str, edo_id: str | None = None) -> Counterparty:
        """Add a partner or update its name (and EDO id when given); returns the stored value."""
        _check(inn, kpp, name, edo_id or "")
        with self._db.session() as session:
            record = session.scalar(select(CounterpartyRecord).where(*_key(inn, kpp)).with_for_update())
            if record is None:
                record = CounterpartyRecord(inn=inn, kpp=kpp, edo_id=edo_id or "")
                session.add(record)
            elif edo_id is not None:
                record.edo_id = edo_id
            record.name = name
            record.search_text = _search_text(name, inn, kpp)
            session.flush()
            return _to_counterparty(record)

    def add(self, inn: str, kpp: str, name: str, edo_id: str = "", *, own: bool = False) -> Counterparty:
        """A new entry; a second one with the same ИНН and КПП is refused (InputError)."""
        _check(inn, kpp, name, edo_id)
        with self._db.session() as session:
            record = CounterpartyRecord(inn=inn, kpp=kpp, name=name, edo_id=edo_id, own=own,
                                        search_text=_search_text(name, inn, kpp))
            session.add(record)
            self._flush_unique(session, inn, kpp)
            return _to_counterparty(record)

    def update(self, counterparty_id: int, inn: str, kpp: str, name: str, edo_id: str = "", *,
               own: bool = False) -> Counterparty:
        """Replace every value of an entry; moving onto another entry's ИНН + КПП is refused."""
        _check(inn, kpp, name, edo_id)
        with self._db.session() as session:
            record = self._locked(session, counterparty_id)
            record.inn, record.kpp, record.name, record.edo_id, record.own = inn, kpp, name, edo_id, own
            record.search_text = _search_text(name, inn, kpp)
            self._flush_unique(session, inn, kpp)
            return _to_counterparty(record)

    def delete(self, counterparty_id: int) -> None:
        with self._db.session() as session:
            session.delete(self._locked(session, counterparty_id))

    def get(self, counterparty_id: int) -> Counterparty:
        with self._db.session() as session:
            record = session.get(CounterpartyRecord, counterparty_id)
            if record is None:
                raise _missing(counterparty_id)
            return _to_counterparty(record)

    def find(self, inn: str, kpp: str = "") -> Counterparty | None:
        with self._db.session() as session:
            record = session.scalar(select(CounterpartyRecord).where(*_key(inn, kpp)))
            return None if record is None else _to_counterparty(record)

    def find_by_inn(self, inn: str) -> list[Counterparty]:
        """Every КПП (branch) registered under one ИНН."""
        statement = select(CounterpartyRecord).where(CounterpartyRecord.inn == inn)
        with self._db.session() as session:
            return [_to_counterparty(r) for r in session.scalars(statement.order_by(CounterpartyRecord.kpp))]

    def search(self, text: str, limit: int = 50, *, own: bool | None = None) -> list[Counterparty]:
        """Partners whose name, ИНН or КПП contains ``text`` (any case), by name; ``own`` filters
        the user's own organisations (True) or the others (False)."""
        if not 1 <= limit <= MAX_LIST:
            raise InputError(f"размер списка должен быть от 1 до {MAX_LIST}", "limit")
        statement = select(CounterpartyRecord).where(
            CounterpartyRecord.search_text.contains(fold(text), autoescape=True))
        if own is not None:
            statement = statement.where(CounterpartyRecord.own == own)
        statement = statement.order_by(CounterpartyRecord.name, CounterpartyRecord.id).limit(limit)
        with self._db.session() as session:
            return [_to_counterparty(r) for r in session.scalars(statement)]

    @staticmethod
    def _locked(session: Session, counterparty_id: int) -> CounterpartyRecord:
        record = session.scalar(
            select(CounterpartyRecord).where(CounterpartyRecord.id == counterparty_id).with_for_update())
        if record is None:
            raise _missing(counterparty_id)
        return record

    @staticmethod
    def _flush_unique(session: Session, inn: str, kpp: str) -> None:
        try:
            session.flush()
        except IntegrityError as exc:
            if is_unique_violation(exc, "inn") or is_unique_violation(exc, "kpp"):
                raise _duplicate(inn, kpp) from exc
            raise


def _missing(counterparty_id: int) -> StorageError:
    return StorageError(f"Контрагент № {counterparty_id} не найден в справочнике")

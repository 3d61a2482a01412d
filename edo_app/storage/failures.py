"""SQLAlchemy / driver errors -> StorageError with a Russian message.

Callers never see a raw driver error: the original stays only as ``__cause__`` for the log.
"""

from __future__ import annotations

from sqlalchemy.exc import (
    DataError,
    DisconnectionError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)

from edo_app.errors import StorageError

# Both the SQLite trigger and the PostgreSQL function raise a message containing this marker.
APPEND_ONLY_MARK = "edo_events_append_only"

# SQLSTATE (PostgreSQL) / message fragment (SQLite) -> message. Fragments are lower case.
_INTEGRITY = (
    ("23505", "unique constraint", "Такая запись уже есть в базе данных"),
    ("23503", "foreign key constraint", "Запись ссылается на отсутствующий документ"),
    ("23502", "not null constraint", "Не заполнено обязательное поле записи"),
)
_KNOWN_TEXTS = (
    (APPEND_ONLY_MARK, "Журнал событий нельзя изменять или удалять: записи в него только добавляются"),
    ("database is locked", "База данных занята другой программой: повторите попытку позже"),
    ("lock timeout", "База данных занята другой программой: повторите попытку позже"),
    ("readonly database", "База данных открыта только для чтения: изменения не сохранены"),
    ("read-only transaction", "База данных открыта только для чтения: изменения не сохранены"),
    ("disk is full", "Нет места на диске: изменения не сохранены"),
    ("unable to open", "Не удалось открыть файл базы данных: проверьте путь и права доступа"),
    ("not a database", "Файл не является базой данных edo-app или повреждён"),
    ("malformed", "Файл базы данных повреждён"),
)


def driver_message(exc: BaseException) -> str:
    """The driver's own text (for matching, never for the user)."""
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).lower()


def sqlstate(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(getattr(orig, "sqlstate", "") or "")


def storage_error(exc: SQLAlchemyError) -> StorageError:
    """The one translation of database failures for the whole storage package."""
    return StorageError(_message(exc, driver_message(exc)))


def _message(exc: SQLAlchemyError, text: str) -> str:
    # Known texts first: SQLite's trigger RAISE arrives as an IntegrityError, and "not a
    # database" as a plain DatabaseError.
    known = [message for fragment, message in _KNOWN_TEXTS if fragment in text]
    if known:
        return known[0]
    if isinstance(exc, IntegrityError):
        return _integrity_message(sqlstate(exc), text)
    if isinstance(exc, DataError):
        return "Значение не помещается в поле базы данных или имеет неверный формат"
    if isinstance(exc, OperationalError):
        return _operational_message(text)
    if isinstance(exc, InterfaceError | DisconnectionError):
        return "Соединение с базой данных потеряно: повторите попытку"
    return "Ошибка базы данных: операция не выполнена"


def _integrity_message(state: str, text: str) -> str:
    for code, fragment, message in _INTEGRITY:
        if state == code or fragment in text:
            return message
    return "База данных отклонила запись: нарушено ограничение целостности"


def _operational_message(text: str) -> str:
    if "connection" in text or "connect" in text:
        return "Не удалось подключиться к базе данных: проверьте адрес сервера и сеть"
    return "База данных недоступна: операция не выполнена"


def is_unique_violation(exc: IntegrityError, column: str) -> bool:
    """True when ``exc`` is a UNIQUE violation naming ``column`` (constraint or key text)."""
    text = driver_message(exc)
    unique = sqlstate(exc) == "23505" or "unique constraint" in text
    return unique and column in text


def missing_document(document_id: int) -> StorageError:
    """The one wording for a document id that is not in the database."""
    return StorageError(f"Документ № {document_id} не найден в базе")

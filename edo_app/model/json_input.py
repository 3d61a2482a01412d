"""Typed access to a JSON object that records problems instead of stopping at the first.

Each getter returns a usable default after recording what was wrong under the field's
path, so one pass over the input finds every mistake. Keys nobody asked for are reported
too: a typo («qantity») should not silently lose a value. Every JSON input (УПД, МЧД)
reads through this class.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from edo_app.model.fields import parse_date
from edo_app.model.fileid import FileId
from edo_app.model.money import to_decimal
from edo_app.model.problems import Problems, join_path

T = TypeVar("T")


class JsonObject:
    """Typed getters over one JSON object; problems go to the shared ``Problems``."""

    def __init__(self, data: object, path: str, problems: Problems) -> None:
        self.path = path
        self.problems = problems
        self.used: set[str] = set()
        if isinstance(data, dict):
            self.data: dict[str, Any] = data
        else:
            problems.add(path, "ожидается объект JSON ({...})")
            self.data = {}

    def at(self, key: str) -> str:
        return join_path(self.path, key)

    def has(self, key: str) -> bool:
        return self.data.get(key) not in (None, "")

    def raw(self, key: str) -> Any:
        self.used.add(key)
        return self.data.get(key)

    def _missing(self, key: str, required: bool) -> bool:
        if self.raw(key) in (None, ""):
            if required:
                self.problems.add(self.at(key), "обязательное поле не заполнено")
            return True
        return False

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        if self._missing(key, required):
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.problems.add(self.at(key), "ожидается строка")
            return default
        return str(value)

    def integer(self, key: str, *, required: bool = False, default: int = 0) -> int:
        if self._missing(key, required):
            return default
        value = self.data[key]
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems.add(self.at(key), "ожидается целое число")
            return default
        return value

    def decimal(self, key: str, *, required: bool = False) -> Decimal | None:
        if self._missing(key, required):
            return None
        return self.problems.run(self.at(key), lambda: to_decimal(self.data[key]))

    def day(self, key: str, *, required: bool = False) -> date | None:
        if self._missing(key, required):
            return None
        value = self.data[key]
        if not isinstance(value, str):
            self.problems.add(self.at(key), "ожидается строка")
            return None
        return self.problems.run(self.at(key), lambda: parse_date(value, ""))

    def moment(self, key: str) -> datetime | None:
        if self._missing(key, False):
            return None
        value = self.data[key]
        try:
            return datetime.fromisoformat(str(value))
        except ValueError:
            self.problems.add(self.at(key), f"«{value}»: ожидаются дата и время ГГГГ-ММ-ДДTЧЧ:ММ:СС")
            return None

    def child(self, key: str, *, required: bool = False) -> JsonObject | None:
        if self._missing(key, required):
            return None
        return JsonObject(self.data[key], self.at(key), self.problems)

    def children(self, key: str, *, required: bool = False) -> list[JsonObject]:
        if self._missing(key, required):
            return []
        value = self.data[key]
        if not isinstance(value, list):
            self.problems.add(self.at(key), "ожидается список ([...])")
            return []
        if required and not value:
            self.problems.add(self.at(key), "список не может быть пустым")
        return [JsonObject(item, f"{self.at(key)}[{i}]", self.problems) for i, item in enumerate(value)]

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.raw(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problems.add(self.at(key), "ожидается список строк")
            return ()
        return tuple(value)

    def build(self, make: Callable[[], T]) -> T | None:
        """Run a constructor; its InputError is recorded under this object's path."""
        return self.problems.run(self.path, make)

    def finish(self, *, allowed: tuple[str, ...] = ()) -> None:
        """Report keys that were never read (typos, fields of another format)."""
        for key in self.data:
            if key not in self.used and key not in allowed:
                self.problems.add(self.at(key), "неизвестное поле")


def read_file_id(obj: JsonObject | None, prefix: str | None, created: datetime | None, guid: str | None, *,
                 suffix: str = "", skip_blank_ids: bool = False) -> FileId | None:
    """The ``file`` object of a document's JSON input: the EDO ids of sender and recipient and the
    file's GUID (``guid`` when the input has none). None when a part is missing (its problem is
    recorded) or ``prefix`` is unknown; ``skip_blank_ids``: a blank id gets only its «required» problem."""
    if obj is None:
        return None
    sender, recipient = obj.text("sender_id", required=True), obj.text("recipient_id", required=True)
    file_guid = obj.text("guid") or guid
    if not file_guid:
        obj.problems.add(obj.at("guid"), "укажите GUID файла")
    obj.finish()
    if created is None or not file_guid or prefix is None or (skip_blank_ids and not (sender and recipient)):
        return None
    day = created.date()
    return obj.build(lambda: FileId(prefix, recipient, sender, day, file_guid, suffix))


def build_document(problems: Problems, make: Callable[[], T]) -> T:
    """The document once every part read soundly (its own checks need them); raises InputErrors
    with every problem of the parts or of the document."""
    problems.raise_if_any()
    doc = problems.run("", make)
    problems.raise_if_any()
    assert doc is not None
    return doc


def read_address(obj: JsonObject, make: Callable[..., T], keys: tuple[str, ...]) -> T | None:
    """``address``: one line of text, or an object of the ``keys`` the format's address holds."""
    value = obj.raw("address")
    if value is None:
        return None
    if isinstance(value, str):
        return obj.problems.run(obj.at("address"), lambda: make(text=value))
    adr = JsonObject(value, obj.at("address"), obj.problems)
    parts = {key: adr.text(key) for key in keys if adr.has(key)}
    adr.finish()
    return adr.build(lambda: make(**parts))

"""Collecting every input problem of a JSON МЧД at once, each under its field path.

DUPLICATE, to be merged: the same idea (and the same ``problems`` shape) as
edo_app.documents.problems and edo_app.documents.json_reader, which poa may not import.
Both belong in the base layer (edo_app.model); until they move, this is a minimal copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from edo_app.errors import InputError

T = TypeVar("T")
_DATE = re.compile(r"^(?:(?P<y1>[0-9]{4})-(?P<m1>[0-9]{2})-(?P<d1>[0-9]{2})|"
                   r"(?P<d2>[0-9]{2})\.(?P<m2>[0-9]{2})\.(?P<y2>[0-9]{4}))$")


def join_path(prefix: str, field: str | None) -> str:
    if not field:
        return prefix
    if not prefix:
        return field
    return f"{prefix}{field}" if field.startswith("[") else f"{prefix}.{field}"


class InputErrors(InputError):
    """Several input problems: ``problems`` lists ``(field path, Russian message)`` pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        first_path, first_message = problems[0]
        super().__init__(first_message, first_path or None)
        self.problems = list(problems)

    def __str__(self) -> str:
        lines = [f"{path}: {message}" if path else message for path, message in self.problems]
        return f"Найдено ошибок: {len(lines)}\n" + "\n".join(lines)


class Problems:
    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.items.append((path, message))

    def run(self, path: str, step: Callable[[], T]) -> T | None:
        """The step's value, or None after recording its InputError(s) under ``path``."""
        try:
            return step()
        except InputErrors as exc:
            self.items.extend((join_path(path, p), m) for p, m in exc.problems)
        except InputError as exc:
            self.items.append((join_path(path, exc.field), exc.message))
        return None

    def raise_if_any(self) -> None:
        if self.items:
            raise InputErrors(self.items)


class JsonObject:
    """Typed getters over a JSON object that record problems and return defaults."""

    def __init__(self, data: object, path: str, problems: Problems) -> None:
        self.path, self.problems = path, problems
        self.used: set[str] = set()
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            problems.add(path, "ожидается объект JSON ({...})")

    def at(self, key: str) -> str:
        return join_path(self.path, key)

    def _value(self, key: str, required: bool) -> Any:
        self.used.add(key)
        value = self.data.get(key)
        if value in (None, "") and required:
            self.problems.add(self.at(key), "обязательное поле не заполнено")
        return None if value in (None, "") else value

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self._value(key, required)
        if value is None:
            return default
        if not isinstance(value, str):
            self.problems.add(self.at(key), "ожидается строка")
            return default
        return value

    def day(self, key: str, *, required: bool = False) -> date | None:
        raw = self.text(key, required=required)
        if not raw:
            return None
        match = _DATE.match(raw)
        try:
            if match is None:
                raise ValueError(raw)
            iso = match.group("y1"), match.group("m1"), match.group("d1")
            ru = match.group("y2"), match.group("m2"), match.group("d2")
            year, month, day = (int(part) for part in (iso if iso[0] else ru))
            return date(year, month, day)
        except ValueError:
            self.problems.add(self.at(key), f"«{raw}»: ожидается дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ")
            return None

    def child(self, key: str, *, required: bool = False) -> JsonObject | None:
        value = self._value(key, required)
        return None if value is None else JsonObject(value, self.at(key), self.problems)

    def children(self, key: str, *, required: bool = False) -> list[JsonObject]:
        value = self._value(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems.add(self.at(key), "ожидается список ([...])")
            return []
        if required and not value:
            self.problems.add(self.at(key), "список не может быть пустым")
        return [JsonObject(item, f"{self.at(key)}[{i}]", self.problems) for i, item in enumerate(value)]

    def strings(self, key: str) -> tuple[str, ...]:
        value = self._value(key, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problems.add(self.at(key), "ожидается список строк")
            return ()
        return tuple(value)

    def build(self, make: Callable[[], T]) -> T | None:
        return self.problems.run(self.path, make)

    def finish(self) -> None:
        """Report keys nobody read: a typo must not lose a value silently."""
        for key in self.data:
            if key not in self.used:
                self.problems.add(self.at(key), "неизвестное поле")

"""Which МЧД were revoked, and since when: the answer the «не отозвана» check needs.

A revocation is permanent, so one entry per МЧД number (the earliest revocation) is enough.
``checked_through`` is the moment up to which the list is known to be complete (the last
successful registry query): a number absent from the list counts as «not revoked» only for
moments the list covers; later moments get «unknown».

Text format (``--revoked FILE``, user import), UTF-8::

    # comments and blank lines are ignored
    checked-through: 2025-06-01T00:00:00+03:00
    <НомДовер>;<ISO date-time of revocation>

A date-time without an offset, or a bare date (midnight), is Moscow time.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from edo_app.errors import InputError
from edo_app.model.problems import InputErrors

from .fields import GUID
from .model import moscow_zone

SOURCES = ("user", "operator")
_HEADER = "checked-through:"


class RevocationStatus(enum.Enum):
    REVOKED = "revoked"
    NOT_REVOKED = "not_revoked"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Revocation:
    number: str  # НомДовер (GUID), kept lower-case
    revoked_at: datetime  # aware; shown in Moscow time
    source: str = "user"  # "user" (imported by hand) or "operator" (from the operator / registry)

    def __post_init__(self) -> None:
        if not isinstance(self.number, str) or not GUID.match(self.number):
            raise InputError(f"«{self.number}»: номер доверенности — GUID вида xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
                             "number")
        object.__setattr__(self, "number", self.number.lower())
        object.__setattr__(self, "revoked_at", moscow_aware(self.revoked_at, "revoked_at"))
        if self.source not in SOURCES:
            raise InputError(f"источник «{self.source}» не предусмотрен; допустимы: {', '.join(SOURCES)}", "source")


def moscow_aware(value: object, field: str) -> datetime:
    """An aware datetime; a naive one is Moscow local time, a bare date is its Moscow midnight."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=moscow_zone())
    if isinstance(value, date):
        return datetime.combine(value, time(), moscow_zone())
    raise InputError("ожидаются дата и время", field)


def parse_moment(text: str, field: str) -> datetime:
    """ISO 8601 date or date-time (Moscow time unless it carries an offset)."""
    text = text.strip()
    try:
        value = datetime.fromisoformat(text)  # a bare date gives its midnight
    except ValueError:
        raise InputError(f"«{text}» — не дата и время ISO 8601 (например 2025-06-01T12:00:00+03:00)",
                         field) from None
    return moscow_aware(value, field)


class RevocationList:
    """Known revocations plus the moment through which the list is complete."""

    def __init__(self, entries: Iterable[Revocation] = (), checked_through: datetime | None = None) -> None:
        found: dict[str, Revocation] = {}
        for entry in entries:
            if not isinstance(entry, Revocation):
                raise InputError("ожидается запись об отзыве доверенности", "entries")
            known = found.get(entry.number)
            if known is None or entry.revoked_at < known.revoked_at:
                found[entry.number] = entry
        self._entries = found
        self.checked_through = moscow_aware(checked_through, "checked_through") if checked_through else None

    @property
    def entries(self) -> tuple[Revocation, ...]:
        return tuple(sorted(self._entries.values(), key=lambda e: (e.revoked_at, e.number)))

    def __len__(self) -> int:
        return len(self._entries)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RevocationList):
            return NotImplemented
        return self.entries == other.entries and self.checked_through == other.checked_through

    __hash__ = None  # type: ignore[assignment]  # mutable-looking value type: not hashable

    def find(self, number: str) -> Revocation | None:
        return self._entries.get(number.strip().lower())

    def status(self, number: str, at: datetime) -> RevocationStatus:
        """Revoked at ``at`` (revoked at or before it), not revoked, or unknown (no answer for that moment)."""
        moment = moscow_aware(at, "at")
        entry = self.find(number)
        if entry is not None and entry.revoked_at <= moment:
            return RevocationStatus.REVOKED
        if entry is not None or (self.checked_through is not None and moment <= self.checked_through):
            return RevocationStatus.NOT_REVOKED  # a later revocation does not reach back
        return RevocationStatus.UNKNOWN

    def merged(self, other: RevocationList) -> RevocationList:
        """Both lists' entries; complete through the later of the two moments."""
        marks = [m for m in (self.checked_through, other.checked_through) if m is not None]
        return RevocationList((*self.entries, *other.entries), max(marks) if marks else None)

    # -- the text format ---------------------------------------------------------------
    @classmethod
    def from_text(cls, text: str, *, source: str = "user") -> RevocationList:
        """Parse the text format; InputErrors lists every bad line as («строка N», message)."""
        problems: list[tuple[str, str]] = []
        entries: list[Revocation] = []
        checked: datetime | None = None
        for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            try:
                if line.lower().startswith(_HEADER):
                    if checked is not None:
                        raise InputError("строка checked-through указана повторно")
                    checked = parse_moment(line[len(_HEADER):], "")
                else:
                    entries.append(_entry(line, source))
            except InputError as exc:
                problems.append((f"строка {number}", exc.message))
        if problems:
            raise InputErrors(problems)
        return cls(entries, checked)

    def to_text(self) -> str:
        lines = ["# отозванные доверенности: <НомДовер>;<дата и время отзыва>"]
        if self.checked_through is not None:
            lines.append(f"{_HEADER} {self.checked_through.isoformat()}")
        lines += [f"{e.number};{e.revoked_at.isoformat()}" for e in self.entries]
        return "\n".join(lines) + "\n"

    # -- JSON for persistence --------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"checked_through": self.checked_through.isoformat() if self.checked_through else None,
                "entries": [{"number": e.number, "revoked_at": e.revoked_at.isoformat(), "source": e.source}
                            for e in self.entries]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RevocationList:
        """The object ``to_json`` gives; InputErrors names each bad field (``entries[2].revoked_at``)."""
        if not isinstance(data, Mapping):
            raise InputError("ожидается JSON-объект со списком отозванных доверенностей", "")
        problems: list[tuple[str, str]] = []
        checked = None
        if data.get("checked_through") is not None:
            checked = _json_moment(data["checked_through"], "checked_through", problems)
        raw_entries = data.get("entries", [])
        if not isinstance(raw_entries, list):
            raise InputError("ожидается список записей", "entries")
        entries = [entry for i, item in enumerate(raw_entries) if (entry := _json_entry(item, i, problems))]
        if problems:
            raise InputErrors(problems)
        return cls(entries, checked)


def _entry(line: str, source: str) -> Revocation:
    parts = [part.strip() for part in line.split(";")]
    if len(parts) != 2 or not all(parts):
        raise InputError("ожидается «<номер доверенности>;<дата и время отзыва>»")
    try:
        return Revocation(parts[0], parse_moment(parts[1], ""), source)
    except InputError as exc:
        raise InputError(exc.message) from None


def _json_moment(value: object, field: str, problems: list[tuple[str, str]]) -> datetime | None:
    if not isinstance(value, str):
        problems.append((field, "ожидается строка с датой и временем ISO 8601"))
        return None
    try:
        return parse_moment(value, field)
    except InputError as exc:
        problems.append((field, exc.message))
        return None


def _json_entry(item: object, index: int, problems: list[tuple[str, str]]) -> Revocation | None:
    path = f"entries[{index}]"
    if not isinstance(item, Mapping):
        problems.append((path, "ожидается объект с полями number, revoked_at, source"))
        return None
    moment = _json_moment(item.get("revoked_at"), f"{path}.revoked_at", problems)
    if moment is None:
        return None
    try:
        return Revocation(str(item.get("number", "")), moment, str(item.get("source", "user")))
    except InputError as exc:
        problems.append((f"{path}.{exc.field}" if exc.field else path, exc.message))
        return None

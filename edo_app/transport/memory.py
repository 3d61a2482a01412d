"""An operator in a dict: the fake transport for tests and for trying the program without a network.

``MemoryNetwork`` plays the operator: one box per EDO participant id, one append-only event log
whose positions are the cursors. ``MemoryTransport`` is one participant's view of it and keeps the
whole ``Transport`` contract (idempotent send, stable cursors, idempotent acknowledge).
Packages are stored as their ZIP bytes and parsed again on fetch, so the wire format is exercised.

Faults are injected per transport: ``fail_next`` raises before the call does anything;
``lose_next_response`` does the call and then raises, as when the answer is lost on the way back.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from edo_app.errors import InputError
from edo_app.transport.base import (
    EventKind,
    EventPage,
    OperatorUnavailable,
    Rejected,
    SendReceipt,
    SendResult,
    TransportError,
    TransportEvent,
    UnknownRecipient,
    send_each,
)
from edo_app.transport.package import Package, arrival_kind, check_participant_id, from_zip, summary, to_zip

__all__ = ["MemoryNetwork", "MemoryTransport"]

_T = TypeVar("_T")


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class _Stored:
    receipt: SendReceipt
    data: bytes
    sender: str
    recipient: str


class MemoryNetwork:
    """The in-process operator. Every method is thread-safe (one lock; it is a fake)."""

    def __init__(self, clock: Callable[[], datetime] = _utc_now) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._boxes: set[str] = set()
        self._log: list[tuple[str, TransportEvent]] = []  # (owner, event); cursor = position
        self._by_package: dict[str, _Stored] = {}
        self._by_message: dict[str, _Stored] = {}
        self._acked: dict[str, set[str]] = {}

    def open_box(self, participant_id: str) -> None:
        problem = check_participant_id(participant_id)
        if problem:
            raise InputError(problem, "participant_id")
        with self._lock:
            self._boxes.add(participant_id)
            self._acked.setdefault(participant_id, set())

    def transport(self, participant_id: str) -> MemoryTransport:
        """Open the participant's box (if new) and return a transport bound to it."""
        self.open_box(participant_id)
        return MemoryTransport(self, participant_id)

    def acknowledged(self, participant_id: str) -> set[str]:
        with self._lock:
            return set(self._acked.get(participant_id, set()))

    def reject(self, message_id: str, reason: str) -> None:
        """The operator refuses an accepted message later (e.g. failed its format check)."""
        with self._lock:
            stored = self._by_message.get(message_id)
            if stored is None:
                raise TransportError(f"Сообщение {message_id} не найдено")
            self._append(stored.sender, EventKind.REJECTED, message_id, {"reason": reason})

    # --- used by MemoryTransport -------------------------------------------------------------

    def send(self, sender: str, package: Package) -> SendReceipt:
        data = to_zip(package)
        with self._lock:
            earlier = self._by_package.get(package.package_id)
            if earlier is not None:
                if earlier.data != data:
                    raise Rejected(f"пакет {package.package_id} уже отправлен с другим содержимым")
                return earlier.receipt
            self._check_route(sender, package)
            message_id = f"mem-{len(self._by_message) + 1:06d}"
            receipt = SendReceipt(message_id, package.package_id, self._clock())
            stored = _Stored(receipt, data, package.sender, package.recipient)
            self._by_package[package.package_id] = stored
            self._by_message[message_id] = stored
            self._append(package.recipient, arrival_kind(package), message_id, summary(package))
            self._append(sender, EventKind.STATUS_CHANGED, message_id, {"status": "delivered", **summary(package)})
            return receipt

    def _check_route(self, sender: str, package: Package) -> None:
        if package.sender != sender:
            raise Rejected(f"отправитель в пакете ({package.sender}) не совпадает с ящиком {sender}")
        if package.recipient not in self._boxes:
            raise UnknownRecipient(package.recipient)

    def _append(self, owner: str, kind: EventKind, message_id: str, payload: dict[str, str]) -> None:
        event_id = str(len(self._log) + 1)
        self._log.append((owner, TransportEvent(event_id, kind, message_id, self._clock(), payload)))

    def events(self, participant_id: str, cursor: str | None, limit: int) -> EventPage:
        if limit < 1:
            raise InputError("limit должен быть не меньше 1", "limit")
        with self._lock:
            start = self._position(cursor)
            page: list[TransportEvent] = []
            for owner, event in self._log[start:]:
                if owner == participant_id:
                    page.append(event)
                    if len(page) == limit:
                        break
            next_cursor = page[-1].event_id if page else str(start)
            return EventPage(page, next_cursor)

    def _position(self, cursor: str | None) -> int:
        if cursor is None:
            return 0
        if not cursor.isdigit() or int(cursor) > len(self._log):
            raise TransportError(f"Курсор «{cursor}» не выдавался этим оператором")
        return int(cursor)

    def package(self, participant_id: str, message_id: str) -> Package:
        with self._lock:
            stored = self._by_message.get(message_id)
        if stored is None or participant_id not in (stored.sender, stored.recipient):
            raise TransportError(f"Сообщение {message_id} не найдено в ящике {participant_id}")
        return from_zip(stored.data)

    def acknowledge(self, participant_id: str, event_id: str) -> None:
        with self._lock:
            index = int(event_id) - 1 if event_id.isdigit() else -1
            if not 0 <= index < len(self._log) or self._log[index][0] != participant_id:
                raise TransportError(f"Событие {event_id} не найдено в ящике {participant_id}")
            self._acked[participant_id].add(event_id)


class MemoryTransport:
    """One participant's connection to a MemoryNetwork; implements ``Transport``."""

    def __init__(self, network: MemoryNetwork, participant_id: str) -> None:
        self.network = network
        self.participant_id = participant_id
        self._faults: deque[tuple[str | None, TransportError, bool]] = deque()
        self._lock = threading.Lock()

    def fail_next(self, count: int = 1, error: TransportError | None = None, *, operation: str | None = None) -> None:
        """The next ``count`` calls (of ``operation``, e.g. "send", or any) raise ``error`` and do nothing."""
        self._queue(count, error, operation, after=False)

    def lose_next_response(self, count: int = 1, *, operation: str | None = None) -> None:
        """The next ``count`` calls take effect at the operator, then raise OperatorUnavailable."""
        self._queue(count, None, operation, after=True)

    def _queue(self, count: int, error: TransportError | None, operation: str | None, *, after: bool) -> None:
        fault = error or OperatorUnavailable("Оператор недоступен (имитация сбоя)")
        with self._lock:
            self._faults.extend([(operation, fault, after)] * count)

    def _fault(self, operation: str) -> tuple[TransportError, bool] | None:
        with self._lock:
            if self._faults and self._faults[0][0] in (None, operation):
                _, error, after = self._faults.popleft()
                return error, after
        return None

    def _call(self, operation: str, action: Callable[[], _T]) -> _T:
        fault = self._fault(operation)
        if fault is not None and not fault[1]:
            raise fault[0]
        result = action()
        if fault is not None:
            raise fault[0]
        return result

    def send(self, package: Package) -> SendReceipt:
        return self._call("send", lambda: self.network.send(self.participant_id, package))

    def send_many(self, packages: Sequence[Package]) -> list[SendResult]:
        return send_each(self.send, packages)

    def fetch_events(self, cursor: str | None, limit: int) -> EventPage:
        return self._call("fetch_events", lambda: self.network.events(self.participant_id, cursor, limit))

    def fetch_package(self, message_id: str) -> Package:
        return self._call("fetch_package", lambda: self.network.package(self.participant_id, message_id))

    def acknowledge(self, event_ids: Sequence[str]) -> None:
        def each() -> None:
            for event_id in event_ids:
                self.network.acknowledge(self.participant_id, event_id)
        self._call("acknowledge", each)

"""The reference operator without HTTP: accept a package, keep event feeds, hand packages out.

Same semantics as ``MemoryNetwork`` (idempotent send by package_id, stable integer cursors,
idempotent acknowledge), plus what a real operator does on the way in, through an ``Intake``
given by the service layer: check the document and its signatures, tell the flow step, and form
the signed ПДП/ПДО. ``intake=None`` is relay mode: store and forward, nothing checked (tests of
the transport contract, trying the program without keys).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from edo_app.errors import EdoError, InputError, TransportError
from edo_app.transport.base import (
    PACKAGE_EVENTS,
    EventKind,
    EventPage,
    Rejected,
    SendReceipt,
    TransportEvent,
    UnknownRecipient,
)
from edo_app.transport.operator.directory import Participant
from edo_app.transport.operator.flow import Decision, Move, decide
from edo_app.transport.operator.gis_epd import registration_notices
from edo_app.transport.operator.retention import PURGED
from edo_app.transport.operator.stamping import Stamp, stamp_package
from edo_app.transport.operator.store import Delivery, Message, Notice, OperatorStore, StoredMessage, StoreSession
from edo_app.transport.package import Package, arrival_kind, from_zip, summary, to_zip

__all__ = ["MAX_PAGE", "Conflict", "Intake", "NotFound", "OperatorCore"]

MAX_PAGE = 1000
INLINE_BYTES = 8 * 1024 * 1024  # packages inlined into one page of events


class Conflict(Rejected):
    """The package id is taken by other contents (HTTP 409)."""


class NotFound(TransportError):
    """No such message or event in this participant's box (HTTP 404)."""


class Intake(Protocol):
    """What the service layer plugs in: checks before acceptance and the operator's stamps."""

    def inspect(self, package: Package) -> Move:
        """The flow step of a package, or Rejected (Russian reason) when it must not be accepted."""
        ...

    def stamps(self, package: Package, move: Move, accepted_at: datetime,
               parties: tuple[Participant, Participant]) -> list[Stamp]:
        """The signed ПДП for the sender and ПДО for the recipient (``parties``: those two, as registered)."""
        ...


@dataclass(frozen=True)
class _Accepted:
    """A package that passed the checks, with what its acceptance will write: its message id, the
    time, and the operator's signed stamps, all made before the write lock is taken (signing
    them under it held every other send and acknowledgement of the database up)."""

    package: Package
    data: bytes
    sha256: str
    move: Move | None
    message_id: str
    accepted_at: datetime
    stamps: tuple[tuple[Message, Notice], ...]


def _delivered(sender: str, message_id: str, own: dict[str, str], *, stamped: bool) -> list[Notice]:
    """The sender's news that the package is in the recipient's box. A stamped package needs none:
    its ПДП, which the sender gets in the same transaction, says so with the operator's signature."""
    return [] if stamped else [Notice(sender, EventKind.STATUS_CHANGED, message_id, {"status": "delivered", **own})]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class OperatorCore:
    def __init__(self, store: OperatorStore, intake: Intake | None, operator_box: str,
                 clock: Callable[[], datetime] = _utc_now) -> None:
        self.store = store
        self.intake = intake
        self.operator_box = operator_box
        self._clock = clock

    def send(self, sender: str, data: bytes) -> SendReceipt:
        checked = self._check(sender, data)
        if isinstance(checked, SendReceipt):
            return checked
        # one connection and one transaction for the re-check, the flow reads and the write
        with self.store.write_session() as session:
            return self._write(session, checked)

    def send_batch(self, sender: str, items: Sequence[bytes]) -> list[SendReceipt | EdoError]:
        """Several packages of one sender, each checked and judged on its own, as ``send`` would;
        those accepted are recorded each in a savepoint of one transaction and committed at once:
        one disk sync for the batch instead of one per package. A package refused answers its
        error in its place. The receipts exist only after the commit; if it fails, StorageError
        fails the whole batch, and a resend of the same bytes is idempotent."""
        checked = [self._check_or_error(sender, data) for data in items]
        if not any(isinstance(item, _Accepted) for item in checked):
            return [item for item in checked if not isinstance(item, _Accepted)]  # all settled: nothing to write
        with self.store.write_session() as session:
            return [self._write_in_savepoint(session, item) if isinstance(item, _Accepted) else item
                    for item in checked]

    def _check_or_error(self, sender: str, data: bytes) -> SendReceipt | EdoError | _Accepted:
        try:
            return self._check(sender, data)
        except EdoError as exc:
            return exc

    def _check(self, sender: str, data: bytes) -> SendReceipt | _Accepted:
        """What needs no write lock: the package read and checked, or the receipt of its earlier send."""
        package = from_zip(data)
        if package.sender != sender:
            raise Rejected(f"отправитель в пакете ({package.sender}) не совпадает с ящиком {sender}")
        digest = hashlib.sha256(data).hexdigest()
        with self.store.session() as session:
            earlier = session.message_by_package(package.package_id)
            parties = None if earlier is not None else self._parties(session, package)
        if earlier is not None:
            return _repeat(earlier, digest)
        move = self.intake.inspect(package) if self.intake is not None else None  # slow: outside the lock
        accepted_at, message_id = self._clock(), str(uuid.uuid4())
        return _Accepted(package, data, digest, move, message_id, accepted_at,
                         self._stamps(package, move, parties, message_id, accepted_at))

    def _stamps(self, package: Package, move: Move | None, parties: tuple[Participant, Participant] | None,
                message_id: str, at: datetime) -> tuple[tuple[Message, Notice], ...]:
        """The signed ПДП and ПДО as messages, when checks are on; wasted only if the flow then refuses."""
        if self.intake is None or move is None or parties is None:
            return ()
        return tuple(self._stamp_message(stamp, message_id, at) for stamp in self.intake.stamps(package, move, at,
                                                                                                 parties))

    def _write(self, session: StoreSession, item: _Accepted) -> SendReceipt:
        earlier = session.message_by_package(item.package.package_id)  # a concurrent twin may have won
        if earlier is not None:
            return _repeat(earlier, item.sha256)
        return self._accept(session, item)

    def _write_in_savepoint(self, session: StoreSession, item: _Accepted) -> SendReceipt | EdoError:
        try:
            with session.savepoint():  # a refusal undoes only this package's writes
                return self._write(session, item)
        except EdoError as exc:
            return exc

    def _parties(self, session: StoreSession, package: Package) -> tuple[Participant, Participant] | None:
        """Sender and recipient as registered (None in relay mode, which names nobody in stamps)."""
        recipient = session.participant(package.recipient)
        if recipient is None:
            raise UnknownRecipient(package.recipient)
        if self.intake is None:
            return None
        sender = session.participant(package.sender)
        if sender is None:
            raise Rejected(f"участник {package.sender} не зарегистрирован у оператора")
        return sender, recipient

    def _accept(self, session: StoreSession, item: _Accepted) -> SendReceipt:
        package, message_id, accepted_at = item.package, item.message_id, item.accepted_at
        decision = self._decide(session, item)
        own = summary(package)
        notices = [Notice(package.recipient, arrival_kind(package), message_id, own),
                   *_delivered(package.sender, message_id, own, stamped=bool(item.stamps)),
                   *registration_notices(package, message_id)]  # ЭТрН title 1: УИД_ТрН from «ГИС ЭПД»
        stored = [Message(message_id, package.package_id, package.sender, package.recipient, item.sha256, item.data),
                  *(message for message, _ in item.stamps)]
        notices += [notice for _, notice in item.stamps]
        session.record(Delivery(accepted_at, tuple(stored), tuple(notices),
                                decision.subject if decision else None, decision.updates if decision else ()))
        return SendReceipt(message_id, package.package_id, accepted_at)  # given out after the session commits

    @staticmethod
    def _decide(session: StoreSession, item: _Accepted) -> Decision | None:
        move = item.move
        if move is None:
            return None
        existing = session.subject(move.file_id)
        related = session.subject(move.related) if move.related else None
        pending = session.pending_annulment(move.related) if move.related else None
        return decide(move, item.package.sender, item.package.recipient, existing=existing, related=related,
                      pending=pending)

    def _stamp_message(self, stamp: Stamp, confirmed: str, at: datetime) -> tuple[Message, Notice]:
        package = stamp_package(self.operator_box, stamp, confirmed, at)
        data = to_zip(package)
        message_id = str(uuid.uuid4())
        message = Message(message_id, package.package_id, package.sender, package.recipient,
                          hashlib.sha256(data).hexdigest(), data)
        payload = {**summary(package), "service": stamp.kind, "confirms": confirmed}
        return message, Notice(stamp.recipient, EventKind.SERVICE_DOCUMENT, message_id, payload)

    def events(self, owner: str, cursor: str | None, limit: int) -> EventPage:
        if not 1 <= limit <= MAX_PAGE:
            raise InputError(f"limit должен быть от 1 до {MAX_PAGE}", "limit")
        after = 0 if cursor is None else self._position(cursor)
        page: list[TransportEvent] = self.store.events(owner, after, limit)
        return EventPage(page, page[-1].event_id if page else str(after))

    def _position(self, cursor: str) -> int:
        if not cursor.isdigit() or len(cursor) > 18 or int(cursor) > self.store.last_event_id():
            raise TransportError(f"Курсор «{cursor[:40]}» не выдавался этим оператором")
        return int(cursor)

    def package_bytes(self, owner: str, message_id: str) -> bytes:
        stored = self.store.message(message_id)
        data = self.store.message_data(message_id) if stored else None
        if stored is None or data is None or owner not in (stored.sender, stored.recipient):
            raise NotFound(f"Сообщение {message_id[:60]} не найдено в ящике {owner}")
        if data == PURGED:
            raise NotFound(f"Пакет сообщения {message_id[:60]} удалён по сроку хранения")
        return data

    def inline_packages(self, owner: str, events: list[TransportEvent]) -> dict[str, bytes]:
        """The packages the page's events announce, by message id, up to INLINE_BYTES in all
        (the rest are fetched one by one): one query instead of a request per package."""
        wanted = [e.message_id for e in events if e.kind in PACKAGE_EVENTS]
        found: dict[str, bytes] = {}
        total = 0
        for message_id, data in self.store.messages_data(owner, wanted):
            total += len(data)
            if total > INLINE_BYTES:
                break
            found[message_id] = data
        return found

    def acknowledge(self, owner: str, event_ids: list[str]) -> None:
        """All or nothing: an id that is not an event of ``owner`` acknowledges none."""
        if len(event_ids) > MAX_PAGE:
            raise InputError(f"не больше {MAX_PAGE} событий за раз", "event_ids")
        bad = next((i for i in event_ids if not (i.isdigit() and len(i) <= 18)), None)
        if bad is None and self.store.acknowledge(owner, sorted({int(i) for i in event_ids})):
            return
        unknown = bad if bad is not None else ", ".join(i[:20] for i in event_ids[:3])
        raise NotFound(f"Событие {unknown[:60]} не найдено в ящике {owner}")


def _repeat(earlier: StoredMessage, digest: str) -> SendReceipt:
    if earlier.sha256 != digest:
        raise Conflict(f"пакет {earlier.package_id} уже отправлен с другим содержимым")
    return SendReceipt(earlier.message_id, earlier.package_id, earlier.accepted_at)

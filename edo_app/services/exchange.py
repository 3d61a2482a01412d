"""The exchange: send documents through a Transport, receive the counterparties', keep the
paired statuses of both sides (services/exchange_status.py) and answer invoices with an ИОП.

Crash safety is by ordering, every step one transaction (storage/outbox.py):

* sending: the package is built once and kept as bytes in the outbox; the row is marked
  ``sending`` before the call and ``sent`` (with the document's status) after the receipt.
  A crash in between leaves ``sending``: the next sync sends the same bytes with the same
  package_id, and the transport returns the same receipt instead of delivering it twice;
* receiving: each event is stored in the inbox (with its package) before anything else;
  processing writes the document, the statuses, the ИОП to send, the inbox state and the
  cursor in one transaction; only then is the event acknowledged. Stored but unprocessed
  events are processed first on the next sync, processed but unacknowledged ones are
  acknowledged, and a page fetched again adds nothing (the inbox is unique by event id).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from edo_app.crypto.trust import TrustStore
from edo_app.documents import ServiceSigner
from edo_app.errors import InputError, TransportError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.schemas.registry import SchemaRegistry
from edo_app.services.events import Changes, EventBus
from edo_app.services.exchange_actions import ExchangeActions
from edo_app.services.exchange_incoming import Incoming, PoaCheckFn
from edo_app.services.exchange_packages import PoaEntriesFn, ServiceSignerFn, document_package
from edo_app.services.exchange_poa import PoaCheckRecord, poa_verdicts
from edo_app.services.exchange_sending import Sender
from edo_app.services.library import LibraryService
from edo_app.services.signing import SigningService, utc_now
from edo_app.storage.database import Database
from edo_app.storage.outbox import ExchangeRepository, NewEvent, NewOutgoing, Processing
from edo_app.storage.records import ExchangeLink, InboxItem, OutboxItem
from edo_app.storage.repository import DocumentRepository
from edo_app.transport.base import (
    PACKAGE_EVENTS,
    EventPage,
    PackageFormatError,
    Transport,
    TransportEvent,
    is_retryable,
)
from edo_app.transport.package import check_participant_id, to_zip
from edo_app.xmlio import DEFAULT_MAX_BYTES

Clock = Callable[[], datetime]
# Events asked for per request, each page one transaction: 300 is ~100 invoices with their ПДО and
# ПДП. Against 100, the exchange took 4-5 % less CPU (bench/sync.py: fewer requests, commits and
# answer batches); a page is processed in well under a second, and its packages are all it holds.
PAGE = 300


@dataclass(frozen=True)
class Backoff:
    """Exponential back-off for retryable send failures: first, first*2, ... up to ``longest``."""

    first: timedelta = timedelta(seconds=30)
    longest: timedelta = timedelta(hours=1)

    def after(self, attempts: int) -> timedelta:
        delay: timedelta = self.first * (2 ** min(max(attempts - 1, 0), 30))
        return min(delay, self.longest)


@dataclass
class SyncReport:
    sent: int = 0
    received: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    changed: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class ExchangeState:
    """A document's place in the exchange, as ``edo status`` prints it."""

    document_id: int
    status: DocumentStatus
    link: ExchangeLink | None
    outbox: tuple[OutboxItem, ...]


@dataclass(frozen=True)
class ExchangeOptions:
    """Everything optional about the exchange; the defaults suit the CLI."""

    auto_receipt: bool = True
    receipt_signer: ServiceSigner | None = None  # who signs ИОП/УОУ (their ФИО goes into the XML)
    service_signer: ServiceSignerFn | None = None  # makes the detached signature of our service documents
    poa_entries: PoaEntriesFn | None = None  # hook: МЧД files to send with a document
    poa_check: PoaCheckFn | None = None  # hook: check the МЧД of a received package
    require_signatures: bool = True
    transport_name: str = "default"  # the cursor is kept per transport name and participant
    backoff: Backoff = Backoff()
    max_bytes: int = DEFAULT_MAX_BYTES


class ExchangeService(ExchangeActions):
    """Send, receive and answer documents; see the module docstring for crash safety."""

    def __init__(self, database: Database, transport: Transport, signing: SigningService, library: LibraryService,
                 bus: EventBus, *, participant_id: str, clock: Clock = utc_now, schemas: SchemaRegistry | None = None,
                 trust: TrustStore | None = None, options: ExchangeOptions | None = None) -> None:
        problem = check_participant_id(participant_id)
        if problem:
            raise InputError(problem, "participant_id")
        self.transport = transport
        self.participant_id = participant_id
        self.options = options or ExchangeOptions()
        self.repo = ExchangeRepository(database, clock)
        self._database = database
        self._documents = DocumentRepository(database)
        self._signing = signing
        self._library = library
        self._bus = bus
        self._clock = clock
        self._receipt_signer = self.options.receipt_signer
        self._service_signer = self.options.service_signer
        self._incoming = Incoming(self.repo, schemas or SchemaRegistry.default(), trust, participant_id,
                                  clock, self.options.max_bytes, self.options.auto_receipt,
                                  self.options.receipt_signer, self.options.service_signer, self.options.poa_check,
                                  self.options.require_signatures)

    # --- sending --------------------------------------------------------------------------------

    def queue_send(self, document_id: int, recipient: str) -> str:
        """Queue an outgoing document with its signatures for ``recipient``; returns the package id.

        The status becomes «Отправлен» only when the operator's receipt comes (in ``sync``).
        """
        return self.queue_send_many([document_id], recipient)[0]

    def queue_send_many(self, document_ids: Sequence[int], recipient: str) -> list[str]:
        """Queue several outgoing documents for ``recipient`` in one transaction; their package ids.

        All or none: when one of them cannot go (not signed, incoming, already queued, named
        twice), the error names it and nothing is queued. One commit for the lot, not one each.
        """
        problem = check_participant_id(recipient)
        if problem:
            raise InputError(problem, "recipient")
        with self._database.unit_of_work():  # their reads and writes in one transaction
            package_ids = [self._queue_document(document_id, recipient) for document_id in document_ids]
        if package_ids:
            self._bus.publish(Changes(documents_changed=tuple(document_ids)))
        return package_ids

    def _queue_document(self, document_id: int, recipient: str) -> str:
        stored = self.repo.outgoing(document_id)
        if stored.direction is Direction.INCOMING:
            raise InputError(f"документ № {document_id} входящий: отправить можно только исходящий", "document_id")
        if self.repo.document_queued(document_id):
            raise InputError(f"документ № {document_id} уже отправлен или стоит в очереди", "document_id")
        ders = stored.signatures
        if self.options.require_signatures and not ders:
            raise InputError(f"документ № {document_id} не подписан: подпишите его перед отправкой", "document_id")
        extra = self.options.poa_entries(document_id) if self.options.poa_entries else ()
        built = document_package(self.participant_id, recipient, stored.file_id, stored.content,
                                 signatures=ders, extra=extra, created=self._clock())
        self.repo.queue([NewOutgoing(built.package_id, "document", recipient, built.data, document_id)])
        return built.package_id

    # --- syncing --------------------------------------------------------------------------------

    def sync(self, *, page_size: int = PAGE) -> SyncReport:
        """Send what is due while receiving and processing what arrived, then send the answers
        (ИОП); when anything went out, look once more for the operator's confirmations of it."""
        report = SyncReport()
        self._acknowledge(self.repo.unacknowledged(), report)
        self._process(self.repo.unprocessed(), None, report)  # left by a crash
        sender = Sender(self.repo, self.transport, self._clock, self.options.backoff)
        try:
            self._exchange(sender, report, page_size)
            if report.sent and not sender.down:
                self._exchange(sender, report, page_size)
        finally:
            sender.close()
        if report.changed:
            self._bus.publish(Changes(documents_changed=tuple(sorted(report.changed))))
        return report

    def _exchange(self, sender: Sender, report: SyncReport, page_size: int) -> None:
        try:
            self._receive(sender, report, page_size)
        except TransportError as exc:
            if not is_retryable(exc):
                raise
            report.errors.append(f"получение прервано: {exc}")
        sender.send_all(report)

    # --- receiving ------------------------------------------------------------------------------

    def _receive(self, sender: Sender, report: SyncReport, page_size: int) -> None:
        name, me = self.options.transport_name, self.participant_id
        while True:
            cursor = self.repo.cursor(name, me)
            page = self.transport.fetch_events(cursor, page_size)
            known = self.repo.known_events([e.event_id for e in page.events])
            self._incoming.received.clear()  # only this page's packages are kept
            fetched = [self._fetched(e) for e in page.events if e.event_id not in known]  # network: before
            sending = sender.start()  # after the fetch: this page holds no news of these packages
            try:
                with self._database.unit_of_work():  # the page lands whole: events, documents, answers, cursor
                    self.repo.save_events(fetched)
                    pending = self.repo.unprocessed()
                    self._process(pending, page, report)
                    if not pending and page.next_cursor != (cursor or ""):
                        self.repo.set_cursor(name, me, page.next_cursor)
            finally:
                sender.finish(sending, report)
            self._acknowledge([e.event_id for e in page.events], report)
            if len(page.events) < page_size or page.next_cursor == cursor:
                return

    def _fetched(self, event: TransportEvent) -> NewEvent:
        """The event with its package, for the inbox: stored before anything else happens to it."""
        data: bytes | None = None
        error: str | None = None
        if event.kind in PACKAGE_EVENTS:
            try:
                package = event.package or self.transport.fetch_package(event.message_id)
                data = to_zip(package)
                self._incoming.received[event.message_id] = package
            except PackageFormatError as exc:
                error = f"пакет повреждён: {exc}"
            except TransportError as exc:
                if is_retryable(exc):
                    raise
                error = str(exc)
        return NewEvent(event.event_id, event.message_id, event.kind.value, dict(event.payload), data, error)

    def _process(self, items: list[InboxItem], page: EventPage | None, report: SyncReport) -> None:
        for index, item in enumerate(items):
            work: Processing = self._incoming.plan(item)
            if page is not None and index == len(items) - 1:
                work.cursor = (self.options.transport_name, self.participant_id, page.next_cursor)
            new_id = self.repo.apply(work)
            if work.error:
                report.failed += 1
                report.errors.append(f"сообщение {item.message_id} отклонено: {work.error}")
            elif new_id is not None:
                report.received += 1
            report.changed.update(d for d, _, _ in work.changes)
            if new_id is not None:
                report.changed.add(new_id)

    def _acknowledge(self, event_ids: list[str], report: SyncReport) -> None:
        done = set(self.repo.unacknowledged())
        ready = [event_id for event_id in event_ids if event_id in done]  # never what is not processed and stored
        if not ready:
            return
        try:
            self.transport.acknowledge(ready)
        except TransportError as exc:
            report.errors.append(f"подтверждение событий отложено: {exc}")
            return
        self.repo.mark_acknowledged(ready)

    def close(self) -> None:
        """Release the transport's connections (an HTTP client); the database is the caller's."""
        closer = getattr(self.transport, "close", None)
        if callable(closer):
            closer()

    # --- reading --------------------------------------------------------------------------------

    def state(self, document_id: int) -> ExchangeState:
        stored = self._documents.get(document_id)
        return ExchangeState(document_id, stored.status, self.repo.link(document_id),
                             tuple(self.repo.outbox(document_id)))

    def poa_verdicts(self, document_id: int) -> list[PoaCheckRecord]:
        """The МЧД verdicts recorded when the document was received (one per signer and МЧД)."""
        return poa_verdicts(self._documents, document_id)

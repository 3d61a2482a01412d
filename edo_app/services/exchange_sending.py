"""Sending the outbox, split so the network part can run while received events are processed.

A send is three steps: mark a batch of due rows ``sending`` (one transaction), hand the
packages to the transport, record the receipts (one transaction: rows, links, statuses). Only
the middle step talks to the network, and it touches no database: ``Sender.start`` runs it on a
worker thread and returns at once, ``Sender.finish`` waits for it and records what came back,
on the caller's thread. The exchange starts a batch, processes a page of received events
meanwhile, then finishes the batch: a participant's CPU and the operator's answer overlap
instead of following each other (bench/sync.py --parallel).

Crash safety is unchanged: rows are ``sending`` before the network is touched and ``sent``
only with their receipt, so a crash anywhere leaves rows that the next sync sends again with
the same bytes and package_id (the transport answers with the same receipt).

Ordering: a batch is started after the page of events is fetched, so that page never holds
news (ПДП, «delivered») of a message whose receipt is not recorded yet.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from edo_app.errors import TransportError
from edo_app.services.exchange_status import ExchangeEvent, next_status
from edo_app.storage.outbox import ExchangeRepository
from edo_app.storage.records import OutboxItem
from edo_app.transport.base import SendReceipt, Transport, is_retryable
from edo_app.transport.package import from_zip

if TYPE_CHECKING:
    from edo_app.services.exchange import Backoff, SyncReport


@dataclass
class Outcome:
    """What the transport said to one package: a receipt or an error."""

    item: OutboxItem
    receipt: SendReceipt | None = None
    error: TransportError | None = None


@dataclass
class Sender:
    repo: ExchangeRepository
    transport: Transport
    clock: Callable[[], datetime]
    backoff: Backoff
    down: bool = False  # the operator could not be reached in this sync: send nothing more now
    _pool: ThreadPoolExecutor | None = field(default=None, repr=False)

    def start(self) -> Future[list[Outcome]] | None:
        """Mark the next due batch ``sending`` and post it on the worker thread; None when nothing is due."""
        batch = [] if self.down else self.repo.due(self.clock())
        if not batch:
            return None
        self.repo.begin_attempt([item.id for item in batch])
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="edo-send")
        return self._pool.submit(_post, self.transport, batch)

    def finish(self, pending: Future[list[Outcome]] | None, report: SyncReport) -> None:
        """Wait for a started batch and record its receipts and failures (caller's thread)."""
        if pending is None:
            return
        receipts: list[tuple[int, str]] = []
        for outcome in pending.result():
            if outcome.item.document_id is not None:
                report.changed.add(outcome.item.document_id)
            if outcome.receipt is not None:
                receipts.append((outcome.item.id, outcome.receipt.message_id))
            elif outcome.error is not None:
                self._failed(outcome.item, outcome.error, report)
        self.repo.sent(receipts, partial(next_status, event=ExchangeEvent.SENT))
        report.sent += len(receipts)

    def send_all(self, report: SyncReport) -> None:
        """Send everything due, batch after batch, until the outbox is empty or the operator is down."""
        while (pending := self.start()) is not None:
            self.finish(pending, report)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def _failed(self, item: OutboxItem, exc: TransportError, report: SyncReport) -> None:
        if is_retryable(exc):
            self.down = True  # the rest of the batch stays ``sending``: sent again next time
            self.repo.retry_later(item.id, str(exc), self.clock() + self.backoff.after(item.attempts + 1))
            report.errors.append(f"отправка отложена: {exc}")
            return
        self.repo.failed(item.id, str(exc))
        report.failed += 1
        report.errors.append(f"пакет {item.package_id} не отправлен: {exc}")


def _post(transport: Transport, batch: list[OutboxItem]) -> list[Outcome]:
    """The network part (worker thread): one ``send_many``, so the worker needs the interpreter for
    a moment per batch, not per package (a thread that needs it often waits behind the busy
    caller). A failure of the whole call is the first package's: retryable, the rest stay
    ``sending`` for next time; otherwise it is every package's, as ``send`` would have said."""
    try:
        results = transport.send_many([from_zip(item.package) for item in batch])
    except TransportError as exc:
        results = [exc] if is_retryable(exc) else [exc] * len(batch)
    return [Outcome(item, error=result) if isinstance(result, TransportError) else Outcome(item, receipt=result)
            for item, result in zip(batch, results, strict=False)]

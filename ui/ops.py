"""Run service calls off the GUI thread and hand the outcome back on it (Anki style).

Views never call a slow service directly: they submit a call with two callbacks. The thread
executor runs calls one at a time on a private pool, so operations keep their order and the
database sees one writer; tests use :class:`SyncExecutor`, which runs the call inline (Picard).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Executor(Protocol):
    def submit(self, call: Callable[[], T], on_done: Callable[[T], None], on_error: Failed) -> None:
        """Run ``call``; then ``on_done(result)`` or ``on_error(exc)`` on the GUI thread."""


class SyncExecutor:
    """Runs the call at once on the caller's thread: deterministic tests, no event loop needed."""

    def submit(self, call: Callable[[], T], on_done: Callable[[T], None], on_error: Failed) -> None:
        try:
            result = call()
        except Exception as exc:  # every failure goes to the caller's error path
            on_error(exc)
            return
        on_done(result)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, queued delivery brings the outcome home."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Done, on_error: Failed, forget: Callable[[_Relay], None]) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._forget = forget
        self.succeeded.connect(self._deliver_result, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        self._forget(self)
        self._on_done(result)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        self._forget(self)
        self._on_error(exc)


class _Job(QRunnable):
    def __init__(self, call: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._call = call
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._call()
        except Exception as exc:  # reported on the GUI thread through show_error
            self._relay.failed.emit(exc)
            return
        self._relay.succeeded.emit(result)


class ThreadExecutor:
    """One background worker: calls run in submission order, outcomes arrive on the GUI thread."""

    def __init__(self) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._pending: set[_Relay] = set()  # keeps relays alive until they deliver

    def submit(self, call: Callable[[], T], on_done: Callable[[T], None], on_error: Failed) -> None:
        relay = _Relay(on_done, on_error, self._pending.discard)
        self._pending.add(relay)
        self._pool.start(_Job(call, relay))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (shutdown); outcomes still need the event loop."""
        return self._pool.waitForDone(msecs)

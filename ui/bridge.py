"""Core events as a Qt signal (Electrum style).

The EventBus may publish from a worker thread. The bridge hops through a queued connection
to itself, so ``changed`` is always emitted on the bridge's (GUI) thread, whoever listens.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from edo_app.services import Changes, EventBus


class EventBridge(QObject):
    changed = Signal(object)  # Changes
    _arrived = Signal(object)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._arrived.connect(self._relay, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = bus.subscribe(self._arrived.emit)

    @Slot(object)
    def _relay(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def close(self) -> None:
        """Stop listening; safe to call twice."""
        self._unsubscribe()

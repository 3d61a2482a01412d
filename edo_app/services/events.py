"""A tiny Qt-free observer: services publish what changed, front ends subscribe.

The UI's signal bridge subscribes once and re-emits on the GUI thread; the CLI ignores it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    """What an operation changed, so views refresh only what they must."""

    documents_added: tuple[int, ...] = ()
    documents_changed: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.documents_added or self.documents_changed)


Listener = Callable[[Changes], None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener; returns the function that removes it."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, changes: Changes) -> None:
        if not changes:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(changes)

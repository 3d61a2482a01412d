"""The registry table: Enter opens the current row, as a double click does.

QTableView itself only emits ``activated`` on Enter, and ``activated`` also fires on a single
click on some desktops; a key of its own keeps "open" to Enter and the double click.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView

OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class RegistryTable(QTableView):
    open_requested = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if event.key() in OPEN_KEYS and index.isValid() and self.state() != self.State.EditingState:
            self.open_requested.emit(index)
            event.accept()
            return
        super().keyPressEvent(event)

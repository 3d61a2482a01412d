"""The registry folders Входящие / Исходящие / Черновики / Архив and their document counts.

Archived documents of any direction live only in Архив; the other folders hide them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from edo_app.model.kinds import Direction
from ui.models.documents import count_text


class Folder(enum.Enum):
    INCOMING = ("Входящие", Direction.INCOMING, False)
    OUTGOING = ("Исходящие", Direction.OUTGOING, False)
    DRAFTS = ("Черновики", Direction.DRAFT, False)
    ARCHIVE = ("Архив", None, True)

    def __init__(self, title: str, direction: Direction | None, archived: bool) -> None:
        self.title = title
        self.direction = direction
        self.archived = archived


class FolderList(QListWidget):
    """One line per folder with its count; ``folder_changed`` when the user picks another."""

    folder_changed = Signal(object)  # Folder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard work goes to the table (Ctrl+1..4)
        for folder in Folder:
            item = QListWidgetItem(folder.title)
            item.setData(Qt.ItemDataRole.UserRole, folder)
            self.addItem(item)
        self.setCurrentRow(0)
        self.setFixedWidth(self.sizeHintForColumn(0) + 90)
        self.currentRowChanged.connect(lambda row: self.folder_changed.emit(list(Folder)[row]))

    @property
    def folder(self) -> Folder:
        return list(Folder)[max(self.currentRow(), 0)]

    def select(self, folder: Folder) -> None:
        self.setCurrentRow(list(Folder).index(folder))

    def set_counts(self, counts: Mapping[Folder, int]) -> None:
        for row, folder in enumerate(Folder):
            if folder in counts:
                self.item(row).setText(f"{folder.title} ({count_text(counts[folder])})")

    def label(self, folder: Folder) -> str:
        return self.item(list(Folder).index(folder)).text()

"""The УПД editor in the main window: «Документ → Новый УПД…» and «Черновики УПД…»."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from edo_app.services import DraftInfo, Services
from edo_app.services.upd_editor import Draft, UpdEditorService
from ui.editor.editor import UpdEditor
from ui.errors import show_error
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

GUID_ROLE = Qt.ItemDataRole.UserRole
Window = TypeVar("Window", bound=QWidget)


def install(window: MainWindow) -> None:
    add_editor_actions(window.menu("Документ"), ("Новый УПД…", "Заполнить титул продавца УПД 5.03"),
                       lambda: open_editor(window, window.services, window.executor),
                       "Черновики УПД…", lambda: choose_draft(window, window.services, window.executor))


def add_editor_actions(menu: QMenu, new: tuple[str, str], open_new: Callable[[], object], drafts: str,
                       open_drafts: Callable[[], object]) -> None:
    """An editor's two menu entries: a new document (text, status tip) and the list of its drafts."""
    text, tip = new
    action = menu.addAction(text)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: open_new())
    menu.addAction(drafts).triggered.connect(lambda _checked=False: open_drafts())


def show_window(window: Window) -> Window:
    """Show a modeless editor window that frees itself when closed."""
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window


def open_editor(parent: QWidget, services: Services, executor: Executor, draft: Draft | None = None) -> UpdEditor:
    return show_window(UpdEditor(services, executor, draft, parent))


def choose_draft(parent: QWidget, services: Services, executor: Executor) -> None:
    """List the drafts; the chosen one opens in the editor."""
    def opened(draft: Draft) -> None:
        open_editor(parent, services, executor, draft)

    pick_draft(parent, services.upd_editor, executor, opened, "Черновики УПД")


def pick_draft(parent: QWidget, service: UpdEditorService, executor: Executor, opened: Callable[[Draft], None],
               title: str) -> None:
    """List the drafts of ``service`` (any kind's editor service); ``opened`` gets the chosen one."""
    def listed(drafts: list[DraftInfo]) -> None:
        dialog = DraftsDialog(drafts, parent, title)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen:
            guid = dialog.chosen
            executor.submit(lambda: service.open_draft(guid), opened, _error(parent))

    executor.submit(service.drafts, listed, _error(parent))


def _error(parent: QWidget) -> Callable[[BaseException], None]:
    return lambda exc: show_error(parent, exc)


class DraftsDialog(QDialog):
    def __init__(self, drafts: list[DraftInfo], parent: QWidget | None = None, title: str = "Черновики УПД") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 360)
        self.chosen = ""
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for info in drafts:
            number = info.number or "без номера"
            item = QListWidgetItem(f"№ {number} от {info.date or '—'} — {info.buyer or 'контрагент не выбран'} "
                                   f"(сохранён {info.saved_at:%d.%m.%Y %H:%M})")
            item.setData(GUID_ROLE, info.guid)
            self.list.addItem(item)
        if not drafts:
            self.list.addItem("Сохранённых черновиков нет")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self._accept_current())
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        guid = item.data(GUID_ROLE) if item is not None else None
        if guid:
            self.chosen = str(guid)
            self.accept()

"""The акт and ТОРГ-12 editors in the main window: «Документ → Новый акт…», «Новая ТОРГ-12…»
and their drafts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

from edo_app.services import Services
from edo_app.services.upd_editor import Draft
from ui.editor.feature import add_editor_actions, pick_draft, show_window
from ui.editor_primary.editor import EDITORS, PrimaryEditor, editor_service
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("Документ")
    for editor_class in EDITORS:
        _install_kind(window, menu, editor_class)


def _install_kind(window: MainWindow, menu: QMenu, editor_class: type[PrimaryEditor]) -> None:
    kind = editor_class.kind
    add_editor_actions(menu, (kind.new_action, f"Заполнить титул: {kind.roles[0].lower()} ({kind.title}, формат 5.01)"),
                       lambda: open_editor(window, editor_class, window.services, window.executor),
                       kind.drafts_action, lambda: choose_draft(window, editor_class, window.services, window.executor))


def open_editor(parent: QWidget, editor_class: type[PrimaryEditor], services: Services, executor: Executor,
                draft: Draft | None = None) -> PrimaryEditor:
    return show_window(editor_class(services, executor, draft, parent))


def choose_draft(parent: QWidget, editor_class: type[PrimaryEditor], services: Services, executor: Executor) -> None:
    """The kind's drafts; the chosen one opens in its editor."""
    def opened(draft: Draft) -> None:
        open_editor(parent, editor_class, services, executor, draft)

    kind = editor_class.kind
    pick_draft(parent, editor_service(services, kind), executor, opened, kind.drafts_title)

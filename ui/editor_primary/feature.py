"""The акт and ТОРГ-12 editors in the main window: «Документ → Новый акт…», «Новая ТОРГ-12…»
and their drafts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from edo_app.services import Services
from edo_app.services.upd_editor import Draft
from ui.editor.feature import pick_draft
from ui.editor_primary.editor import EDITORS, PrimaryEditor, editor_service
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("Документ")
    for editor_class in EDITORS:
        kind = editor_class.kind
        new = menu.addAction(kind.new_action)
        new.setStatusTip(f"Заполнить титул: {kind.roles[0].lower()} ({kind.title}, формат 5.01)")
        new.triggered.connect(lambda _checked=False, cls=editor_class: open_editor(
            window, cls, window.services, window.executor))
        drafts = menu.addAction(kind.drafts_action)
        drafts.triggered.connect(lambda _checked=False, cls=editor_class: choose_draft(
            window, cls, window.services, window.executor))


def open_editor(parent: QWidget, editor_class: type[PrimaryEditor], services: Services, executor: Executor,
                draft: Draft | None = None) -> PrimaryEditor:
    editor = editor_class(services, executor, draft, parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.show()
    return editor


def choose_draft(parent: QWidget, editor_class: type[PrimaryEditor], services: Services, executor: Executor) -> None:
    """The kind's drafts; the chosen one opens in its editor."""
    def opened(draft: Draft) -> None:
        open_editor(parent, editor_class, services, executor, draft)

    kind = editor_class.kind
    pick_draft(parent, editor_service(services, kind), executor, opened, kind.drafts_title)

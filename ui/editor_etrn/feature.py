"""The ЭТрН in the main window: «Документ → Транспортная накладная…», its drafts, and
«Следующий титул ЭТрН…» for the title selected in the registry (ui.editor_etrn.next_title)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from edo_app.services import Services
from edo_app.services.upd_editor import Draft
from ui.editor.feature import pick_draft
from ui.editor_etrn.editor import EtrnEditor, editor_service
from ui.editor_etrn.next_title import open_for_selection
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("Документ")
    new = menu.addAction("Транспортная накладная…")
    new.setStatusTip("Заполнить титул 1 ЭТрН (грузоотправитель) из справочников")
    new.triggered.connect(lambda: open_editor(window, window.services, window.executor))
    drafts = menu.addAction("Черновики транспортных накладных…")
    drafts.triggered.connect(lambda: choose_draft(window, window.services, window.executor))
    following = menu.addAction("Следующий титул ЭТрН…")
    following.setStatusTip("Ответить на выбранный титул ЭТрН: перевозчик (02, 06) или грузополучатель (05)")
    following.triggered.connect(lambda: open_for_selection(window))


def open_editor(parent: QWidget, services: Services, executor: Executor, draft: Draft | None = None) -> EtrnEditor:
    editor = EtrnEditor(services, executor, draft, parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.show()
    return editor


def choose_draft(parent: QWidget, services: Services, executor: Executor) -> None:
    def opened(draft: Draft) -> None:
        open_editor(parent, services, executor, draft)

    pick_draft(parent, editor_service(services), executor, opened, "Черновики транспортных накладных")

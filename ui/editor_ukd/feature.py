"""«Документ → Корректировка (УКД)…»: a УКД to the outgoing УПД seller titles selected in the
registry (several at once when they are of the same seller and buyer); «Черновики УКД…» reopens a
saved one (ui.editor.feature.pick_draft, as for the УПД and the акт)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from edo_app.services import Services
from edo_app.services.ukd_editor import Originals, UkdEditorService
from edo_app.services.upd_editor import Draft
from ui.editor.feature import add_editor_actions, pick_draft, show_window
from ui.editor_ukd.editor import UkdEditor
from ui.errors import show_error
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

NO_DOCUMENT = "Выберите в реестре исходящий УПД (титул продавца), к которому составляется корректировка"


def install(window: MainWindow) -> None:
    add_editor_actions(window.menu("Документ"), ("Корректировка (УКД)…", "Составить УКД к выбранным исходящим УПД"),
                       lambda: open_for_selection(window), "Черновики УКД…",
                       lambda: choose_draft(window, window.services, window.executor))


def editor_service(services: Services) -> UkdEditorService:
    return UkdEditorService(services.library, services.schemas, services.data_dir)


def open_for_selection(window: MainWindow) -> None:
    ids = window.selected_ids()
    if not ids:
        QMessageBox(QMessageBox.Icon.Information, "Корректировка (УКД)", NO_DOCUMENT, QMessageBox.StandardButton.Ok,
                    window).exec()
        return
    open_editor(window, window.services, window.executor, ids)


def open_editor(parent: QWidget, services: Services, executor: Executor, document_ids: list[int]) -> None:
    """Read the originals on the executor, then show the editor (an unsuitable document says why)."""
    service = editor_service(services)

    def opened(originals: Originals) -> None:
        show_window(UkdEditor(service, executor, originals, parent))

    executor.submit(lambda: service.originals(document_ids), opened, lambda exc: show_error(parent, exc))


def choose_draft(parent: QWidget, services: Services, executor: Executor) -> None:
    """List the УКД drafts; the chosen one opens on the originals it corrects."""
    service = editor_service(services)

    def reopen(draft: Draft) -> None:
        def opened(originals: Originals) -> None:
            show_window(UkdEditor(service, executor, originals, parent, draft))

        executor.submit(lambda: service.draft_originals(draft), opened, lambda exc: show_error(parent, exc))

    pick_draft(parent, service, executor, reopen, "Черновики УКД")

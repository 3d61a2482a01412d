"""«Документ → Корректировка (УКД)…»: a УКД to the outgoing УПД seller titles selected in the
registry (several at once when they are of the same seller and buyer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from edo_app.services import Services
from edo_app.services.ukd_editor import Originals, UkdEditorService
from ui.editor.feature import show_window
from ui.editor_ukd.editor import UkdEditor
from ui.errors import show_error
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

NO_DOCUMENT = "Выберите в реестре исходящий УПД (титул продавца), к которому составляется корректировка"


def install(window: MainWindow) -> None:
    action = window.menu("Документ").addAction("Корректировка (УКД)…")
    action.setStatusTip("Составить УКД к выбранным исходящим УПД")
    action.triggered.connect(lambda: open_for_selection(window))


def open_for_selection(window: MainWindow) -> None:
    ids = window.selected_ids()
    if not ids:
        QMessageBox(QMessageBox.Icon.Information, "Корректировка (УКД)", NO_DOCUMENT, QMessageBox.StandardButton.Ok,
                    window).exec()
        return
    open_editor(window, window.services, window.executor, ids)


def open_editor(parent: QWidget, services: Services, executor: Executor, document_ids: list[int]) -> None:
    """Read the originals on the executor, then show the editor (an unsuitable document says why)."""
    service = UkdEditorService(services.library, services.schemas)

    def opened(originals: Originals) -> None:
        show_window(UkdEditor(service, executor, originals, parent))

    executor.submit(lambda: service.originals(document_ids), opened, lambda exc: show_error(parent, exc))

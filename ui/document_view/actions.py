"""«Документ → Открыть», «Печатная форма…» and «Сохранить комплект документооборота…» for the row
selected in the registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from edo_app.services import DocumentRow
from edo_app.services.flow_export import flow_bundle
from ui.document_view.files import ZIP_FILTER, save_with_dialog
from ui.document_view.window import open_document
from ui.print_preview import open_print_preview

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("Документ")
    open_action = QAction("&Открыть", window)
    open_action.setStatusTip("Открыть выбранный документ: реквизиты, XML, подписи, МЧД, история")
    open_action.triggered.connect(lambda: open_selected(window))
    print_action = QAction("&Печатная форма…", window)
    print_action.setShortcut(QKeySequence.StandardKey.Print)
    print_action.setStatusTip("Печатная форма выбранного документа со штампами электронных подписей")
    print_action.triggered.connect(lambda: print_selected(window))
    bundle_action = QAction("Сохранить &комплект документооборота…", window)
    bundle_action.setStatusTip("ZIP для проверяющих: документ, подписи, МЧД, ПДП/ПДО/ИОП/УОУ с подписями и опись")
    bundle_action.triggered.connect(lambda: save_flow_of_selected(window))
    menu.addActions([open_action, print_action, bundle_action])


def selected_row(window: MainWindow) -> DocumentRow | None:
    """The registry's current row; None (with a hint in the status bar) when nothing is selected."""
    index = window.table.currentIndex()
    if not index.isValid():
        window.statusBar().showMessage("Выберите документ в реестре", 5000)
        return None
    return window.model.row_at(index.row())


def open_selected(window: MainWindow) -> None:
    row = selected_row(window)
    if row is not None:
        open_document(window, window.services, window.executor, row.id, window.bridge)


def print_selected(window: MainWindow) -> None:
    row = selected_row(window)
    if row is not None:
        open_print_preview(window, window.services, window.executor, row.id, kind=row.kind,
                           file_name=f"{row.file_id}.xml")


def save_flow_of_selected(window: MainWindow) -> None:
    row = selected_row(window)
    if row is None:
        return
    database = window.services.database
    save_with_dialog(window, window.executor, lambda: flow_bundle(database, row.id),
                     lambda path: window.statusBar().showMessage(f"Комплект документооборота сохранён: {path}", 10000),
                     title="Сохранить комплект документооборота", suggested=f"{row.file_id}_комплект.zip",
                     name_filter=ZIP_FILTER)

"""«Справочники» → «Доверенности (МЧД)…»: the list of the user's МЧД with search, and the actions
create (JSON file or form), import (XML + optional .sig), check, revoke, sign and «Документы…»."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from edo_app.errors import InputError
from edo_app.services import PoaImportResult, Services
from edo_app.services.poa_checks import PoaVerdict
from edo_app.services.poa_manager import (
    DocumentLine,
    PoaListItem,
    check_stored,
    create_from_json_file,
    documents_of,
    import_files,
    list_items,
    principal_defaults,
    revoke_stored,
)
from ui.dialogs.report import ReportDialog
from ui.directories.poa_form import PoaFormDialog
from ui.directories.poa_signing import sign_poa
from ui.directories.poa_views import PoaCheckDialog, PoaDocumentsDialog, RevokeDialog
from ui.errors import show_error
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

__all__ = ["PoaManagerDialog", "install"]

HEADERS = ["Номер", "Доверитель", "Представитель", "Срок действия", "Статус"]
SEARCH_DELAY_MS = 300


class PoaManagerDialog(QDialog):
    def __init__(self, services: Services, executor: Executor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Доверенности (МЧД)")
        self.resize(1000, 520)
        self.services = services
        self.executor = executor
        self.items: list[PoaListItem] = []
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Поиск по номеру, доверителю, представителю, ИНН или СНИЛС")
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.table = self._make_table()
        self.status = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addLayout(self._make_buttons())
        layout.addWidget(self.status)
        self.refresh()

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(HEADERS), self)
        table.setHorizontalHeaderLabels(HEADERS)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return table

    def _make_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        create = QPushButton("Создать…", self)
        menu = QMenu(create)
        menu.addAction("Из файла JSON…", self.create_from_json)
        menu.addAction("Заполнить форму…", self.create_from_form)
        create.setMenu(menu)
        row.addWidget(create)
        for title, slot in (("Импорт…", self.import_poa), ("Проверить", self.check_selected),
                            ("Отозвать…", self.revoke_selected), ("Подписать…", self.sign_selected),
                            ("Документы…", self.show_documents)):
            button = QPushButton(title, self)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    # --- the list ---------------------------------------------------------------------------
    def refresh(self) -> None:
        text = self.search.text()
        self.executor.submit(lambda: list_items(self.services.poas, text), self._show_items, self.fail)

    def _show_items(self, items: list[PoaListItem]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for r, item in enumerate(items):
            facts = item.row.facts
            values = [facts.number, facts.principal_name, item.representative,
                      f"{facts.issued:%d.%m.%Y} — {facts.valid_to:%d.%m.%Y}", item.state]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.status.setText(f"Доверенностей: {len(items)}")

    def select(self, poa_id: int) -> None:
        rows = [r for r, item in enumerate(self.items) if item.id == poa_id]
        if rows:
            self.table.selectRow(rows[0])

    def selected(self) -> PoaListItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.fail(InputError("Выберите доверенность в списке", "poa"))
            return None
        return self.items[rows[0].row()]

    # --- creating and importing -------------------------------------------------------------
    def create_from_json(self, path: Path | None = None) -> None:
        path = path or _open_file(self, "Доверенность из JSON", "JSON (*.json);;Все файлы (*)")
        if path is not None:
            chosen = path
            self.executor.submit(lambda: create_from_json_file(self.services.poas, chosen), self._added, self.fail)

    def create_from_form(self) -> None:
        own = self.services.counterparties.own_organisations()
        dialog = PoaFormDialog(self.services.poas, self.executor, principal_defaults(self.services.poas, own), self)
        if dialog.exec() and dialog.created_id is not None:
            self._added(dialog.created_id)

    def import_poa(self, xml_path: Path | None = None, signature_path: Path | None = None) -> None:
        xml_path = xml_path or _open_file(self, "Импорт доверенности", "МЧД (*.xml);;Все файлы (*)")
        if xml_path is None:
            return
        beside = xml_path.with_name(xml_path.name + ".sig")
        signature = signature_path or (beside if beside.exists() else None)
        chosen = xml_path
        self.executor.submit(lambda: import_files(self.services.poas, chosen, signature), self._imported, self.fail)

    def _imported(self, result: PoaImportResult) -> None:
        if result.poa_id is None:
            ReportDialog(result.report, self).exec()
            return
        self._added(result.poa_id)

    def _added(self, poa_id: int) -> None:
        self.refresh()
        self.select(poa_id)
        self.status.setText(f"Доверенность добавлена (№ в реестре {poa_id})")

    # --- actions on the selected МЧД ----------------------------------------------------------
    def check_selected(self) -> None:
        item = self.selected()
        if item is not None:
            call = lambda: check_stored(self.services.poas, item.id, schemas=self.services.schemas)  # noqa: E731
            self.executor.submit(call, lambda verdict: self._checked(item, verdict), self.fail)

    def _checked(self, item: PoaListItem, verdict: PoaVerdict) -> None:
        PoaCheckDialog(item.row.number, verdict, self).exec()

    def revoke_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        dialog = RevokeDialog(item.row.number, self)
        if dialog.exec():
            day = dialog.chosen_day()
            self.executor.submit(lambda: revoke_stored(self.services.poas, item.id, day),
                                 lambda _: self._changed(item.id, "Отзыв доверенности записан"), self.fail)

    def sign_selected(self) -> None:
        item = self.selected()
        if item is not None:
            sign_poa(self, self.services, self.executor, item.id, lambda: self._changed(item.id, "Подпись добавлена"))

    def show_documents(self) -> None:
        item = self.selected()
        if item is not None:
            call = lambda: documents_of(self.services.poas, self.services.library, item.id)  # noqa: E731
            self.executor.submit(call, lambda lines: self._documents(item, lines), self.fail)

    def _documents(self, item: PoaListItem, lines: list[DocumentLine]) -> None:
        PoaDocumentsDialog(item.row.number, lines, self).exec()

    def _changed(self, poa_id: int, message: str) -> None:
        self.refresh()
        self.select(poa_id)
        self.status.setText(message)

    def fail(self, exc: BaseException) -> None:
        show_error(self, exc)


def _open_file(parent: QWidget, title: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return Path(name) if name else None


def install(window: MainWindow) -> None:
    action = QAction("&Доверенности (МЧД)…", window)
    action.setObjectName("poa_manager_action")
    action.setStatusTip("Машиночитаемые доверенности: создание, импорт, проверка, отзыв")

    def open_manager() -> None:
        PoaManagerDialog(window.services, window.executor, window).exec()

    action.triggered.connect(open_manager)
    window.menu("Справочники").addAction(action)


"""The first window: the document registry with check/import of files, search and sorting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from edo_app.model.report import Report
from edo_app.services import ImportResult, Services, StoredDocument
from ui.bridge import EventBridge
from ui.dialogs.report import ReportDialog
from ui.errors import show_error
from ui.features import install_features
from ui.models.documents import Columns, DocumentsModel
from ui.ops import Executor

SEARCH_DELAY_MS = 300  # wait for a pause in typing before querying the database
COLUMN_WIDTHS = {Columns.KIND: 190, Columns.NUMBER: 130, Columns.DATE: 90, Columns.INN: 120, Columns.TOTAL: 130}
MENU_TITLES = ("&Документ", "&Обмен", "&Справочники", "&Сервис")
XML_FILTER = "XML-документы (*.xml);;Все файлы (*)"


class MainWindow(QMainWindow):
    def __init__(self, services: Services, executor: Executor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._library = services.library
        self._executor = executor
        self.setWindowTitle("ЭДО — реестр документов")
        self.resize(1100, 640)
        self.model = DocumentsModel(services.library, executor, parent=self)
        self.model.failed.connect(self.show_error)
        self.model.count_changed.connect(self._show_count)
        self.bridge = EventBridge(services.events, self)
        self.bridge.changed.connect(self.model.refresh)
        self._build_central()
        self._build_menu()
        install_features(self)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self._show_count(0)
        self.table.setSortingEnabled(True)  # asks the model to sort: the first load

    # --- building ---------------------------------------------------------------------------
    def _build_central(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Поиск по номеру, контрагенту или ИНН")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._search_timer.start)
        self.table = self._make_table()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.setCentralWidget(central)

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(Columns.COUNTERPARTY, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Columns.DATE, Qt.SortOrder.DescendingOrder)  # the query's default
        table.doubleClicked.connect(self._open_row)
        return table

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu("&Файл")
        style = self.style()
        self.open_action = self._action("&Открыть…", QKeySequence.StandardKey.Open, self.open_file)
        self.open_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        self.open_action.setStatusTip("Проверить файл, не сохраняя его")
        self.import_action = self._action("&Импорт…", QKeySequence("Ctrl+I"), self.import_file)
        self.import_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.import_action.setStatusTip("Проверить файл и сохранить его в реестре")
        self.quit_action = self._action("В&ыход", QKeySequence.StandardKey.Quit, self.close)
        menu.addActions([self.open_action, self.import_action])
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self.menus = {"Файл": menu}
        for title in MENU_TITLES:
            self.menus[title.replace("&", "")] = self.menuBar().addMenu(title)

    def menu(self, title: str) -> QMenu:
        """A menu by its title without the accelerator: "Файл", "Документ", "Обмен", "Справочники", "Сервис"."""
        return self.menus[title]

    @property
    def executor(self) -> Executor:
        return self._executor

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    # --- file actions -----------------------------------------------------------------------
    def open_file(self) -> None:
        path = self._choose_file("Проверить файл")
        if path is not None:
            self.check_path(path)

    def import_file(self) -> None:
        path = self._choose_file("Импортировать файл")
        if path is not None:
            self.import_path(path)

    def check_path(self, path: Path) -> None:
        """Validate a file and show the report; nothing is stored."""
        self.statusBar().showMessage(f"Проверка файла {path.name}…")
        self._executor.submit(lambda: self._library.check_file(path), self.show_report, self.show_error)

    def import_path(self, path: Path) -> None:
        """Validate and store a file; an invalid one is only reported. The row comes via events."""
        self.statusBar().showMessage(f"Импорт файла {path.name}…")
        self._executor.submit(lambda: self._library.import_file(path), self._imported, self.show_error)

    def _imported(self, result: ImportResult) -> None:
        self.statusBar().clearMessage()
        if not result.stored:
            self.show_report(result.report)
            return
        self.statusBar().showMessage("Документ добавлен в реестр", 5000)

    def _choose_file(self, title: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, title, "", XML_FILTER)
        return Path(name) if name else None  # an empty name is a cancel: show nothing

    # --- registry ---------------------------------------------------------------------------
    def apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        if text != self.model.query.text:
            self.model.set_query(replace(self.model.query, text=text))

    def _open_row(self, index: QModelIndex) -> None:
        document_id = self.model.row_at(index.row()).id
        self._executor.submit(lambda: self._library.get(document_id), self._show_stored, self.show_error)

    def _show_stored(self, document: StoredDocument) -> None:
        self.show_report(document.report)

    def _show_count(self, total: int) -> None:
        self.count_label.setText(f"Документов: {total}")

    # --- feedback ---------------------------------------------------------------------------
    def show_report(self, report: Report) -> None:
        self.statusBar().clearMessage()
        ReportDialog(report, self).exec()

    def show_error(self, exc: BaseException) -> None:
        self.statusBar().clearMessage()
        show_error(self, exc)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.bridge.close()
        super().closeEvent(event)

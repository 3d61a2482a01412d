"""The first window: the document registry with check/import of files.

Folders on the left (Входящие / Исходящие / Черновики / Архив, with counts), search and
filters above the table; every filter and sort runs in the database, the table loads lazily.
Keys: Enter opens the selected document, Ctrl+F searches, Ctrl+1..4 switch folders, Esc
clears the filters.

At startup ``ui.app`` shows the window as a shell first (``MainWindow()``: this module imports
only a few Qt classes, the rest is imported inside the methods that need it), calls
``attach(services, executor, features=False)`` after its first paint and ``add_features()``
once the first page is on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ui.errors import show_error

if TYPE_CHECKING:  # the services and the registry load in attach(): the shell shows without them
    from PySide6.QtCore import QModelIndex

    from edo_app.model.report import Report
    from edo_app.services import DocumentQuery, ImportResult, Services, StoredDocument
    from ui.bridge import EventBridge
    from ui.models.documents import DocumentsModel
    from ui.ops import Executor
    from ui.registry.filters import FiltersPanel
    from ui.registry.folders import Folder, FolderList
    from ui.registry.table import RegistryTable

SEARCH_DELAY_MS = 300  # wait for a pause in typing before querying the database
MENU_TITLES = ("&Документ", "&Обмен", "&Справочники", "&Сервис")
XML_FILTER = "XML-документы (*.xml);;Все файлы (*)"


class MainWindow(QMainWindow):
    services: Services
    _executor: Executor
    model: DocumentsModel
    bridge: EventBridge
    folders: FolderList
    filters: FiltersPanel

    def __init__(
        self, services: Services | None = None, executor: Executor | None = None, parent: QWidget | None = None
    ) -> None:
        """The whole window on ``services``; without them only the shell (title, size) until attach()."""
        super().__init__(parent)
        self.setWindowTitle("ЭДО — реестр документов")
        self.resize(1100, 640)
        if services is not None and executor is not None:
            self.attach(services, executor)
        else:
            self.statusBar().showMessage("Загрузка реестра…")

    @property
    def attached(self) -> bool:
        return hasattr(self, "services")

    def attach(self, services: Services, executor: Executor, *, features: bool = True) -> None:
        """Build the registry and menus on the opened services (the first page loads) and, unless
        told otherwise (the app's start adds them once the first page is shown), the features."""
        from ui.bridge import EventBridge
        from ui.models.documents import DocumentsModel
        from ui.registry.folders import FolderList

        self.services, self._executor = services, executor
        self._library = services.library
        self.folders = FolderList(self)
        self.model = DocumentsModel(services.library, executor, parent=self, query=folder_query(self.folders.folder))
        self.model.failed.connect(self.show_error)
        self.model.count_changed.connect(self._show_count)
        self.bridge = EventBridge(services.events, self)
        self.bridge.changed.connect(self.model.refresh)
        self.bridge.changed.connect(self.refresh_counts)
        self._build_central()
        self._build_menu()
        self._build_keys()
        if features:
            self.add_features()
        self._build_status_bar()
        self.statusBar().clearMessage()
        self.table.setSortingEnabled(True)  # asks the model to sort: the first load
        self.refresh_counts()

    # --- building ---------------------------------------------------------------------------
    def _build_central(self) -> None:
        from ui.registry.filters import FiltersPanel

        self.search = QLineEdit()
        self.search.setPlaceholderText("Поиск по номеру, контрагенту или ИНН")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_search)
        self.filters = FiltersPanel(self)
        self.filters.changed.connect(self.apply_search)
        self.folders.folder_changed.connect(self._folder_changed)
        self.table = self._make_table()
        registry = QWidget(self)
        column = QVBoxLayout(registry)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.search, self.filters, self.table):
            column.addWidget(widget)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.addWidget(self.folders)
        row.addWidget(registry, 1)
        self.setCentralWidget(central)

    def _make_table(self) -> RegistryTable:
        from PySide6.QtCore import Qt  # not at import: its enums cost the shell ~10 ms

        from ui.models.documents import Columns
        from ui.registry.table import RegistryTable

        widths = {Columns.KIND: 190, Columns.NUMBER: 130, Columns.DATE: 90, Columns.INN: 190, Columns.TOTAL: 130}
        table = RegistryTable(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(Columns.COUNTERPARTY, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Columns.DATE, Qt.SortOrder.DescendingOrder)  # the query's default
        table.doubleClicked.connect(self._open_row)
        table.open_requested.connect(self._open_row)  # Enter
        table.selectionModel().selectionChanged.connect(self._show_selected)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        return table

    def _build_keys(self) -> None:
        from PySide6.QtCore import Qt

        from ui.registry.folders import Folder

        _shortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)
        for number, folder in enumerate(Folder, start=1):
            _shortcut(QKeySequence(f"Ctrl+{number}"), self, partial(self.show_folder, folder))
        _shortcut(QKeySequence(Qt.Key.Key_Escape), self, self.clear_filters)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.selected_label = QLabel()
        self.statusBar().addPermanentWidget(self.selected_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self._show_count(0)
        self._show_selected()

    def _build_menu(self) -> None:
        from PySide6.QtWidgets import QStyle  # its many enums cost the shell a few ms

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
        self.archive_action = self._action("В &архив", QKeySequence("Ctrl+Shift+A"), lambda: self.archive(True))
        self.unarchive_action = self._action("&Вернуть из архива", QKeySequence("Ctrl+Shift+U"),
                                             lambda: self.archive(False))
        self.menu("Документ").addActions([self.archive_action, self.unarchive_action])
        self.table.addActions([self.archive_action, self.unarchive_action])
        self._update_actions()

    def add_features(self) -> None:
        """The screens of ui.features in the menus (their imports are the heavier part of the UI)."""
        from ui.features import install_features

        install_features(self)

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
        """Query the database with the folder, search text and filters now shown (if changed)."""
        self._search_timer.stop()
        query = folder_query(self.folders.folder, self.filters.apply_to(self.model.query))
        query = replace(query, text=self.search.text().strip())
        if query != self.model.query:
            self.model.set_query(query)

    def show_folder(self, folder: Folder) -> None:
        self.folders.select(folder)  # _folder_changed follows when it is another folder
        self.table.setFocus()

    def _folder_changed(self, folder: Folder) -> None:
        self.apply_search()
        self._update_actions()
        self.table.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def clear_filters(self) -> None:
        """Esc: no search text, no filters, at once (no pause)."""
        self.search.clear()
        self.filters.clear()
        self.filters.flush()
        self.apply_search()
        self.table.setFocus()

    def selected_ids(self) -> list[int]:
        return [self.model.row_at(index.row()).id for index in self.table.selectionModel().selectedRows()]

    def archive(self, archived: bool) -> None:
        """Move the selected documents to Архив (or back); rows and counts follow via events."""
        ids = self.selected_ids()
        if ids:
            self._executor.submit(lambda: self._library.set_archived(ids, archived), self._archived, self.show_error)

    def _archived(self, changed: list[int]) -> None:
        self.statusBar().showMessage(f"Перемещено документов: {len(changed)}", 5000)

    def refresh_counts(self, *_changes: object) -> None:
        """Counts of every folder (without filters), capped, off the GUI thread."""
        from ui.models.documents import COUNT_CAP
        from ui.registry.folders import Folder

        library = self._library
        self._executor.submit(
            lambda: {f: library.count(folder_query(f), COUNT_CAP) for f in Folder},
            self.folders.set_counts,
            self.show_error,
        )

    def _open_row(self, index: QModelIndex) -> None:
        from ui.document_view import open_document  # the document window loads on the executor itself

        open_document(self, self.services, self._executor, self.model.row_at(index.row()).id, self.bridge)

    def _show_stored(self, document: StoredDocument) -> None:
        from ui.document_view import open_document

        open_document(self, self.services, self._executor, document.id, self.bridge)

    def _show_count(self, total: int) -> None:
        from ui.models.documents import count_text

        self.count_label.setText(f"Документов: {count_text(total, self.model.capped)}")

    def _show_selected(self) -> None:
        self.selected_label.setText(f"Выбрано: {len(self.table.selectionModel().selectedRows())}")
        self._update_actions()

    def _update_actions(self) -> None:
        selected = self.table.selectionModel().hasSelection()
        in_archive = self.folders.folder.archived
        self.archive_action.setEnabled(selected and not in_archive)
        self.unarchive_action.setEnabled(selected and in_archive)

    # --- feedback ---------------------------------------------------------------------------
    def show_report(self, report: Report) -> None:
        from ui.dialogs.report import ReportDialog

        self.statusBar().clearMessage()
        ReportDialog(report, self).exec()

    def show_error(self, exc: BaseException) -> None:
        self.statusBar().clearMessage()
        show_error(self, exc)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.attached:
            self.bridge.close()
        super().closeEvent(event)


def folder_query(folder: Folder, query: DocumentQuery | None = None) -> DocumentQuery:
    """``query`` (default: no filters) narrowed to one folder."""
    from edo_app.services import DocumentQuery

    return replace(query or DocumentQuery(), direction=folder.direction, archived=folder.archived)


def _shortcut(key: QKeySequence, parent: QWidget, slot: Callable[[], object]) -> QShortcut:
    shortcut = QShortcut(key, parent)
    shortcut.activated.connect(slot)
    return shortcut

"""The main window's registry against a real database of 36 documents: folders and their
counts, archive and back, filters (alone and combined), keyboard work."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.services import DocumentQuery, Services
from edo_app.storage import DocumentRepository
from tests.ui.conftest import Shown
from tests.unit.storage.factories import CONTENT, LYUTIK, REPORT_OK, ROMASHKA, VASILEK, summary
from ui.main_window import MainWindow
from ui.models.documents import Columns
from ui.ops import SyncExecutor
from ui.registry.folders import Folder

DIRECTIONS = (Direction.INCOMING, Direction.OUTGOING, Direction.OUTGOING, Direction.DRAFT)
STATUSES = (DocumentStatus.RECEIVED, DocumentStatus.SENT, DocumentStatus.SIGNED)
KINDS = (DocumentKind.UPD_SELLER, DocumentKind.ACT_SELLER, DocumentKind.TORG12_SELLER)
FIRST_DAY = date(2026, 1, 1)
COUNT = 36  # 9 incoming, 18 outgoing, 9 drafts


def seed(services: Services) -> None:
    """Document n: direction, status, kind and counterparty cycle; dates a week apart."""
    repo = DocumentRepository(services.database)
    for n in range(COUNT):
        direction = DIRECTIONS[n % 4]
        other = (VASILEK, LYUTIK)[n % 2]
        parties = {"seller": other, "buyer": ROMASHKA} if direction is Direction.INCOMING else {"buyer": other}
        doc = summary(n + 1, doc_date=FIRST_DAY + timedelta(days=7 * n), kind=KINDS[n % 3], **parties)
        repo.add_document(doc, CONTENT, direction, STATUSES[n % 3], REPORT_OK)


@pytest.fixture
def registry(qtbot: QtBot, services: Services, shown: Shown) -> Iterator[MainWindow]:
    seed(services)
    win = MainWindow(services, SyncExecutor())
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    yield win
    win.close()


def rows(window: MainWindow) -> list[str]:
    model = window.model
    return [model.data(model.index(r, Columns.NUMBER)) for r in range(model.rowCount())]


def column(window: MainWindow, col: Columns) -> set[str]:
    model = window.model
    return {model.data(model.index(r, col)) for r in range(model.rowCount())}


def filtered(window: MainWindow) -> None:
    window.filters.flush()  # what the pause in typing would do


def test_folders_show_their_documents_and_counts(registry: MainWindow, qtbot: QtBot) -> None:
    assert registry.folders.folder is Folder.INCOMING
    assert len(rows(registry)) == 9 and registry.count_label.text() == "Документов: 9"
    labels = [registry.folders.label(f) for f in Folder]
    assert labels == ["Входящие (9)", "Исходящие (18)", "Черновики (9)", "Архив (0)"]
    qtbot.keyClick(registry.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert registry.folders.folder is Folder.OUTGOING
    assert len(rows(registry)) == 18 and registry.count_label.text() == "Документов: 18"
    assert QApplication.focusWidget() is registry.table
    qtbot.keyClick(registry.table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert registry.model.query.direction is Direction.DRAFT and len(rows(registry)) == 9


def test_archive_and_back(registry: MainWindow, services: Services, qtbot: QtBot) -> None:
    registry.show_folder(Folder.OUTGOING)
    assert not registry.archive_action.isEnabled()
    registry.table.selectRow(0)
    registry.table.selectionModel().select(
        registry.model.index(1, 0), registry.table.selectionModel().SelectionFlag.Select
        | registry.table.selectionModel().SelectionFlag.Rows)
    assert registry.selected_label.text() == "Выбрано: 2"
    moved = set(rows(registry)[:2])
    ids = registry.selected_ids()
    registry.archive_action.trigger()
    qtbot.waitUntil(lambda: len(rows(registry)) == 16)  # rows and counts follow through the event bridge
    assert len(rows(registry)) == 16 and not moved & set(rows(registry))
    assert registry.folders.label(Folder.ARCHIVE) == "Архив (2)"
    assert registry.folders.label(Folder.OUTGOING) == "Исходящие (16)"
    registry.show_folder(Folder.ARCHIVE)
    assert set(rows(registry)) == moved
    assert registry.unarchive_action.isEnabled() is False  # nothing selected yet
    registry.table.selectAll()
    assert registry.unarchive_action.isEnabled() and not registry.archive_action.isEnabled()
    registry.unarchive_action.trigger()
    qtbot.waitUntil(lambda: rows(registry) == [])
    assert rows(registry) == [] and registry.folders.label(Folder.ARCHIVE) == "Архив (0)"
    actions = [e.action for e in services.library.history(ids[0])]
    assert actions[-2:] == ["document.archived", "document.unarchived"]
    assert services.library.count(DocumentQuery(direction=Direction.OUTGOING, archived=False)) == 18


def test_each_filter_narrows_the_rows(registry: MainWindow) -> None:
    registry.show_folder(Folder.OUTGOING)
    panel = registry.filters
    panel.counterparty.setText(VASILEK.inn[:5])
    filtered(registry)
    assert column(registry, Columns.COUNTERPARTY) == {VASILEK.name} and len(rows(registry)) == 9
    panel.counterparty.setText("лютик")
    filtered(registry)
    assert column(registry, Columns.COUNTERPARTY) == {LYUTIK.name} and len(rows(registry)) == 9
    panel.counterparty.clear()
    panel.number.setText("упд-1")  # УПД-1x of the outgoing ones
    filtered(registry)
    assert rows(registry) and all(r.startswith("УПД-1") for r in rows(registry))
    panel.number.clear()
    panel.date_from.setDate(QDate(2026, 3, 1))
    panel.date_to.setDate(QDate(2026, 4, 30))
    filtered(registry)
    assert {r for r in rows(registry)} == {"УПД-10", "УПД-11", "УПД-14", "УПД-15", "УПД-18"}
    registry.clear_filters()
    panel.status.setCurrentIndex(panel.status.findData(DocumentStatus.SIGNED))
    filtered(registry)
    assert column(registry, Columns.STATUS) == {DocumentStatus.SIGNED.title} and len(rows(registry)) == 6
    panel.status.setCurrentIndex(0)
    panel.kind.setCurrentIndex(panel.kind.findData(DocumentKind.ACT_SELLER))
    filtered(registry)
    assert column(registry, Columns.KIND) == {DocumentKind.ACT_SELLER.title} and len(rows(registry)) == 6


def test_filters_combine_and_escape_clears_them(registry: MainWindow, qtbot: QtBot) -> None:
    registry.show_folder(Folder.OUTGOING)
    panel = registry.filters
    panel.counterparty.setText("василек")
    panel.status.setCurrentIndex(panel.status.findData(DocumentStatus.SENT))
    panel.kind.setCurrentIndex(panel.kind.findData(DocumentKind.ACT_SELLER))
    filtered(registry)
    # outgoing: n % 4 in (1, 2); Василёк: even n; SENT and act: n % 3 == 1 → n = 10, 22, 34
    assert rows(registry) == ["УПД-35", "УПД-23", "УПД-11"]  # newest first
    assert registry.count_label.text() == "Документов: 3"
    qtbot.keyClick(registry.table, Qt.Key.Key_Escape)
    assert panel.counterparty.text() == "" and panel.status.currentIndex() == 0
    assert len(rows(registry)) == 18


def test_keyboard_search_and_enter(registry: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[int] = []
    monkeypatch.setattr("ui.document_view.open_document",
                        lambda _w, _s, _e, document_id, *_: opened.append(document_id))
    qtbot.keyClick(registry.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is registry.search
    registry.search.setText("упд-5")  # QTest types ASCII only
    qtbot.keyClick(registry.search, Qt.Key.Key_Return)  # no need to wait for the pause
    assert rows(registry) == ["УПД-5"]
    registry.table.setFocus()
    first = registry.model.index(0, 0)
    registry.table.setCurrentIndex(first)
    qtbot.keyClick(registry.table, Qt.Key.Key_Return)
    registry.table.doubleClicked.emit(first)
    assert opened == [registry.model.row_at(0).id] * 2  # Enter does what a double click does


def test_the_folder_query_reaches_the_database_not_the_rows(registry: MainWindow) -> None:
    registry.show_folder(Folder.DRAFTS)
    query = registry.model.query
    assert (query.direction, query.archived) == (Direction.DRAFT, False)
    registry.show_folder(Folder.ARCHIVE)
    assert (registry.model.query.direction, registry.model.query.archived) == (None, True)

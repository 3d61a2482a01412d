"""The main window against real services in a temp data dir, with a synchronous executor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from edo_app.model.money import format_rub
from edo_app.services import DocumentQuery, Services, SortKey
from tests.ui.conftest import Shown
from tests.ui.helpers import write_broken_upd, write_upd
from ui.main_window import MainWindow
from ui.models.documents import Columns
from ui.ops import ThreadExecutor

CYRILLIC = re.compile("[А-Яа-яЁё]")


def texts(window: MainWindow, column: Columns) -> list[str]:
    model = window.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_opens_with_an_empty_table_and_russian_headers(window: MainWindow) -> None:
    model = window.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Вид", "Номер", "Дата", "Контрагент", "ИНН/КПП", "Сумма с НДС", "Статус"]
    assert model.rowCount() == 0
    assert window.count_label.text() == "Документов: 0"
    assert [a.text() for a in window.menuBar().actions()] == ["&Файл", "&Документ", "&Обмен", "&Справочники", "&Сервис"]
    assert [a.text() for a in window.menuBar().actions()[0].menu().actions() if a.text()] == [
        "&Открыть…", "&Импорт…", "В&ыход"]


def test_import_of_a_valid_upd_adds_a_row(
    window: MainWindow, services: Services, shown: Shown, qtbot: QtBot, tmp_path: Path
) -> None:
    doc, path = write_upd(tmp_path, seed=1)
    window.import_path(path)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)  # arrives through the event bridge
    assert shown.reports == [] and shown.boxes == []
    row = {c: window.model.data(window.model.index(0, c)) for c in Columns}
    assert row[Columns.KIND] == "УПД (титул продавца)"
    assert row[Columns.NUMBER] == doc.number
    assert row[Columns.DATE] == doc.doc_date.strftime("%d.%m.%Y")
    assert row[Columns.COUNTERPARTY] == doc.seller.name  # incoming: the other side is the seller
    assert row[Columns.INN] == f"{doc.seller.party.inn}/{doc.seller.party.kpp}"
    assert row[Columns.TOTAL] == format_rub(doc.totals.with_vat)
    assert row[Columns.STATUS] == "Получен"
    assert window.count_label.text() == "Документов: 1"
    assert services.library.count(DocumentQuery()) == 1


def test_import_through_the_menu(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, path = write_upd(tmp_path, seed=2)
    monkeypatch.setattr("ui.main_window.QFileDialog.getOpenFileName", lambda *a: (str(path), ""))
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)


def test_cancelled_file_dialog_does_nothing(
    window: MainWindow, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.main_window.QFileDialog.getOpenFileName", lambda *a: ("", ""))
    window.import_action.trigger()
    window.open_action.trigger()
    assert shown.reports == [] and shown.boxes == []


def test_import_of_an_invalid_file_shows_the_report_and_stores_nothing(
    window: MainWindow, services: Services, shown: Shown, qtbot: QtBot, tmp_path: Path
) -> None:
    _, path = write_broken_upd(tmp_path, seed=3)
    window.import_path(path)
    [dialog] = shown.reports
    assert not dialog.report.ok
    assert dialog.verdict_label.text().startswith("Документ не прошёл проверку")
    issues = dialog.table.model()
    assert issues.rowCount() >= 1
    assert issues.data(issues.index(0, 0)) == "Ошибка"
    assert CYRILLIC.search(issues.data(issues.index(0, 4)))
    qtbot.wait(20)  # a stray event would arrive now
    assert services.library.count(DocumentQuery()) == 0
    assert window.model.rowCount() == 0


def test_open_validates_without_storing(
    window: MainWindow, services: Services, shown: Shown, tmp_path: Path
) -> None:
    _, path = write_upd(tmp_path, seed=4)
    window.check_path(path)
    [dialog] = shown.reports
    assert dialog.report.ok
    assert dialog.verdict_label.text().startswith("Документ соответствует формату")
    assert services.library.count(DocumentQuery()) == 0


def test_opening_a_non_xml_file_shows_a_russian_error(window: MainWindow, shown: Shown, tmp_path: Path) -> None:
    path = tmp_path / "photo.xml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n not xml at all")
    window.check_path(path)
    assert shown.reports == []
    [box] = shown.boxes
    assert box.windowTitle() == "Неверные данные"
    assert CYRILLIC.search(box.text())
    assert "photo.xml" in box.text()


def test_search_box_filters_after_a_pause(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    first, first_path = write_upd(tmp_path, seed=5)
    second, second_path = write_upd(tmp_path, seed=6)
    window.import_path(first_path)
    window.import_path(second_path)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert first.seller.party.inn != second.seller.party.inn
    window.search.setText(first.seller.party.inn)
    assert window.model.rowCount() == 2  # debounced: nothing asked yet
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert texts(window, Columns.NUMBER) == [first.number]
    assert window.count_label.text() == "Документов: 1"
    window.search.setText(first.seller.name[-6:].upper())  # case-insensitive, Cyrillic too
    qtbot.waitUntil(lambda: window.model.query.text == first.seller.name[-6:].upper())
    assert first.number in texts(window, Columns.NUMBER)
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)


def test_header_click_sorts_in_the_database(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    for seed in (7, 8, 9):
        window.import_path(write_upd(tmp_path, seed=seed)[1])
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    window.table.sortByColumn(Columns.TOTAL, Qt.SortOrder.AscendingOrder)
    assert (window.model.query.sort, window.model.query.descending) == (SortKey.TOTAL, False)
    totals = [window.model.row_at(r).total for r in range(3)]
    assert totals == sorted(totals)
    window.table.sortByColumn(Columns.NUMBER, Qt.SortOrder.DescendingOrder)
    assert texts(window, Columns.NUMBER) == sorted(texts(window, Columns.NUMBER), reverse=True)


def test_import_on_the_worker_thread(services: Services, shown: Shown, qtbot: QtBot, tmp_path: Path) -> None:
    """The real executor: the service runs off the GUI thread, the row still arrives."""
    executor = ThreadExecutor()
    window = MainWindow(services, executor)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not executor.busy)  # the first page query
    doc, path = write_upd(tmp_path, seed=10)
    window.import_path(path)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert texts(window, Columns.NUMBER) == [doc.number]
    window.search.setText("нет такого")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0 and not executor.busy)
    assert window.count_label.text() == "Документов: 0"
    assert shown.boxes == [] and shown.reports == []
    window.close()
    assert executor.wait(5000)

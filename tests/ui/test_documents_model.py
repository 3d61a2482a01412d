"""The registry model against a fake library: pages, query reset, sort, roles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, cast

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.summary import PartyRef
from edo_app.services import Changes, DocumentQuery, DocumentRow, LibraryService, SortKey
from ui.models import documents as documents_module
from ui.models.documents import HEADERS, ROW_ROLE, Columns, DocumentsModel, count_text
from ui.ops import SyncExecutor

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def make_row(n: int) -> DocumentRow:
    return DocumentRow(
        id=n,
        file_id=f"file-{n}",
        kind=DocumentKind.UPD_SELLER,
        direction=Direction.INCOMING,
        status=DocumentStatus.RECEIVED,
        number=f"УПД-{n}",
        doc_date=date(2026, 10, 1 + n % 28),
        counterparty=PartyRef("ООО «Ромашка»", "7707083893", "770701001"),
        total=Decimal("1234567.80") + n,
        vat=Decimal("205761.30"),
        currency="643",
        valid=True,
        size=1000,
        created_at=NOW,
        updated_at=NOW,
    )


@dataclass
class FakeLibrary:
    rows: list[DocumentRow]
    calls: list[tuple[str, Any]] = field(default_factory=list)

    def _match(self, query: DocumentQuery) -> list[DocumentRow]:
        return [r for r in self.rows if query.text.casefold() in r.number.casefold()]

    def count(self, query: DocumentQuery, cap: int | None = None) -> int:
        self.calls.append(("count", query))
        found = len(self._match(query))
        return found if cap is None else min(found, cap + 1)

    def list_documents(self, query: DocumentQuery, offset: int = 0, limit: int = 200) -> list[DocumentRow]:
        self.calls.append(("list", (query, offset, limit)))
        return self._match(query)[offset : offset + limit]


class QueuedExecutor:
    """Runs nothing until told: shows what the window has between the page and the count."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Any, Any, Any]] = []

    def submit(self, call: Any, on_done: Any, on_error: Any) -> None:
        self.jobs.append((call, on_done, on_error))

    def run_next(self) -> None:
        call, on_done, _ = self.jobs.pop(0)
        on_done(call())


def make_model(rows: int, page: int = 50) -> tuple[DocumentsModel, FakeLibrary]:
    library = FakeLibrary([make_row(n) for n in range(rows)])
    model = DocumentsModel(cast(LibraryService, library), SyncExecutor(), page_size=page)
    model.set_query(DocumentQuery())
    return model, library


def test_headers_are_russian_and_in_column_order(qapp: object) -> None:
    model, _ = make_model(0)
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert names == ["Вид", "Номер", "Дата", "Контрагент", "ИНН/КПП", "Сумма с НДС", "Статус"]
    assert names == [HEADERS[c] for c in Columns]


def test_loads_one_page_and_fetches_more_on_demand(qapp: object) -> None:
    model, library = make_model(1000, page=50)
    assert (model.rowCount(), model.total) == (50, 1000)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 100
    assert library.calls[-1] == ("list", (DocumentQuery(), 50, 50))
    assert all(limit == 50 for kind, args in library.calls if kind == "list" for limit in [args[2]])


def test_stops_fetching_at_the_end(qapp: object) -> None:
    model, _ = make_model(120, page=50)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 120
    assert [model.row_at(i).id for i in range(120)] == list(range(120))


def test_cells_and_roles(qapp: object) -> None:
    model, _ = make_model(3)
    row = model.row_at(1)

    def cell(column: Columns, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return model.data(model.index(1, column), role)

    assert cell(Columns.KIND) == "УПД (титул продавца)"
    assert cell(Columns.NUMBER) == "УПД-1"
    assert cell(Columns.DATE) == "02.10.2026"
    assert cell(Columns.COUNTERPARTY) == "ООО «Ромашка»"
    assert cell(Columns.INN) == "7707083893/770701001"
    assert cell(Columns.TOTAL) == "1\u00a0234\u00a0568,80"
    assert cell(Columns.STATUS) == "Получен"
    assert cell(Columns.TOTAL, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert "КПП 770701001" in cell(Columns.COUNTERPARTY, Qt.ItemDataRole.ToolTipRole)
    assert cell(Columns.NUMBER, ROW_ROLE) is row


def test_set_query_resets_and_filters(qapp: object, qtbot: QtBot) -> None:
    model, _ = make_model(30, page=50)
    with qtbot.waitSignal(model.modelReset), qtbot.waitSignal(model.count_changed) as counted:
        model.set_query(DocumentQuery(text="упд-2"))
    assert counted.args == [11]  # 2, 20..29
    assert model.rowCount() == 11


def test_sort_goes_into_the_query(qapp: object) -> None:
    model, library = make_model(10)
    model.sort(Columns.TOTAL, Qt.SortOrder.AscendingOrder)
    assert (model.query.sort, model.query.descending) == (SortKey.TOTAL, False)
    model.sort(Columns.COUNTERPARTY, Qt.SortOrder.DescendingOrder)
    assert (model.query.sort, model.query.descending) == (SortKey.COUNTERPARTY, True)
    assert library.calls[-1][0] == "list"
    assert library.calls[-1][1][0].sort is SortKey.COUNTERPARTY


def test_refresh_keeps_loaded_rows_and_sees_new_ones(qapp: object) -> None:
    model, library = make_model(120, page=50)
    model.fetchMore(QModelIndex())
    library.rows.insert(0, make_row(999))
    model.refresh(Changes(documents_added=(999,)))
    assert (model.rowCount(), model.total) == (100, 121)
    assert model.row_at(0).id == 999


def test_stale_answers_are_dropped(qapp: object) -> None:
    """A page that arrives after the query changed must not land in the new selection."""
    executor = QueuedExecutor()
    library = FakeLibrary([make_row(n) for n in range(10)])
    model = DocumentsModel(cast(LibraryService, library), executor, page_size=5)
    model.set_query(DocumentQuery(text="x"))
    model.set_query(DocumentQuery())
    while executor.jobs:  # the first (outdated) answer is delivered first
        executor.run_next()
    assert model.query == DocumentQuery()
    assert [model.row_at(i).id for i in range(model.rowCount())] == [0, 1, 2, 3, 4]


def test_load_failure_is_signalled(qapp: object, qtbot: QtBot) -> None:
    class Broken(FakeLibrary):
        def list_documents(self, query: DocumentQuery, offset: int = 0, limit: int = 200) -> list[DocumentRow]:
            raise RuntimeError("нет связи")

    model = DocumentsModel(cast(LibraryService, Broken([])), SyncExecutor())
    with qtbot.waitSignal(model.failed) as failed:
        model.set_query(DocumentQuery())
    assert str(failed.args[0]) == "нет связи"
    assert not model.canFetchMore(QModelIndex())


def test_a_capped_count_pages_on_until_a_short_page(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents_module, "COUNT_CAP", 15)
    model, library = make_model(32, page=10)
    model.set_query(DocumentQuery())
    assert model.capped and model.total == 16 and model.rowCount() == 10
    library.calls.clear()
    with qtbot.waitSignal(model.count_changed) as told:
        while model.canFetchMore():
            model.fetchMore()
    assert told.args == [32]
    assert model.rowCount() == 32 and model.total == 32 and not model.capped
    assert [c[1][1] for c in library.calls if c[0] == "list"] == [10, 20, 30]  # one page at a time


def test_capped_counts_read_more_than(qapp: object) -> None:
    assert count_text(10_000) == "10000"
    assert count_text(10_001) == "более 10\u00a0000"


def test_a_short_first_page_is_its_own_count(qapp: object) -> None:
    model, library = make_model(7, page=10)
    library.calls.clear()
    model.set_query(DocumentQuery(text="упд"))
    assert model.total == 7 and model.rowCount() == 7 and not model.canFetchMore()
    assert [c[0] for c in library.calls] == ["list"]  # no second scan for the count


def test_the_first_page_shows_before_the_count(qtbot: QtBot) -> None:
    executor = QueuedExecutor()
    library = FakeLibrary([make_row(n) for n in range(250)])
    model = DocumentsModel(cast(LibraryService, library), executor, page_size=100)
    counts: list[int] = []
    model.count_changed.connect(counts.append)
    model.refresh()
    executor.run_next()  # the first page
    assert model.rowCount() == 100 and model.counting and model.capped and counts == [100]  # "более 100"
    executor.run_next()  # then the count
    assert not model.counting and not model.capped and counts == [100, 250]
    assert [kind for kind, _ in library.calls] == ["list", "count"]

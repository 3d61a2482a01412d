"""The document registry as a lazily fetched table model (Electrum-style Columns enum).

Rows come from ``LibraryService.list_documents`` one page at a time as the view scrolls
(canFetchMore/fetchMore), never all at once: the registry may hold a million documents.
Sorting and filtering happen in the database through the DocumentQuery; sorting a partial
page on the client would show a wrong order.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from edo_app.model.etrn_stage import stage_title
from edo_app.model.money import format_rub
from edo_app.services import Changes, DocumentQuery, DocumentRow, LibraryService, SortKey
from ui.models.base import ColumnsModel, Index
from ui.ops import Executor

PAGE_SIZE = 200
COUNT_CAP = 10_000  # counts stop here: a full count on a million rows reads a whole index
RELOAD_LIMIT = 1000  # the most rows one query may return (the storage's page limit)
ROW_ROLE = Qt.ItemDataRole.UserRole  # the DocumentRow itself


class Columns(enum.IntEnum):
    KIND = 0
    NUMBER = 1
    DATE = 2
    COUNTERPARTY = 3
    INN = 4
    TOTAL = 5
    STATUS = 6


HEADERS = {
    Columns.KIND: "Вид",
    Columns.NUMBER: "Номер",
    Columns.DATE: "Дата",
    Columns.COUNTERPARTY: "Контрагент",
    Columns.INN: "ИНН/КПП",
    Columns.TOTAL: "Сумма с НДС",
    Columns.STATUS: "Статус",
}
SORT_KEYS = {
    Columns.KIND: SortKey.KIND,
    Columns.NUMBER: SortKey.NUMBER,
    Columns.DATE: SortKey.DATE,
    Columns.COUNTERPARTY: SortKey.COUNTERPARTY,
    Columns.INN: SortKey.COUNTERPARTY,  # no own index; the counterparty order is the useful one
    Columns.TOTAL: SortKey.TOTAL,
    Columns.STATUS: SortKey.STATUS,
}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _date(row: DocumentRow) -> str:
    return row.doc_date.strftime("%d.%m.%Y") if row.doc_date else ""


def _inn_kpp(row: DocumentRow) -> str:
    if row.counterparty is None:
        return ""
    party = row.counterparty
    return f"{party.inn}/{party.kpp}" if party.kpp else party.inn


def count_text(count: int, capped: bool | None = None) -> str:
    """A count as the registry shows it: a capped one (by default: above COUNT_CAP) only as
    "более 10 000"."""
    if count > COUNT_CAP if capped is None else capped:
        return f"более {COUNT_CAP:,}".replace(",", "\u00a0")
    return str(count)


def _total(row: DocumentRow) -> str:
    return format_rub(row.total) if row.total is not None else ""


def _status(row: DocumentRow) -> str:
    """The status, and for an ЭТрН title where its carriage stands (the chain's furthest title)."""
    stage = stage_title(row.stage)
    return f"{row.status.title} · {stage}" if stage else row.status.title


_CELLS: dict[Columns, Callable[[DocumentRow], str]] = {
    Columns.KIND: lambda row: row.kind.title,
    Columns.NUMBER: lambda row: row.number,
    Columns.DATE: _date,
    Columns.COUNTERPARTY: lambda row: row.counterparty.name if row.counterparty else "",
    Columns.INN: _inn_kpp,
    Columns.TOTAL: _total,
    Columns.STATUS: _status,
}


def cell_text(row: DocumentRow, column: Columns) -> str:
    return _CELLS[column](row)


def cell_tooltip(row: DocumentRow) -> str:
    lines = [f"{row.kind.title} № {row.number}", f"Файл: {row.file_id}"]
    if row.counterparty:
        kpp = f", КПП {row.counterparty.kpp}" if row.counterparty.kpp else ""
        lines.append(f"{row.counterparty.name} (ИНН {row.counterparty.inn}{kpp})")
    if row.vat is not None:
        lines.append(f"В том числе НДС: {format_rub(row.vat)}")
    if stage_title(row.stage):
        lines.append(f"Этап перевозки: {stage_title(row.stage)}")
    return "\n".join(lines)


class DocumentsModel(ColumnsModel[DocumentRow]):
    """Rows of the registry for one DocumentQuery; ``count_changed`` tells the status bar.

    The count is capped at COUNT_CAP (``capped``): past it, paging goes on until a page comes
    back short, and then the exact count is known and told.
    """

    count_changed = Signal(int)
    failed = Signal(object)  # an exception while loading; the window shows it

    def __init__(
        self, library: LibraryService, executor: Executor, page_size: int = PAGE_SIZE, parent: QObject | None = None,
        query: DocumentQuery | None = None,
    ) -> None:
        super().__init__(Columns, HEADERS, parent)
        self._library = library
        self._executor = executor
        self._page_size = page_size
        self._query = query or DocumentQuery()
        self._total = 0
        self._exhausted = False  # a page came back short: nothing more in the database
        self._capped = False
        self._counting = False
        self._loading = False
        self._generation = 0  # answers to an outdated query are dropped

    # --- what the views ask -------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_of(index)
        if row is None:
            return None
        column = Columns(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(row)
        if role == ROW_ROLE:
            return row
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._loading or self._exhausted:
            return False
        return self.capped or len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        query, offset, generation, limit = self._query, len(self._rows), self._generation, self._page_size
        self._loading = True
        self._executor.submit(
            lambda: self._library.list_documents(query, offset, limit),
            lambda rows: self._append(generation, rows, limit),
            lambda exc: self._failed(generation, exc),
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, sort=SORT_KEYS[Columns(column)], descending=descending))

    # --- what the window does -------------------------------------------------------------
    @property
    def query(self) -> DocumentQuery:
        return self._query

    @property
    def total(self) -> int:
        """Documents matching the query in the database (loaded or not)."""
        return self._total

    @property
    def loading(self) -> bool:
        """A page or the first load of a query is on its way."""
        return self._loading

    @property
    def counting(self) -> bool:
        """The count of a query whose first page was full is on its way."""
        return self._counting

    @property
    def capped(self) -> bool:
        """The count stopped at COUNT_CAP: ``total`` is a lower bound."""
        return self._capped

    def row_at(self, row: int) -> DocumentRow:
        return self._rows[row]

    def set_query(self, query: DocumentQuery) -> None:
        """Show another selection: drop what is loaded and fetch its first page."""
        self._query = query
        self._reload(self._page_size)

    def refresh(self, changes: Changes | None = None) -> None:
        """Reload after documents were added or changed, keeping as many rows as were loaded."""
        self._reload(min(max(len(self._rows), self._page_size), RELOAD_LIMIT))

    # --- loading ----------------------------------------------------------------------------
    def _reload(self, limit: int) -> None:
        self._generation += 1
        generation, query = self._generation, self._query
        self.beginResetModel()
        self._rows, self._total, self._loading, self._exhausted, self._counting = [], 0, True, False, False
        self.endResetModel()
        self._executor.submit(
            lambda: self._library.list_documents(query, 0, limit),
            lambda rows: self._loaded(generation, query, rows, limit),
            lambda exc: self._failed(generation, exc),
        )

    def _loaded(self, generation: int, query: DocumentQuery, rows: list[DocumentRow], limit: int) -> None:
        """The first rows are shown at once; a full page is a lower bound ("более N") until the
        count, asked next on the executor, comes. A short page is the whole answer: no count
        query then, which saves a second scan when a rare filter reads a whole index."""
        if generation != self._generation:
            return
        full = len(rows) >= limit
        self._total, self._capped, self._counting = len(rows), full, full
        self.count_changed.emit(self._total)
        self._append(generation, rows, limit)
        if full:
            self._executor.submit(
                lambda: self._library.count(query, COUNT_CAP),
                lambda total: self._counted(generation, total),
                lambda exc: self._failed(generation, exc),
            )

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self._counting = False
        if self._exhausted:  # paging reached the end first: the exact count is already known
            return
        self._total, self._capped = max(total, len(self._rows)), total > COUNT_CAP
        self.count_changed.emit(self._total)

    def _append(self, generation: int, rows: list[DocumentRow], limit: int) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        if len(rows) < limit:  # the database has no more than we hold: stop asking
            self._exhausted = True
            if self._capped or self._total != len(self._rows):  # the end of a capped count, or rows gone
                self._total, self._capped = len(self._rows), False
                self.count_changed.emit(self._total)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            self.failed.emit(exc)


def _alignment(column: Columns) -> Qt.AlignmentFlag:
    if column is Columns.TOTAL:
        return _RIGHT
    return _CENTER if column is Columns.DATE else _LEFT

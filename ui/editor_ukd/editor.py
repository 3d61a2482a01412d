"""The УКД editor: the lines of the chosen УПД with their values before (read-only) and after
(editable), increase / decrease per line and in total as the user types, the УКД's number, date,
function and basis. Like the УПД editor, the whole document is checked on the executor after a
pause in typing (only the latest answer is shown) and every issue is shown beside its cell or
field; «Сформировать» stores the УКД as outgoing only when it passes every check. The signer starts
as the original's and may be changed; «Сохранить черновик» keeps the form as it is (drafts of the
УПД editor's kind, services.ukd_editor), and a reopened draft shows it again.
"""

from __future__ import annotations

import re
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from edo_app.documents.ukd_model import UKD_RATES, ChangeTotals
from edo_app.model.money import format_rub
from edo_app.services import EditorCheck
from edo_app.services.ukd_editor import Originals, UkdEditorService
from edo_app.services.ukd_request import UkdRequest, request_json, request_of
from edo_app.services.upd_editor import Draft
from ui.editor.checked_dialog import CheckedEditor
from ui.editor.delegates import LiveTextDelegate, rate_delegate
from ui.editor.issue_targets import Field
from ui.editor_hr.fields import day_of
from ui.editor_ukd.header import UkdHeader
from ui.editor_ukd.lines_model import FIELD_COLUMNS, HEADERS, UkdColumn, UkdLinesModel
from ui.ops import Executor

_ROW_PATH = re.compile(r"^lines\[(\d+)\](?:\.(\w+))?")
_XML_LINE = re.compile(r"СведТов\[(\d+)\]")
Cell = tuple[int, int]
WHERE_ROLE = Qt.ItemDataRole.UserRole  # an issue's (cell or None, path)


class UkdEditor(CheckedEditor):
    formed_text = "УКД сформирован"
    not_formed_text = "УКД не сформирован: исправьте ошибки"

    def __init__(self, service: UkdEditorService, executor: Executor, originals: Originals,
                 parent: QWidget | None = None, draft: Draft | None = None) -> None:
        super().__init__(executor, parent)
        self._service = service
        self._originals = originals
        # one УКД: the same file name at every check, in its draft and at forming
        self._guid = draft.guid if draft else str(uuid.uuid4())
        self.setWindowTitle(f"УКД к УПД {originals.title}" + (" — черновик" if draft else ""))
        self.resize(1300, 680)
        self.header = UkdHeader(self)
        self.lines = UkdLinesModel(self)
        self.lines.set_lines(originals.lines)
        self.table = self._make_table()
        self.totals = QLabel()
        self.issues = QListWidget(self)
        self.issues.setMaximumHeight(130)
        self._lay_out()
        self.header.changed.connect(self._timer.start)
        self.lines.edited.connect(self._edited)
        self.issues.itemClicked.connect(self._go_to)
        self._start(draft)

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.lines)
        live = LiveTextDelegate(table)
        table.setItemDelegateForColumn(UkdColumn.QUANTITY_AFTER, live)
        table.setItemDelegateForColumn(UkdColumn.PRICE_AFTER, live)
        table.setItemDelegateForColumn(UkdColumn.RATE_AFTER, rate_delegate(table, UKD_RATES))
        table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UkdColumn.NAME, QHeaderView.ResizeMode.Stretch)
        return table

    def _start(self, draft: Draft | None) -> None:
        position = self.header.signer.edits[Field.SIGNER_POSITION]
        position.setEnabled(self._originals.signer_has_position)
        position.setPlaceholderText("" if position.isEnabled() else "у предпринимателя не указывается")
        if draft is None:
            self.header.show_signer(self._originals.signer)
            self._show_totals()
            return
        request = request_of(draft.data)  # read once by the service already (draft_originals)
        self.header.load(request)
        self.lines.set_after_inputs(request.rows)
        self._show_totals()
        self.validate_now()

    def _lay_out(self) -> None:
        self.save_button = QPushButton("Сохранить черновик")
        self.save_button.clicked.connect(self.save_draft)
        self.form_button = QPushButton("Сформировать")
        self.form_button.setDefault(True)
        self.form_button.clicked.connect(self.form_document)
        close = QPushButton("Закрыть")
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Корректируемые документы: {self._originals.title}"))
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        self._add_issues(layout, self.issues)
        layout.addLayout(self._actions(self.save_button, self.form_button, close))

    # --- the form -----------------------------------------------------------------------------
    def _backend(self) -> UkdEditorService:
        return self._service

    def _drafts(self) -> UkdEditorService:
        return self._service

    def _request(self) -> dict[str, object]:
        """The request's JSON form: what the service checks, forms and keeps as a draft."""
        return request_json(self.request(), self._originals.buyer_name)

    def request(self) -> UkdRequest:
        header = self.header
        basis = header.needs_basis
        return UkdRequest(
            self._originals.document_ids, self.lines.after_inputs(), header.number.text().strip(),
            day_of(header.date), self._guid, header.function_value,
            header.basis_name.text().strip() if basis else "", header.basis_number.text().strip() if basis else "",
            day_of(header.basis_date) if basis else None, header.signer_value)

    def _edited(self) -> None:
        self._show_totals()
        self._timer.start()

    def _show_totals(self) -> None:
        up, down = self.lines.totals()
        self.totals.setText(f"Всего увеличение: {_totals_text(up)}.   Всего уменьшение: {_totals_text(down)}.")

    # --- checking -----------------------------------------------------------------------------
    def show_check(self, check: EditorCheck) -> None:
        self.header.clear_marks()
        self.issues.clear()
        cells: dict[Cell, str] = {}
        placed = [(path, message) for path, message in check.problems]
        if check.report is not None:
            placed += [(issue.xpath, issue.describe()) for issue in check.report.issues]
        for path, message in placed:
            cell = self._cell_of(path)
            if cell is not None:
                cells[cell] = f"{cells[cell]}\n{message}" if cell in cells else message
                where = f"Строка {cell[0] + 1}, «{HEADERS[UkdColumn(cell[1])]}»"
            else:
                self.header.mark(path, message)
                where = path
            item = QListWidgetItem(f"{where}: {message}" if where else message)
            item.setData(WHERE_ROLE, (cell, path))
            item.setToolTip(path)
            self.issues.addItem(item)
        self.lines.set_issues(cells)
        self.status.setText("Документ готов к формированию" if check.ok else f"Ошибок: {len(placed)}")

    def _cell_of(self, path: str) -> Cell | None:
        """``lines[3].price`` → (3, «Цена после»); an XPath of the built line → its row."""
        found = _ROW_PATH.match(path)
        if found is not None:
            column = FIELD_COLUMNS.get(found[2] or "", UkdColumn.NAME)
            return int(found[1]), int(column)
        in_xml = _XML_LINE.search(path)
        changed = self.lines.changed_rows()
        if in_xml is not None and 0 < int(in_xml[1]) <= len(changed):
            return changed[int(in_xml[1]) - 1], int(UkdColumn.NAME)
        return None

    def _go_to(self, item: QListWidgetItem) -> None:
        cell, path = item.data(WHERE_ROLE)
        if cell is not None:
            index = self.lines.index(*cell)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self.table.setFocus()
        elif path in self.header.fields:
            self.header.fields[path].setFocus()

    # --- forming ------------------------------------------------------------------------------
    def form_document(self) -> None:
        self._generation += 1  # a check still running must not overwrite the answer of forming
        super().form_document()


def _totals_text(totals: ChangeTotals) -> str:
    vat = "без НДС" if totals.vat is None else format_rub(totals.vat)
    return f"без НДС {format_rub(totals.without_vat)}, НДС {vat}, с НДС {format_rub(totals.with_vat)}"

"""The УПД editor (seller title 5.03): header, goods table with live amounts, issues beside fields.

The form is checked by the same service as ``edo build upd`` (build + full validation) on the
executor, after a pause in typing; only the latest answer is shown (ui.editor.checked_dialog). «Сохранить черновик»
keeps the form as it is, even incomplete (see services.upd_editor); «Сформировать» stores the
document as outgoing only when it passes every check, otherwise it shows why and stores nothing.

Another kind's editor (ui.editor_primary: акт, ТОРГ-12) subclasses this one and overrides the
hooks: its service, header, first line, VAT rates and the form ↔ JSON input conversion.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from edo_app.model.vat import VatRate
from edo_app.services import Counterparty, EditorCheck, Services
from edo_app.services.upd_editor import Draft, UpdEditorService
from ui.editor.checked_dialog import CheckedEditor
from ui.editor.delegates import apply_delegates
from ui.editor.form_data import EditorForm, LineInput, from_input, to_input
from ui.editor.header import HeaderForm
from ui.editor.issue_targets import Field, LineColumn, Target
from ui.editor.issues_panel import IssuesPanel, Placed, placed_issues
from ui.editor.lines_model import LinesModel
from ui.ops import Executor

NAME_WIDTH = 280


class UpdEditor(CheckedEditor):
    title = "УПД"
    rates: tuple[VatRate, ...] = tuple(VatRate)  # the VAT rates the format allows

    def __init__(self, services: Services, executor: Executor, draft: Draft | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(executor, parent)
        self._services = services
        self._guid = draft.guid if draft else str(uuid.uuid4())
        self.setWindowTitle(f"{self.title} — черновик" if draft else f"{self.title} — новый документ")
        self.resize(1200, 720)
        self.header = self._make_header()
        self.lines = LinesModel(self, self._new_line)
        self.table = self._make_table()
        self.issues = IssuesPanel(self)
        self._lay_out()
        self._load_parties()
        self._start(draft)
        self.header.changed.connect(self._timer.start)
        self.lines.edited.connect(self._timer.start)
        self.header.buyer_search.connect(self._search_buyers)
        self.issues.chosen.connect(self.focus_target)

    # --- the kind's hooks ----------------------------------------------------------------------
    def _service(self) -> UpdEditorService:
        return self._services.upd_editor

    def _backend(self) -> UpdEditorService:
        return self._service()

    def _drafts(self) -> UpdEditorService:
        return self._service()

    def _request(self) -> dict[str, object]:
        return self.input_data()

    def _make_header(self) -> HeaderForm:
        return HeaderForm(self)

    def _new_line(self) -> LineInput:
        return LineInput()

    def _form_of(self, data: dict[str, Any]) -> EditorForm:
        return from_input(data)

    def input_data(self) -> dict[str, object]:
        """The JSON input of ``edo build upd`` for what the form holds now."""
        return to_input(self.form_values())

    # --- building -----------------------------------------------------------------------------
    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.lines)
        apply_delegates(table, self.rates)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LineColumn.NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        return table

    def _lay_out(self) -> None:
        self.add_button = QPushButton("Добавить строку")
        self.remove_button = QPushButton("Удалить строку")
        self.save_button = QPushButton("Сохранить черновик")
        self.form_button = QPushButton("Сформировать")
        self.form_button.setDefault(True)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_line)
        self.save_button.clicked.connect(self.save_draft)
        self.form_button.clicked.connect(self.form_document)
        rows = QHBoxLayout()
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(rows)
        layout.addWidget(self.table, 1)
        self._add_issues(layout, self.issues)
        layout.addLayout(self._actions(self.save_button, self.form_button))

    def _load_parties(self) -> None:
        directory = self._services.counterparties
        self._executor.submit(lambda: directory.own_organisations() or directory.search(), self._got_sellers,
                              self._failed)
        self._search_buyers("")

    def _got_sellers(self, entries: list[Counterparty]) -> None:
        if self._closed:
            return
        self.header.set_sellers(entries)
        if not any(entry.own for entry in entries):
            self.header.seller.setToolTip("Своя организация не отмечена в справочнике: показаны все контрагенты")

    def _search_buyers(self, text: str) -> None:
        directory = self._services.counterparties
        self._executor.submit(lambda: directory.search(text, own=False), self._got_buyers, self._failed)

    def _got_buyers(self, entries: list[Counterparty]) -> None:
        if not self._closed:
            self.header.set_buyers(entries)

    def _start(self, draft: Draft | None) -> None:
        if draft is None:
            self.lines.set_lines([self._new_line()])
            return
        form = self._form_of(draft.data)
        self.header.load(form)
        self.lines.set_lines(form.lines or [self._new_line()])
        self.validate_now()

    # --- the form -----------------------------------------------------------------------------
    def form_values(self) -> EditorForm:
        form = EditorForm(guid=self._guid)
        self.header.fill(form)
        form.lines = self.lines.lines()
        return form

    def add_line(self) -> None:
        row = self.lines.add_line()
        self.table.setCurrentIndex(self.lines.index(row, LineColumn.NAME))

    def remove_line(self) -> None:
        self.lines.remove_line(self.table.currentIndex().row())

    # --- checking -----------------------------------------------------------------------------
    def show_check(self, check: EditorCheck) -> None:
        placed = placed_issues(check)
        self._mark(placed)
        self.issues.show_issues(placed)
        self.status.setText("Документ готов к формированию" if check.ok else f"Ошибок: {len(placed)}")

    def _mark(self, placed: list[Placed]) -> None:
        self.header.clear_marks()
        cells: dict[tuple[int, int], str] = {}
        for issue in placed:
            target = issue.target
            if target is None:
                continue
            if target.is_cell and target.row is not None:
                key = (target.row, int(target.column))
                cells[key] = f"{cells[key]}\n{issue.text}" if key in cells else issue.text
            else:
                self.header.mark(target.field, issue.text)
        self.lines.set_issues(cells)

    def focus_target(self, target: Target) -> None:
        """Bring the field or cell of an issue under the cursor."""
        if target.is_cell and target.row is not None:
            index = self.lines.index(target.row, int(target.column))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self.table.setFocus()
            return
        widget = self.header.widget(target.field) if target.field is not Field.LINES else self.table
        if widget is not None:
            widget.setFocus()

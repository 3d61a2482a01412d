"""The УПД editor (seller title 5.03): header, goods table with live amounts, issues beside fields.

The form is checked by the same service as ``edo build upd`` (build + full validation) on the
executor, after a pause in typing; only the latest answer is shown. «Сохранить черновик»
keeps the form as it is, even incomplete (see services.upd_editor); «Сформировать» stores the
document as outgoing only when it passes every check, otherwise it shows why and stores nothing.

Another kind's editor (ui.editor_primary: акт, ТОРГ-12) subclasses this one and overrides the
hooks: its service, header, first line, VAT rates and the form ↔ JSON input conversion.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from edo_app.model.vat import VatRate
from edo_app.services import Counterparty, EditorCheck, FormResult, Services
from edo_app.services.upd_editor import Draft, UpdEditorService
from ui.editor.delegates import apply_delegates
from ui.editor.form_data import EditorForm, LineInput, from_input, to_input
from ui.editor.header import HeaderForm
from ui.editor.issue_targets import Field, LineColumn, Target
from ui.editor.issues_panel import IssuesPanel, Placed, placed_issues
from ui.editor.lines_model import LinesModel
from ui.errors import show_error
from ui.ops import Executor

CHECK_DELAY_MS = 500  # check after a pause in typing, not on every key
NAME_WIDTH = 280


class UpdEditor(QDialog):
    formed = Signal(int)  # the id of the stored outgoing document
    draft_saved = Signal(str)  # the draft's GUID
    title = "УПД"
    rates: tuple[VatRate, ...] = tuple(VatRate)  # the VAT rates the format allows

    def __init__(self, services: Services, executor: Executor, draft: Draft | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._executor = executor
        self._guid = draft.guid if draft else str(uuid.uuid4())
        self._generation = 0  # answers of older checks are dropped
        self._closed = False  # answers arriving after the window closed are dropped too
        self.setWindowTitle(f"{self.title} — черновик" if draft else f"{self.title} — новый документ")
        self.resize(1200, 720)
        self.header = self._make_header()
        self.lines = LinesModel(self, self._new_line)
        self.table = self._make_table()
        self.issues = IssuesPanel(self)
        self.status = QLabel()
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)
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
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.form_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(rows)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Ошибки и предупреждения (щелчок — перейти к полю):"))
        layout.addWidget(self.issues)
        layout.addLayout(actions)

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
    def validate_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, data = self._generation, self.input_data()
        editor = self._service()
        self._executor.submit(lambda: editor.check(data), lambda check: self._checked(generation, check),
                              self._failed)

    def _checked(self, generation: int, check: EditorCheck) -> None:
        if generation == self._generation and not self._closed:
            self.show_check(check)

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

    # --- saving -------------------------------------------------------------------------------
    def save_draft(self) -> None:
        data = self.input_data()
        editor = self._service()
        self._executor.submit(lambda: editor.save_draft(data), self._draft_saved, self._failed)

    def _draft_saved(self, guid: str) -> None:
        if not self._closed:
            self.status.setText("Черновик сохранён")
            self.draft_saved.emit(guid)

    def form_document(self) -> None:
        self._timer.stop()
        data = self.input_data()
        editor = self._service()
        self._executor.submit(lambda: editor.form(data), self._formed, self._failed)

    def _formed(self, result: FormResult) -> None:
        if self._closed:
            return  # stored or not, the registry shows it; the window is gone
        if result.document_id is None:
            self.show_check(result.check)
            self.status.setText("Документ не сформирован: исправьте ошибки")
            return
        self.status.setText(f"Документ сформирован: {result.check.file_name}")
        self.formed.emit(result.document_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        show_error(None if self._closed else self, exc)

    def done(self, result: int) -> None:
        self._closed = True
        self._timer.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True  # a hidden dialog closes without done()
        self._timer.stop()
        super().closeEvent(event)

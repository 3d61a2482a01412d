"""The registry filters: counterparty or ИНН, number, date range, status, kind.

Edits are debounced: ``changed`` fires after a pause in typing, and the window queries the
database once. Every filter is applied in the database (DocumentQuery), never on loaded rows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from edo_app.model.kinds import DocumentKind, DocumentStatus
from edo_app.services import DocumentQuery

FILTER_DELAY_MS = 300  # wait for a pause in typing before querying the database
UNSET_DATE = QDate(2000, 1, 1)  # the minimum of the date boxes, shown as "не задано"
UNSET_TEXT = "не задано"


def _date_box(tooltip: str) -> QDateEdit:
    box = QDateEdit()
    box.setCalendarPopup(True)
    box.setDisplayFormat("dd.MM.yyyy")
    box.setMinimumDate(UNSET_DATE)
    box.setSpecialValueText(UNSET_TEXT)
    box.setDate(UNSET_DATE)
    box.setToolTip(tooltip)
    return box


def _combo(anything: str, members: list[DocumentKind] | list[DocumentStatus]) -> QComboBox:
    box = QComboBox()
    box.addItem(anything, None)
    for member in members:
        box.addItem(member.title, member)
    return box


def _line(placeholder: str) -> QLineEdit:
    line = QLineEdit()
    line.setPlaceholderText(placeholder)
    line.setClearButtonEnabled(True)
    return line


class FiltersPanel(QWidget):
    changed = Signal()  # after a pause in editing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counterparty = _line("Контрагент или ИНН")
        self.number = _line("Номер (начало)")
        self.date_from = _date_box("Дата документа: с")
        self.date_to = _date_box("Дата документа: по")
        self.status = _combo("Любой статус", list(DocumentStatus))
        self.kind = _combo("Любой вид", list(DocumentKind))
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self._layout()
        self._connect()

    def _layout(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counterparty, 3)
        layout.addWidget(self.number, 2)
        layout.addWidget(QLabel("с"))
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("по"))
        layout.addWidget(self.date_to)
        layout.addWidget(self.status, 2)
        layout.addWidget(self.kind, 2)

    def _connect(self) -> None:
        for line in (self.counterparty, self.number):
            line.textChanged.connect(self._timer.start)
        for box in (self.date_from, self.date_to):
            box.dateChanged.connect(self._timer.start)
        for combo in (self.status, self.kind):
            combo.currentIndexChanged.connect(self._timer.start)

    def apply_to(self, query: DocumentQuery) -> DocumentQuery:
        """``query`` with this panel's filters (its folder, text and sort are kept)."""
        return replace(
            query,
            counterparty=self.counterparty.text().strip(),
            number=self.number.text().strip(),
            date_from=_date_of(self.date_from),
            date_to=_date_of(self.date_to),
            status=self.status.currentData(),
            kind=self.kind.currentData(),
        )

    def clear(self) -> None:
        """Back to "no filter"; ``changed`` fires once, after the pause."""
        self.counterparty.clear()
        self.number.clear()
        self.date_from.setDate(UNSET_DATE)
        self.date_to.setDate(UNSET_DATE)
        self.status.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)

    def flush(self) -> None:
        """Fire a pending ``changed`` now (Enter in a field, tests)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()


def _date_of(box: QDateEdit) -> date | None:
    value = box.date()
    return None if value == UNSET_DATE else date(value.year(), value.month(), value.day())

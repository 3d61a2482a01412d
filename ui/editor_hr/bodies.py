"""The part of the HR form that differs by kind: the leave, the transfer, the dismissal, the
notice of changed conditions, the hire. Statements and the orders answering them share a part.

Each part reads and writes the ``body`` object of the JSON input (docs/hr-input.md) and knows
its widgets by input key and XML name (FieldMap). Values the format computes are shown as you
type: the leave's calendar days fill «Дней», the notice names its earliest effective date (ст. 74).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from edo_app.documents.hr_model import (
    LEAVE_TYPES,
    MAX_PROBATION_MONTHS,
    NOTICE_MONTHS,
    OWN_WISH,
    DismissalBody,
    HireBody,
    LeaveBody,
    NoticeBody,
    TransferBody,
    add_months,
)
from edo_app.services.hr_editor import leave_days
from ui.editor_hr.fields import FieldMap, date_edit, day_of, set_day

MAX_LEAVE_DAYS = 999


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value)


class BodyForm(QWidget):
    changed = Signal()
    heading = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = FieldMap()
        self.form = QFormLayout(self)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def load(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def set_doc_date(self, day: date) -> None:
        """The document's date, for parts whose rules count from it (the notice)."""

    def _watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.changed)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.changed)
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(self.changed)
            else:
                widget.dateChanged.connect(self.changed)  # type: ignore[attr-defined]


class LeaveForm(BodyForm):
    heading = "Отпуск"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.leave_type = QComboBox()
        for code, title in LEAVE_TYPES.items():
            self.leave_type.addItem(title, code)
        self.start, self.end = date_edit(), date_edit(date.today() + timedelta(days=13))
        self.days = QSpinBox()
        self.days.setRange(0, MAX_LEAVE_DAYS)
        self.span = QLabel()
        f = self.fields
        f.row(self.form, "Вид отпуска", self.leave_type, ("type",), ("@ВидОтп",))
        f.row(self.form, "Первый день", self.start, ("start",), ("@ДатаНач",))
        f.row(self.form, "Последний день", self.end, ("end",), ("@ДатаОконч",))
        f.row(self.form, "Дней", self.days, ("days",), ("@КолДн",))
        self.form.addRow("", self.span)
        self.start.dateChanged.connect(self._count_days)
        self.end.dateChanged.connect(self._count_days)
        self._count_days()
        self._watch(self.leave_type, self.start, self.end, self.days)

    def _count_days(self) -> None:
        """Days default to the calendar span; the user may lower them (holidays are not counted)."""
        span = leave_days(day_of(self.start), day_of(self.end))
        self.days.setValue(span)
        self.span.setText(f"Календарных дней в периоде: {span}")

    def values(self) -> dict[str, Any]:
        return {"type": str(self.leave_type.currentData()), "start": day_of(self.start).isoformat(),
                "end": day_of(self.end).isoformat(), "days": self.days.value()}

    def load(self, data: dict[str, Any]) -> None:
        self.leave_type.setCurrentIndex(max(0, self.leave_type.findData(_text(data, "type") or "1")))
        set_day(self.start, data.get("start"))
        set_day(self.end, data.get("end"))
        if isinstance(data.get("days"), int):
            self.days.setValue(data["days"])


class TransferForm(BodyForm):
    heading = "Перевод"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date, self.position, self.department, self.salary = date_edit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.salary.setPlaceholderText("необязательно, например 85000.00")
        f = self.fields
        f.row(self.form, "Дата перевода", self.date, ("date",), ("@ДатаПер",))
        f.row(self.form, "Новая должность", self.position, ("position",), ("Перевод/@Должность",))
        f.row(self.form, "Новое подразделение", self.department, ("department",), ("Перевод/@Подразделение",))
        f.row(self.form, "Оклад, руб.", self.salary, ("salary",), ("Перевод/@Оклад",))
        self._watch(self.date, self.position, self.department, self.salary)

    def values(self) -> dict[str, Any]:
        data = {"date": day_of(self.date).isoformat(), "position": self.position.text().strip(),
                "department": self.department.text().strip()}
        salary = self.salary.text().strip().replace(",", ".").replace(" ", "")
        return {**data, "salary": salary} if salary else data

    def load(self, data: dict[str, Any]) -> None:
        set_day(self.date, data.get("date"))
        self.position.setText(_text(data, "position"))
        self.department.setText(_text(data, "department"))
        self.salary.setText(_text(data, "salary"))


class DismissalForm(BodyForm):
    heading = "Увольнение"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date, self.basis = date_edit(), QLineEdit(OWN_WISH)
        self.fields.row(self.form, "Дата увольнения", self.date, ("date",), ("@ДатаУв",))
        self.fields.row(self.form, "Основание по ТК РФ", self.basis, ("basis",), ("@ОснУв",))
        self._watch(self.date, self.basis)

    def values(self) -> dict[str, Any]:
        return {"date": day_of(self.date).isoformat(), "basis": self.basis.text().strip()}

    def load(self, data: dict[str, Any]) -> None:
        set_day(self.date, data.get("date"))
        self.basis.setText(_text(data, "basis") or OWN_WISH)


class NoticeForm(BodyForm):
    heading = "Изменение условий трудового договора"
    COLUMNS = (("name", "Условие"), ("before", "Было"), ("after", "Стало"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.effective = date_edit(add_months(date.today(), NOTICE_MONTHS))
        self.earliest = QLabel()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("организационные или технологические условия труда (ст. 74 ТК РФ)")
        self.conditions = self._make_table()
        f = self.fields
        f.row(self.form, "Вступают в силу", self.effective, ("effective",), ("@ДатаВступ",))
        self.form.addRow("", self.earliest)
        f.row(self.form, "Причина", self.reason, ("reason",), ("@Причина",))
        f.row(self.form, "Изменяемые условия", self.conditions, ("conditions",), ("Условие",))
        self.form.addRow("", self._buttons())
        self._watch(self.effective, self.reason)
        self.conditions.itemChanged.connect(lambda _item: self.changed.emit())
        self.set_doc_date(date.today())

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(1, len(self.COLUMNS))
        table.setHorizontalHeaderLabels([title for _key, title in self.COLUMNS])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setMinimumHeight(110)
        return table

    def _buttons(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        add, remove = QPushButton("Добавить условие"), QPushButton("Удалить условие")
        add.clicked.connect(lambda: self._set_rows(self.conditions.rowCount() + 1))
        remove.clicked.connect(lambda: self.conditions.removeRow(self.conditions.currentRow()))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        return box

    def _set_rows(self, count: int) -> None:
        self.conditions.setRowCount(count)
        self.changed.emit()

    def set_doc_date(self, day: date) -> None:
        self.earliest.setText(f"не ранее {add_months(day, NOTICE_MONTHS):%d.%m.%Y}: работника уведомляют "
                              f"не позднее чем за два месяца (ст. 74 ТК РФ)")

    def set_condition(self, row: int, name: str, before: str, after: str) -> None:
        if row >= self.conditions.rowCount():
            self.conditions.setRowCount(row + 1)
        for column, text in enumerate((name, before, after)):
            self.conditions.setItem(row, column, QTableWidgetItem(text))

    def values(self) -> dict[str, Any]:
        rows = []
        for row in range(self.conditions.rowCount()):
            cells = {key: self._cell(row, column) for column, (key, _title) in enumerate(self.COLUMNS)}
            if any(cells.values()):
                rows.append(cells)
        return {"effective": day_of(self.effective).isoformat(), "reason": self.reason.text().strip(),
                "conditions": rows}

    def _cell(self, row: int, column: int) -> str:
        item = self.conditions.item(row, column)
        return item.text().strip() if item is not None else ""

    def load(self, data: dict[str, Any]) -> None:
        set_day(self.effective, data.get("effective"))
        self.reason.setText(_text(data, "reason"))
        items = data.get("conditions")
        conditions = [c for c in items if isinstance(c, dict)] if isinstance(items, list) else []
        self.conditions.setRowCount(max(1, len(conditions)))
        for row, item in enumerate(conditions):
            self.set_condition(row, _text(item, "name"), _text(item, "before"), _text(item, "after"))


class HireForm(BodyForm):
    heading = "Приём на работу"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date, self.position, self.department, self.salary = date_edit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.contract_number, self.contract_date = QLineEdit(), date_edit()
        self.probation = QSpinBox()
        self.probation.setRange(0, MAX_PROBATION_MONTHS)
        self.probation.setSpecialValueText("без испытания")
        f = self.fields
        f.row(self.form, "Дата приёма", self.date, ("date",), ("@ДатаПрием",))
        f.row(self.form, "Должность", self.position, ("position",), ("Прием/@Должность",))
        f.row(self.form, "Подразделение", self.department, ("department",), ("Прием/@Подразделение",))
        f.row(self.form, "Оклад, руб.", self.salary, ("salary",), ("Прием/@Оклад",))
        f.row(self.form, "Испытательный срок, мес.", self.probation, ("probation_months",), ("@ИспСрок",))
        f.row(self.form, "Номер трудового договора", self.contract_number, ("contract_number",), ("@НомТД",))
        f.row(self.form, "Дата трудового договора", self.contract_date, ("contract_date",), ("@ДатаТД",))
        self._watch(self.date, self.position, self.department, self.salary, self.probation, self.contract_number,
                    self.contract_date)

    def values(self) -> dict[str, Any]:
        return {"date": day_of(self.date).isoformat(), "position": self.position.text().strip(),
                "department": self.department.text().strip(),
                "salary": self.salary.text().strip().replace(",", ".").replace(" ", ""),
                "contract_number": self.contract_number.text().strip(),
                "contract_date": day_of(self.contract_date).isoformat(), "probation_months": self.probation.value()}

    def load(self, data: dict[str, Any]) -> None:
        set_day(self.date, data.get("date"))
        self.position.setText(_text(data, "position"))
        self.department.setText(_text(data, "department"))
        self.salary.setText(_text(data, "salary"))
        self.contract_number.setText(_text(data, "contract_number"))
        set_day(self.contract_date, data.get("contract_date"))
        if isinstance(data.get("probation_months"), int):
            self.probation.setValue(data["probation_months"])


BODY_FORMS: dict[type, type[BodyForm]] = {LeaveBody: LeaveForm, TransferBody: TransferForm,
                                          DismissalBody: DismissalForm, NoticeBody: NoticeForm, HireBody: HireForm}

"""What the 5.01 titles add to the УПД header: the basis (договор: name, number, date) and, for
the акт, the period of the works. All optional: an empty basis name means «Без документа-
основания», an empty date («—») is left out of the input.

Problems of these parts arrive with paths ``bases[0].date`` and ``period.end``; ``mark`` paints
the widget the path names, as the header does for its fields.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QFormLayout, QGroupBox, QLineEdit, QWidget

from ui.editor.form_data import json_day, json_object, json_text
from ui.editor.header import clear_mark, mark_widget

NO_DATE = QDate(2000, 1, 1)  # the minimum of an optional date edit: shown as «—», means «not given»


def optional_date() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("—")
    edit.setDate(NO_DATE)
    return edit


def _day(edit: QDateEdit) -> str:
    chosen = edit.date()
    return "" if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day()).isoformat()


def _set_day(edit: QDateEdit, text: str) -> None:
    day = json_day(text)
    edit.setDate(QDate(day) if day else NO_DATE)


class ExtrasForm(QGroupBox):
    changed = Signal()

    def __init__(self, with_period: bool, parent: QWidget | None = None) -> None:
        super().__init__("Основание" + (" и период работ" if with_period else ""), parent)
        self.basis_name, self.basis_number = QLineEdit(), QLineEdit()
        self.basis_name.setPlaceholderText("Например, «Договор»; пусто — без документа-основания")
        self.basis_date = optional_date()
        self.period = (optional_date(), optional_date()) if with_period else None
        layout = QFormLayout(self)
        layout.addRow("Документ-основание", self.basis_name)
        layout.addRow("Номер основания", self.basis_number)
        layout.addRow("Дата основания", self.basis_date)
        self._paths: dict[str, QWidget] = {"bases": self.basis_name, "bases[0].name": self.basis_name,
                                           "bases[0].number": self.basis_number, "bases[0].date": self.basis_date}
        self._xpaths: dict[str, QWidget] = {"Основание/@НомОсн": self.basis_number,
                                            "Основание/@ДатаОсн": self.basis_date, "Основание": self.basis_name}
        if self.period is not None:
            layout.addRow("Начало работ", self.period[0])
            layout.addRow("Окончание работ", self.period[1])
            self._paths.update({"period": self.period[0], "period.start": self.period[0],
                                "period.end": self.period[1], "work_end": self.period[1]})
            self._xpaths.update({"@НачРабот": self.period[0], "@КонРабот": self.period[1]})
        for line in (self.basis_name, self.basis_number):
            line.textChanged.connect(self.changed)
        for edit in (self.basis_date, *(self.period or ())):
            edit.dateChanged.connect(self.changed)

    def fill(self, data: dict[str, Any]) -> None:
        """Add the basis and the period to the JSON input ``data`` (when given)."""
        name = self.basis_name.text().strip()
        if name:
            basis = {"name": name, "number": self.basis_number.text().strip(), "date": _day(self.basis_date)}
            data["bases"] = [{key: value for key, value in basis.items() if value}]
        if self.period is not None and any(_day(edit) for edit in self.period):
            data["period"] = {key: _day(edit) for key, edit in zip(("start", "end"), self.period, strict=True)
                              if _day(edit)}

    def load(self, data: dict[str, Any]) -> None:
        bases = data.get("bases")
        basis = json_object(bases[0]) if isinstance(bases, list) and bases else {}
        self.basis_name.setText(json_text(basis, "name"))
        self.basis_number.setText(json_text(basis, "number"))
        _set_day(self.basis_date, json_text(basis, "date"))
        if self.period is not None:
            period = json_object(data.get("period"))
            for key, edit in zip(("start", "end"), self.period, strict=True):
                _set_day(edit, json_text(period, key))

    def widget_at(self, address: str) -> QWidget | None:
        """The widget of a field path (``bases[0].date``) or an XPath (``…/ОписРабот/@КонРабот``)."""
        found = self._paths.get(address) or self._paths.get(re.split(r"[.\[]", address)[0])
        if found is None and address.startswith("/"):
            found = next((widget for name, widget in self._xpaths.items() if name in address), None)
        return found

    def mark(self, address: str, message: str) -> bool:
        """Paint the widget of ``address``; False when it is not one of these parts."""
        widget = self.widget_at(address)
        if widget is not None:
            mark_widget(widget, message)
        return widget is not None

    def clear_marks(self) -> None:
        for widget in set(self._paths.values()):
            clear_mark(widget)

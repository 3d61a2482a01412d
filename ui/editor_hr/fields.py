"""The widgets of a form by the addresses its problems arrive with, and small value helpers.

Problems of the JSON input carry field paths (``employee.snils``, ``body.conditions[1].after``),
issues of the built XML carry XPaths (``/Файл/Документ/Отпуск/@ДатаОконч``). A form registers
each widget with its title, its input keys and the XML names that stand for it; ``at`` finds the
widget of an address: the exact path first, then its shorter heads, then an XML name it contains.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QWidget

_INDEX = re.compile(r"\[\d+\]")


class FieldMap:
    def __init__(self) -> None:
        self.paths: dict[str, QWidget] = {}
        self.xml: dict[str, QWidget] = {}  # an element or attribute name (``@ДатаНач``) → widget
        self.titles: dict[QWidget, str] = {}

    def row(self, layout: QFormLayout, title: str, widget: QWidget, paths: tuple[str, ...] = (),
            xml: tuple[str, ...] = ()) -> None:
        """Add ``widget`` to ``layout`` under ``title`` and register its addresses."""
        layout.addRow(title, widget)
        self.register(title, widget, paths, xml)

    def register(self, title: str, widget: QWidget, paths: tuple[str, ...] = (), xml: tuple[str, ...] = ()) -> None:
        self.titles[widget] = title
        self.paths.update(dict.fromkeys(paths, widget))
        self.xml.update(dict.fromkeys(xml, widget))

    def at(self, address: str) -> QWidget | None:
        """The widget of a field path or an XPath; None when the form has none for it."""
        if address.startswith("/"):
            return next((w for name, w in self.xml.items() if re.search(rf"(?<![\w@]){re.escape(name)}(?!\w)",
                                                                         address)), None)
        path = _INDEX.sub("", address)
        while path:
            if path in self.paths:
                return self.paths[path]
            path = path.rpartition(".")[0]
        return None


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(day or date.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    return edit


def day_of(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def set_day(edit: QDateEdit, text: object) -> None:
    """Show the ISO date ``text`` of a draft; anything else leaves the edit as it is."""
    try:
        edit.setDate(QDate(date.fromisoformat(str(text))))
    except ValueError:
        return


Key = Callable[[Any], object]  # what tells two choices of a combo apart (an ИНН, a СНИЛС)
Label = Callable[[Any], str]


def refill(combo: QComboBox, values: list[Any], key: Key, label: Label) -> None:
    """New choices; the current one stays chosen (kept as an extra item when not among them)."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for value in values:
        combo.addItem(label(value), value)
    combo.blockSignals(False)
    if current is not None:
        choose(combo, current, key, label)
    else:
        combo.setCurrentIndex(0 if values else -1)
        combo.currentIndexChanged.emit(combo.currentIndex())


def choose(combo: QComboBox, value: Any, key: Key, label: Label) -> None:
    """Choose ``value`` (by ``key``), added as an extra item when the combo lacks it."""
    for position in range(combo.count()):
        if key(combo.itemData(position)) == key(value):
            if combo.currentIndex() == position:
                combo.currentIndexChanged.emit(position)
            combo.setCurrentIndex(position)
            return
    combo.addItem(label(value), value)
    combo.setCurrentIndex(combo.count() - 1)

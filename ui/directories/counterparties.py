"""«Справочники → Контрагенты»: a searchable table of partners and an edit form beside it.

The form shows each problem next to its field (ИНН check digits, КПП, the EDO participant id,
a duplicate ИНН + КПП); nothing is stored until every field is right. The table, the search,
the form and the buttons are the shared directory dialog's (``ui/directories/entry_dialog.py``).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QWidget

from edo_app.services import Counterparty, CounterpartyInput, CounterpartyService
from ui.directories.entry_dialog import DirectoryDialog, EntryForm, FieldSpec, Value
from ui.ops import Executor
from ui.settings.fields import ERROR_STYLE as ERROR_STYLE  # noqa: PLC0414 - ui/editor_etrn/next_title.py uses it

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    action = window.menu("Справочники").addAction("Контрагенты…")
    action.setStatusTip("Справочник контрагентов и своих организаций")
    action.triggered.connect(lambda: _show(window))


def _show(window: MainWindow) -> None:
    dialog = CounterpartiesDialog(window.services.counterparties, window.executor, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()


class Columns(enum.IntEnum):
    NAME = 0
    INN = 1
    KPP = 2
    EDO_ID = 3
    OWN = 4


class CounterpartyForm(EntryForm):
    @property
    def own(self) -> QCheckBox:
        box = self.fields["own"]
        assert isinstance(box, QCheckBox)
        return box


class CounterpartiesDialog(DirectoryDialog):
    window_title = "Контрагенты"
    search_hint = "Поиск по наименованию, ИНН или КПП"
    entry_word = ""
    delete_title = "Удаление контрагента"
    start_size = (1000, 520)
    stretch_column = Columns.NAME
    specs = (FieldSpec("name", "Наименование"), FieldSpec("inn", "ИНН"), FieldSpec("kpp", "КПП"),
             FieldSpec("edo_id", "Идентификатор ЭДО"),
             FieldSpec("own", "", flag=True, caption="Своя организация (продавец в УПД)"))
    columns = (("Наименование", lambda c: c.name), ("ИНН", lambda c: c.inn), ("КПП", lambda c: c.kpp),
               ("Идентификатор ЭДО", lambda c: c.edo_id), ("Своя", lambda c: "да" if c.own else ""))
    form: CounterpartyForm

    def __init__(self, service: CounterpartyService, executor: Executor, parent: QWidget | None = None) -> None:
        self._service = service
        super().__init__(executor, parent)

    def _make_form(self) -> CounterpartyForm:
        return CounterpartyForm(self.specs, self.aliases, self)

    def _list(self, text: str) -> list[Any]:
        return list(self._service.search(text))

    def _store(self, entry_id: int | None, values: dict[str, Value]) -> Counterparty:
        value = CounterpartyInput(**values)  # type: ignore[arg-type]
        return self._service.add(value) if entry_id is None else self._service.update(entry_id, value)

    def _remove(self, entry_id: int) -> None:
        self._service.delete(entry_id)

    def _values_of(self, stored: Any | None) -> dict[str, Value]:
        if not isinstance(stored, Counterparty):
            return {}
        return {"name": stored.name, "inn": stored.inn, "kpp": stored.kpp, "edo_id": stored.edo_id,
                "own": stored.own}

    def _label_of(self, values: dict[str, Value]) -> str:
        return str(values["name"])

"""«Справочники → Водители»: the drivers the ЭТрН editor picks from.

The driving licence is checked as series of 4 characters and number of 6 digits with its date
of issue, the phone (title 1 requires one) and the optional ИНН by its check digits; each problem
shows under its field, a duplicate licence is refused, nothing is stored until every field is right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from edo_app.services.transport_directory import DriverInput, StoredDriver, TransportDirectoryService
from ui.directories.entry_dialog import DirectoryDialog, FieldSpec, Value
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    action = window.menu("Справочники").addAction("Водители…")
    action.setStatusTip("Справочник водителей для транспортных накладных")
    action.triggered.connect(lambda: _show(window))


def _show(window: MainWindow) -> None:
    dialog = DriversDialog(window.services.transport, window.executor, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()


def licence_text(stored: StoredDriver) -> str:
    e = stored.entry
    return f"{e.licence_series} {e.licence_number} от {e.licence_issued:%d.%m.%Y}"


def driver_label(stored: StoredDriver) -> str:
    return f"{stored.entry.name.full} (ВУ {stored.entry.licence_series} {stored.entry.licence_number})"


class DriversDialog(DirectoryDialog):
    window_title = "Водители"
    search_hint = "Поиск по ФИО, номеру удостоверения или телефону"
    entry_word = "водителя"
    specs = (FieldSpec("last_name", "Фамилия"), FieldSpec("first_name", "Имя"), FieldSpec("middle_name", "Отчество"),
             FieldSpec("licence_series", "Серия удостоверения", "99 12"),
             FieldSpec("licence_number", "Номер удостоверения", "345678"),
             FieldSpec("licence_issued", "Дата выдачи", "ДД.ММ.ГГГГ"),
             FieldSpec("phone", "Телефон", "+7 916 111-22-33"), FieldSpec("inn", "ИНН (если известен)"))
    aliases: ClassVar[dict[str, str]] = {"name": "last_name", "name.last": "last_name", "name.first": "first_name",
                                         "name.middle": "middle_name", "phones[0]": "phone", "phones": "phone"}
    columns = (("ФИО", lambda s: s.entry.name.full), ("Удостоверение", licence_text),
               ("Телефон", lambda s: s.entry.phone), ("ИНН", lambda s: s.entry.inn))

    def __init__(self, service: TransportDirectoryService, executor: Executor, parent: QWidget | None = None) -> None:
        self._service = service
        super().__init__(executor, parent)

    def _list(self, text: str) -> list[Any]:
        return list(self._service.drivers(text))

    def _store(self, entry_id: int | None, values: dict[str, Value]) -> StoredDriver:
        value = DriverInput(**values)  # type: ignore[arg-type]
        if entry_id is None:
            return self._service.add_driver(value)
        return self._service.update_driver(entry_id, value)

    def _remove(self, entry_id: int) -> None:
        self._service.delete_driver(entry_id)

    def _values_of(self, stored: Any | None) -> dict[str, Value]:
        if not isinstance(stored, StoredDriver):
            return {}
        e = stored.entry
        return {"last_name": e.name.last, "first_name": e.name.first, "middle_name": e.name.middle,
                "licence_series": e.licence_series, "licence_number": e.licence_number,
                "licence_issued": f"{e.licence_issued:%d.%m.%Y}", "phone": e.phone, "inn": e.inn}

    def _label_of(self, values: dict[str, Value]) -> str:
        return " ".join(str(values[k]) for k in ("last_name", "first_name", "middle_name") if values[k]).strip()

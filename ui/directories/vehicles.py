"""«Справочники → Транспортные средства»: vehicles and trailers the ЭТрН editor picks from.

The госномер is checked by the Russian plate formats (a trailer's differs), capacity and volume
as numbers above zero, and for a leased vehicle (аренда, лизинг, безвозмездное пользование) the
document of the right to use it with its maker's ИНН; each problem shows under its field, a
duplicate госномер is refused, and nothing is stored until every field is right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from edo_app.services.transport_directory import OWNERSHIP, StoredVehicle, TransportDirectoryService, VehicleInput
from ui.directories.entry_dialog import DirectoryDialog, FieldSpec, Value
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

LEASED_OWNERSHIP = ("3", "4", "5")
RIGHT_KEYS = ("right_name", "right_number", "right_date", "right_issuer_inn")


def install(window: MainWindow) -> None:
    action = window.menu("Справочники").addAction("Транспортные средства…")
    action.setStatusTip("Справочник ТС и прицепов для транспортных накладных")
    action.triggered.connect(lambda: _show(window))


def _show(window: MainWindow) -> None:
    dialog = VehiclesDialog(window.services.transport, window.executor, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()


def vehicle_label(stored: StoredVehicle) -> str:
    e = stored.entry
    return f"{e.reg_number} — {e.brand}" + (" (прицеп)" if e.trailer else "")


class VehiclesDialog(DirectoryDialog):
    window_title = "Транспортные средства"
    search_hint = "Поиск по госномеру, марке или типу"
    entry_word = "ТС"
    specs = (FieldSpec("reg_number", "Госномер", "А123ВС77"), FieldSpec("trailer", "Прицеп", flag=True),
             FieldSpec("kind", "Тип ТС", "Грузовой фургон"), FieldSpec("brand", "Марка, модель", "ГАЗ Валдай"),
             FieldSpec("capacity_t", "Грузоподъёмность, т", "3,5"), FieldSpec("volume_m3", "Вместимость, м³", "20"),
             FieldSpec("ownership", "Владение", choices=tuple(OWNERSHIP.items())),
             FieldSpec("right_name", "Документ о праве пользования", "Договор аренды"),
             FieldSpec("right_number", "Номер документа"), FieldSpec("right_date", "Дата документа", "ДД.ММ.ГГГГ"),
             FieldSpec("right_issuer_inn", "ИНН составителя документа"))
    aliases: ClassVar[dict[str, str]] = {"right_of_use": "right_name", "name": "right_name", "number": "right_number",
                                         "date": "right_date", "issuer_inn": "right_issuer_inn"}
    columns = (("Госномер", lambda s: s.entry.reg_number), ("Марка, модель", lambda s: s.entry.brand),
               ("Тип", lambda s: s.entry.kind), ("Груз., т", lambda s: s.entry.capacity_t),
               ("Объём, м³", lambda s: s.entry.volume_m3),
               ("Владение", lambda s: OWNERSHIP.get(s.entry.ownership, s.entry.ownership)))

    def __init__(self, service: TransportDirectoryService, executor: Executor, parent: QWidget | None = None) -> None:
        self._service = service
        super().__init__(executor, parent)
        self.form.changed.connect(self._enable_right)
        self._enable_right()

    def _enable_right(self) -> None:
        leased = self.form.values()["ownership"] in LEASED_OWNERSHIP
        for key in RIGHT_KEYS:
            self.form.fields[key].setEnabled(leased)

    def _list(self, text: str) -> list[Any]:
        return list(self._service.vehicles(text))

    def _store(self, entry_id: int | None, values: dict[str, Value]) -> StoredVehicle:
        value = VehicleInput(**values)  # type: ignore[arg-type]
        if entry_id is None:
            return self._service.add_vehicle(value)
        return self._service.update_vehicle(entry_id, value)

    def _remove(self, entry_id: int) -> None:
        self._service.delete_vehicle(entry_id)

    def _values_of(self, stored: Any | None) -> dict[str, Value]:
        if not isinstance(stored, StoredVehicle):
            return {"ownership": "1"}
        e = stored.entry
        return {"reg_number": e.reg_number, "trailer": e.trailer, "kind": e.kind, "brand": e.brand,
                "capacity_t": e.capacity_t.replace(".", ","), "volume_m3": e.volume_m3.replace(".", ","),
                "ownership": e.ownership, "right_name": e.right_name, "right_number": e.right_number,
                "right_date": f"{e.right_date:%d.%m.%Y}" if e.right_date else "",
                "right_issuer_inn": e.right_issuer_inn}

    def _label_of(self, values: dict[str, Value]) -> str:
        return str(values["reg_number"])

"""The employer part of the HR form: an organisation (ЮЛ) or an individual entrepreneur (ИП).

A switch picks the kind; the list offers the counterparties of that kind (ИНН of 10 digits with a
КПП, or of 12 digits), the ОГРН row becomes ОГРНИП, and an ИП gets his ФИО (prefilled from a
directory name «ИП Фамилия Имя Отчество»). An ИП signs his orders and notices himself, so the form
asks no separate signer for him: the JSON input leaves ``signers`` out and the builder puts him there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from edo_app.services import Counterparty
from ui.editor_hr.fields import FieldMap, choose, refill

ORGANISATION, ENTREPRENEUR = "org", "ip"
KINDS = ((ORGANISATION, "Организация"), (ENTREPRENEUR, "Индивидуальный предприниматель"))
NAME_KEYS = (("last_name", "Фамилия ИП"), ("first_name", "Имя ИП"), ("middle_name", "Отчество ИП"))
_INN_LENGTH = {ORGANISATION: 10, ENTREPRENEUR: 12}


@dataclass(frozen=True, slots=True)
class Employer:
    name: str
    inn: str
    kpp: str
    edo_id: str


class EmployerPart(QObject):
    """The widgets of the employer group and its part of the JSON input."""

    changed = Signal()
    switched = Signal()  # another employer or another kind of employer

    def __init__(self, fields: FieldMap, layout: QFormLayout) -> None:
        super().__init__()
        self.kind, self.choice, self.ogrn = QComboBox(), QComboBox(), QLineEdit()
        for key, title in KINDS:
            self.kind.addItem(title, key)
        self.name = {key: QLineEdit() for key, _title in NAME_KEYS}
        self._layout, self._fields = layout, fields
        self._entries: list[Employer] = []
        self._labels = {self.choice: QLabel(), self.ogrn: QLabel()}
        fields.row(layout, "Работодатель", self.kind, (), ())
        layout.addRow(self._labels[self.choice], self.choice)
        fields.register("", self.choice, ("employer", "employer.inn"), ("Работодатель", "@ИННФЛ"))
        for key, title in NAME_KEYS:
            fields.row(layout, title, self.name[key], (f"employer.{key}", "employer.person"), ())
        layout.addRow(self._labels[self.ogrn], self.ogrn)
        fields.register("", self.ogrn, ("employer.ogrn", "employer.ogrnip"), ("@ОГРН", "@ОГРНИП"))
        for line in (self.ogrn, *self.name.values()):
            line.textChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self._kind_switched)
        self.choice.currentIndexChanged.connect(self._employer_switched)
        self._kind_switched()

    def is_entrepreneur(self) -> bool:
        return bool(self.kind.currentData() == ENTREPRENEUR)

    def chosen(self) -> Employer | None:
        value = self.choice.currentData()
        return value if isinstance(value, Employer) else None

    def set_entries(self, entries: list[Counterparty]) -> None:
        self._entries = [Employer(e.name, e.inn, e.kpp, e.edo_id) for e in entries]
        self._refill()

    def _refill(self) -> None:
        """The directory's employers of the chosen kind; one of the other kind is not kept."""
        wanted = _INN_LENGTH[str(self.kind.currentData())]
        chosen = self.chosen()
        if chosen is not None and len(chosen.inn) != wanted:
            self.choice.blockSignals(True)
            self.choice.clear()
            self.choice.blockSignals(False)
        refill(self.choice, [e for e in self._entries if len(e.inn) == wanted], _key, _label)

    def _kind_switched(self) -> None:
        entrepreneur = self.is_entrepreneur()
        titles = {self.choice: "ИП из справочника" if entrepreneur else "Организация",
                  self.ogrn: "ОГРНИП" if entrepreneur else "ОГРН"}
        for widget, title in titles.items():
            self._labels[widget].setText(title)
            self._fields.titles[widget] = title
        self.ogrn.setPlaceholderText("15 цифр" if entrepreneur else "13 цифр")
        for line in self.name.values():
            self._layout.setRowVisible(line, entrepreneur)
        self._refill()
        self.switched.emit()

    def _employer_switched(self) -> None:
        chosen = self.chosen()
        words = chosen.name.removeprefix("ИП ").split() if chosen is not None and self.is_entrepreneur() else []
        if 2 <= len(words) <= 3 and not any(line.text() for line in self.name.values()):
            for (key, _title), word in zip(NAME_KEYS, words, strict=False):
                self.name[key].setText(word)
        self.switched.emit()

    # --- the JSON input -------------------------------------------------------------------
    def json(self) -> dict[str, str]:
        chosen = self.chosen() or Employer("", "", "", "")
        if self.is_entrepreneur():
            return {**{key: line.text().strip() for key, line in self.name.items()}, "inn": chosen.inn,
                    "ogrnip": self.ogrn.text().strip()}
        return {"name": chosen.name, "inn": chosen.inn, "kpp": chosen.kpp, "ogrn": self.ogrn.text().strip()}

    def load(self, employer: dict[str, Any], edo_id: str) -> None:
        """Show a draft's employer; it stays chosen even when the directory lacks it."""
        entrepreneur = bool(employer.get("ogrnip") or employer.get("last_name"))
        self.kind.setCurrentIndex(self.kind.findData(ENTREPRENEUR if entrepreneur else ORGANISATION))
        for key, line in self.name.items():
            line.setText(str(employer.get(key) or ""))
        self.ogrn.setText(str(employer.get("ogrnip" if entrepreneur else "ogrn") or ""))
        if employer.get("inn"):
            name = " ".join(line.text() for line in self.name.values() if line.text())
            name = f"ИП {name}" if entrepreneur else str(employer.get("name") or "")
            chosen = Employer(name, str(employer["inn"]), str(employer.get("kpp") or ""), edo_id)
            choose(self.choice, chosen, _key, _label)


def _key(value: object) -> object:
    return value.inn if isinstance(value, Employer) else None


def _label(value: Employer) -> str:
    kpp = f", КПП {value.kpp}" if value.kpp else ""
    return f"{value.name} (ИНН {value.inn}{kpp})"

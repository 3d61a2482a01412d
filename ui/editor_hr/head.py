"""The part of the HR form every kind has: the kind, number and date, the employer (one of the
user's own organisations, its ОГРН typed once, or an individual entrepreneur: ui/editor_hr/employer.py),
the employee picked from the employees directory
(ФИО, СНИЛС, табельный номер, должность, подразделение come from there) and, for notices and
orders, the employer's signer. Statements and acknowledgements are signed by the employee himself,
an ИП's notices and orders by the entrepreneur himself (no signer is asked for them).

The file goes from the author's EDO box to the other side's: the employer's box is the
organisation's, the employee's is the one the directory keeps for him.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from edo_app.documents.hr_model import KINDS
from edo_app.documents.hr_types import EMPLOYER
from edo_app.model.identifiers import format_snils
from edo_app.services import Counterparty
from edo_app.services.employees import StoredEmployee
from ui.editor_hr.employer import EmployerPart
from ui.editor_hr.fields import FieldMap, choose, date_edit, day_of, refill, set_day

FORM_KINDS = tuple(key for key in KINDS if key != "ack")  # an acknowledgement answers a received document
SEARCH_DELAY_MS = 300
PERSON_KEYS = ("last_name", "first_name", "middle_name", "snils", "personnel_number", "position", "department")
SIGNER_KEYS = (("last_name", "Фамилия"), ("first_name", "Имя"), ("middle_name", "Отчество"),
               ("position", "Должность"))


@dataclass(frozen=True, slots=True)
class Person:
    """The employee as the input names him, and his EDO box."""

    values: tuple[tuple[str, str], ...]
    edo_id: str = ""

    @property
    def json(self) -> dict[str, str]:
        return dict(self.values)

    @property
    def label(self) -> str:
        v = self.json
        name = " ".join(part for part in (v.get("last_name"), v.get("first_name"), v.get("middle_name")) if part)
        return f"{name}, таб. № {v.get('personnel_number', '')}"


def person_of(stored: StoredEmployee) -> Person:
    e = stored.entry
    values = (e.name.last, e.name.first, e.name.middle, e.snils, e.personnel_number, e.position, e.department)
    return Person(tuple(zip(PERSON_KEYS, values, strict=True)), e.edo_id)


class HeadForm(QWidget):
    changed = Signal()
    kind_changed = Signal(str)
    employer_changed = Signal(str)  # the ИНН: the employees to offer are that employer's
    employee_search = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = FieldMap()
        self.kind = QComboBox()
        for key in FORM_KINDS:
            self.kind.addItem(KINDS[key].title, key)
        self.number, self.date = QLineEdit(), date_edit()
        self.employee_filter, self.employee = QLineEdit(), QComboBox()
        self.employee_filter.setPlaceholderText("Поиск по ФИО, СНИЛС, табельному номеру")
        self.employee_filter.setClearButtonEnabled(True)
        self.employee_details = QLabel()
        self.employee_details.setWordWrap(True)
        self.signer = {key: QLineEdit() for key, _title in SIGNER_KEYS}
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        f = self.fields
        document, employer, employee = QFormLayout(), QFormLayout(), QFormLayout()
        f.row(document, "Вид документа", self.kind, ("kind",), ("@ВидДок",))
        f.row(document, "Номер", self.number, ("number",), ("@НомДок",))
        f.row(document, "Дата", self.date, ("date", "doc_date", "created"), ("@ДатаДок", "@ДатаИнфПр"))
        self.employer_part = EmployerPart(f, employer)
        self.employer, self.ogrn = self.employer_part.choice, self.employer_part.ogrn
        employee.addRow("Найти", self.employee_filter)
        f.row(employee, "Сотрудник", self.employee, ("employee", "file"), ("Работник",))
        employee.addRow("", self.employee_details)
        self.signer_box = QGroupBox("Подписант со стороны работодателя")
        signer = QFormLayout(self.signer_box)
        f.register("Подписант", self.signer["last_name"], ("signers",), ("Подписант",))
        for key, title in SIGNER_KEYS:
            f.row(signer, title, self.signer[key], (f"signers.{key}",), ())
            f.titles[self.signer[key]] = f"{title} подписанта"
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for title, form, row, column in (("Документ", document, 0, 0), ("Работодатель", employer, 0, 1),
                                         ("Работник", employee, 1, 0)):
            box = QGroupBox(title)
            box.setLayout(form)
            grid.addWidget(box, row, column)
        grid.addWidget(self.signer_box, 1, 1)
        self.self_signed = QLabel("Уведомление и приказ индивидуального предпринимателя подписывает он сам.")
        self.self_signed.setWordWrap(True)
        grid.addWidget(self.self_signed, 1, 1)

    def _connect(self) -> None:
        for line in (self.number, *self.signer.values()):
            line.textChanged.connect(self.changed)
        self.date.dateChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self._kind_switched)
        self.employer_part.changed.connect(self.changed)
        self.employer_part.switched.connect(self._employer_switched)
        self.employee.currentIndexChanged.connect(self._employee_switched)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.employee_search.emit(self.employee_filter.text()))
        self.employee_filter.textChanged.connect(self._search_timer.start)
        self._kind_switched()

    def kind_key(self) -> str:
        return str(self.kind.currentData())

    def by_employer(self) -> bool:
        return KINDS[self.kind_key()].author == EMPLOYER

    def signs_himself(self) -> bool:
        """An ИП signs his own notices and orders: the form asks for no other signer."""
        return self.by_employer() and self.employer_part.is_entrepreneur()

    def _show_signer(self) -> None:
        self.signer_box.setVisible(self.by_employer() and not self.signs_himself())
        self.self_signed.setVisible(self.signs_himself())

    def _kind_switched(self) -> None:
        self._show_signer()
        self.kind_changed.emit(self.kind_key())
        self.changed.emit()

    def _employer_switched(self) -> None:
        self._show_signer()
        self.employer_changed.emit(self.employer_inn())
        self.changed.emit()

    def _employee_switched(self) -> None:
        chosen = self.employee.currentData()
        self.employee_details.setText(_details(chosen) if isinstance(chosen, Person) else "Сотрудник не выбран")
        self.changed.emit()

    # --- choices ----------------------------------------------------------------------------
    def set_employers(self, entries: list[Counterparty]) -> None:
        self.employer_part.set_entries(entries)

    def set_employees(self, entries: list[StoredEmployee]) -> None:
        refill(self.employee, [person_of(e) for e in entries], _person_key, _label_of)

    def employer_inn(self) -> str:
        chosen = self.employer_part.chosen()
        return chosen.inn if chosen is not None else ""

    # --- values -----------------------------------------------------------------------------
    def fill(self, data: dict[str, Any]) -> None:
        """Write the head's part of the JSON input into ``data``."""
        chosen, person = self.employer_part.chosen(), self.employee.currentData()
        boss_id = chosen.edo_id if chosen is not None else ""
        worker = person if isinstance(person, Person) else Person(())
        data.update(kind=self.kind_key(), number=self.number.text().strip(), date=day_of(self.date).isoformat(),
                    employer=self.employer_part.json(), employee=worker.json)
        ids = (boss_id, worker.edo_id) if self.by_employer() else (worker.edo_id, boss_id)
        data.setdefault("file", {}).update(sender_id=ids[0], recipient_id=ids[1])
        if self.by_employer() and not self.signs_himself():
            data["signers"] = [{key: self.signer[key].text().strip() for key, _title in SIGNER_KEYS}]

    def load(self, data: dict[str, Any]) -> None:
        """Show a draft's head; its employer and employee stay chosen even when the directory lacks them."""
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(data.get("kind") or ""))))
        self.number.setText(str(data.get("number") or ""))
        set_day(self.date, data.get("date"))
        file_part = _object(data.get("file"))
        ids = (file_part.get("sender_id"), file_part.get("recipient_id"))
        boss_id, worker_id = (ids if self.by_employer() else ids[::-1])
        self.employer_part.load(_object(data.get("employer")), str(boss_id or ""))
        person = _object(data.get("employee"))
        if person.get("snils"):
            worker = Person(tuple((k, str(person.get(k) or "")) for k in PERSON_KEYS), str(worker_id or ""))
            choose(self.employee, worker, _person_key, _label_of)
        signers = data.get("signers")
        signer = _object(signers[0]) if isinstance(signers, list) and signers else {}
        for key, line in self.signer.items():
            line.setText(str(signer.get(key) or ""))


def _person_key(value: object) -> object:
    return value.json.get("snils") if isinstance(value, Person) else None


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _details(person: Person) -> str:
    v = person.json
    department = f", {v['department']}" if v.get("department") else ""
    box = f"; ящик ЭДО {person.edo_id}" if person.edo_id else "; ящик ЭДО не указан в справочнике"
    return (f"СНИЛС {format_snils(v.get('snils', ''))}, таб. № {v.get('personnel_number', '')}, "
            f"{v.get('position', '')}{department}{box}")


def _label_of(value: Person) -> str:
    return value.label

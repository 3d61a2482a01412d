"""The employees directory as the front ends see it: list and search, add, edit, delete, import.

Every value is checked before anything is written: the employer's ИНН and the СНИЛС by their
check digits, the ФИО, табельный номер, position and department by the limits of the HR format
(an employee in the directory always fits an HR document), the EDO id as exchange packages
expect it. All problems of one entry are reported together (InputErrors, each under its field);
each change is one transaction, an import stores every entry or none.
"""

from __future__ import annotations

from dataclasses import dataclass

from edo_app.documents import HrEmployee
from edo_app.model.identifiers import check_inn, normalize_snils
from edo_app.model.party import PersonName
from edo_app.model.problems import InputErrors, Problems, join_path
from edo_app.storage.database import Database
from edo_app.storage.employees import EmployeeEntry, EmployeeRepository, StoredEmployee
from edo_app.transport.package import check_participant_id

__all__ = ["EmployeeEntry", "EmployeeInput", "EmployeesService", "StoredEmployee", "check_employee"]


@dataclass(frozen=True, slots=True)
class EmployeeInput:
    """What the user typed for one employee; blanks around values are dropped, СНИЛС may have dashes."""

    employer_inn: str
    last_name: str
    first_name: str
    snils: str
    personnel_number: str
    position: str
    middle_name: str = ""
    department: str = ""
    edo_id: str = ""

    def cleaned(self) -> EmployeeInput:
        return EmployeeInput(self.employer_inn.strip(), self.last_name.strip(), self.first_name.strip(),
                             normalize_snils(self.snils.strip()), self.personnel_number.strip(), self.position.strip(),
                             self.middle_name.strip(), self.department.strip(), self.edo_id.strip())


def check_employee(value: EmployeeInput) -> list[tuple[str, str]]:
    """Every problem of the (cleaned) entry as (field, Russian message); empty when it may be stored."""
    problems = Problems()
    inn_problem = check_inn(value.employer_inn) if value.employer_inn else "укажите ИНН работодателя"
    if inn_problem:
        problems.add("employer_inn", inn_problem)
    name = problems.run("", lambda: PersonName(value.last_name, value.first_name, value.middle_name))
    if name is not None:
        problems.run("", lambda: HrEmployee(name, value.snils, value.personnel_number, value.position,
                                            value.department))
    if value.edo_id and (id_problem := check_participant_id(value.edo_id)):
        problems.add("edo_id", id_problem)
    return problems.items


def checked_entry(value: EmployeeInput, path: str = "") -> EmployeeEntry:
    """The entry to store, or InputErrors with every problem (under ``path``)."""
    clean = value.cleaned()
    problems = Problems()
    for field, message in check_employee(clean):
        problems.add(join_path(path, field), message)
    problems.raise_if_any()
    name = PersonName(clean.last_name, clean.first_name, clean.middle_name)
    return EmployeeEntry(clean.employer_inn, clean.personnel_number, clean.snils, name, clean.position,
                         clean.department, clean.edo_id)


class EmployeesService:
    def __init__(self, database: Database) -> None:
        self._repo = EmployeeRepository(database)

    def search(self, text: str = "", employer_inn: str | None = None) -> list[StoredEmployee]:
        """Employees whose ФИО, СНИЛС, табельный номер or position contains ``text``, by ФИО."""
        return self._repo.search(text.strip(), employer_inn)

    def get(self, employee_id: int) -> StoredEmployee:
        return self._repo.get(employee_id)

    def add(self, value: EmployeeInput) -> StoredEmployee:
        return self._repo.add(checked_entry(value))

    def update(self, employee_id: int, value: EmployeeInput) -> StoredEmployee:
        return self._repo.update(employee_id, checked_entry(value))

    def delete(self, employee_id: int) -> None:
        self._repo.delete(employee_id)

    def add_many(self, values: list[EmployeeInput]) -> list[StoredEmployee]:
        """An import: every entry is checked first; all are stored in one transaction, or none."""
        problems = Problems()
        entries = []
        for i, value in enumerate(values):
            try:
                entries.append(checked_entry(value, f"[{i}]"))
            except InputErrors as exc:
                problems.items.extend(exc.problems)
        problems.raise_if_any()
        return self._repo.add_many(entries)

    def employee_of(self, stored: StoredEmployee) -> HrEmployee:
        """The directory entry as the employee of an HR document."""
        e = stored.entry
        return HrEmployee(e.name, e.snils, e.personnel_number, e.position, e.department)

"""The counterparty directory as the front ends see it: list and search, add, edit, delete.

Every value is checked before anything is written: ИНН and КПП by their check digits and
form, the EDO participant id as the exchange packages expect it. All problems of one entry
are reported together (InputErrors, each under its field), and each change is one
transaction of the repository.
"""

from __future__ import annotations

from dataclasses import dataclass

from edo_app.model.identifiers import check_inn, check_kpp
from edo_app.model.problems import Problems
from edo_app.storage.counterparties import CounterpartyRepository
from edo_app.storage.database import Database
from edo_app.storage.records import Counterparty
from edo_app.transport.package import check_participant_id

__all__ = ["Counterparty", "CounterpartyInput", "CounterpartyService", "check_counterparty"]

LIST_LIMIT = 500


@dataclass(frozen=True, slots=True)
class CounterpartyInput:
    """What the user typed for one entry; blanks around values are dropped."""

    name: str
    inn: str
    kpp: str = ""
    edo_id: str = ""
    own: bool = False

    def cleaned(self) -> CounterpartyInput:
        return CounterpartyInput(self.name.strip(), self.inn.strip(), self.kpp.strip(), self.edo_id.strip(), self.own)


def check_counterparty(value: CounterpartyInput) -> list[tuple[str, str]]:
    """Every problem of the entry as (field, Russian message); empty when it may be stored."""
    problems = Problems()
    if not value.name:
        problems.add("name", "укажите наименование контрагента")
    inn_problem = check_inn(value.inn) if value.inn else "укажите ИНН"
    if inn_problem:
        problems.add("inn", inn_problem)
    if len(value.inn) == 10 and not value.kpp:
        problems.add("kpp", "у организации (ИНН из 10 цифр) укажите КПП")
    elif len(value.inn) == 12 and value.kpp:
        problems.add("kpp", "у физического лица и ИП (ИНН из 12 цифр) КПП не бывает")
    elif value.kpp and (kpp_problem := check_kpp(value.kpp)):
        problems.add("kpp", kpp_problem)
    if value.edo_id and (id_problem := check_participant_id(value.edo_id)):
        problems.add("edo_id", id_problem)
    return problems.items


def _checked(value: CounterpartyInput) -> CounterpartyInput:
    cleaned = value.cleaned()
    problems = Problems()
    problems.items.extend(check_counterparty(cleaned))
    problems.raise_if_any()
    return cleaned


class CounterpartyService:
    def __init__(self, database: Database) -> None:
        self._repo = CounterpartyRepository(database)

    def search(self, text: str = "", *, own: bool | None = None) -> list[Counterparty]:
        """Entries whose name, ИНН or КПП contains ``text``, by name (at most LIST_LIMIT)."""
        return self._repo.search(text.strip(), LIST_LIMIT, own=own)

    def own_organisations(self) -> list[Counterparty]:
        """The user's own organisations: the sellers the УПД editor offers."""
        return self.search(own=True)

    def get(self, counterparty_id: int) -> Counterparty:
        return self._repo.get(counterparty_id)

    def add(self, value: CounterpartyInput) -> Counterparty:
        """Store a new entry; InputErrors names every bad field, a duplicate ИНН + КПП is refused."""
        v = _checked(value)
        return self._repo.add(v.inn, v.kpp, v.name, v.edo_id, own=v.own)

    def update(self, counterparty_id: int, value: CounterpartyInput) -> Counterparty:
        v = _checked(value)
        return self._repo.update(counterparty_id, v.inn, v.kpp, v.name, v.edo_id, own=v.own)

    def delete(self, counterparty_id: int) -> None:
        self._repo.delete(counterparty_id)

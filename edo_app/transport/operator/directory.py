"""The operator's participant directory: who has a box, found by ИНН and КПП.

A participant is an organisation (ИНН 10 digits + КПП, its name) or an individual entrepreneur
(ИНН 12 digits, no КПП, the name is the ФИО: «Фамилия Имя [Отчество]»). The operator names both
sides in the ПДП/ПДО it signs: an organisation as ЮЛ, an ИП as ИП with its ФИО.
"""

from __future__ import annotations

from dataclasses import dataclass

from edo_app.errors import InputError
from edo_app.model import identifiers as ids
from edo_app.model.party import PersonName
from edo_app.transport.package import check_participant_id

__all__ = ["Participant"]


@dataclass(frozen=True)
class Participant:
    """One box: EDO participant id (2AE…), ИНН, КПП (organisations only) and the name or ФИО."""

    participant_id: str
    inn: str
    kpp: str
    name: str

    def __post_init__(self) -> None:
        problem = check_participant_id(self.participant_id)
        if problem:
            raise InputError(problem, "id")
        _require(ids.check_inn(self.inn), "inn")
        if self.is_entrepreneur:
            if self.kpp:
                raise InputError("КПП указывается только для организации: у ИП (ИНН из 12 цифр) его нет", "kpp")
        else:
            _require(ids.check_kpp(self.kpp) if self.kpp else "для организации обязателен КПП", "kpp")
        if not self.name.strip() or len(self.name) > 1000:
            raise InputError("наименование организации или ФИО ИП: от 1 до 1000 знаков", "name")
        if self.is_entrepreneur and self.person is None:
            raise InputError("для ИП укажите ФИО: фамилию, имя и (если есть) отчество через пробел", "name")

    @property
    def is_entrepreneur(self) -> bool:
        return len(self.inn) == 12

    @property
    def person(self) -> PersonName | None:
        """The ФИО of an ИП read from its name; None for an organisation or a name that is not a ФИО."""
        words = self.name.split()
        if not self.is_entrepreneur or not 2 <= len(words) <= 3:
            return None
        return PersonName(words[0], words[1], words[2] if len(words) == 3 else "")

    def as_dict(self) -> dict[str, str]:
        return {"id": self.participant_id, "inn": self.inn, "kpp": self.kpp, "name": self.name}


def _require(error: str | None, field: str) -> None:
    if error:
        raise InputError(error, field)

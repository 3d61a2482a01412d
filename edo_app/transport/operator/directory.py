"""The operator's participant directory: who has a box, found by ИНН and КПП.

A participant is an organisation (ИНН 10 + КПП): the operator signs ПДП/ПДО naming both sides,
and those documents need the КПП of an organisation. Entrepreneurs and persons (ИНН 12, ФИО)
are not registered yet (docs/operator.md, gaps).
"""

from __future__ import annotations

from dataclasses import dataclass

from edo_app.errors import InputError
from edo_app.model import identifiers as ids
from edo_app.transport.package import check_participant_id

__all__ = ["Participant"]


@dataclass(frozen=True)
class Participant:
    """One box: EDO participant id (2AE…), ИНН, КПП and the organisation's name."""

    participant_id: str
    inn: str
    kpp: str
    name: str

    def __post_init__(self) -> None:
        problem = check_participant_id(self.participant_id)
        if problem:
            raise InputError(problem, "id")
        for field, error in (("inn", ids.check_inn_le(self.inn)), ("kpp", ids.check_kpp(self.kpp))):
            if error:
                raise InputError(error, field)
        if not self.name.strip() or len(self.name) > 1000:
            raise InputError("наименование организации: от 1 до 1000 знаков", "name")

    def as_dict(self) -> dict[str, str]:
        return {"id": self.participant_id, "inn": self.inn, "kpp": self.kpp, "name": self.name}

"""Participants of a document: organisations, entrepreneurs and persons."""

from __future__ import annotations

from dataclasses import dataclass

from edo_app.errors import InputError
from edo_app.model import identifiers as ids


@dataclass(frozen=True, slots=True)
class PersonName:
    last: str
    first: str
    middle: str = ""

    def __post_init__(self) -> None:
        if not self.last.strip() or not self.first.strip():
            raise InputError("фамилия и имя обязательны", "name")

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.last, self.first, self.middle) if p)


@dataclass(frozen=True, slots=True)
class Party:
    """An organisation (ИНН 10 + КПП), an ИП (ИНН 12 + ОГРНИП) or a person (ИНН 12).

    Construction checks the identifiers' check digits, so a Party in hand is well-formed.
    """

    name: str
    inn: str
    kpp: str = ""
    ogrn: str = ""
    person: PersonName | None = None  # for ИП and persons: the ФИО
    edo_id: str = ""  # the participant id at the EDO operator, e.g. 2AE...

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InputError("наименование обязательно", "name")
        _require(ids.check_inn(self.inn), "inn")
        if self.is_organisation:
            if not self.kpp:
                raise InputError("для организации обязателен КПП", "kpp")
            _require(ids.check_kpp(self.kpp), "kpp")
        elif self.kpp:
            raise InputError("КПП указывается только для организаций", "kpp")
        if self.ogrn:
            _require(ids.check_ogrn(self.ogrn), "ogrn")

    @property
    def is_organisation(self) -> bool:
        return len(self.inn) == 10

    @property
    def is_entrepreneur(self) -> bool:
        return len(self.inn) == 12 and len(self.ogrn) == 15


def _require(error: str | None, field: str) -> None:
    if error:
        raise InputError(error, field)

"""Signing a document under an МЧД: pure helpers for the registry service and for putting
an МЧД reference (СвДоверЭл) into a document. (Whether a certificate is the representative's
or the principal's is poa.checks_match's business.)

A person is the same person when every identifier both sides state (ИНН ФЛ, СНИЛС) agrees,
at least one of them is stated on both sides, and the ФИО agree when both give one
(compared ignoring case, «ё» and extra spaces). A name alone never identifies anyone.
"""

from __future__ import annotations

from edo_app.errors import PoaError

from .checks_match import normalize
from .fields import snils_digits
from .model import PersonIdentity, PowerOfAttorney
from .parties import Entrepreneur, LegalEntity, Organisation, Person

URL_PREFIXES = ("https://", "http://")
SYSTEM_ID_LENGTH = 500  # ИдСистХран / УРЛСист in the УПД 5.03 schema


def same_person(expected: PersonIdentity, actual: PersonIdentity) -> bool:
    """True when the two descriptions name one person (see the module doc)."""
    pairs = [(a, b) for a, b in ((expected.inn, actual.inn), (expected.snils, actual.snils)) if a and b]
    if not pairs or any(a != b for a, b in pairs):
        return False
    names = normalize(expected.full_name), normalize(actual.full_name)
    return not all(names) or names[0] == names[1]


def _person_identity(person: Person) -> PersonIdentity:
    return PersonIdentity(person.full_name, person.inn, snils_digits(person.snils) if person.snils else "")


def representative_person(poa: PowerOfAttorney, signer: PersonIdentity | None = None) -> Person:
    """The representative who signs: the one matching ``signer``, or the first person when
    ``signer`` is None. PoaError when no representative (ФЛ or ИП) fits."""
    people = [rep.person if isinstance(rep, Entrepreneur) else rep for rep in poa.representatives]
    persons = [person for person in people if isinstance(person, Person)]
    if signer is None:
        if not persons:
            raise PoaError("В доверенности нет представителя — физического лица или ИП")
        return persons[0]
    for person in persons:
        if same_person(_person_identity(person), signer):
            return person
    raise PoaError(f"«{signer.full_name or signer.inn or signer.snils}» не является представителем "
                   f"по доверенности № {poa.number}")


def principal_name(poa: PowerOfAttorney) -> str:
    """The name of the party documents are signed for (the original principal of a re-delegation)."""
    who: object = poa.principals[0]
    if poa.redelegation is not None and poa.redelegation.original.principals:
        who = poa.redelegation.original.principals[0]
    if isinstance(who, LegalEntity):
        return who.org.name
    if isinstance(who, Entrepreneur):
        return who.title or f"ИП {who.person.full_name}"
    if isinstance(who, Organisation):
        return who.name
    return who.full_name if isinstance(who, Person) else ""


def storage_reference(poa: PowerOfAttorney) -> tuple[str, str]:
    """(ИдСистХран, УРЛСист) for a document's СвДоверЭл: the МЧД's СведСист — the system
    where it and its revocation are looked up — and the same text as URL when it is one."""
    system = poa.system.strip()
    if len(system) > SYSTEM_ID_LENGTH:
        raise PoaError(f"Сведения о системе хранения МЧД длиннее {SYSTEM_ID_LENGTH} знаков: "
                       "в документ (ИдСистХран) их не записать")
    url = system if system.lower().startswith(URL_PREFIXES) else ""
    return system, url

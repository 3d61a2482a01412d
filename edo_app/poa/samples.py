"""Realistic fictional МЧД for tests, demos and benchmarks.

Everything comes from ``seed`` through one random.Random, so the same arguments always
give the same МЧД. People and companies are invented; their ИНН, КПП, ОГРН(ИП) and СНИЛС
carry correct check digits.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from typing import Literal

from edo_app.model.identifiers import format_snils, make_inn_le, make_inn_person, make_ogrn, make_ogrnip, make_snils
from edo_app.model.party import PersonName

from .model import CHECK_STATUS_URL, REDELEGATE_FURTHER, ParentRef, Power, PowerOfAttorney, Powers, Redelegation
from .parties import PASSPORT_RF, Entrepreneur, IdentityDoc, LegalEntity, Organisation, ParentPrincipal, Person

# Illustrative classifier-style powers for samples. The codes are NOT verified against the
# official classifier of powers (ЕСНСИ); see docs/poa-input.md.
SAMPLE_POWERS = (
    Power("SAMPLE.001", "Подписание счетов-фактур и универсальных передаточных документов"),
    Power("SAMPLE.002", "Подписание актов сверки взаимных расчётов"),
)
SAMPLE_TEXT = "Подписывать от имени доверителя счета-фактуры, УПД и иные первичные учётные документы в системе ЭДО"
SAMPLE_DAY = date(2025, 3, 3)
_LAST = (("Кузнечиков", "Кузнечикова"), ("Скворцов", "Скворцова"), ("Чижов", "Чижова"), ("Щеглов", "Щеглова"))
_FIRST = (("Аркадий", "Алёна"), ("Фёдор", "Варвара"), ("Лев", "Злата"), ("Савелий", "Ульяна"))
_MIDDLE = (("Игнатьевич", "Игнатьевна"), ("Романович", "Романовна"), ("Захарович", "Захаровна"))
_COMPANIES = ("Берёзовая роща", "Тихая гавань", "Серебряный ключ", "Северное сияние", "Зелёный мыс")
_REGIONS = ("77", "78", "50", "66", "16")


def _digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(count))


def _person(rng: random.Random, region: str, position: str = "", *, passport: bool = False) -> Person:
    sex = rng.randint(0, 1)
    name = PersonName(rng.choice(_LAST)[sex], rng.choice(_FIRST)[sex], rng.choice(_MIDDLE)[sex])
    birth = date(1965, 1, 1) + timedelta(days=rng.randint(0, 12000))
    doc = None
    if passport:  # a fictional series/number and a code of an invented subdivision
        doc = IdentityDoc(PASSPORT_RF, f"{region}{rng.randint(10, 24)} {_digits(rng, 6)}",
                          birth + timedelta(days=365 * 20), "Отделом по вопросам миграции (вымышленным)",
                          f"{region}0-{_digits(rng, 3)}")
    return Person(name, make_inn_person(rng, region), format_snils(make_snils(rng)), position, birth, doc)


def _organisation(rng: random.Random, region: str) -> Organisation:
    inn = make_inn_le(rng, region)
    name = f"ООО «{rng.choice(_COMPANIES)}-{rng.randint(1, 99)}»"
    return Organisation(name, inn, inn[:4] + "01001", make_ogrn(rng, region))


def _entrepreneur(rng: random.Random, region: str) -> Entrepreneur:
    person = _person(rng, region)
    return Entrepreneur(person, make_ogrnip(rng, region), f"ИП {person.full_name}")


def _guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _parent_ref(parent: PowerOfAttorney) -> ParentRef:
    principals: list[ParentPrincipal] = []
    for who in parent.principals:
        principals.append(who.org if isinstance(who, LegalEntity) else who)
    return ParentRef(parent.issued, parent.valid_to, parent.number, parent.internal_number, tuple(principals))


def _redelegation(parent: PowerOfAttorney) -> Redelegation:
    """The original МЧД and, when ``parent`` is itself a re-delegation, ``parent`` as the link."""
    if parent.redelegation is None:
        return Redelegation(_parent_ref(parent))
    via = ParentRef(parent.issued, parent.valid_to, parent.number, parent.internal_number)
    return Redelegation(parent.redelegation.original, via)


def sample_poa(
    seed: int = 0, *, principal: Literal["ul", "ip", "fl"] = "ul", representative: Literal["fl", "ul", "ip"] = "fl",
    redelegation_of: PowerOfAttorney | None = None, valid_from: date | None = None, valid_to: date | None = None,
    powers: Powers | None = None,
) -> PowerOfAttorney:
    """A valid МЧД: a ЮЛ (or ИП, or ФЛ) empowers a person to sign УПД and invoices.

    With ``redelegation_of`` it re-delegates that МЧД: its representatives pass the powers on.
    """
    rng = random.Random(seed)
    region = rng.choice(_REGIONS)
    issued = valid_from or (redelegation_of.issued if redelegation_of else SAMPLE_DAY + timedelta(days=seed % 200))
    until = valid_to or (redelegation_of.valid_to if redelegation_of else issued + timedelta(days=364))
    number = _guid(rng)
    rep = _sample_representative(rng, region, representative)
    common = {"number": number, "internal_number": f"Д-{seed + 1:04d}/{issued:%Y}", "issued": issued,
              "valid_to": until, "system": CHECK_STATUS_URL + number, "representatives": (rep,),
              "powers": powers or Powers(SAMPLE_TEXT, SAMPLE_POWERS), "redelegation_right": REDELEGATE_FURTHER}
    if redelegation_of is not None:
        return PowerOfAttorney(principals=_grantors(redelegation_of), redelegation=_redelegation(redelegation_of),
                               **common)  # type: ignore[arg-type]
    return PowerOfAttorney(principals=(_sample_principal(rng, region, principal),), **common)  # type: ignore[arg-type]


def _sample_principal(rng: random.Random, region: str, kind: str) -> LegalEntity | Entrepreneur | Person:
    if kind == "ip":
        return _entrepreneur(rng, region)
    if kind == "fl":
        return _person(rng, region, passport=True)
    return LegalEntity(_organisation(rng, region), (_person(rng, region, "Генеральный директор"),))


def _sample_representative(rng: random.Random, region: str, kind: str) -> Organisation | Entrepreneur | Person:
    if kind == "ul":
        return _organisation(rng, region)
    if kind == "ip":
        return _entrepreneur(rng, region)
    return _person(rng, region, "Главный бухгалтер", passport=rng.random() < 0.5)


def _grantors(parent: PowerOfAttorney) -> tuple[LegalEntity | Entrepreneur | Person, ...]:
    """Who passes the powers on: the parent's representatives (an organisation acts through
    a head, which the sample invents)."""
    found: list[LegalEntity | Entrepreneur | Person] = []
    for rep in parent.representatives:
        if isinstance(rep, Organisation):
            head = _person(random.Random(rep.inn), rep.inn[:2], "Директор")
            found.append(LegalEntity(rep, (head,)))
        elif isinstance(rep, Person):
            found.append(Person(rep.name, rep.inn, rep.snils, "", rep.birth_date, rep.id_doc))
        else:
            found.append(rep)
    return tuple(found)

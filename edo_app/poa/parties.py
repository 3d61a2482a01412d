"""Who appears in an МЧД: persons, organisations, entrepreneurs, and a principal ЮЛ with
the people who act for it without a power of attorney.

Field names are English; the EMCHD_1 names are in the comments. Every type checks its
values on construction (lengths, codes, check digits of ИНН/КПП/ОГРН/СНИЛС).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from edo_app.errors import InputError
from edo_app.model.fields import need_code, need_digits, need_text
from edo_app.model.party import PersonName

from .fields import need_date, need_inn_org, need_inn_person, need_kpp, need_ogrn, need_snils

PASSPORT_RF = "21"  # КодВидДок of the passport of a citizen of Russia (справочник СПДУЛ)
HEAD_AUTHORITY_CODES = ("1", "2")  # ЛицоБезДов/@ПолнЮЛ


def need_person_name(name: PersonName, field: str) -> None:
    if not isinstance(name, PersonName):
        raise InputError("ожидается ФИО", field)
    need_text(name.last, f"{field}.last", 200)
    need_text(name.first, f"{field}.first", 200)
    need_text(name.middle, f"{field}.middle", 200, required=False)


@dataclass(frozen=True, slots=True)
class IdentityDoc:
    """УдЛичнФЛ: the identity document of a person (fictional data only in fixtures)."""

    kind: str  # КодВидДок, 2 digits (21 — паспорт гражданина РФ)
    series_number: str  # СерНомДок
    issued: date  # ДатаДок
    issuer: str = ""  # ВыдДок
    issuer_code: str = ""  # КодВыдДок, 7 знаков (770-001)

    def __post_init__(self) -> None:
        need_digits(self.kind, "kind", 2)
        need_text(self.series_number, "series_number", 25)
        need_date(self.issued, "issued")
        need_text(self.issuer, "issuer", 4000, required=False)
        if self.issuer_code and len(self.issuer_code) != 7:
            raise InputError(f"«{self.issuer_code}»: код подразделения — 7 знаков (770-001)", "issuer_code")


@dataclass(frozen=True, slots=True)
class Person:
    """A person (СвФЛТип / СведФЛТип): a representative, a head of a ЮЛ or a principal."""

    name: PersonName  # ФИО
    inn: str = ""  # ИННФЛ, 12 digits
    snils: str = ""  # СНИЛС, 123-456-789 01
    position: str = ""  # Должность
    birth_date: date | None = None  # ДатаРожд
    id_doc: IdentityDoc | None = None  # УдЛичнФЛ

    def __post_init__(self) -> None:
        need_person_name(self.name, "name")
        need_inn_person(self.inn, "inn", required=False)
        need_snils(self.snils, "snils", required=False)
        need_text(self.position, "position", 255, required=False)
        need_date(self.birth_date, "birth_date", required=False)
        if self.id_doc is not None and not isinstance(self.id_doc, IdentityDoc):
            raise InputError("ожидаются сведения о документе", "id_doc")

    @property
    def full_name(self) -> str:
        return self.name.full


@dataclass(frozen=True, slots=True)
class Organisation:
    """A Russian organisation (СвОргТип). ИНН is required here although the schema makes it
    optional: without it nobody can match the organisation to a document's party."""

    name: str  # НаимОрг
    inn: str  # ИННЮЛ
    kpp: str  # КПП
    ogrn: str = ""  # ОГРН, 13 digits

    def __post_init__(self) -> None:
        need_text(self.name, "name", 1000)
        need_inn_org(self.inn, "inn")
        need_kpp(self.kpp, "kpp")
        need_ogrn(self.ogrn, "ogrn", 13, required=False)


@dataclass(frozen=True, slots=True)
class Entrepreneur:
    """An individual entrepreneur (СведИПТип): ИНН, СНИЛС and ОГРНИП are all required."""

    person: Person  # СведФЛ + ИННФЛ + СНИЛС
    ogrnip: str  # ОГРНИП, 15 digits
    title: str = ""  # НаимИП

    def __post_init__(self) -> None:
        if not isinstance(self.person, Person):
            raise InputError("ожидаются сведения о физическом лице", "person")
        if not self.person.inn:
            raise InputError("для ИП обязателен ИНН", "person.inn")
        if not self.person.snils:
            raise InputError("для ИП обязателен СНИЛС", "person.snils")
        if self.person.position:
            raise InputError("для ИП должность не указывается", "person.position")
        need_ogrn(self.ogrnip, "ogrnip", 15)
        need_text(self.title, "title", 1000, required=False)

    @property
    def inn(self) -> str:
        return self.person.inn


@dataclass(frozen=True, slots=True)
class LegalEntity:
    """A principal ЮЛ (РосОргДоверТип) with the persons acting for it without a power of
    attorney (ЛицоБезДов/СвФЛ, usually the director). A managing company or an ИП as the
    sole executive body (СВЮЛ, СвИП) is not supported yet."""

    org: Organisation  # СвРосОрг
    heads: tuple[Person, ...]  # ЛицоБезДов/СвФЛ
    head_authority: str = "1"  # ЛицоБезДов/@ПолнЮЛ, the same for every head

    def __post_init__(self) -> None:
        if not isinstance(self.org, Organisation):
            raise InputError("ожидаются сведения об организации", "org")
        if not self.heads:
            raise InputError("укажите лицо, действующее от имени организации без доверенности", "heads")
        need_code(self.head_authority, "head_authority", HEAD_AUTHORITY_CODES)

    @property
    def inn(self) -> str:
        return self.org.inn


Principal = LegalEntity | Entrepreneur | Person  # Доверит (ТипДоверит 1, 3, 4)
Representative = Organisation | Entrepreneur | Person  # Пред (ТипПред 1, 2, 3)
ParentPrincipal = Organisation | Entrepreneur | Person  # ДоверитПерв of a referenced МЧД


def check_principal_person(person: Person, field: str) -> None:
    """ФЛДоверТип / ФЛПерПолн: СНИЛС required, no position."""
    if not person.snils:
        raise InputError("для физического лица-доверителя обязателен СНИЛС", f"{field}.snils")
    if person.position:
        raise InputError("для физического лица-доверителя должность не указывается", f"{field}.position")

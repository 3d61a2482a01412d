"""The header every HR document shares (edo-app's own format HR, see docs/formats/hr.md):
the employer (an organisation: name, ИНН, КПП, ОГРН; or, since HR 1.01, an individual
entrepreneur: ФИО, ИНН, ОГРНИП), the employee (ФИО, СНИЛС, табельный номер, должность,
подразделение), who signs, and a reference to another HR document.

Every type checks itself on construction against the limits of the schema xsd/hr-1.01/hr.xsd
and the check digits of ИНН, КПП, ОГРН, ОГРНИП and СНИЛС, so a value in hand serialises to valid XML.
Errors name the field inside the type; builders put the outer path in front.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from edo_app.errors import InputError
from edo_app.model import identifiers as ids
from edo_app.model.fields import need_text
from edo_app.model.fileid import FileId
from edo_app.model.party import PersonName

from .upd_model import PROGRAM
from .upd_types import entrepreneur_name, need_date, need_moment, need_name

HR_VERSION = "1.01"  # what the builder writes
HR_VERSIONS = ("1.00", "1.01")  # what the reader accepts: 1.00 knows only an organisation employer
EMPLOYEE = "Работник"  # Подписант/@Роль: the employee signs statements and acknowledgements
EMPLOYER = "Работодатель"  # the employer's representative signs notices and orders
ROLES = (EMPLOYEE, EMPLOYER)
ENTREPRENEUR_POSITION = "Индивидуальный предприниматель"  # how an ИП signs his own orders


def need_check(error: str | None, field: str) -> None:
    if error:
        raise InputError(error, field)


def need_day(value: date | None, field: str) -> None:
    """A required date of the schema's ДатаТип (1900–2099)."""
    if value is None:
        raise InputError("обязательное поле не заполнено", field)
    need_date(value, field)


def need_ogrn(value: str, length: int, title: str, field: str) -> None:
    """An ОГРН (13 digits) or ОГРНИП (15 digits) of exactly ``length`` digits with its check digit."""
    if len(value) != length:
        raise InputError(f"{title} «{value}» должен состоять из {length} цифр", field)
    need_check(ids.check_ogrn(value), field)


@dataclass(frozen=True, slots=True)
class HrOrganisation:
    """An employer that is an organisation (ЮЛ): name, ИНН of 10 digits, КПП, ОГРН of 13."""

    name: str
    inn: str
    kpp: str
    ogrn: str

    def __post_init__(self) -> None:
        need_text(self.name, "name", 1000)
        need_check(ids.check_inn_le(self.inn), "inn")
        need_check(ids.check_kpp(self.kpp), "kpp")
        need_ogrn(self.ogrn, 13, "ОГРН организации", "ogrn")

    @property
    def requisites(self) -> str:
        return f"ИНН {self.inn}, КПП {self.kpp}, ОГРН {self.ogrn}"


@dataclass(frozen=True, slots=True)
class HrEntrepreneur:
    """An employer that is an individual entrepreneur (ИП): his ФИО, ИНН of 12 digits, ОГРНИП of 15.
    An ИП has no one above him: he signs his orders and notices himself (``signer``)."""

    person: PersonName
    inn: str
    ogrnip: str

    def __post_init__(self) -> None:
        need_name(self.person, "person")
        need_check(ids.check_inn_person(self.inn), "inn")
        need_ogrn(self.ogrnip, 15, "ОГРНИП", "ogrnip")

    @property
    def name(self) -> str:
        return entrepreneur_name(self.person)

    @property
    def requisites(self) -> str:
        return f"ИНН {self.inn}, ОГРНИП {self.ogrnip}"

    @property
    def signer(self) -> HrSigner:
        return HrSigner(self.person, EMPLOYER, ENTREPRENEUR_POSITION)


HrEmployer = HrOrganisation | HrEntrepreneur


@dataclass(frozen=True, slots=True)
class HrEmployee:
    """The employee; ``snils`` is 11 digits (``normalize_snils`` of what the user typed)."""

    name: PersonName
    snils: str
    personnel_number: str
    position: str
    department: str = ""

    def __post_init__(self) -> None:
        need_name(self.name, "name")
        if self.snils != ids.normalize_snils(self.snils):
            raise InputError("СНИЛС хранится 11 цифрами без дефисов и пробелов", "snils")
        need_check(ids.check_snils(self.snils), "snils")
        need_text(self.personnel_number, "personnel_number", 50)
        need_text(self.position, "position", 255)
        need_text(self.department, "department", 255, required=False)


@dataclass(frozen=True, slots=True)
class HrSigner:
    """Who signs: the employee himself (role EMPLOYEE) or the employer's representative."""

    name: PersonName
    role: str
    position: str = ""

    def __post_init__(self) -> None:
        need_name(self.name, "name")
        if self.role not in ROLES:
            raise InputError(f"«{self.role}»: допустимые роли {', '.join(ROLES)}", "role")
        need_text(self.position, "position", 255, required=self.role == EMPLOYER)


@dataclass(frozen=True, slots=True)
class HrDocRef:
    """Another HR document: the statement an order is based on, the order acknowledged."""

    kind: str  # a key of hr_model.KINDS (the answered document's ВидДок)
    number: str
    date: date
    file_id: str

    def __post_init__(self) -> None:
        need_text(self.kind, "kind", 20)
        need_text(self.number, "number", 100)
        need_day(self.date, "date")
        need_text(self.file_id, "file_id", 255)


@dataclass(frozen=True, slots=True)
class HrHead:
    """What every HR document carries besides its body."""

    file_id: FileId
    number: str
    doc_date: date
    created: datetime
    employer: HrEmployer
    employee: HrEmployee
    signers: tuple[HrSigner, ...]
    program: str = PROGRAM

    def __post_init__(self) -> None:
        need_text(self.number, "number", 100)
        need_day(self.doc_date, "doc_date")
        need_moment(self.created, "created")
        need_text(self.program, "program", 100)
        if not self.signers:
            raise InputError("нужен хотя бы один подписант", "signers")
        if self.created.date() < self.doc_date:
            raise InputError(f"файл не может быть сформирован ({self.created:%d.%m.%Y}) раньше даты документа "
                             f"({self.doc_date:%d.%m.%Y})", "created")

"""Value types shared by both УПД 5.03 titles: addresses, participants, document references,
signers and their powers of attorney.

Every type checks itself on construction against the limits of the official schema
(lengths, enumerations, date range), so a value in hand always serialises to valid XML.
Errors name the field inside the type (``inn``, ``address.text``); builders put the outer
path in front (``seller.address.text``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import partial

from edo_app.errors import InputError
from edo_app.model import fields
from edo_app.model.fields import need_digits, need_text
from edo_app.model.party import Party, PersonName

SAME_AS_SELLER = "он же"
# The format's ДатаТип knows years 1900–2099; a date of an optional element may be absent.
need_date = partial(fields.need_date, last_year=2099, required=False)


def need_moment(value: datetime, field: str) -> None:
    """Times are written to the second, without a zone (ЧЧ.ММ.СС)."""
    if not isinstance(value, datetime):
        raise InputError("ожидаются дата и время", field)
    if value.tzinfo is not None:
        raise InputError("укажите местное время без часового пояса", field)
    if value.microsecond:
        raise InputError("время указывается с точностью до секунды", field)
    need_date(value.date(), field)


def need_name(name: PersonName, field: str) -> None:
    for part, value in (("last", name.last), ("first", name.first), ("middle", name.middle)):
        need_text(value, f"{field}.{part}", 60, required=part != "middle")


@dataclass(frozen=True, slots=True)
class Address:
    """An address: free text (АдрИнф, any country) or structured Russian (АдрРФ, when
    ``region_code`` is set). The official ГАР form (АдрГАР) is not supported yet."""

    text: str = ""
    country_code: str = "643"
    country_name: str = "Россия"
    region_code: str = ""
    region_name: str = ""
    postal_code: str = ""
    district: str = ""
    city: str = ""
    locality: str = ""
    street: str = ""
    house: str = ""
    building: str = ""
    flat: str = ""

    def __post_init__(self) -> None:
        if self.is_russian_structured:
            need_digits(self.region_code, "region_code", (2,))
            need_text(self.region_name, "region_name", 51)
            need_digits(self.postal_code, "postal_code", (6,), required=False)
            for field in ("district", "city", "locality", "street"):
                need_text(getattr(self, field), field, 255, required=False)
            for field in ("house", "building", "flat"):
                need_text(getattr(self, field), field, 50, required=False)
            need_text(self.text, "text", 1000, required=False)
            return
        need_text(self.text, "text", 1000)
        need_digits(self.country_code, "country_code", (3,))
        need_text(self.country_name, "country_name", 255)

    @property
    def is_russian_structured(self) -> bool:
        return bool(self.region_code)


@dataclass(frozen=True, slots=True)
class ForeignParty:
    """A foreign organisation or person not registered with the Russian tax service (СвИнНеУч)."""

    name: str
    country_code: str
    country_name: str
    is_person: bool = False  # ИдСтат ИГ (гражданин) instead of ИО (организация)
    identifier: str = ""
    other: str = ""

    def __post_init__(self) -> None:
        need_text(self.name, "name", 1000)
        need_digits(self.country_code, "country_code", (3,))
        need_text(self.country_name, "country_name", 255)
        need_text(self.identifier, "identifier", 255, required=False)
        need_text(self.other, "other", 255, required=False)
        if not self.identifier and not self.other:
            raise InputError("для иностранного лица укажите идентификатор или иные сведения", "identifier")


def entrepreneur_name(person: PersonName) -> str:
    """How an ИП is named when the document carries only the ФИО."""
    return f"ИП {person.full}"


@dataclass(frozen=True, slots=True)
class Participant:
    """A seller, buyer, shipper or consignee (УчастникТип): who it is and where.

    ``party`` is a Russian organisation (ИНН 10 + КПП), an ИП (ИНН 12 + ОГРНИП + ФИО), a
    person (ИНН 12 + ФИО), or a ForeignParty. The party is normalised to what the format
    carries (see ``_as_carried``): ИП/person names become «ИП <ФИО>» / «<ФИО>», and an
    organisation's ОГРН and the operator id are dropped.
    """

    party: Party | ForeignParty
    address: Address | None = None
    okpo: str = ""
    department: str = ""  # СтруктПодр
    short_name: str = ""  # СокрНаим

    def __post_init__(self) -> None:
        party = self.party
        if isinstance(party, Party):
            _check_russian_party(party)
            carried = _as_carried(party)
            if carried != party:
                object.__setattr__(self, "party", carried)
        need_digits(self.okpo, "okpo", (8, 10), required=False)
        need_text(self.department, "department", 500, required=False)
        need_text(self.short_name, "short_name", 510, required=False)

    @property
    def name(self) -> str:
        return self.party.name


def _as_carried(party: Party) -> Party:
    """The party as the document can hold it: 5.03 has no ОГРН of an organisation and no
    operator id in СвЮЛУч, and an ИП/person is known by the ФИО only. Keeping anything else
    would make a parsed document differ from the one that was built."""
    if party.is_organisation:
        return replace(party, ogrn="", person=None, edo_id="")
    assert party.person is not None
    name = entrepreneur_name(party.person) if party.ogrn else party.person.full
    return replace(party, name=name, edo_id="")


def _check_russian_party(party: Party) -> None:
    # The schema's ИНН/КПП patterns refuse a leading "00" that the check digits alone allow.
    for field, value in (("inn", party.inn), ("kpp", party.kpp)):
        if value.startswith("00"):
            raise InputError(f"«{value}» не может начинаться с 00", field)
    if party.is_organisation:
        need_text(party.name, "name", 1000)
        if party.ogrn and len(party.ogrn) != 13:
            raise InputError("у организации ОГРН из 13 цифр", "ogrn")
        return
    if party.person is None:
        raise InputError("для ИП и физического лица укажите ФИО", "person")
    need_name(party.person, "person")
    if party.ogrn and len(party.ogrn) != 15:
        raise InputError("у индивидуального предпринимателя ОГРНИП из 15 цифр", "ogrn")


@dataclass(frozen=True, slots=True)
class DocRef:
    """Requisites of a document (РеквДокТип): name, number, date, optionally its file id."""

    name: str
    number: str
    date: date
    file_id: str = ""
    extra: str = ""  # РеквДопСведДок

    def __post_init__(self) -> None:
        need_text(self.name, "name", 255)
        need_text(self.number, "number", 255)
        need_date(self.date, "date")
        need_text(self.file_id, "file_id", 255, required=False)
        need_text(self.extra, "extra", 2000, required=False)


@dataclass(frozen=True, slots=True)
class Employee:
    """An employee of a party who handed over or accepted the goods (РабОргПрод / РабОргПок)."""

    name: PersonName
    position: str
    other: str = ""

    def __post_init__(self) -> None:
        need_name(self.name, "name")
        need_text(self.position, "position", 255)
        need_text(self.other, "other", 255, required=False)


@dataclass(frozen=True, slots=True)
class PoaRef:
    """An electronic power of attorney (МЧД) the signer acts under (СвДоверЭл)."""

    number: str  # the МЧД's GUID, 36 characters
    issued: date
    system_id: str  # ИдСистХран: where the МЧД is stored
    internal_number: str = ""
    registered: date | None = None
    url: str = ""

    def __post_init__(self) -> None:
        if len(self.number) != 36:
            raise InputError("номер МЧД — идентификатор из 36 знаков", "number")
        need_date(self.issued, "issued")
        need_text(self.system_id, "system_id", 500)
        need_text(self.internal_number, "internal_number", 50, required=False)
        need_date(self.registered, "registered")
        need_text(self.url, "url", 500, required=False)


@dataclass(frozen=True, slots=True)
class PaperPoa:
    """A paper power of attorney (СвДоверБум)."""

    issued: date
    internal_number: str
    issuer: str = ""  # СвИдДовер

    def __post_init__(self) -> None:
        need_date(self.issued, "issued")
        need_text(self.internal_number, "internal_number", 50)
        need_text(self.issuer, "issuer", 1000, required=False)


AUTHORITY_METHODS = (1, 2, 3, 4, 5, 6)


@dataclass(frozen=True, slots=True)
class Signer:
    """A person signing the title (Подписант).

    ``authority`` is СпосПодтПолном 1..6. The schema ties two values to data: 3 — an МЧД
    (``poa`` required, forbidden otherwise), 5 — a paper power of attorney (``paper_poa``,
    likewise); 1 is the usual «from the signature certificate». The other values are
    defined by the order ЕД-7-26/970@, not by the schema.
    """

    name: PersonName
    position: str = ""
    authority: int = 1
    signer_type: str = ""  # ТипПодпис 1|2|3
    signed_on: date | None = None
    extra: str = ""
    poa: tuple[PoaRef, ...] = ()
    paper_poa: tuple[PaperPoa, ...] = ()

    def __post_init__(self) -> None:
        need_name(self.name, "name")
        need_text(self.position, "position", 255, required=False)
        need_text(self.extra, "extra", 255, required=False)
        need_date(self.signed_on, "signed_on")
        if self.signer_type not in ("", "1", "2", "3"):
            raise InputError("тип подписанта: 1, 2 или 3", "signer_type")
        if self.authority not in AUTHORITY_METHODS:
            raise InputError("способ подтверждения полномочий: число от 1 до 6", "authority")
        if (self.authority == 3) != bool(self.poa):
            raise InputError("сведения о МЧД указываются тогда и только тогда, когда способ 3", "poa")
        if (self.authority == 5) != bool(self.paper_poa):
            raise InputError("сведения о бумажной доверенности — тогда и только тогда, когда способ 5", "paper_poa")


def format_date(value: date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def format_time(value: datetime) -> str:
    return f"{value.hour:02d}.{value.minute:02d}.{value.second:02d}"


def parse_time(day: date, text: str, field: str) -> datetime:
    parts = text.strip().split(".")
    try:
        hour, minute, second = (int(p) for p in parts)
        return datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        raise InputError(f"«{text}» не является временем ЧЧ.ММ.СС", field) from None

"""The EMCHD_1 power of attorney (МЧД): a direct one (Довер) or a re-delegation (Передов).

One ``PowerOfAttorney`` covers both: for a re-delegation ``redelegation`` names the
original МЧД (and the intermediate one, if any), ``principals`` are the persons passing
the powers on (СвПередПолн) and ``representatives`` those receiving them (СвПолучПолн).
Codes whose meaning the schema does not spell out are kept as the raw code strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from edo_app.errors import InputError, PoaError
from edo_app.model.fields import need_code, need_digits, need_text

from .fields import need_date, need_guid, snils_digits
from .parties import (
    Entrepreneur,
    LegalEntity,
    Organisation,
    ParentPrincipal,
    Person,
    Principal,
    Representative,
    check_principal_person,
)

FORMAT_VERSION = "EMCHD_1"
NAMESPACE = "urn://x-artefacts/EMCHD_1"
FILE_PREFIX = "ON_EMCHD"
# The ФНС registry page where anyone can check an МЧД by its number (the usual СведСист).
CHECK_STATUS_URL = "https://m4d.nalog.gov.ru/emchd/check-status?guid="
NO_REDELEGATION, REDELEGATE_ONCE, REDELEGATE_FURTHER = "1", "2", "3"  # СвДов/@ПрПередов
_FLAGS = re.compile(r"^[01]{8}$")


def moscow_zone() -> tzinfo:
    """Europe/Moscow from the tz database, or a fixed UTC+3 where it is not installed."""
    try:
        return ZoneInfo("Europe/Moscow")
    except ZoneInfoNotFoundError:
        return timezone(timedelta(hours=3), "MSK")


def default_file_id(number: str, issued: date) -> str:
    """ИдФайл as operators name МЧД files: ON_EMCHD_<YYYYMMDD>_<НомДовер>."""
    return f"{FILE_PREFIX}_{issued:%Y%m%d}_{number}"


@dataclass(frozen=True, slots=True)
class Power:
    """One machine-readable power (МашПолн) from the classifier of powers."""

    code: str  # КодПолн, 6–255 знаков
    name: str  # НаимПолн
    mnemonic: str = ""  # МнПолн, 6–255 знаков

    def __post_init__(self) -> None:
        need_text(self.code, "code", 255, min_len=6)
        need_text(self.name, "name", 255)
        need_text(self.mnemonic, "mnemonic", 255, required=False, min_len=6)


@dataclass(frozen=True, slots=True)
class Powers:
    """СвПолн: free text (ТекстПолн) and/or classifier powers (МашПолн). ТипПолн is derived:
    1 when there are classifier powers, 0 for text only."""

    text: str = ""  # ТекстПолн
    codes: tuple[Power, ...] = ()  # МашПолн
    joint: str = "1"  # @ПрСовмПолн, код по формату (1 или 2)
    loss_on_redelegation: str = ""  # @ПрУтрПолн, код по формату (1 или 2), необязательный

    def __post_init__(self) -> None:
        need_text(self.text, "text", 10000, required=False)
        if not self.text and not self.codes:
            raise InputError("укажите полномочия текстом или кодами классификатора", "codes")
        for i, power in enumerate(self.codes):
            if not isinstance(power, Power):
                raise InputError("ожидается полномочие (код и наименование)", f"codes[{i}]")
        need_code(self.joint, "joint", ("1", "2"))
        if self.loss_on_redelegation:
            need_code(self.loss_on_redelegation, "loss_on_redelegation", ("1", "2"))

    @property
    def kind(self) -> str:
        return "1" if self.codes else "0"


@dataclass(frozen=True, slots=True)
class Irrevocable:
    """Безотзыв: present exactly when the МЧД is irrevocable (ВидДовер = 2)."""

    redelegation: str = "1"  # @ПрПерБезДов, код по формату
    revocation: str = "1"  # @УслОтзыва, код по формату
    condition: str = ""  # ОписУслОт

    def __post_init__(self) -> None:
        need_code(self.redelegation, "redelegation", ("1", "2"))
        need_code(self.revocation, "revocation", ("1", "2"))
        need_text(self.condition, "condition", 1000, required=False)


@dataclass(frozen=True, slots=True)
class ParentRef:
    """A referenced МЧД of a re-delegation (СвПервДоверТип): the original one or the one
    the re-delegation is based on."""

    issued: date  # @ДатаВыдДовер
    valid_to: date  # @СрокДейст
    number: str = ""  # @НомДоверПерв / @НомДоверN (GUID)
    internal_number: str = ""  # @ВнНомДоверПерв / @ВнНомДоверN
    principals: tuple[ParentPrincipal, ...] = ()  # СвДоверПерв
    sign: str = "1"  # @ПрДовер, код по формату
    form: str = "1"  # @ФормДовер, код по формату

    def __post_init__(self) -> None:
        need_date(self.issued, "issued")
        need_date(self.valid_to, "valid_to")
        need_guid(self.number, "number", required=False)
        need_text(self.internal_number, "internal_number", 50, required=False)
        need_code(self.sign, "sign", ("1", "2"))
        need_code(self.form, "form", ("1", "2"))
        for i, who in enumerate(self.principals):
            if not isinstance(who, Organisation | Entrepreneur | Person):
                raise InputError("ожидается организация, ИП или физическое лицо", f"principals[{i}]")
            if isinstance(who, Person):
                check_principal_person(who, f"principals[{i}]")


@dataclass(frozen=True, slots=True)
class Redelegation:
    original: ParentRef  # СвПервДовер
    via: ParentRef | None = None  # СвПередов: the МЧД this one re-delegates, when not the original

    def __post_init__(self) -> None:
        if not isinstance(self.original, ParentRef):
            raise InputError("ожидаются сведения о первоначальной доверенности", "original")
        if self.via is not None and not isinstance(self.via, ParentRef):
            raise InputError("ожидаются сведения о доверенности", "via")


class PersonIdentity(NamedTuple):
    """What a signer's certificate must match: ФИО, ИНН ФЛ, СНИЛС (digits only)."""

    full_name: str
    inn: str
    snils: str


class PartyIdentity(NamedTuple):
    """The principal as a document names its party: ИНН and КПП (empty for ИП and ФЛ)."""

    inn: str
    kpp: str


@dataclass(frozen=True, slots=True)
class PowerOfAttorney:
    number: str  # СвДов/@НомДовер, GUID
    internal_number: str  # @ВнНомДовер
    issued: date  # @ДатаВыдДовер
    valid_to: date  # @СрокДейст
    system: str  # СведСист: where the МЧД and its revocation can be checked
    principals: tuple[Principal, ...]  # СвДоверит (or СвПередПолн for a re-delegation)
    representatives: tuple[Representative, ...]  # СвУпПред (or СвПолучПолн)
    powers: Powers  # СвПолн
    redelegation_right: str = NO_REDELEGATION  # @ПрПередов
    irrevocable: Irrevocable | None = None  # Безотзыв; ВидДовер = 2 when set
    redelegation: Redelegation | None = None  # Передов when set, Довер otherwise
    file_id: str = ""  # @ИдФайл; default ON_EMCHD_<ДатаВыдДовер>_<НомДовер>
    extra_id: str = ""  # @ДопИдДовер
    registered: date | None = None  # @ДатаВнРегДовер
    tax_office: str = ""  # @КодНО
    tax_offices: tuple[str, ...] = ()  # КодНОДейст
    other_info: str = ""  # ИнСвед
    knd: str = ""  # Документ/@КНД
    element_flags: str = "00000000"  # @ПрЭлФорм
    tax_file_id: str = ""  # @ИдФайлНО
    oid: str = ""  # @OID

    def __post_init__(self) -> None:
        if not self.file_id and isinstance(self.issued, date):
            object.__setattr__(self, "file_id", default_file_id(self.number, self.issued))
        self._check_header()
        self._check_parties()
        if not isinstance(self.powers, Powers):
            raise InputError("ожидаются сведения о полномочиях", "powers")
        if self.irrevocable is not None and not isinstance(self.irrevocable, Irrevocable):
            raise InputError("ожидаются сведения о безотзывной доверенности", "irrevocable")
        if self.redelegation is not None and not isinstance(self.redelegation, Redelegation):
            raise InputError("ожидаются сведения о передоверии", "redelegation")

    def _check_header(self) -> None:
        need_guid(self.number, "number")
        need_text(self.internal_number, "internal_number", 50)
        need_date(self.issued, "issued")
        need_date(self.valid_to, "valid_to")
        if self.valid_to < self.issued:
            raise InputError("срок действия не может закончиться раньше даты выдачи", "valid_to")
        need_text(self.system, "system", 1000)
        need_code(self.redelegation_right, "redelegation_right", (NO_REDELEGATION, REDELEGATE_ONCE, REDELEGATE_FURTHER))
        need_text(self.file_id, "file_id", 255)
        need_text(self.extra_id, "extra_id", 50, required=False)
        need_date(self.registered, "registered", required=False)
        need_digits(self.tax_office, "tax_office", 4, required=False)
        for i, code in enumerate(self.tax_offices):
            need_digits(code, f"tax_offices[{i}]", 4)
        need_text(self.other_info, "other_info", 5000, required=False)
        if self.knd and len(self.knd) != 7:
            raise InputError(f"«{self.knd}»: код КНД — 7 знаков", "knd")
        if not _FLAGS.match(self.element_flags):
            raise InputError("ожидаются 8 знаков 0 или 1", "element_flags")
        need_text(self.tax_file_id, "tax_file_id", 255, required=False)
        need_text(self.oid, "oid", 255, required=False)

    def _check_parties(self) -> None:
        if not self.principals:
            raise InputError("укажите доверителя", "principals")
        for i, who in enumerate(self.principals):
            field = f"principals[{i}]"
            if not isinstance(who, LegalEntity | Entrepreneur | Person):
                raise InputError("ожидается организация, ИП или физическое лицо", field)
            if isinstance(who, Person):
                check_principal_person(who, field)
                if self.redelegation is not None and not who.inn:
                    raise InputError("для передающего полномочия физического лица обязателен ИНН", f"{field}.inn")
        if not self.representatives:
            raise InputError("укажите представителя", "representatives")
        for i, rep in enumerate(self.representatives):
            if not isinstance(rep, Organisation | Entrepreneur | Person):
                raise InputError("ожидается организация, ИП или физическое лицо", f"representatives[{i}]")

    @property
    def revocable(self) -> bool:
        return self.irrevocable is None

    @property
    def redelegation_allowed(self) -> bool:
        return self.redelegation_right != NO_REDELEGATION

    def chain(self) -> tuple[str, ...]:
        """Numbers of the re-delegation chain, original first, this МЧД last."""
        if self.redelegation is None:
            return (self.number,)
        links = [self.redelegation.original.number]
        if self.redelegation.via is not None:
            links.append(self.redelegation.via.number)
        return (*links, self.number)

    def representative_identities(self) -> tuple[PersonIdentity, ...]:
        """Every representative who is a person (ФЛ or ИП) as a certificate must name them."""
        found = []
        for rep in self.representatives:
            person = rep.person if isinstance(rep, Entrepreneur) else rep
            if isinstance(person, Person):
                found.append(PersonIdentity(person.full_name, person.inn, snils_digits(person.snils)))
        return tuple(found)

    def representative_identity(self) -> PersonIdentity:
        """The first representative who is a person; PoaError when every one is an organisation."""
        found = self.representative_identities()
        if not found:
            raise PoaError("В доверенности нет представителя — физического лица или ИП")
        return found[0]

    def principal_identity(self) -> PartyIdentity:
        """The party on whose behalf documents are signed: the original principal of a
        re-delegation, otherwise the (first) principal of this МЧД."""
        who: object = self.principals[0]
        if self.redelegation is not None and self.redelegation.original.principals:
            who = self.redelegation.original.principals[0]
        if isinstance(who, LegalEntity):
            return PartyIdentity(who.org.inn, who.org.kpp)
        if isinstance(who, Organisation):
            return PartyIdentity(who.inn, who.kpp)
        if isinstance(who, Entrepreneur | Person):
            return PartyIdentity(who.inn, "")
        raise PoaError("Не удалось определить доверителя")

    def covers(self, power: str) -> bool:
        """True when a classifier power has this code or mnemonic (exactly, ignoring case),
        or when the text powers or a power's name contain the words (ignoring case)."""
        wanted = " ".join(power.split()).casefold()
        if not wanted:
            return False
        for item in self.powers.codes:
            if wanted in (item.code.casefold(), item.mnemonic.casefold()) or wanted in item.name.casefold():
                return True
        return wanted in " ".join(self.powers.text.split()).casefold()

    def valid_on(self, moment: datetime) -> bool:
        """Whether ``moment`` falls within [issued, valid_to], both whole days in Moscow time.
        A naive ``moment`` is taken as Moscow local time."""
        local = moment.astimezone(moscow_zone()) if moment.tzinfo is not None else moment
        return self.issued <= local.date() <= self.valid_to

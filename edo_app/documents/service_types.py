"""Value types of the service documents of the regulated EDO flow (ИОП, ПДП, ПДО, УОУ, ПоА):
participants with their EDO ids, the operator, the referenced file and the signer.

Each type checks itself against the limits the official schemas share. What differs between
the five formats (which party forms a slot may hold, how much a signer block carries) is
checked by the documents in service_model. Errors name the field inside the type; documents
put the outer path in front (``author.party.inn``).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from datetime import date

from edo_app.errors import InputError
from edo_app.model import identifiers as ids
from edo_app.model.fields import need_digits, need_text
from edo_app.model.party import Party, PersonName

from .upd_buyer import _check_base64  # the one base64 check of the package (private there)
from .upd_types import entrepreneur_name, need_date, need_name

# ИдУчастЭДО of the 1.03 formats; ПоА 1.02 only limits the length (4..46).
EDO_ID = re.compile(r"[A-Za-z0-9@.\-]{4,46}")
OPERATOR_ID = re.compile(r"[A-Za-z0-9@.\-]{3}")
UNLIMITED = sys.maxsize  # ТекстПредАн has no length limit in its schema
LEGAL, PERSON = "ЮЛ", "ФЛ"  # ИдСтат of a foreign party


def _no_leading_zeros(value: str, field: str) -> None:
    # The schemas' ИНН/КПП patterns refuse a leading "00" that the check digits alone allow.
    if value.startswith("00"):
        raise InputError(f"«{value}» не может начинаться с 00", field)


@dataclass(frozen=True, slots=True)
class EdoOperator:
    """An EDO operator (ОперЭДО): name, ИНН and its three-character operator id (ИдОперЭДО)."""

    name: str
    inn: str
    operator_id: str

    def __post_init__(self) -> None:
        need_text(self.name, "name", 1000)
        error = ids.check_inn_le(self.inn)
        if error:
            raise InputError(error, "inn")
        _no_leading_zeros(self.inn, "inn")
        if not isinstance(self.operator_id, str) or not OPERATOR_ID.fullmatch(self.operator_id):
            raise InputError(f"«{self.operator_id}»: ожидается 3 знака (латиница, цифры, @ . -)", "operator_id")


@dataclass(frozen=True, slots=True)
class ForeignMember:
    """A foreign organisation (ИдСтат ЮЛ) or person (ФЛ) not registered with the Russian tax
    service (СвИнУчастНеУч).

    The name is required: the official rules demand it of a person, and of an organisation
    their slips (a test of the wrong element, an attribute that does not exist) refuse every
    organisation without one, whatever the other fields hold.
    """

    status: str
    name: str
    country_code: str = ""  # СтрРег, required for an organisation
    tax_code: str = ""  # КодНПРег
    other: str = ""  # ИныеСвед

    def __post_init__(self) -> None:
        if self.status not in (LEGAL, PERSON):
            raise InputError("статус иностранного лица: ЮЛ или ФЛ", "status")
        need_text(self.name, "name", 1000)
        need_digits(self.country_code, "country_code", (3,), required=self.status == LEGAL)
        need_text(self.tax_code, "tax_code", 50, required=False)
        need_text(self.other, "other", 255, required=False)


@dataclass(frozen=True, slots=True)
class EdoParticipant:
    """A participant of the exchange (УчастЭДОТип): its EDO id and who it is.

    ``party`` is a Russian organisation (ИНН 10 + КПП), an ИП or a person (ИНН 12 + ФИО), a
    ForeignMember, or an EdoOperator (only where a format allows it: ОтпрДок of an ИОП).
    ``entrepreneur`` tells an ИП from a person; a Party with an ОГРНИП sets it by itself.
    ``edo_id`` defaults to ``party.edo_id``. The party is kept as the formats carry it: no
    ОГРН, no operator id, and an ИП/person named by the ФИО.
    """

    edo_id: str
    party: Party | ForeignMember | EdoOperator
    entrepreneur: bool = False

    def __post_init__(self) -> None:
        party = self.party
        if not self.edo_id and isinstance(party, Party):
            object.__setattr__(self, "edo_id", party.edo_id)
        if not isinstance(self.edo_id, str) or not EDO_ID.fullmatch(self.edo_id):
            raise InputError(f"идентификатор участника ЭДО «{self.edo_id}»: 4–46 знаков (латиница, цифры, @ . -)",
                             "edo_id")
        if not isinstance(party, Party):
            if self.entrepreneur:
                raise InputError("признак ИП указывается только для российского физического лица", "entrepreneur")
            return
        if party.is_entrepreneur:
            object.__setattr__(self, "entrepreneur", True)
        _check_party(party, self.entrepreneur)
        carried = _as_carried(party, self.entrepreneur)
        if carried != party:
            object.__setattr__(self, "party", carried)

    @property
    def name(self) -> str:
        return self.party.name

    @property
    def is_organisation(self) -> bool:
        return isinstance(self.party, Party) and self.party.is_organisation


def _check_party(party: Party, entrepreneur: bool) -> None:
    _no_leading_zeros(party.inn, "party.inn")
    if party.is_organisation:
        if entrepreneur:
            raise InputError("признак ИП не указывается для организации", "entrepreneur")
        _no_leading_zeros(party.kpp, "party.kpp")
        need_text(party.name, "party.name", 1000)
        return
    if party.person is None:
        raise InputError("для ИП и физического лица укажите ФИО", "party.person")
    need_name(party.person, "party.person")


def _as_carried(party: Party, entrepreneur: bool) -> Party:
    if party.is_organisation:
        return replace(party, ogrn="", person=None, edo_id="")
    assert party.person is not None
    name = entrepreneur_name(party.person) if entrepreneur else party.person.full
    return replace(party, name=name, ogrn="", edo_id="")


@dataclass(frozen=True, slots=True)
class ReferencedFile:
    """The file a service document answers (ИмяПолФайла / ИмяОтпрФайла / ИмяАнФайла) and the
    signatures under it (ЭППолФайл / ЭПОтпрФайл / ЭЦПАнФайл): base64 of detached CMS.

    FNS calls the name without its extension the file name, so the builders here write the
    ИдФайл; ``file_id`` reads either form.
    """

    name: str
    signatures: tuple[str, ...]

    def __post_init__(self) -> None:
        need_text(self.name, "name", 255)
        if not self.signatures:
            raise InputError("нужна подпись под файлом (base64)", "signatures")
        for i, sig in enumerate(self.signatures):
            if not isinstance(sig, str) or not sig.strip():
                raise InputError("подпись пуста", f"signatures[{i}]")
            _check_base64("".join(sig.split()), f"signatures[{i}]")  # line breaks inside base64 are common

    @property
    def file_id(self) -> str:
        return file_stem(self.name)


def file_stem(name: str) -> str:
    """A file name without its .xml extension: the ИдФайл it should equal."""
    return name[:-4] if name.lower().endswith(".xml") else name


@dataclass(frozen=True, slots=True)
class ServicePoa:
    """An electronic power of attorney of the signer (СвДоверЭл). ``method`` is СпособПредставл:
    1 — sent with the document, 2 — kept in an information system (``system_id``)."""

    number: str
    issued: date
    method: str = "1"
    internal_number: str = ""
    registered: date | None = None
    system_id: str = ""  # ИдСистХран (ИОП) / СвСистХран (УОУ)

    def __post_init__(self) -> None:
        if not isinstance(self.number, str) or len(self.number) != 36:
            raise InputError("номер МЧД — идентификатор из 36 знаков", "number")
        need_date(self.issued, "issued")
        if self.issued is None:
            raise InputError("обязательное поле не заполнено", "issued")
        if self.method not in ("1", "2"):
            raise InputError("способ представления доверенности: 1 или 2", "method")
        need_text(self.internal_number, "internal_number", 50, required=False)
        need_date(self.registered, "registered")
        need_text(self.system_id, "system_id", 500, required=False)


@dataclass(frozen=True, slots=True)
class ServicePaperPoa:
    """A paper power of attorney of the signer (СвДоверБум)."""

    issued: date
    internal_number: str
    principal: str = ""  # СвДовер (ИОП) / СвИдДовер (УОУ): who gave it
    signed_by: PersonName | None = None  # ФИО of the person who signed it

    def __post_init__(self) -> None:
        need_date(self.issued, "issued")
        if self.issued is None:
            raise InputError("обязательное поле не заполнено", "issued")
        need_text(self.internal_number, "internal_number", 50)
        need_text(self.principal, "principal", 1000, required=False)
        if self.signed_by is not None:
            need_name(self.signed_by, "signed_by")


SIGNER_CODES = ("", "1", "2", "3")


@dataclass(frozen=True, slots=True)
class ServiceSigner:
    """The person who signs a service document (Подписант).

    ИОП and УОУ carry everything: ``status`` (СтатПодп: 2 needs ``poa``, 3 needs ``paper_poa``),
    ``signature_type`` (ТипПодпис) and the powers of attorney. ПДП, ПДО and ПоА carry the ФИО
    and the position only; their documents refuse the rest rather than lose it.
    """

    name: PersonName
    position: str = ""
    status: str = ""
    signature_type: str = ""
    poa: ServicePoa | None = None
    paper_poa: ServicePaperPoa | None = None

    def __post_init__(self) -> None:
        need_name(self.name, "name")
        need_text(self.position, "position", 1000, required=False)
        if self.status not in SIGNER_CODES:
            raise InputError("статус подписанта: 1, 2 или 3", "status")
        if self.signature_type not in SIGNER_CODES:
            raise InputError("тип подписи: 1, 2 или 3", "signature_type")
        if self.status == "2" and self.poa is None:
            raise InputError("при статусе 2 укажите электронную доверенность", "poa")
        if self.status == "3" and self.paper_poa is None:
            raise InputError("при статусе 3 укажите бумажную доверенность", "paper_poa")
        if self.status == "2" and self.poa is not None and self.poa.method == "2" and not self.poa.system_id:
            raise InputError("доверенность хранится в информационной системе: укажите её", "poa.system_id")

    @property
    def is_plain(self) -> bool:
        """Only ФИО and position: what ПДП, ПДО and ПоА can hold."""
        return not (self.status or self.signature_type or self.poa or self.paper_poa)

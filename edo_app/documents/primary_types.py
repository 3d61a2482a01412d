"""Value types shared by the акт (DP_REZRUISP / DP_REZRUZAK) and ТОРГ-12 (DP_TOVTORGPR /
DP_TOVTORGPOK) formats 5.01 of приказ ФНС ММВ-7-10/551@.

These formats predate УПД 5.03 and spell their parts differently (УчастникТип with СвОрг/СвЮЛ,
a flat АдрРФ without the region's name, a signer with ОблПолн/Статус/ОснПолн), so only the
generic pieces of upd_types are reused: PersonName/Party, need_name, need_date, need_moment.
Every type checks itself against the limits of the official schemas on construction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fields import need_digits, need_text
from edo_app.model.fileid import FileId
from edo_app.model.party import Party, PersonName
from edo_app.model.vat import VatRate

from .upd_model import PROGRAM, Correction, compute_amounts, need_amount, need_quantity
from .upd_types import need_date, need_moment, need_name

FORMAT_VERSION = "5.01"
NO_BASIS = "Без документа-основания"
SIGNER_KINDS = ("ЮЛ", "ИП", "ФЛ")  # representative of an organisation, entrepreneur, person
SCOPES = ("1", "2", "3")  # ОблПолн: сделка; сделка и оформление; оформление
STATUSES = ("1", "2", "3", "4")  # Статус: работник стороны; составителя; иной организации; физлицо


@dataclass(frozen=True, slots=True)
class PlainAddress:
    """АдресТип of 5.01: free text with a country (АдрИнф) or Russian parts (АдрРФ, ``region_code`` set)."""

    text: str = ""
    country_code: str = "643"
    region_code: str = ""
    postal_code: str = ""
    district: str = ""
    city: str = ""
    locality: str = ""
    street: str = ""
    house: str = ""
    building: str = ""
    flat: str = ""

    def __post_init__(self) -> None:
        if not self.region_code:
            need_text(self.text, "text", 255)
            need_digits(self.country_code, "country_code", (3,))
            return
        if self.text:
            raise InputError("адрес указывается либо текстом, либо по частям (код региона)", "text")
        need_digits(self.region_code, "region_code", (2,))
        need_digits(self.postal_code, "postal_code", (6,), required=False)
        for name in ("district", "city", "locality", "street"):
            need_text(getattr(self, name), name, 50, required=False)
        for name in ("house", "building", "flat"):
            need_text(getattr(self, name), name, 20, required=False)

    @property
    def is_russian_structured(self) -> bool:
        return bool(self.region_code)

    @property
    def line(self) -> str:
        """One line for print forms and summaries."""
        if not self.region_code:
            return self.text
        parts = (self.postal_code, self.district, self.city, self.locality, self.street,
                 f"д. {self.house}" if self.house else "", f"корп. {self.building}" if self.building else "",
                 f"кв. {self.flat}" if self.flat else "")
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Member:
    """A party of the fact (УчастникТип): organisation (СвОрг/СвЮЛ), ИП (СвИП) or person (СвФЛ).

    The format carries no ОГРН, so an entrepreneur is marked by ``entrepreneur``; the party
    is normalised to what the file holds (a person's name is the ФИО).
    """

    party: Party
    address: PlainAddress | None = None
    okpo: str = ""
    department: str = ""  # СтруктПодр
    entrepreneur: bool = False

    def __post_init__(self) -> None:
        party = self.party
        for field, value in (("inn", party.inn), ("kpp", party.kpp)):  # the schema's patterns refuse a leading 00
            if value.startswith("00"):
                raise InputError(f"«{value}» не может начинаться с 00", field)
        if party.is_organisation:
            need_text(party.name, "name", 1000)
            carried = replace(party, ogrn="", person=None, edo_id="")
            if self.entrepreneur:
                raise InputError("организация не может быть индивидуальным предпринимателем", "entrepreneur")
        else:
            if party.person is None:
                raise InputError("для ИП и физического лица укажите ФИО", "person")
            need_name(party.person, "person")
            carried = replace(party, name=party.person.full, ogrn="", edo_id="")
        if carried != party:
            object.__setattr__(self, "party", carried)
        need_text(self.okpo, "okpo", 10, required=False)
        need_text(self.department, "department", 1000, required=False)

    @property
    def name(self) -> str:
        return f"ИП {self.party.name}" if self.entrepreneur else self.party.name


@dataclass(frozen=True, slots=True)
class Basis:
    """Основание: the contract or order the document rests on."""

    name: str = NO_BASIS
    number: str = ""
    date: date | None = None
    extra: str = ""

    def __post_init__(self) -> None:
        need_text(self.name, "name", 255)
        need_text(self.number, "number", 255, required=False)
        need_date(self.date, "date")
        need_text(self.extra, "extra", 1000, required=False)


@dataclass(frozen=True, slots=True)
class Handler:
    """An employee of a party who handed over or received the goods (РабОргПрод / РабОргПок)."""

    name: PersonName
    position: str
    basis: str = ""  # ОснПолн

    def __post_init__(self) -> None:
        need_name(self.name, "name")
        need_text(self.position, "position", 128)
        need_text(self.basis, "basis", 120, required=False)


@dataclass(frozen=True, slots=True)
class PrimarySigner:
    """Подписант of the 5.01 formats.

    ``kind`` ЮЛ: a representative of the organisation ``org_name`` with ИНН ``inn`` (10 digits)
    and ``position``; ИП: an entrepreneur with ИНН ``inn`` (12); ФЛ: a person (``inn`` optional).
    """

    name: PersonName
    inn: str
    kind: str = "ЮЛ"
    org_name: str = ""
    position: str = ""
    scope: str = "1"  # ОблПолн
    status: str = "1"  # Статус
    basis: str = "Должностные обязанности"  # ОснПолн (ОснПолнПодп in the акт's seller title)
    org_basis: str = ""  # ОснПолнОрг

    def __post_init__(self) -> None:
        need_name(self.name, "name")
        if self.kind not in SIGNER_KINDS:
            raise InputError("вид подписанта: ЮЛ, ИП или ФЛ", "kind")
        self._check_identity()
        if self.scope not in SCOPES:
            raise InputError("область полномочий (ОблПолн): 1, 2 или 3", "scope")
        if self.status not in STATUSES:
            raise InputError("статус подписанта: 1, 2, 3 или 4", "status")
        need_text(self.basis, "basis", 255)
        need_text(self.org_basis, "org_basis", 255, required=False)

    def _check_identity(self) -> None:
        if self.kind == "ЮЛ":
            need_digits(self.inn, "inn", (10,))
            need_text(self.org_name, "org_name", 1000)
            need_text(self.position, "position", 128, required=False, min_len=0)
            return
        need_digits(self.inn, "inn", (12,), required=self.kind == "ИП")
        if self.org_name or self.position:
            raise InputError("организация и должность указываются только для представителя ЮЛ", "org_name")


@dataclass(frozen=True, slots=True)
class ValueLine:
    """A line with money: a work of the акт (Работа) or a goods line of ТОРГ-12 (СвТов).

    The amounts are as written; ``make_value_line`` computes them from quantity × price.
    ``vat_amount`` is None for «без НДС» and the tax agent's case.
    """

    number: int
    name: str
    vat_rate: VatRate
    amount_without_vat: Decimal
    amount_with_vat: Decimal
    vat_amount: Decimal | None = None
    quantity: Decimal | None = None
    price: Decimal | None = None
    okei: str = ""
    unit_name: str = ""
    article: str = ""  # ТОРГ-12 only
    code: str = ""  # ТОРГ-12 only
    description: str = ""  # акт only: Описание

    def __post_init__(self) -> None:
        if not isinstance(self.number, int) or not 1 <= self.number <= 999999:
            raise InputError("номер строки — целое число от 1 до 999999", "number")
        need_text(self.name, "name", 1000)
        if not isinstance(self.vat_rate, VatRate):
            raise InputError("ставка НДС должна быть значением VatRate", "vat_rate")
        need_amount(self.amount_without_vat, "amount_without_vat")
        need_amount(self.amount_with_vat, "amount_with_vat")
        if self.vat_rate.is_calculated:
            need_amount(self.vat_amount, "vat_amount")
        elif self.vat_amount is not None:
            raise InputError(f"при ставке «{self.vat_rate.value}» сумма НДС не указывается", "vat_amount")
        need_quantity(self.quantity, "quantity", positive=True)
        need_quantity(self.price, "price", positive=False)
        if self.okei:
            need_digits(self.okei, "okei", (3, 4))
        need_text(self.unit_name, "unit_name", 1000, required=False)
        need_text(self.article, "article", 50, required=False)
        need_text(self.code, "code", 100, required=False)
        need_text(self.description, "description", 10000, required=False)

    @property
    def tax(self) -> Decimal:
        return self.vat_amount if self.vat_amount is not None else Decimal("0.00")


def make_value_line(number: int, name: str, quantity: Decimal, price: Decimal, vat_rate: VatRate, *,
                    okei: str = "796", unit_name: str = "шт", **extra: str) -> ValueLine:
    """A line whose amounts are computed the way УПД's make_line computes them."""
    base, tax = compute_amounts(quantity, price, vat_rate)
    return ValueLine(number=number, name=name, vat_rate=vat_rate, amount_without_vat=base,
                     amount_with_vat=base + (tax or 0), vat_amount=tax, quantity=quantity, price=price,
                     okei=okei, unit_name=unit_name, **extra)


def check_line_numbers(lines: tuple[ValueLine, ...], rates: tuple[VatRate, ...], field: str = "lines") -> None:
    """At least one line, unique numbers, and only the rates the format lists."""
    if not lines:
        raise InputError("нужна хотя бы одна строка", field)
    seen: set[int] = set()
    for i, line in enumerate(lines):
        if line.number in seen:
            raise InputError(f"номер строки {line.number} повторяется", f"{field}[{i}].number")
        seen.add(line.number)
        if line.vat_rate not in rates:
            allowed = ", ".join(r.value for r in rates)
            raise InputError(f"ставка «{line.vat_rate.value}» не предусмотрена форматом 5.01; допустимы: {allowed}",
                             f"{field}[{i}].vat_rate")


@dataclass(frozen=True, slots=True)
class SellerHead:
    """What both seller titles carry besides the parties and lines: file, number, date, signers."""

    file_id: FileId
    created: datetime  # ДатаИнф.. + ВремИнф..
    number: str
    doc_date: date
    signers: tuple[PrimarySigner, ...]
    doc_name: str  # НаимДокОпр
    economic_entity: str  # НаимЭконСубСост: who compiled the information
    bases: tuple[Basis, ...] = (Basis(),)
    correction: Correction | None = None
    currency_code: str = "643"
    currency_name: str = "Российский рубль"
    operation_kind: str = ""  # ВидОперации
    program: str = PROGRAM

    def __post_init__(self) -> None:
        if self.file_id.suffix:
            raise InputError("имя файла формата 5.01 оканчивается идентификатором GUID", "file_id")
        need_moment(self.created, "created")
        need_text(self.number, "number", 255)
        need_date(self.doc_date, "date", required=True)
        need_text(self.doc_name, "doc_name", 255)
        need_text(self.economic_entity, "economic_entity", 1000)
        if not self.bases:
            raise InputError("укажите основание (или «Без документа-основания»)", "bases")
        need_digits(self.currency_code, "currency_code", (3,))
        need_text(self.currency_name, "currency_name", 100)
        need_text(self.operation_kind, "operation_kind", 255, required=False)
        need_text(self.program, "program", 40, required=False)
        if not self.signers:
            raise InputError("укажите подписанта", "signers")

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"

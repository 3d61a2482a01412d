"""The seller's title of УКД 5.01 (ON_NKORSCHFDOPPR, КНД 1115133) as typed frozen dataclasses.

A УКД corrects the cost of goods shipped under one or several earlier invoices / УПД (СчФ):
every line holds the values before (строка А) and after (строка Б) the change; the increase
(строка В, СумУвел/СтоимУвел) or decrease (строка Г, СумУм/СтоимУм) and the totals ВсегоУвел /
ВсегоУм are always computed from them, so a document can never disagree with itself.

5.01 carries less than УПД 5.03 about a party: ``carried_501`` normalises a Participant to
what the format holds (see there), so a parsed document equals the one that was built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fields import need_digits, need_text
from edo_app.model.fileid import FileId
from edo_app.model.money import round_money
from edo_app.model.party import PersonName
from edo_app.model.problems import rethrow
from edo_app.model.vat import VatRate

from .upd_model import PROGRAM, Correction, need_amount, need_quantity
from .upd_types import Address, ForeignParty, Participant, need_date, need_moment, need_name

UKD_PREFIX = "ON_NKORSCHFDOPPR"
UKD_KND = "1115133"
UKD_VERSION = "5.01"
UKD_FUNCTIONS = ("КСЧФ", "КСЧФДИС", "ДИС", "СвИСРК", "СвИСЗК")
WITH_AGREEMENT = ("КСЧФДИС", "ДИС")  # the builder requires СодФХЖ3 (the buyer's agreement) for these
UKD_FACT_TEXT = ("Документ об изменении стоимости отгруженных товаров (выполненных работ, оказанных услуг), "
                 "переданных имущественных прав")
UKD_DOC_NAMES = {
    "КСЧФДИС": "Корректировочный счет-фактура и документ об изменении стоимости отгруженных товаров",
    "ДИС": "Документ об изменении стоимости отгруженных товаров (выполненных работ, оказанных услуг)",
}
# НалСтДо / НалСтПосле of the 5.01 schema (its 18% values predate VatRate and are not produced).
UKD_RATES = (VatRate.R0, VatRate.R10, VatRate.R20, VatRate.R10_110, VatRate.R20_120, VatRate.WITHOUT, VatRate.AGENT)
SCOPES = ("0", "3", "6")  # ОблПолн
STATUSES = ("1", "2", "3", "4")  # Статус
DEFAULT_BASIS = "Должностные обязанности"
RUSSIA = ("643", "Россия")
ZERO = Decimal("0.00")


def carried_501(member: Participant) -> Participant:
    """The participant as УКД 5.01 holds it: a Russian organisation or ИП/person (always СвИП,
    the ОГРНИП in СвГосРегИП), the address as text (АдрИнф: country code + text), no short name.

    A structured address becomes its text; a foreign country's name, which 5.01 does not carry,
    becomes «код ОКСМ NNN». Foreign parties (СвИнНеУч) are not supported yet."""
    if isinstance(member.party, ForeignParty):
        raise InputError("иностранный участник в УКД 5.01 пока не поддерживается", "party")
    address = member.address
    if address is not None:
        code = address.country_code if not address.is_russian_structured else RUSSIA[0]
        name = RUSSIA[1] if code == RUSSIA[0] else f"код ОКСМ {code}"
        address = Address(text=address_text(address), country_code=code, country_name=name)
    party = member.party
    if not party.is_organisation and party.ogrn and len(party.ogrn) != 15:
        raise InputError("у индивидуального предпринимателя ОГРНИП из 15 цифр", "party.ogrn")
    need_digits(member.okpo, "okpo", (8, 10), required=False)
    return Participant(party, address, member.okpo, member.department)


def address_text(address: Address) -> str:
    """One line: the text of a free address, the parts of a structured one."""
    if not address.is_russian_structured:
        return address.text
    parts = (address.postal_code, address.region_name, address.district, address.city, address.locality,
             address.street, address.house and f"д. {address.house}", address.building and f"корп. {address.building}",
             address.flat and f"кв. {address.flat}", address.text)
    return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class LineState:
    """One side of a corrected line: before (строка А) or after (строка Б) the change."""

    vat_rate: VatRate
    amount_without_vat: Decimal
    amount_with_vat: Decimal
    vat_amount: Decimal | None = None  # None when the rate states no tax
    quantity: Decimal | None = None
    price: Decimal | None = None
    okei: str = ""
    unit_name: str = ""
    excise: Decimal | None = None  # None: «без акциза»

    def __post_init__(self) -> None:
        if self.vat_rate not in UKD_RATES:
            allowed = ", ".join(r.value for r in UKD_RATES)
            raise InputError(f"ставка «{getattr(self.vat_rate, 'value', self.vat_rate)}» не предусмотрена "
                             f"форматом УКД 5.01; допустимы: {allowed}", "vat_rate")
        need_quantity(self.quantity, "quantity", positive=False)  # first: bad inputs, then what follows
        need_quantity(self.price, "price", positive=False)
        need_amount(self.amount_without_vat, "amount_without_vat")
        need_amount(self.amount_with_vat, "amount_with_vat")
        need_amount(self.excise, "excise", required=False)
        if self.vat_rate.is_calculated:
            need_amount(self.vat_amount, "vat_amount")
        elif self.vat_amount is not None:
            raise InputError(f"при ставке «{self.vat_rate.value}» сумма НДС не указывается", "vat_amount")
        if self.okei:
            need_digits(self.okei, "okei", (3, 4))
        need_text(self.unit_name, "unit_name", 255, required=False)

    @property
    def tax(self) -> Decimal:
        return self.vat_amount if self.vat_amount is not None else ZERO


def make_state(quantity: Decimal, price: Decimal, vat_rate: VatRate, *, okei: str = "796",
               unit_name: str = "шт") -> LineState:
    """A state whose amounts are computed like upd_model.make_line: base = Кол×Цена, tax by the rate."""
    base = round_money(quantity * price)
    tax: Decimal | None = None
    if vat_rate.is_estimated:
        num, den = vat_rate.value.split("/")
        tax = round_money(base * Decimal(num) / (Decimal(den) - Decimal(num)))
    elif vat_rate.is_calculated:
        tax = vat_rate.tax_on(base)
    return LineState(vat_rate, base, base + (tax or ZERO), tax, quantity, price, okei, unit_name)


@dataclass(frozen=True, slots=True)
class UkdLine:
    """One line of ТаблКСчФ (СведТов). Differences are after − before, signed."""

    number: int
    name: str
    before: LineState
    after: LineState
    original_number: int | None = None  # ПорНомТовВСЧФ: the line in the corrected document
    code: str = ""  # КодТов
    article: str = ""  # АртикулТов

    def __post_init__(self) -> None:
        if not isinstance(self.number, int) or not 1 <= self.number <= 999999:
            raise InputError("номер строки — целое число от 1 до 999999", "number")
        if self.original_number is not None and not 1 <= self.original_number <= 999999:
            raise InputError("номер строки в исходном документе — от 1 до 999999", "original_number")
        need_text(self.name, "name", 1000)
        need_text(self.code, "code", 100, required=False)
        need_text(self.article, "article", 50, required=False)

    @property
    def cost_change(self) -> Decimal:
        return self.after.amount_without_vat - self.before.amount_without_vat

    @property
    def tax_change(self) -> Decimal:
        return self.after.tax - self.before.tax

    @property
    def total_change(self) -> Decimal:
        return self.after.amount_with_vat - self.before.amount_with_vat

    @property
    def excise_change(self) -> Decimal | None:
        if self.before.excise is None and self.after.excise is None:
            return None
        return (self.after.excise or ZERO) - (self.before.excise or ZERO)

    @property
    def states_tax(self) -> bool:
        return self.before.vat_amount is not None or self.after.vat_amount is not None


@dataclass(frozen=True, slots=True)
class ChangeTotals:
    """ВсегоУвел or ВсегоУм: sums of the increases (строки В) or decreases (строки Г), as magnitudes.
    ``vat`` is None when no line states a tax (written «без НДС»)."""

    without_vat: Decimal
    with_vat: Decimal
    vat: Decimal | None

    @property
    def is_empty(self) -> bool:
        return self.without_vat == 0 and self.with_vat == 0 and not self.vat


def change_totals(lines: tuple[UkdLine, ...], sign: int) -> ChangeTotals:
    """sign +1: increases; -1: decreases (each column summed on its own, as the format says)."""
    def part(value: Decimal) -> Decimal:
        return value * sign if value * sign > 0 else ZERO

    without = sum((part(ln.cost_change) for ln in lines), ZERO)
    with_vat = sum((part(ln.total_change) for ln in lines), ZERO)
    vat = sum((part(ln.tax_change) for ln in lines), ZERO) if any(ln.states_tax for ln in lines) else None
    return ChangeTotals(without, with_vat, vat)


@dataclass(frozen=True, slots=True)
class CorrectedInvoice:
    """A corrected document (СчФ): its number and date, and its own corrections (ИспрСчФ)."""

    number: str
    date: date
    corrections: tuple[Correction, ...] = ()

    def __post_init__(self) -> None:
        need_text(self.number, "number", 1000)
        need_date(self.date, "date")


@dataclass(frozen=True, slots=True)
class BasisDoc:
    """ДокумТип: a transfer document or a basis of the correction (name, number, date)."""

    name: str
    number: str = ""
    date: date | None = None
    file_id: str = ""
    extra: str = ""

    def __post_init__(self) -> None:
        need_text(self.name, "name", 255)
        need_text(self.number, "number", 255, required=False)
        need_date(self.date, "date")
        need_text(self.file_id, "file_id", 255, required=False)
        need_text(self.extra, "extra", 1000, required=False)


@dataclass(frozen=True, slots=True)
class Agreement:
    """СодФХЖ3: the buyer's agreement to (notice of) the change in cost."""

    transfer_docs: tuple[BasisDoc, ...]  # ПередатДокум: documents the correction relates to
    basis_docs: tuple[BasisDoc, ...]  # ДокумОснКор: why the cost changed (supplementary agreement ...)
    operation: str = "Изменение стоимости товаров и услуг"  # СодОпер
    sent_on: date | None = None  # ДатаНапр
    other: str = ""  # ИныеСвИзмСтоим

    def __post_init__(self) -> None:
        if not self.transfer_docs:
            raise InputError("укажите передаточные документы, к которым относится корректировка", "transfer_docs")
        if not self.basis_docs:
            raise InputError("укажите документ — основание корректировки", "basis_docs")
        need_text(self.operation, "operation", 255)
        need_date(self.sent_on, "sent_on")
        need_text(self.other, "other", 2000, required=False)


@dataclass(frozen=True, slots=True)
class UkdSigner:
    """Подписант of 5.01: an employee of an organisation (ЮЛ, ``inn`` of 10 digits, position
    required) or an entrepreneur (ИП, ``inn`` of 12 digits). ОблПолн / Статус / ОснПолн as
    the format codes them: 6 — signs the invoice and made the deal, 1 — the seller's employee."""

    name: PersonName
    inn: str
    position: str = ""
    org_name: str = ""
    scope: str = "6"
    status: str = "1"
    basis: str = DEFAULT_BASIS
    basis_org: str = ""
    registration: str = ""  # СвГосРегИП of an ИП signer

    def __post_init__(self) -> None:
        need_name(self.name, "name")
        need_digits(self.inn, "inn", (10, 12))
        if len(self.inn) == 10:
            need_text(self.position, "position", 128)
            need_text(self.org_name, "org_name", 1000, required=False)
        elif self.position or self.org_name:
            raise InputError("должность и организация указываются только у представителя организации", "position")
        need_text(self.registration, "registration", 100, required=False)
        if self.scope not in SCOPES:
            raise InputError("область полномочий: 0, 3 или 6", "scope")
        if self.status not in STATUSES:
            raise InputError("статус подписанта: 1, 2, 3 или 4", "status")
        need_text(self.basis, "basis", 255)
        need_text(self.basis_org, "basis_org", 255, required=False)

    @property
    def is_organisation(self) -> bool:
        return len(self.inn) == 10


@dataclass(frozen=True, slots=True)
class UkdSeller:
    """The seller's title of a УКД. ``file_id`` and ``created`` are data: to_xml never invents them;
    the file id's sender/recipient are written as СвУчДокОбор/@ИдОтпр, @ИдПол."""

    file_id: FileId
    created: datetime
    function: str
    number: str
    doc_date: date
    invoices: tuple[CorrectedInvoice, ...]
    seller: Participant
    buyer: Participant
    lines: tuple[UkdLine, ...]
    signers: tuple[UkdSigner, ...]
    economic_entity: str = ""  # НаимЭконСубСост; the seller's name when empty
    correction: Correction | None = None  # ИспрКСчФ
    currency_code: str = "643"
    agreement: Agreement | None = None
    doc_name: str = ""  # НаимДокОпр; the standard name for КСЧФДИС/ДИС when empty
    fact_name: str = UKD_FACT_TEXT
    program: str = PROGRAM

    def __post_init__(self) -> None:
        self._check_header()
        for field in ("seller", "buyer"):
            try:
                object.__setattr__(self, field, carried_501(getattr(self, field)))
            except InputError as exc:
                raise rethrow(exc, field) from None
        self._check_lines()
        if not self.signers:
            raise InputError("укажите подписанта", "signers")
        if self.function in WITH_AGREEMENT and self.agreement is None:
            raise InputError(f"для функции {self.function} укажите сведения о согласии покупателя", "agreement")

    def _check_header(self) -> None:
        if self.function not in UKD_FUNCTIONS:
            raise InputError(f"функция «{self.function}» не предусмотрена; допустимы: {', '.join(UKD_FUNCTIONS)}",
                             "function")
        if self.file_id.prefix != UKD_PREFIX or self.file_id.suffix:
            raise InputError(f"имя файла должно начинаться с {UKD_PREFIX} и оканчиваться GUID", "file_id")
        need_moment(self.created, "created")
        need_text(self.number, "number", 1000)
        need_date(self.doc_date, "date")
        if not self.doc_name and self.function in UKD_DOC_NAMES:
            object.__setattr__(self, "doc_name", UKD_DOC_NAMES[self.function])
        if not self.economic_entity:
            object.__setattr__(self, "economic_entity", self.seller.name)
        for field, size in (("doc_name", 255), ("fact_name", 255)):
            need_text(getattr(self, field), field, size, required=False)
        need_text(self.economic_entity, "economic_entity", 1000)
        need_text(self.program, "program", 40)
        need_digits(self.currency_code, "currency_code", (3,))
        if not self.invoices:
            raise InputError("укажите хотя бы один корректируемый документ", "invoices")
        for i, invoice in enumerate(self.invoices):
            if invoice.date > self.doc_date:
                raise InputError("корректируемый документ датирован позже самого УКД", f"invoices[{i}].date")

    def _check_lines(self) -> None:
        if not self.lines:
            raise InputError("нужна хотя бы одна строка", "lines")
        seen: set[int] = set()
        for i, line in enumerate(self.lines):
            if line.number in seen:
                raise InputError(f"номер строки {line.number} повторяется", f"lines[{i}].number")
            seen.add(line.number)
        if self.increase.is_empty and self.decrease.is_empty:
            raise InputError("стоимость не меняется ни в одной строке: корректировать нечего", "lines")

    @property
    def increase(self) -> ChangeTotals:
        return change_totals(self.lines, +1)

    @property
    def decrease(self) -> ChangeTotals:
        return change_totals(self.lines, -1)

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"

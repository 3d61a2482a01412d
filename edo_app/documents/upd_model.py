"""The seller's title of УПД 5.03 (ON_NSCHFDOPPR, КНД 1115131) as typed frozen dataclasses.

Amounts are Decimal. A GoodsLine holds its amounts as written; ``make_line`` computes them
from quantity × price (kopecks, half up) and is what builders use. Totals (ВсегоОпл) are
always computed from the lines, so a document can never disagree with itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from edo_app.errors import InputError
from edo_app.model.fields import need_digits, need_text
from edo_app.model.fileid import SUFFIX_503, FileId
from edo_app.model.money import round_money
from edo_app.model.vat import VatRate

from .upd_types import DocRef, Employee, Participant, Signer, need_date, need_moment

SELLER_PREFIX = "ON_NSCHFDOPPR"
SELLER_KND = "1115131"
FORMAT_VERSION = "5.03"
PROGRAM = "edo-app 0.1"
FUNCTIONS = ("СЧФ", "СЧФДОП", "ДОП", "СвРК", "СвЗК")
WITH_TABLE = ("СЧФ", "СЧФДОП")  # ТаблСчФакт required
WITH_TRANSFER = ("СЧФДОП", "ДОП")  # СвПродПер required
FACT_TEXT = "Документ об отгрузке товаров (выполнении работ), передаче имущественных прав (документ об оказании услуг)"
DEFAULT_DOC_NAMES = {
    "СЧФДОП": "Счет-фактура и документ об отгрузке товаров (выполнении работ), передаче имущественных прав "
    "(документ об оказании услуг)",
    "ДОП": "Документ об отгрузке товаров (выполнении работ), передаче имущественных прав "
    "(документ об оказании услуг)",
    "СвРК": "Сведения о расходах комиссионера",
    "СвЗК": "Сведения о затратах комиссионера",
}
ITEM_KINDS = ("1", "2", "3", "4", "5")  # ПрТовРаб: товар, работа, услуга, имущественные права, иное
_QTY_DIGITS, _QTY_FRACTION = 26, 11
_MONEY_DIGITS = 19


def need_amount(value: Decimal | None, field: str, *, required: bool = True) -> None:
    """A money amount: ≥ 0, at most two decimals and 19 digits (the format's СумТип)."""
    if value is None:
        if required:
            raise InputError("обязательное поле не заполнено", field)
        return
    _need_decimal(value, field, _MONEY_DIGITS, 2)
    if value < 0:
        raise InputError("сумма не может быть отрицательной", field)


def need_quantity(value: Decimal | None, field: str, *, positive: bool) -> None:
    if value is None:
        return
    _need_decimal(value, field, _QTY_DIGITS, _QTY_FRACTION)
    if value < 0 or (positive and value == 0):
        raise InputError("значение должно быть больше нуля" if positive else "значение не может быть отрицательным",
                         field)


def _need_decimal(value: Decimal, field: str, digits: int, fraction: int) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InputError("ожидается число (Decimal)", field)
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent > fraction:
        raise InputError(f"допускается не более {fraction} знаков после запятой", field)
    whole = len(str(abs(int(value)))) if abs(value) >= 1 else 0
    if whole + max(0, -exponent) > digits:
        raise InputError(f"слишком большое число: не более {digits} цифр", field)


@dataclass(frozen=True, slots=True)
class Customs:
    """Country of origin and customs declaration of imported goods (СвДТ)."""

    country_code: str = ""  # ОКСМ, e.g. 156
    country_short_name: str = ""  # КрНаимСтрПр, required with the code
    declaration: str = ""  # НомерДТ

    def __post_init__(self) -> None:
        need_digits(self.country_code, "country_code", (3,), required=False)
        if self.country_code:
            need_text(self.country_short_name, "country_short_name", 255)
        need_text(self.declaration, "declaration", 29, required=False)
        if not self.country_code and not self.declaration:
            raise InputError("укажите страну происхождения или номер декларации", "country_code")


@dataclass(frozen=True, slots=True)
class GoodsLine:
    """One line of the table (СведТов). ``excise`` None means «без акциза»."""

    number: int
    name: str
    vat_rate: VatRate
    amount_without_vat: Decimal
    amount_with_vat: Decimal
    vat_amount: Decimal | None = None  # None when the rate states no tax (без НДС, агент)
    quantity: Decimal | None = None
    price: Decimal | None = None
    okei: str = ""
    unit_name: str = ""
    excise: Decimal | None = None
    customs: tuple[Customs, ...] = ()
    kind: str = ""  # ПрТовРаб
    code: str = ""  # КодТов
    article: str = ""
    gtin: str = ""
    markings: tuple[str, ...] = ()  # КИЗ
    packages: tuple[str, ...] = ()  # НомУпак

    def __post_init__(self) -> None:
        if not isinstance(self.number, int) or not 1 <= self.number <= 999999:
            raise InputError("номер строки — целое число от 1 до 999999", "number")
        need_text(self.name, "name", 2000)
        if not isinstance(self.vat_rate, VatRate):
            raise InputError("ставка НДС должна быть значением VatRate", "vat_rate")
        need_amount(self.amount_with_vat, "amount_with_vat")
        need_amount(self.amount_without_vat, "amount_without_vat")
        need_amount(self.excise, "excise", required=False)
        self._check_tax()
        need_quantity(self.quantity, "quantity", positive=True)
        need_quantity(self.price, "price", positive=False)
        self._check_unit()
        need_text(self.kind, "kind", 1, required=False)
        if self.kind and self.kind not in ITEM_KINDS:
            raise InputError("признак товар/работа/услуга: 1–5", "kind")
        need_text(self.code, "code", 100, required=False)
        need_text(self.article, "article", 50, required=False)
        need_digits(self.gtin, "gtin", (14,), required=False)
        for i, mark in enumerate((*self.markings, *self.packages)):
            need_text(mark, f"markings[{i}]", 255)

    def _check_tax(self) -> None:
        if self.vat_rate.is_calculated:
            need_amount(self.vat_amount, "vat_amount")
        elif self.vat_amount is not None:
            raise InputError(f"при ставке «{self.vat_rate.value}» сумма НДС не указывается", "vat_amount")

    def _check_unit(self) -> None:
        if self.okei:
            need_digits(self.okei, "okei", (3, 4))
            need_text(self.unit_name, "unit_name", 255)
        else:
            need_text(self.unit_name, "unit_name", 255, required=False)

    @property
    def tax(self) -> Decimal:
        return self.vat_amount if self.vat_amount is not None else Decimal("0.00")


def make_line(number: int, name: str, quantity: Decimal, price: Decimal, vat_rate: VatRate, *,
              okei: str = "796", unit_name: str = "шт", **extra: object) -> GoodsLine:
    """A line whose amounts are computed: base = Кол×Цена, tax by the rate, total = base + tax.

    For the estimated rates (20/120 ...) the tax is stated on the amount with tax, so it is
    base × 20/100: then total × 20/120 gives the same tax back (within a kopeck, as the
    business checks of edo_app.schemas expect).
    """
    base, tax = compute_amounts(quantity, price, vat_rate)
    return GoodsLine(number=number, name=name, vat_rate=vat_rate, amount_with_vat=base + (tax or 0),
                     amount_without_vat=base, vat_amount=tax, quantity=quantity, price=price,
                     okei=okei, unit_name=unit_name, **extra)  # type: ignore[arg-type]


def compute_amounts(quantity: Decimal, price: Decimal, vat_rate: VatRate) -> tuple[Decimal, Decimal | None]:
    """(base, tax) of a line as make_line computes them; tax None when the rate states none."""
    base = round_money(quantity * price)
    tax: Decimal | None = None
    if vat_rate.is_estimated:
        num, den = vat_rate.value.split("/")
        tax = round_money(base * Decimal(num) / (Decimal(den) - Decimal(num)))
    elif vat_rate.is_calculated:
        tax = vat_rate.tax_on(base)
    return base, tax


class LineAmounts(Protocol):
    """What compute_totals reads of a line (УПД GoodsLine, lines of акт and ТОРГ-12)."""

    @property
    def amount_without_vat(self) -> Decimal: ...
    @property
    def amount_with_vat(self) -> Decimal: ...
    @property
    def vat_amount(self) -> Decimal | None: ...


@dataclass(frozen=True, slots=True)
class Totals:
    """ВсегоОпл. ``vat`` is None when no line states a tax (all «без НДС»)."""

    without_vat: Decimal
    with_vat: Decimal
    vat: Decimal | None


def compute_totals(lines: Sequence[LineAmounts]) -> Totals:
    without = sum((ln.amount_without_vat for ln in lines), Decimal("0.00"))
    with_vat = sum((ln.amount_with_vat for ln in lines), Decimal("0.00"))
    taxed = [ln.vat_amount for ln in lines if ln.vat_amount is not None]
    vat = sum(taxed, Decimal("0.00")) if taxed else None
    return Totals(without_vat=without, with_vat=with_vat, vat=vat)


@dataclass(frozen=True, slots=True)
class Correction:
    """ИспрДок: the document corrects an earlier one (номер исправления, дата)."""

    number: int
    date: date

    def __post_init__(self) -> None:
        if not isinstance(self.number, int) or not 1 <= self.number <= 999:
            raise InputError("номер исправления — целое число от 1 до 999", "number")
        need_date(self.date, "date")


@dataclass(frozen=True, slots=True)
class Transfer:
    """СвПродПер/СвПер: the transfer of goods (results of work, services)."""

    operation: str = "Товары переданы"  # СодОпер
    transfer_date: date | None = None  # ДатаПер; or a period below
    period_start: date | None = None
    period_end: date | None = None
    kind: str = ""  # ВидОпер
    basis: tuple[DocRef, ...] = ()  # ОснПер; empty → «без документа-основания»
    handed_by: Employee | None = None  # СвЛицПер/РабОргПрод
    transport: str = ""  # Тран/@СвТран

    def __post_init__(self) -> None:
        need_text(self.operation, "operation", 255)
        need_text(self.kind, "kind", 255, required=False)
        need_text(self.transport, "transport", 1000, required=False)
        for name in ("transfer_date", "period_start", "period_end"):
            need_date(getattr(self, name), name)
        if self.transfer_date is None and (self.period_start is None or self.period_end is None):
            raise InputError("укажите дату передачи или период (начало и окончание)", "transfer_date")
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise InputError("начало периода позже его окончания", "period_end")


@dataclass(frozen=True, slots=True)
class UpdSeller:
    """The seller's title. ``file_id`` and ``created`` are data: to_xml never invents them."""

    file_id: FileId
    created: datetime  # ДатаИнфПр + ВремИнфПр
    function: str
    number: str
    doc_date: date
    sellers: tuple[Participant, ...]
    buyers: tuple[Participant, ...]
    signers: tuple[Signer, ...]
    lines: tuple[GoodsLine, ...] = ()
    correction: Correction | None = None
    shipper_is_seller: bool = False  # ГрузОт/ОнЖе
    shippers: tuple[Participant, ...] = ()
    consignees: tuple[Participant, ...] = ()
    shipment_docs: tuple[DocRef, ...] = ()  # ДокПодтвОтгрНом
    currency_code: str = "643"
    currency_name: str = "Российский рубль"
    transfer: Transfer | None = None
    doc_name: str = ""  # НаимДокОпр; filled with the standard name for all but СЧФ
    fact_name: str = FACT_TEXT  # ПоФактХЖ
    economic_entity: str = ""  # НаимЭконСубСост
    uid: str = ""
    program: str = PROGRAM

    def __post_init__(self) -> None:
        self._check_header()
        self._check_parties()
        self._check_lines()
        if self.function in WITH_TRANSFER and self.transfer is None:
            raise InputError(f"для функции {self.function} обязательны сведения о передаче (СвПродПер)", "transfer")
        for i, line in enumerate(self.lines):
            _check_line_for_function(line, self.function, i)

    def _check_header(self) -> None:
        if self.function not in FUNCTIONS:
            raise InputError(f"функция «{self.function}» не предусмотрена; допустимы: {', '.join(FUNCTIONS)}",
                             "function")
        if self.file_id.prefix != SELLER_PREFIX or self.file_id.suffix != SUFFIX_503:
            raise InputError(f"имя файла должно начинаться с {SELLER_PREFIX} и оканчиваться {SUFFIX_503}", "file_id")
        need_moment(self.created, "created")
        need_text(self.number, "number", 1000)
        need_date(self.doc_date, "date")
        if self.function == "СЧФ":
            if self.doc_name:
                raise InputError("для функции СЧФ наименование документа не указывается", "doc_name")
        elif not self.doc_name:
            object.__setattr__(self, "doc_name", DEFAULT_DOC_NAMES[self.function])
        need_text(self.doc_name, "doc_name", 255, required=False)
        need_text(self.fact_name, "fact_name", 255, required=False)
        need_text(self.economic_entity, "economic_entity", 1000, required=False)
        need_text(self.uid, "uid", 1000, required=False)
        need_text(self.program, "program", 40)
        need_digits(self.currency_code, "currency_code", (3,))
        need_text(self.currency_name, "currency_name", 100)

    def _check_parties(self) -> None:
        if not self.sellers:
            raise InputError("укажите продавца", "seller")
        if not self.buyers:
            raise InputError("укажите покупателя", "buyer")
        if not self.signers:
            raise InputError("укажите подписанта", "signers")
        if self.function in WITH_TABLE:
            groups = (("sellers", self.sellers), ("buyers", self.buyers), ("shippers", self.shippers),
                      ("consignees", self.consignees))
            for name, group in groups:
                for i, member in enumerate(group):
                    if member.address is None:
                        raise InputError(f"для функции {self.function} адрес обязателен", f"{name}[{i}].address")
        if self.function == "СЧФ" and not self.shipment_docs:
            raise InputError("для функции СЧФ укажите документ об отгрузке (ДокПодтвОтгрНом)", "shipment_docs")

    def _check_lines(self) -> None:
        if self.function in WITH_TABLE and not self.lines:
            raise InputError(f"для функции {self.function} нужна хотя бы одна строка товаров", "lines")
        seen: set[int] = set()
        for i, line in enumerate(self.lines):
            if line.number in seen:
                raise InputError(f"номер строки {line.number} повторяется", f"lines[{i}].number")
            seen.add(line.number)

    @property
    def totals(self) -> Totals:
        return compute_totals(self.lines)

    @property
    def seller(self) -> Participant:
        return self.sellers[0]

    @property
    def buyer(self) -> Participant:
        return self.buyers[0]

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


def _check_line_for_function(line: GoodsLine, function: str, index: int) -> None:
    path = f"lines[{index}]"
    if function in WITH_TABLE:
        if line.okei and line.quantity is None:
            raise InputError("при указании единицы измерения укажите количество", f"{path}.quantity")
        if line.quantity is not None and (line.price is None or line.price <= 0):
            raise InputError("цена должна быть больше нуля", f"{path}.price")
    if function in ("СвРК", "СвЗК") and line.price is not None and line.price <= 0:
        raise InputError("цена должна быть больше нуля", f"{path}.price")

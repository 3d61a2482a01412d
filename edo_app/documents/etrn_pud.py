"""ЭТрН 5.01 titles 07 and 08: the primary accounting document (ПУД) of the carriage.

* EtrnPudCarrier — title 07 (ON_TRNPUDPER, КНД 1110345), signed by the carrier: the cost of the
  carriage with VAT; it answers the carrier's own title 06 (ИдИнфПрвВыд).
* EtrnPudShipper — title 08 (ON_TRNPUDGO, КНД 1110346), signed by the shipper: it answers title 07
  (ИдПУДИнфПрв) and may name a third party who pays for the carriage (НаимПлат with ОснИнПлат).

The arithmetic of the cost is the УПД's: compute_amounts gives the tax of a base at a rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fields import need_digits, need_text
from edo_app.model.fileid import FileId
from edo_app.model.money import KOPECK
from edo_app.model.vat import VatRate

from .etrn_model import TitleFormat
from .etrn_types import PROGRAM, REPLY_STATUSES, DocRequisite, EtrnSigner, TitleRef, need_file, need_order
from .upd_model import compute_amounts, need_amount

PUD_CARRIER = TitleFormat("07", "ON_TRNPUDPER", "1110345", "Транспортная накладная (информация перевозчика о "
                          "стоимости перевозки)", "Стоимость перевозки груза", "Перевозчик")
PUD_SHIPPER = TitleFormat("08", "ON_TRNPUDGO", "1110346", "Транспортная накладная (информация грузоотправителя о "
                          "согласии со стоимостью перевозки)", "Со стоимостью перевозки согласен", "Грузоотправитель")
PUD_FORMATS = {PUD_CARRIER.code: PUD_CARRIER, PUD_SHIPPER.code: PUD_SHIPPER}
RUBLE = "643"
_NO_TAX_RATES = (VatRate.WITHOUT, VatRate.AGENT)


@dataclass(frozen=True, slots=True)
class CarriageCost:
    """СодФХЖ1: the cost of the carriage. ``vat`` None is written «без НДС» (БезНДС)."""

    without_vat: Decimal  # СтТовБезНДС
    vat: Decimal | None  # СумНДС
    with_vat: Decimal | None = None  # СтТовУчНал
    rate: VatRate | None = None  # НалСт
    currency: str = RUBLE  # ВалКод, ОКВ
    currency_name: str = ""  # ВалНаим
    calculation: str = ""  # Расчет: how the fee was computed

    def __post_init__(self) -> None:
        need_amount(self.without_vat, "without_vat")
        need_amount(self.vat, "vat", required=False)
        need_amount(self.with_vat, "with_vat", required=False)
        need_digits(self.currency, "currency", (3,))
        need_text(self.currency_name, "currency_name", 100, required=False)
        need_text(self.calculation, "calculation", 2000, required=False)
        if self.rate is not None and not isinstance(self.rate, VatRate):
            raise InputError("ставка НДС — значение VatRate", "rate")
        self._check_arithmetic()

    def _check_arithmetic(self) -> None:
        if self.with_vat is not None and self.with_vat != self.without_vat + self.tax:
            raise InputError(f"стоимость с НДС {self.with_vat} ≠ стоимость без НДС {self.without_vat} + НДС {self.tax}",
                             "with_vat")
        if self.rate is None:
            return
        if self.rate in _NO_TAX_RATES:
            if self.tax:
                raise InputError(f"при ставке «{self.rate.value}» сумма НДС не указывается", "vat")
            return
        if self.vat is None:
            raise InputError(f"при ставке «{self.rate.value}» укажите сумму НДС", "vat")
        _, expected = compute_amounts(Decimal(1), self.without_vat, self.rate)
        if expected is not None and abs(expected - self.vat) > KOPECK:
            raise InputError(f"НДС {self.vat} не соответствует ставке {self.rate.value}: ожидается {expected}",
                             "vat")

    @property
    def tax(self) -> Decimal:
        return self.vat if self.vat is not None else Decimal("0.00")

    @property
    def total(self) -> Decimal:
        return self.with_vat if self.with_vat is not None else self.without_vat + self.tax


def cost_at(without_vat: Decimal, rate: VatRate, *, calculation: str = "", currency: str = RUBLE,
            currency_name: str = "") -> CarriageCost:
    """The cost whose tax and total are computed from the base at ``rate`` (the УПД's arithmetic)."""
    base, tax = compute_amounts(Decimal(1), without_vat, rate)
    return CarriageCost(without_vat=base, vat=tax, with_vat=base + (tax or 0), rate=rate, currency=currency,
                        currency_name=currency_name, calculation=calculation)


@dataclass(frozen=True, slots=True)
class BankAccount:
    """БанкРекв: the account the carriage is paid to or from."""

    number: str  # НомерСч
    bank_name: str = ""  # СвБанк/@НаимБанк
    bik: str = ""  # СвБанк/@БИК
    corr_account: str = ""  # СвБанк/@КорСчет

    def __post_init__(self) -> None:
        need_text(self.number, "number", 20)
        need_text(self.bank_name, "bank_name", 1000, required=False)
        if self.bik:
            need_digits(self.bik, "bik", (9,))
        need_text(self.corr_account, "corr_account", 20, required=False)


@dataclass(frozen=True, slots=True)
class PartyExtras:
    """ДопСвПрв (07) / ДопСвГО (08): ДопСвУчФХЖТип, every part optional."""

    account: BankAccount | None = None
    okpo: str = ""  # ОКПО
    division: str = ""  # СтруктПодр
    note: str = ""  # ИнфДляУчаст
    short_name: str = ""  # КраткНазв

    def __post_init__(self) -> None:
        if self.okpo:
            need_digits(self.okpo, "okpo", (8, 10))
        need_text(self.division, "division", 1000, required=False)
        need_text(self.note, "note", 255, required=False)
        need_text(self.short_name, "short_name", 255, required=False)


@dataclass(frozen=True, slots=True)
class ThirdPartyPayer:
    """НаимПлат and ОснИнПлат of title 08: who pays instead of the shipper and on what grounds."""

    name: str
    basis: DocRequisite

    def __post_init__(self) -> None:
        need_text(self.name, "name", 1000)


@dataclass(frozen=True, slots=True)
class EtrnPudCarrier:
    """Title 07: the carrier states the cost of the carriage."""

    file_id: FileId
    created: datetime
    answers: TitleRef  # the carrier's title 06
    uid: str
    economic_entity: str  # НаимЭкСубСост
    cost: CarriageCost
    signer: EtrnSigner
    extras: PartyExtras = PartyExtras()  # ДопСвПрв
    operation: str = PUD_CARRIER.operation  # СодФХЖ
    program: str = PROGRAM

    def __post_init__(self) -> None:
        _check_title(self)

    @property
    def step(self) -> str:
        return PUD_CARRIER.code

    @property
    def format(self) -> TitleFormat:
        return PUD_CARRIER

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


@dataclass(frozen=True, slots=True)
class EtrnPudShipper:
    """Title 08: the shipper answers the carrier's cost, optionally naming a third-party payer."""

    file_id: FileId
    created: datetime
    answers: TitleRef  # the carrier's title 07
    uid: str
    economic_entity: str  # НаимЭкСубСост
    signer: EtrnSigner
    extras: PartyExtras = PartyExtras()  # ДопСвГО
    payer: ThirdPartyPayer | None = None
    operation: str = PUD_SHIPPER.operation  # СодФХЖ
    program: str = PROGRAM

    def __post_init__(self) -> None:
        _check_title(self)

    @property
    def step(self) -> str:
        return PUD_SHIPPER.code

    @property
    def format(self) -> TitleFormat:
        return PUD_SHIPPER

    @property
    def file_name(self) -> str:
        return f"{self.file_id}.xml"


EtrnPud = EtrnPudCarrier | EtrnPudShipper
NO_EXTRAS = PartyExtras()


def _check_title(doc: EtrnPud) -> None:
    """What titles 07 and 08 check alike: the file name, the order in time, the texts, the signer."""
    need_file(doc.file_id, doc.format.prefix, doc.created)
    need_order(doc.answers.created, doc.created, "created", "титул сформирован раньше титула, на который отвечает")
    need_text(doc.uid, "uid", 1000)
    need_text(doc.economic_entity, "economic_entity", 1000)
    need_text(doc.operation, "operation", 1000)
    if doc.signer.status not in REPLY_STATUSES:
        raise InputError("статус подписанта этого титула: 1 или 3", "signer.status")
    need_text(doc.program, "program", 40)

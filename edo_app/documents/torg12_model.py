"""ТОРГ-12 (документ о передаче товара при торговых операциях) 5.01: the seller's title
(DP_TOVTORGPR, КНД 1175010) as a frozen dataclass; the buyer's title is a PrimaryAnswer
(primary_answer.TORG12_ANSWER). Totals (Всего) are always computed from the lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fields import need_text
from edo_app.model.vat import VatRate

from .primary_answer import TORG12_ANSWER, PrimaryAnswer, SellerTitle, answer_for
from .primary_types import Handler, Member, PrimarySigner, ValueLine, check_line_numbers
from .upd_model import Totals, compute_totals
from .upd_types import need_date

TORG12_PREFIX = "DP_TOVTORGPR"
TORG12_KND = "1175010"
TORG12_FACT = "Документ о передаче товара при торговых операциях"
TORG12_DOC_NAME = "Товарная накладная"
TORG12_OPERATION = "Товары переданы"
TORG12_RATES = (VatRate.R0, VatRate.R10, VatRate.R20, VatRate.R10_110, VatRate.R20_120, VatRate.WITHOUT,
                VatRate.AGENT)


@dataclass(frozen=True, slots=True)
class Torg12Seller(SellerTitle):
    """The seller's title: parties, goods with quantities and amounts, the shipment."""

    seller: Member
    buyer: Member
    lines: tuple[ValueLine, ...]
    shipper: Member | None = None  # ГрузОтпр
    consignee: Member | None = None  # ГрузПолуч
    shipped_on: date | None = None  # ДатаОтпуск
    operation: str = TORG12_OPERATION  # СодОпер
    handed_by: Handler | None = None  # СвЛицОтпГруз/РабОргПрод

    def __post_init__(self) -> None:
        if self.head.file_id.prefix != TORG12_PREFIX:
            raise InputError(f"имя файла должно начинаться с {TORG12_PREFIX}", "head.file_id")
        check_line_numbers(self.lines, TORG12_RATES)
        for i, line in enumerate(self.lines):
            # ТОРГ-12 always states the unit and the quantity handed over (НеттоПередано)
            if not line.okei or not line.unit_name:
                raise InputError("укажите единицу измерения (код ОКЕИ и наименование)", f"lines[{i}].okei")
            if line.quantity is None:
                raise InputError("укажите количество", f"lines[{i}].quantity")
            if line.description:
                raise InputError("описание работ в ТОРГ-12 не указывается", f"lines[{i}].description")
        need_date(self.shipped_on, "shipped_on")
        need_text(self.operation, "operation", 255)

    @property
    def totals(self) -> Totals:
        return compute_totals(self.lines)

    @property
    def total_quantity(self) -> Decimal:
        return sum((line.quantity or Decimal(0) for line in self.lines), Decimal(0))


def torg12_answer_for(doc: Torg12Seller, signature_b64: str, *, created: datetime, guid: str,
                      signer: PrimarySigner, accept: bool = True, reason: str = "",
                      accepted_on: date | None = None, accepted_by: Handler | None = None) -> PrimaryAnswer:
    """The buyer's title answering ``doc`` (goods accepted, or refused with a reason)."""
    return answer_for(TORG12_ANSWER, doc.answered(doc.buyer.name), signature_b64, created=created, guid=guid,
                      signer=signer, accept=accept, reason=reason, accepted_on=accepted_on, accepted_by=accepted_by)

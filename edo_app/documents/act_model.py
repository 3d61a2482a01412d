"""The акт (документ о передаче результатов работ, об оказании услуг) 5.01: the executor's title
(DP_REZRUISP, КНД 1175012) as a frozen dataclass; the customer's title is a PrimaryAnswer
(primary_answer.ACT_ANSWER). Totals (ОписРабот/@..Ит) are always computed from the works.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from edo_app.errors import InputError
from edo_app.model.fields import need_text
from edo_app.model.vat import VatRate

from .primary_answer import ACT_ANSWER, PrimaryAnswer, SellerTitle, answer_for
from .primary_types import Member, PrimarySigner, ValueLine, check_line_numbers
from .upd_model import Totals, compute_totals
from .upd_types import need_date

ACT_PREFIX = "DP_REZRUISP"
ACT_KND = "1175012"
ACT_FACT = "Документ о передаче результатов работ (Документ об оказании услуг)"
ACT_DOC_NAME = "Акт сдачи-приемки выполненных работ (оказанных услуг)"
ACT_OPERATION = "Работы выполнены (услуги оказаны) в полном объеме"
ACT_RATES = (VatRate.R0, VatRate.R10, VatRate.R20, VatRate.R10_110, VatRate.R20_120, VatRate.WITHOUT)


@dataclass(frozen=True, slots=True)
class ActSeller(SellerTitle):
    """The executor's title: who did the work for whom, the works with their amounts, when."""

    executor: Member
    customer: Member
    works: tuple[ValueLine, ...]
    work_start: date | None = None  # НачРабот
    work_end: date | None = None  # КонРабот
    transfer_date: date | None = None  # ДатаПер
    operation: str = ACT_OPERATION  # СодОпер
    heading: str = ""  # ЗагСодОпер

    def __post_init__(self) -> None:
        if self.head.file_id.prefix != ACT_PREFIX:
            raise InputError(f"имя файла должно начинаться с {ACT_PREFIX}", "head.file_id")
        check_line_numbers(self.works, ACT_RATES, "works")
        for name in ("work_start", "work_end", "transfer_date"):
            need_date(getattr(self, name), name)
        if self.work_start and self.work_end and self.work_start > self.work_end:
            raise InputError("начало периода работ позже его окончания", "work_end")
        need_text(self.operation, "operation", 255)
        need_text(self.heading, "heading", 2000, required=False)

    @property
    def totals(self) -> Totals:
        return compute_totals(self.works)


def act_answer_for(act: ActSeller, signature_b64: str, *, created: datetime, guid: str, signer: PrimarySigner,
                   accept: bool = True, reason: str = "", accepted_on: date | None = None) -> PrimaryAnswer:
    """The customer's title answering ``act`` (accepted, or refused with a reason)."""
    return answer_for(ACT_ANSWER, act.answered(act.customer.name), signature_b64, created=created, guid=guid,
                      signer=signer, accept=accept, reason=reason, accepted_on=accepted_on)

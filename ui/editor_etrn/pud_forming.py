"""What the ЭТрН ПУД dialog (ui.editor_etrn.pud_titles) does off the GUI thread: tell which title the
selection allows (07 on the carrier's own title 06, 08 on a received title 07) and build and store it
from the typed values through services.etrn_pud_flow. Every bad value is named by its field path.

A disagreement with the cost is title 08 with its reason in the СодФХЖ text
(services.etrn_pud_flow.disagreement: the carrier's 07 then shows «Отказано»).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from edo_app.documents import CarriageCost, EtrnPudCarrier, EtrnShipper, PartyExtras, ThirdPartyPayer, cost_at
from edo_app.documents.etrn_pud import BankAccount
from edo_app.documents.etrn_types import DocRequisite
from edo_app.documents.upd_model import need_amount
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentKind
from edo_app.model.money import format_rub, to_decimal
from edo_app.model.problems import Problems
from edo_app.model.vat import VatRate
from edo_app.services import Services, etrn_flow
from edo_app.services.etrn_pud_flow import answer_title, cost_title, disagreement, store_pud, stored_pud
from ui.editor_etrn.title_fields import signer_of

NO_TITLE = ("Выберите в реестре свой подписанный титул 06 ЭТрН (перевозчик оформит стоимость перевозки — "
            "титул 07) или полученный от перевозчика титул 07 (грузоотправитель ответит титулом 08)")
ACCOUNT = (("number", "Расчётный счёт"), ("bank_name", "Банк"), ("bik", "БИК"), ("corr_account", "Корр. счёт"))


@dataclass(frozen=True, slots=True)
class Selected:
    """The title to form on the selection, what to say of it, and the fields known in advance."""

    step: str  # "07" (on a title 06) or "08" (on a received title 07)
    about: str
    known: dict[str, str]


def selected_title(services: Services, document_id: int) -> Selected:
    stored = services.library.get(document_id)
    function = stored.summary.function if stored.summary.kind is DocumentKind.ETRN else ""
    if function == "титул 06" and stored.direction is Direction.OUTGOING:
        return _on_handover(services, document_id)
    if function == "титул 07" and stored.direction is Direction.INCOMING:
        return _on_cost(services, document_id)
    raise InputError(_why_not(function), f"документ № {document_id}")


def _why_not(function: str) -> str:
    if not function:
        return "выбран не титул ЭТрН"
    if function == "титул 06":
        return "этот титул 06 не исходящий: стоимость перевозки (титул 07) оформляет перевозчик на своём титуле 06"
    if function == "титул 07":
        return "это ваш титул 07: на него отвечает грузоотправитель титулом 08"
    return f"выбран {function} ЭТрН: на него не оформляют ни титул 07, ни титул 08"


def _on_handover(services: Services, document_id: int) -> Selected:
    handover = etrn_flow.stored_title(services.database, document_id)
    etrn_flow.title_signature(services.database, document_id)  # 07 carries it: refuse an unsigned 06 at once
    waybill = etrn_flow.chain(services.database, handover)[0]
    known = {}
    if isinstance(waybill, EtrnShipper):
        known = {"shipper": waybill.file_id.sender, "economic_entity": waybill.carrier.member.name}
    return Selected("07", f"Перевозчик: стоимость перевозки (титул 07) по накладной {handover.uid}", known)


def _on_cost(services: Services, document_id: int) -> Selected:
    pud = stored_pud(services.database, document_id)
    if not isinstance(pud, EtrnPudCarrier):
        raise InputError("титул 08 отвечает на титул 07 перевозчика", f"документ № {document_id}")
    etrn_flow.title_signature(services.database, document_id)
    cost = pud.cost
    tax = f"НДС {format_rub(cost.vat)}" if cost.vat is not None else "без НДС"
    about = (f"Грузоотправитель: ответ (титул 08) на стоимость перевозки от «{pud.economic_entity}»: "
             f"{format_rub(cost.total)} ({tax}), накладная {pud.uid}")
    return Selected("08", about, {})


def form_cost(services: Services, document_id: int, values: dict[str, Any]) -> int:
    """Title 07 from the typed values, stored as outgoing; InputErrors names every bad field."""
    problems = Problems()
    signer = problems.run("signer", lambda: signer_of(values))
    cost = problems.run("cost", lambda: cost_of(values))
    extras = problems.run("account", lambda: _extras(values))
    problems.raise_if_any()
    assert signer is not None and cost is not None and extras is not None
    pud = cost_title(services.database, document_id, signer=signer, created=_now(), guid=str(uuid.uuid4()),
                     cost=cost, shipper=values["shipper"], economic_entity=values["economic_entity"], extras=extras)
    return store_pud(services.library, pud)


def cost_of(values: dict[str, Any]) -> CarriageCost:
    """The cost as typed: the base and the rate; the VAT computed from them unless typed too."""
    base = _amount(values["cost.without_vat"], "without_vat")
    rate: VatRate = values["cost.rate"]
    currency, calculation = values["cost.currency"], values["cost.calculation"]
    if not values["cost.vat"]:
        return cost_at(base, rate, calculation=calculation, currency=currency)
    vat = _amount(values["cost.vat"], "vat")
    return CarriageCost(without_vat=base, vat=vat, with_vat=base + vat, rate=rate, currency=currency,
                        calculation=calculation)


def _amount(text: str, field: str) -> Decimal:
    if not text:
        raise InputError("укажите сумму, например 45000,00", field)
    amount = to_decimal(text, field)
    need_amount(amount, field)  # before cost_at would round away a third decimal
    return amount


def _extras(values: dict[str, Any]) -> PartyExtras:
    if not any(values[f"account.{key}"] for key, _ in ACCOUNT):
        return PartyExtras()
    return PartyExtras(account=BankAccount(**{key: values[f"account.{key}"] for key, _ in ACCOUNT}))


def form_answer(services: Services, document_id: int, values: dict[str, Any]) -> int:
    """Title 08 (agreement, or disagreement with its reason) from the typed values, stored as outgoing."""
    problems = Problems()
    signer = problems.run("signer", lambda: signer_of(values))
    operation = problems.run("", lambda: _operation(values))  # the core names the field: reason
    payer = problems.run("payer", lambda: _payer(values))
    if not values["economic_entity"]:
        problems.add("economic_entity", "укажите наименование грузоотправителя")
    problems.raise_if_any()
    assert signer is not None and operation is not None
    answer = answer_title(services.database, document_id, signer=signer, created=_now(), guid=str(uuid.uuid4()),
                          economic_entity=values["economic_entity"], payer=payer)
    return store_pud(services.library, replace(answer, operation=operation) if operation else answer)


def _operation(values: dict[str, Any]) -> str:
    """СодФХЖ of title 08: "" keeps the format's agreement; a disagreement states its reason."""
    return "" if values["agreed"] else disagreement(values["reason"])


def _payer(values: dict[str, Any]) -> ThirdPartyPayer | None:
    """A third party who pays instead of the shipper, with the document it pays by; none when unnamed."""
    if not values["payer.name"]:
        return None
    problems = Problems()
    basis = problems.run("basis", lambda: DocRequisite(values["payer.basis.name"], values["payer.basis.number"],
                                                       date.fromisoformat(values["payer.basis.date"]),
                                                       values["payer.basis.issuer_inn"]))
    problems.raise_if_any()
    assert basis is not None
    return ThirdPartyPayer(values["payer.name"], basis)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)

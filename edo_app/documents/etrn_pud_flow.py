"""Forming titles 07 and 08 from the titles they answer, and samples of both.

The carrier forms title 07 from its own title 06 and sends it to the shipper; the shipper
answers with title 08, sent back to the carrier. One УИД_ТрН runs through the whole chain.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fileid import FileId
from edo_app.model.vat import VatRate

from .etrn_model import CARRIER_HANDOVER, EtrnReply, EtrnShipper
from .etrn_pud import (
    NO_EXTRAS,
    PUD_CARRIER,
    PUD_SHIPPER,
    BankAccount,
    CarriageCost,
    EtrnPudCarrier,
    EtrnPudShipper,
    PartyExtras,
    ThirdPartyPayer,
    cost_at,
)
from .etrn_samples import _person, edo_id_of, sample_etrn, sample_etrn_title
from .etrn_types import DocRequisite, EtrnSigner, TitleRef
from .samples import sample_signature

PUD_STEPS = ("7", "8")


def cost_for(handover: EtrnReply, signature_b64: str, *, created: datetime, guid: str, signer: EtrnSigner,
             shipper: str, economic_entity: str, cost: CarriageCost,
             extras: PartyExtras = NO_EXTRAS) -> EtrnPudCarrier:
    """Title 07 of the carrier answering its title 06; ``shipper`` is the shipper's ЭДО id."""
    if not isinstance(handover, EtrnReply) or handover.step != CARRIER_HANDOVER.code:
        raise InputError("титул 07 формируется на основании титула 06 (выдача груза)", "step")
    old = handover.file_id
    file_id = FileId(PUD_CARRIER.prefix, shipper, old.sender, created.date(), guid)
    return EtrnPudCarrier(file_id=file_id, created=created, answers=TitleRef(str(old), handover.created, signature_b64),
                          uid=handover.uid, economic_entity=economic_entity, cost=cost, signer=signer, extras=extras)


def answer_for(pud: EtrnPudCarrier, signature_b64: str, *, created: datetime, guid: str, signer: EtrnSigner,
               economic_entity: str, payer: ThirdPartyPayer | None = None,
               extras: PartyExtras = NO_EXTRAS) -> EtrnPudShipper:
    """Title 08 of the shipper answering the carrier's title 07; it goes back to the carrier."""
    if not isinstance(pud, EtrnPudCarrier):
        raise InputError("титул 08 отвечает на титул 07 (стоимость перевозки)", "step")
    old = pud.file_id
    file_id = FileId(PUD_SHIPPER.prefix, old.sender, old.recipient, created.date(), guid)
    return EtrnPudShipper(file_id=file_id, created=created, answers=TitleRef(str(old), pud.created, signature_b64),
                          uid=pud.uid, economic_entity=economic_entity, signer=signer, extras=extras, payer=payer)


def sample_pud(step: str = "7", seed: int = 0, *, payer: bool = False) -> EtrnPudCarrier | EtrnPudShipper:
    """Title 07 (the cost at 20 %) or 08 of the sample waybill ``seed``; 08 may name a third-party payer."""
    if step not in PUD_STEPS:
        raise InputError(f"титул «{step}»: допустимы {', '.join(PUD_STEPS)}", "title")
    waybill, handover = sample_etrn(seed=seed), sample_etrn_title("6", seed)
    assert isinstance(handover, EtrnReply)
    rng = random.Random(seed + 7)
    pud = cost_for(handover, sample_signature(rng), created=handover.created + timedelta(hours=3),
                   guid=_guid(rng), signer=EtrnSigner(_person(rng), "Генеральный директор"),
                   shipper=edo_id_of(waybill.shipper), economic_entity=waybill.carrier.member.name,
                   cost=cost_at(Decimal(rng.randint(15, 90) * 1000), VatRate.R20,
                                calculation="По тарифу договора перевозки"),
                   extras=PartyExtras(BankAccount("40702810900000000001", "ПАО «Банк»", "044525225",
                                                  "30101810400000000225")))
    if step == "7":
        return pud
    return answer_for(pud, sample_signature(rng), created=pud.created + timedelta(hours=5), guid=_guid(rng),
                      signer=EtrnSigner(_person(rng), "Главный бухгалтер"),
                      economic_entity=waybill.shipper.member.name, payer=_payer(waybill) if payer else None)


def _payer(waybill: EtrnShipper) -> ThirdPartyPayer:
    consignee = waybill.consignee.member
    basis = DocRequisite("Договор поставки", "П-17", waybill.order_date, consignee.party.inn)
    return ThirdPartyPayer(consignee.name, basis)


def _guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))

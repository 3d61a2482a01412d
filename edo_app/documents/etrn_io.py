"""One entry point for the ЭТрН 5.01 titles 01, 02, 05, 06 (and 03, 04): to_xml / from_xml by type or КНД,
and ``reply_for``, which builds the next party's title answering a given one.

The main flow: the shipper's title 1 goes to the carrier; the carrier's title 02 (cargo accepted)
answers it and goes to the consignee; the consignee's title 05 (accepted, or refused with a
reason) answers 02 and goes back to the carrier; the carrier's title 06 (handed over) answers 05.
"""

from __future__ import annotations

from datetime import datetime

from edo_app.errors import InputError
from edo_app.model.fileid import FileId
from edo_app.xmlio import parse_bytes

from .etrn_change import CHANGE, EtrnChange
from .etrn_change_xml import change_from_tree, change_to_xml
from .etrn_model import (
    CARRIER_ACCEPT,
    CARRIER_HANDOVER,
    CONSIGNEE,
    REPLY_FORMATS,
    SHIPPER,
    EtrnReply,
    EtrnShipper,
    EtrnTitle,
    Remarks,
    Unloading,
)
from .etrn_readdress import READDRESS, EtrnReaddress
from .etrn_readdress_xml import readdress_from_tree, readdress_to_xml
from .etrn_reply_xml import reply_from_tree, reply_to_xml
from .etrn_shipper_xml import shipper_from_tree, shipper_to_xml
from .etrn_types import EtrnSigner, TitleRef

EtrnAny = EtrnTitle | EtrnChange | EtrnReaddress  # the main flow's titles and the carrier's titles 04 and 03
NO_REMARKS = Remarks()
NEXT_STEP = {SHIPPER.code: CARRIER_ACCEPT.code, CARRIER_ACCEPT.code: CONSIGNEE.code,
             CONSIGNEE.code: CARRIER_HANDOVER.code}


def etrn_to_xml(doc: EtrnAny) -> bytes:
    """windows-1251 bytes with the XML declaration; save them as ``doc.file_name``."""
    if isinstance(doc, EtrnChange):
        return change_to_xml(doc)
    if isinstance(doc, EtrnReaddress):
        return readdress_to_xml(doc)
    return shipper_to_xml(doc) if isinstance(doc, EtrnShipper) else reply_to_xml(doc)


def etrn_any_from_xml(data: bytes) -> EtrnAny:
    """Like ``etrn_from_xml``, and titles 03 (переадресовка) and 04 (замена водителя и (или) ТС) too."""
    root = parse_bytes(data).getroot()
    body = root.find("Документ")
    knd = body.get("КНД") if body is not None else None
    if knd == CHANGE.knd:
        return change_from_tree(root)
    if knd == READDRESS.knd:
        return readdress_from_tree(root)
    return etrn_from_xml(data)


def etrn_from_xml(data: bytes) -> EtrnTitle:
    """Title 01, 02, 05 or 06 by Документ/@КНД; InputError naming the XPath otherwise."""
    root = parse_bytes(data).getroot()
    body = root.find("Документ")
    knd = body.get("КНД", "") if body is not None else ""
    if knd == SHIPPER.knd:
        return shipper_from_tree(root)
    if knd in {f.knd for f in REPLY_FORMATS.values()}:
        return reply_from_tree(root)
    raise InputError(f"это не титул 01, 02, 05 или 06 ЭТрН 5.01: КНД «{knd}»", "Файл/Документ/@КНД")


def step_of(doc: EtrnTitle) -> str:
    return SHIPPER.code if isinstance(doc, EtrnShipper) else doc.step


def uid_of(doc: EtrnTitle) -> str:
    return doc.uid


def reply_for(answered: EtrnTitle, signature_b64: str, *, created: datetime, guid: str, signer: EtrnSigner,
              uid: str = "", recipient: str = "", accepted: bool = True, reason: str = "",
              receipt: Unloading | None = None, remarks: Remarks = NO_REMARKS,
              economic_entity: str = "") -> EtrnReply:
    """The title that answers ``answered`` (02 for 01, 05 for 02, 06 for 05).

    The sender is whoever received ``answered``; ``recipient`` defaults to its sender (the
    carrier's acceptance names the consignee instead). ``uid`` defaults to the answered title's
    УИД_ТрН: title 1 gets it from ГИС ЭПД, so its answer must be told it.
    """
    step = NEXT_STEP.get(step_of(answered))
    if step is None:
        raise InputError("титул 06 завершает основной цикл: на него не отвечают", "step")
    if not (uid or answered.uid):
        raise InputError("УИД_ТрН ещё не известен: его присваивает ГИС ЭПД после регистрации титула 1", "uid")
    old = answered.file_id
    file_id = FileId(REPLY_FORMATS[step].prefix, recipient or old.sender, old.recipient, created.date(), guid)
    ref = TitleRef(str(old), answered.created, signature_b64)
    return EtrnReply(step=step, file_id=file_id, created=created, answers=ref, uid=uid or answered.uid,
                     signer=signer, accepted=accepted, reason=reason, receipt=receipt, remarks=remarks,
                     economic_entity=economic_entity)

"""ЭТрН titles 07 and 08 (the ПУД of the carriage) on top of the stored documents and the exchange.

``cost_title`` builds the carrier's title 07 on its own stored title 06 (it carries the signature
of 06 as ЭП) and addresses it to the shipper; ``answer_title`` builds the shipper's title 08 on a
received title 07. ``store_pud`` validates and keeps either. When the carrier receives title 08,
``pud_answer_of`` names the title 07 it answers: exchange_incoming then moves that 07 to
«Подписан контрагентом», or to «Отказано» when the 08 states a disagreement.

Title 08 has no «не согласен» element: the format calls it the shipper's agreement with the cost and
carries what the shipper states as free text (СодФХЖ, «Со стоимостью перевозки согласен» by default).
A disagreement is that text starting with ``DISAGREED`` and giving the reason (``disagreement``);
every other text reads as agreement. ``print_stored_title`` prints a stored 07 or 08 on its own small form
(with the other title of the pair when it is in the registry), any other title on the waybill's.
"""

from __future__ import annotations

from datetime import datetime

from edo_app.documents import (
    CarriageCost,
    EtrnPud,
    EtrnPudCarrier,
    EtrnPudShipper,
    EtrnReply,
    EtrnShipper,
    EtrnSigner,
    PartyExtras,
    ThirdPartyPayer,
    answer_for,
    cost_for,
    pud_from_xml,
)
from edo_app.documents.etrn_pud import NO_EXTRAS, PUD_FORMATS, PUD_SHIPPER
from edo_app.errors import InputError
from edo_app.model.kinds import Direction
from edo_app.printing.etrn_pud import print_pud
from edo_app.services import etrn_flow
from edo_app.services.etrn_pud_drafts import validated_pud
from edo_app.services.exchange_status import ExchangeEvent
from edo_app.services.library import LibraryService
from edo_app.services.printing import stamps_of_stored
from edo_app.storage.database import Database
from edo_app.storage.outbox import ExchangeRepository
from edo_app.storage.repository import DocumentRepository
from edo_app.storage.signatures import SignatureRepository
from edo_app.xmlio import parse_bytes

ANSWER_LABEL = "титул 08 грузоотправителя"
DISAGREED = "Со стоимостью перевозки не согласен"
_OPERATION_LIMIT = 1000  # СодФХЖ: Текст1000


def disagreement(reason: str) -> str:
    """СодФХЖ of a title 08 that disagrees with the cost, or InputError (field ``reason``)."""
    reason = reason.strip()
    if not reason:
        raise InputError("при несогласии со стоимостью укажите причину", "reason")
    text = f"{DISAGREED}: {reason}"
    if len(text) > _OPERATION_LIMIT:
        raise InputError(f"причина несогласия длиннее {_OPERATION_LIMIT - len(DISAGREED) - 2} знаков", "reason")
    return text


def cost_title(database: Database, document_id: int, *, signer: EtrnSigner, created: datetime, guid: str,
               cost: CarriageCost, shipper: str = "", economic_entity: str = "",
               extras: PartyExtras = NO_EXTRAS) -> EtrnPudCarrier:
    """Title 07 on the carrier's stored title 06. The shipper's ЭДО id and the carrier's name come
    from title 1 of the chain when it is in the registry, unless given."""
    handover = etrn_flow.stored_title(database, document_id)
    if not isinstance(handover, EtrnReply) or handover.step != "06":
        raise InputError("стоимость перевозки (титул 07) оформляется на основании титула 06 перевозчика",
                         f"документ № {document_id}")
    waybill = etrn_flow.chain(database, handover)[0]
    if isinstance(waybill, EtrnShipper):
        shipper = shipper or waybill.file_id.sender
        economic_entity = economic_entity or waybill.carrier.member.name
    if not shipper:
        raise InputError("титула 1 этой накладной нет в реестре: укажите идентификатор ЭДО грузоотправителя", "shipper")
    if not economic_entity:
        raise InputError("титула 1 этой накладной нет в реестре: укажите наименование перевозчика", "economic_entity")
    return cost_for(handover, etrn_flow.title_signature(database, document_id), created=created, guid=guid,
                    signer=signer, shipper=shipper, economic_entity=economic_entity, cost=cost, extras=extras)


def stored_pud(database: Database, document_id: int) -> EtrnPud:
    content = DocumentRepository(database).get_content(document_id)
    try:
        return pud_from_xml(content)
    except InputError as exc:
        raise InputError(f"документ № {document_id} не титул 07 или 08 ЭТрН: {exc.message}", exc.field) from None


def answer_title(database: Database, document_id: int, *, signer: EtrnSigner, created: datetime, guid: str,
                 economic_entity: str, payer: ThirdPartyPayer | None = None,
                 extras: PartyExtras = NO_EXTRAS) -> EtrnPudShipper:
    """The shipper's title 08 on a stored (received) title 07 of the carrier."""
    pud = stored_pud(database, document_id)
    if not isinstance(pud, EtrnPudCarrier):
        raise InputError("титул 08 отвечает на титул 07 перевозчика", f"документ № {document_id}")
    return answer_for(pud, etrn_flow.title_signature(database, document_id), created=created, guid=guid,
                      signer=signer, economic_entity=economic_entity, payer=payer, extras=extras)


def store_pud(library: LibraryService, doc: EtrnPud) -> int:
    """Validate and keep an outgoing title 07 or 08; returns its document id (sign and send it next)."""
    content, _ = validated_pud(doc)
    result = library.import_bytes(content, doc.file_name, Direction.OUTGOING)
    if result.document_id is None:
        raise InputError(f"титул {doc.file_name} не сохранён: {result.report.issues[:1]}", "document")
    return result.document_id


def pud_answer_of(data: bytes) -> tuple[str, ExchangeEvent, str] | None:
    """A received title 08: (ИдФайл of the title 07 it answers, what it does to it, label); other ЭТрН: None."""
    body = parse_bytes(data).getroot().find("Документ")
    if body is None or body.get("КНД") != PUD_SHIPPER.knd:
        return None
    answer = pud_from_xml(data)
    disagrees = answer.operation.startswith(DISAGREED)
    event = ExchangeEvent.COUNTERPARTY_REFUSED if disagrees else ExchangeEvent.COUNTERPARTY_SIGNED
    return answer.answers.file_id, event, ANSWER_LABEL


def print_stored_title(database: Database, document_id: int) -> bytes:
    """PRINT_FORMS[ETRN]: title 07 or 08 on the ПУД form, the other titles on the waybill's (etrn_flow)."""
    body = parse_bytes(DocumentRepository(database).get_content(document_id)).getroot().find("Документ")
    if body is None or body.get("КНД") not in {f.knd for f in PUD_FORMATS.values()}:
        return etrn_flow.print_stored_etrn(database, document_id)
    doc = stored_pud(database, document_id)
    exchange = ExchangeRepository(database)
    ids: tuple[int, ...] = (document_id,)
    cost, answer = doc, None
    if isinstance(doc, EtrnPudShipper):
        facts = exchange.document_by_file_id(doc.answers.file_id)
        if facts is None:
            raise InputError("титул 07 перевозчика, на который отвечает этот титул 08, не найден в реестре: "
                             "печатная форма строится по нему", f"документ № {document_id}")
        cost, answer, ids = stored_pud(database, facts.id), doc, (facts.id, document_id)
    assert isinstance(cost, EtrnPudCarrier)
    signatures = SignatureRepository(database)
    stamps = [s for document, role in zip(ids, ("Перевозчик", "Грузоотправитель"), strict=False)
              for row in signatures.list_for(document) for s in stamps_of_stored(row, role=role)]
    return print_pud(cost, answer, stamps)

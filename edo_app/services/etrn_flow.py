"""The ЭТрН flow between the parties, on top of the stored documents and the exchange.

Given a stored title, ``next_title`` builds the next party's title: the carrier answers the
shipper's title 1 with title 02 (cargo accepted), the consignee answers 02 with title 05 (accepted,
or refused with a reason), the carrier answers 05 with title 06 (handed over). Each answer names
the title before by its ИдФайл, date and time and carries that title's stored signature (ЭП).

УИД_ТрН: ГИС ЭПД assigns it when title 1 is registered. The registration is kept on each side as
an audit event ``etrn.registered`` on the title 1 document (details: ``uid``, ``status``);
``registered_uid`` reads it back and ``next_title`` uses it unless an УИД is given explicitly.
``change_title`` / ``readdress_title`` build the carrier's title 04 (a new driver and/or vehicle) /
title 03 (readdressing) on its stored title 02.
``print_stored_etrn`` prints the waybill with every later title of its chain found in the registry.
"""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import datetime

from edo_app.documents import (
    Driver,
    EtrnAny,
    EtrnChange,
    EtrnParty,
    EtrnReaddress,
    EtrnReply,
    EtrnShipper,
    EtrnSigner,
    EtrnTitle,
    PlainAddress,
    Remarks,
    TitleRef,
    Unloading,
    VehicleChange,
    change_for,
    etrn_any_from_xml,
    etrn_from_xml,
    readdress_for,
    reply_for,
)
from edo_app.documents.etrn_io import NO_REMARKS
from edo_app.documents.etrn_types import DocRequisite
from edo_app.errors import InputError
from edo_app.model.kinds import Direction
from edo_app.printing.etrn import print_etrn
from edo_app.printing.stamp import SignatureStamp
from edo_app.services.etrn_drafts import validated
from edo_app.services.library import LibraryService
from edo_app.services.printing import stamps_of_stored
from edo_app.storage.database import Database
from edo_app.storage.outbox import ExchangeRepository
from edo_app.storage.repository import DocumentRepository
from edo_app.storage.signatures import SignatureRepository

REGISTERED = "etrn.registered"  # audit action: ГИС ЭПД registered title 1 and assigned its УИД_ТрН


def stored_title(database: Database, document_id: int) -> EtrnTitle:
    """A stored title of the main flow (01, 02, 05, 06): the ones that are answered."""
    title = stored_any(database, document_id)
    if isinstance(title, EtrnChange | EtrnReaddress):
        raise InputError(f"это титул {title.step} перевозчика: на него не отвечают", f"документ № {document_id}")
    return title


def stored_any(database: Database, document_id: int) -> EtrnAny:
    content = DocumentRepository(database).get_content(document_id)
    try:
        return etrn_any_from_xml(content)
    except InputError as exc:
        raise InputError(f"документ № {document_id} не титул ЭТрН: {exc.message}", exc.field) from None


def title_signature(database: Database, document_id: int) -> str:
    """The base64 of the stored signature of a title: what the next title carries as ЭП."""
    signatures = SignatureRepository(database).list_for(document_id)
    if not signatures:
        raise InputError("титул ещё не подписан: отвечать можно только на подписанный титул",
                         f"документ № {document_id}")
    return base64.b64encode(signatures[0].der).decode("ascii")


def record_registration(database: Database, document_id: int, uid: str, status: str = "registered") -> None:
    """Keep what ГИС ЭПД reported for title 1: its УИД_ТрН and the registration status."""
    if not uid:
        raise InputError("ГИС ЭПД не сообщила УИД_ТрН", "uid")
    DocumentRepository(database).record_event(REGISTERED, "ГИС ЭПД", {"uid": uid, "status": status}, document_id)


def registered_uid(database: Database, title: EtrnTitle) -> str:
    """УИД_ТрН of the chain ``title`` belongs to: written in it, or recorded for its title 1."""
    if title.uid:
        return title.uid
    facts = ExchangeRepository(database).document_by_file_id(str(title.file_id))
    if facts is None:
        return ""
    events = DocumentRepository(database).events(facts.id)
    found = [e.details.get("uid", "") for e in events if e.action == REGISTERED]
    return str(found[-1]) if found else ""


def next_title(database: Database, document_id: int, *, signer: EtrnSigner, created: datetime, guid: str,
               uid: str = "", recipient: str = "", accepted: bool = True, reason: str = "",
               receipt: Unloading | None = None, remarks: Remarks = NO_REMARKS,
               economic_entity: str = "") -> EtrnReply:
    """The next party's title answering the stored title ``document_id`` (see the module's note).

    The consignee's title names its economic entity: ``economic_entity``, or the consignee of the
    waybill when title 1 is in this registry.
    """
    answered = stored_title(database, document_id)
    if isinstance(answered, EtrnReply) and answered.step == "02" and not economic_entity:
        waybill = _waybill_of(database, answered)
        if waybill is None:
            raise InputError("титула 1 этой накладной нет в реестре: укажите наименование грузополучателя",
                             "economic_entity")
        economic_entity = waybill.consignee.name
    return reply_for(answered, title_signature(database, document_id), created=created, guid=guid, signer=signer,
                     uid=uid or registered_uid(database, answered), recipient=recipient, accepted=accepted,
                     reason=reason, receipt=receipt, remarks=remarks, economic_entity=economic_entity)


def change_title(database: Database, document_id: int, *, signer: EtrnSigner, created: datetime, guid: str,
                 changed: datetime, reason: str, drivers: tuple[Driver, ...] = (),
                 vehicles: tuple[VehicleChange, ...] = (), recipient: str = "") -> EtrnChange:
    """The carrier's title 04 (new driver and/or vehicle) built on its own stored title 02 ``document_id``."""
    accepted = _own_title_02(database, document_id, "замена водителя и (или) ТС")
    return change_for(_ref_to(database, document_id, accepted), accepted.file_id, uid=accepted.uid, created=created,
                      guid=guid, signer=signer, changed=changed, reason=reason, drivers=drivers, vehicles=vehicles,
                      recipient=recipient)


def readdress_title(database: Database, document_id: int, *, signer: EtrnSigner, created: datetime, guid: str,
                    readdressed: datetime, basis: DocRequisite, new_place: PlainAddress, new_unloading: datetime,
                    new_consignee: EtrnParty | None = None, recipient: str = "") -> EtrnReaddress:
    """The carrier's title 03 (readdressing) built on its own stored title 02 ``document_id``."""
    accepted = _own_title_02(database, document_id, "переадресовка")
    return readdress_for(_ref_to(database, document_id, accepted), accepted.file_id, uid=accepted.uid,
                         created=created, guid=guid, signer=signer, readdressed=readdressed, basis=basis,
                         new_place=new_place, new_unloading=new_unloading, new_consignee=new_consignee,
                         recipient=recipient)


def _own_title_02(database: Database, document_id: int, what: str) -> EtrnReply:
    accepted = stored_title(database, document_id)
    if not isinstance(accepted, EtrnReply) or accepted.step != "02":
        raise InputError(f"{what} оформляется на основании титула 02 перевозчика", f"документ № {document_id}")
    return accepted


def _ref_to(database: Database, document_id: int, title: EtrnReply) -> TitleRef:
    return TitleRef(str(title.file_id), title.created, title_signature(database, document_id))


def store_title(library: LibraryService, doc: EtrnAny) -> int:
    """Validate and keep an outgoing title; returns its document id (sign and send it next)."""
    content, _ = validated(doc)
    result = library.import_bytes(content, doc.file_name, Direction.OUTGOING)
    if result.document_id is None:
        raise InputError(f"титул {doc.file_name} не сохранён: {result.report.issues[:1]}", "document")
    return result.document_id


def chain(database: Database, title: EtrnTitle) -> list[EtrnTitle]:
    """The title and every earlier title of its chain found in the registry, title 1 first."""
    found = [title]
    exchange, documents = ExchangeRepository(database), DocumentRepository(database)
    current: EtrnTitle = title
    while isinstance(current, EtrnReply):
        facts = exchange.document_by_file_id(current.answers.file_id)
        if facts is None:
            break
        current = etrn_from_xml(documents.get_content(facts.id))
        found.append(current)
    return found[::-1]


def _waybill_of(database: Database, title: EtrnTitle) -> EtrnShipper | None:
    first = chain(database, title)[0]
    return first if isinstance(first, EtrnShipper) else None


def print_stored_etrn(database: Database, document_id: int) -> bytes:
    """The PDF of the waybill the stored title belongs to, with the later titles known up to it.

    A stored title 03 or 04 prints its waybill with the readdressing or the change marked, from the
    title 02 it is built on."""
    title = stored_any(database, document_id)
    changes = [title] if isinstance(title, EtrnChange | EtrnReaddress) else []
    titles = chain(database, _accepted_of(database, title) if isinstance(title, EtrnChange | EtrnReaddress) else title)
    waybill = titles[0]
    if not isinstance(waybill, EtrnShipper):
        raise InputError("титул 1 (информация грузоотправителя) этой накладной не найден в реестре: "
                         "печатная форма строится по нему", f"документ № {document_id}")
    replies = [t for t in titles[1:] if isinstance(t, EtrnReply)]
    uid = registered_uid(database, waybill)
    return print_etrn(waybill if waybill.uid or not uid else _with_uid(waybill, uid), replies,
                      _stamps(database, [*titles, *changes]), changes)


def _accepted_of(database: Database, change: EtrnChange | EtrnReaddress) -> EtrnTitle:
    facts = ExchangeRepository(database).document_by_file_id(change.answers.file_id)
    if facts is None:
        raise InputError("титул 02, на котором основаны сведения о замене, не найден в реестре", "answers")
    return etrn_from_xml(DocumentRepository(database).get_content(facts.id))


def _stamps(database: Database, titles: list[EtrnAny]) -> list[SignatureStamp]:
    stamps = []
    exchange, signatures = ExchangeRepository(database), SignatureRepository(database)
    for title in titles:
        facts = exchange.document_by_file_id(str(title.file_id))
        role = "Грузоотправитель" if isinstance(title, EtrnShipper) else title.format.party
        if facts is not None:
            stamps += [s for row in signatures.list_for(facts.id) for s in stamps_of_stored(row, role=role)]
    return stamps


def _with_uid(waybill: EtrnShipper, uid: str) -> EtrnShipper:
    """The printed waybill shows the УИД that ГИС ЭПД assigned after title 1 was sent."""
    return replace(waybill, uid=uid)

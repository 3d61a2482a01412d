"""Packages the exchange sends: a document with its signatures, and service documents (ИОП,
УОУ, ПоА) built from the file they answer.

The ИОП step is ``build_receipt``: a small function on plain values, so the exchange can
call it inside the processing of a received document and tests can call it alone.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from edo_app.documents import (
    EdoParticipant,
    ServiceDocument,
    ServiceSigner,
    annulment_proposal_for,
    clarification_request_for,
    receipt_notice_for,
    service_to_xml,
)
from edo_app.errors import InputError
from edo_app.model.party import Party, PersonName
from edo_app.model.summary import PartyRef
from edo_app.transport.package import Entry, Package, PackageKind, Role, to_zip

# Signs service documents we form (ИОП, УОУ, ПоА): bytes in, detached CMS (DER) out.
ServiceSignerFn = Callable[[bytes], bytes]
# Extra entries for a document's package: the МЧД (role poa) and its signature, when stored.
PoaEntriesFn = Callable[[int], Sequence[Entry]]

# Prefixes of service documents' ИдФайл.
IOP, PDO, PDP, UOU, ANNUL = "DP_IZVPOL", "DP_PDOTPR", "DP_PDPOL", "DP_UVUTOCH", "DP_PRANNUL"
SERVICE_PURPOSE = {IOP: "ИОП", PDO: "ПДО", PDP: "ПДП", UOU: "УОУ", ANNUL: "ПоА"}


@dataclass(frozen=True)
class Built:
    """A package ready for the outbox: its id and exact ZIP bytes."""

    package_id: str
    recipient: str
    data: bytes


MSK = timezone(timedelta(hours=3), "MSK")


def local(moment: datetime) -> datetime:
    """Service documents carry the local (Moscow) time without a zone."""
    return (moment.astimezone(MSK) if moment.tzinfo else moment).replace(tzinfo=None, microsecond=0)


def b64(der: bytes) -> str:
    return base64.b64encode(der).decode("ascii")


def service_prefix(name: str) -> str:
    """The service document's kind by its file name (``DP_IZVPOL_...``), or "" when unknown."""
    return next((p for p in SERVICE_PURPOSE if name.startswith(p + "_")), "")


def document_package(sender: str, recipient: str, file_id: str, content: bytes, *, signatures: Sequence[bytes],
                     extra: Sequence[Entry], created: datetime) -> Built:
    """A document with its detached signatures (``<file>.xml.sig``, ``.2.sig`` ...) and МЧД entries."""
    name = f"{file_id}.xml"
    entries = [Entry(name, Role.DOCUMENT, content)]
    for index, der in enumerate(signatures, start=1):
        suffix = ".sig" if index == 1 else f".{index}.sig"
        entries.append(Entry(name + suffix, Role.SIGNATURE, der, signs=name))
    package = Package.new(sender, recipient, [*entries, *extra], PackageKind.DOCUMENT, created=created)
    return Built(package.package_id, recipient, to_zip(package))


def service_package(sender: str, recipient: str, related: str, *, name: str, xml: bytes,
                    signer: ServiceSignerFn | None, created: datetime) -> Built:
    """One service document about ``related`` (the answered document's ИдФайл), signed when we can."""
    entries = [Entry(name, Role.SERVICE_DOCUMENT, xml, related=related)]
    if signer is not None:
        entries.append(Entry(name + ".sig", Role.SERVICE_SIGNATURE, signer(xml), signs=name))
    package = Package.new(sender, recipient, entries, PackageKind.SERVICE, created=created)
    return Built(package.package_id, recipient, to_zip(package))


def participant(edo_id: str, ref: PartyRef | None) -> EdoParticipant:
    """A side of the exchange as service documents carry it; InputError when the document's
    party lacks what they need (e.g. an ИП without the ФИО)."""
    if ref is None:
        raise InputError("в документе не указана сторона обмена", "summary")
    if len(ref.inn) != 12:
        return EdoParticipant(edo_id, Party(ref.name, ref.inn, ref.kpp))
    # An ИП or a person: the registry keeps «ИП Фамилия Имя Отчество», the formats want the ФИО.
    entrepreneur = ref.name.startswith("ИП ")
    words = ref.name.removeprefix("ИП ").split()
    if len(words) < 2:
        raise InputError(f"«{ref.name}»: не удалось выделить фамилию и имя", "summary.name")
    person = PersonName(words[0], words[1], " ".join(words[2:]))
    return EdoParticipant(edo_id, Party(person.full, ref.inn, person=person), entrepreneur)


@dataclass(frozen=True)
class Answered:
    """The file a service document answers, as the receiving side knows it."""

    file_id: str
    signatures: tuple[bytes, ...]
    received_at: datetime
    author: EdoParticipant  # who answers (us)
    sender: EdoParticipant  # who sent the answered file (them)


def build_receipt(answered: Answered, signer: ServiceSigner) -> tuple[str, bytes]:
    """ИОП on a received file: (file name, XML bytes)."""
    notice = receipt_notice_for(answered.file_id, [b64(s) for s in answered.signatures], local(answered.received_at),
                                sender=answered.sender, recipient=answered.author, signer=signer,
                                guid=str(uuid.uuid4()))
    return notice.file_name, service_to_xml(notice)


def build_clarification(answered: Answered, signer: ServiceSigner, text: str) -> tuple[str, bytes]:
    """УОУ asking the sender to correct (or refusing) the file: (file name, XML bytes)."""
    request = clarification_request_for(answered.file_id, b64(answered.signatures[0]), local(answered.received_at),
                                        sender=answered.sender, recipient=answered.author, signer=signer,
                                        text=text, guid=str(uuid.uuid4()))
    return request.file_name, service_to_xml(request)


def build_annulment(answered: Answered, reason: str) -> tuple[str, bytes]:
    """ПоА of a document both sides hold: (file name, XML bytes)."""
    proposal: ServiceDocument = annulment_proposal_for(
        answered.file_id, [b64(s) for s in answered.signatures], author=answered.author,
        counterparty=answered.sender, reason=reason, day=local(answered.received_at).date(), guid=str(uuid.uuid4()))
    return proposal.file_name, service_to_xml(proposal)

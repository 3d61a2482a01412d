"""What a received event does, worked out before anything is written.

``plan`` reads the stored event (and its package), checks it — the document against its
schema and rules, every signature against the bytes — records the МЧД verdicts through a
hook (exchange_poa: they never refuse the document) and returns
a ``Processing``: the document to store, the statuses to move, the answers to queue (the
automatic ИОП). ExchangeRepository.apply then writes it all in one transaction. A package
that fails a check becomes a ``Processing`` with the Russian reason: the event is marked
failed, nothing is imported, and the sync goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from edo_app.crypto.cms_parse import to_der
from edo_app.crypto.trust import TrustStore
from edo_app.crypto.verify import verify_detached
from edo_app.documents import (
    PrimaryAnswer,
    ServiceSigner,
    UkdBuyer,
    UpdBuyer,
    buyer_from_xml,
    hr_from_xml,
    service_from_xml,
    summarize,
    ukd_buyer_from_xml,
)
from edo_app.documents.hr_build import answered_ref
from edo_app.documents.primary_answer import answer_from_xml
from edo_app.errors import CryptoError, InputError
from edo_app.model.kinds import Direction, DocumentKind
from edo_app.schemas.registry import SchemaRegistry
from edo_app.schemas.validate import validate_tree
from edo_app.services import etrn_flow
from edo_app.services.etrn_pud_flow import pud_answer_of
from edo_app.services.exchange_packages import (
    ANNUL,
    IOP,
    PDO,
    PDP,
    UOU,
    Answered,
    ServiceSignerFn,
    build_receipt,
    participant,
    service_package,
    service_prefix,
)
from edo_app.services.exchange_poa import POA_CHECKED, PoaCheckFn, SignedBy
from edo_app.services.exchange_status import (
    ExchangeEvent,
    arrival_status,
    next_status,
    receipt_event,
    title_event,
    wants_buyer_title,
    wants_receipt,
)
from edo_app.services.signing import check_of, facts_of
from edo_app.storage.outbox import NEW_DOCUMENT, DocumentFacts, ExchangeRepository, NewDocument, NewOutgoing, Processing
from edo_app.storage.records import InboxItem, SignatureCheck, SignerFacts
from edo_app.transport.base import EventKind, PackageFormatError
from edo_app.transport.operator.gis_epd import REGISTERED as GIS_EPD_REGISTERED
from edo_app.transport.package import Entry, Package, Role, from_zip
from edo_app.xmlio import parse_bytes

__all__ = ["Incoming", "PoaCheckFn", "Refused"]  # PoaCheckFn: ExchangeOptions' type of the hook

E = ExchangeEvent
# Buyer titles that answer our seller titles (УПД, УКД, акт, ТОРГ-12): each moves the document it names.
_BUYER_TITLES: dict[DocumentKind, Callable[[bytes], UpdBuyer | UkdBuyer | PrimaryAnswer]] = {
    DocumentKind.UPD_BUYER: buyer_from_xml, DocumentKind.UKD_BUYER: ukd_buyer_from_xml,
    DocumentKind.ACT_BUYER: answer_from_xml, DocumentKind.TORG12_BUYER: answer_from_xml}
Verified = list[tuple[bytes, SignatureCheck, SignerFacts]]


def _answer_of(kind: DocumentKind, data: bytes) -> tuple[str, ExchangeEvent, str] | None:
    """The file a received document answers, what that does to it, and what it is; None: it answers nothing.

    HR: an order answering a statement, an acknowledgement of an order or notice (they never refuse).
    ЭТрН: the shipper's title 08 answering the carrier's title 07 (the other titles answer nothing here)."""
    if kind in _BUYER_TITLES:
        title = _BUYER_TITLES[kind](data)
        return title.seller_file.file_id, title_event(title.result), "титул покупателя"
    if kind is DocumentKind.ETRN:  # the shipper's title 08 signs the carrier's title 07 (etrn_pud_flow)
        return pud_answer_of(data)
    ref = answered_ref(hr_from_xml(data)) if kind is DocumentKind.HR else None
    return (ref.file_id, E.COUNTERPARTY_SIGNED, "кадровый ответ") if ref is not None else None


class Refused(Exception):
    """A received package we will not import; the message is the Russian reason."""


@dataclass
class Incoming:
    """What processing needs besides the event: checks, our identity, the ИОП settings."""

    repo: ExchangeRepository
    schemas: SchemaRegistry
    trust: TrustStore | None
    participant_id: str
    clock: Callable[[], datetime]
    max_bytes: int
    auto_receipt: bool = True
    receipt_signer: ServiceSigner | None = None
    service_signer: ServiceSignerFn | None = None
    poa_check: PoaCheckFn | None = None
    require_signatures: bool = True
    # Packages of the page being received, already read by the transport (by message id): the
    # stored bytes are the same, so they are not unzipped and checked a second time.
    received: dict[str, Package] = field(default_factory=dict)

    def plan(self, item: InboxItem) -> Processing:
        work = Processing(item.id)
        try:
            if item.event_kind == EventKind.STATUS_CHANGED.value:
                self._status(item, work)
            elif item.event_kind == EventKind.REJECTED.value:
                self._operator_rejected(item, work)
            elif item.package is None:
                raise Refused("событие без пакета")
            elif item.event_kind == EventKind.SERVICE_DOCUMENT.value:
                self._service(self._package(item.message_id, item.package), item.message_id, work)
            else:
                self._document(self._package(item.message_id, item.package), item.message_id, work)
        except (Refused, InputError, CryptoError, PackageFormatError) as exc:
            return Processing(item.id, error=str(exc), notes=[("exchange.refused", {"reason": str(exc)}, None)])
        return work

    def _package(self, message_id: str, data: bytes) -> Package:
        known = self.received.pop(message_id, None)
        return known if known is not None and known.source == data else from_zip(data)

    # --- operator events -----------------------------------------------------------------------

    def _status(self, item: InboxItem, work: Processing) -> None:
        ours = self.repo.document_by_message(item.message_id)
        if ours is not None and item.payload.get("status") == "delivered":
            work.changes.append((ours.id, partial(next_status, event=E.DELIVERED), "ПДП"))
        if ours is not None and item.payload.get("status") == GIS_EPD_REGISTERED:  # ЭТрН title 1 got its УИД_ТрН
            work.notes.append((etrn_flow.REGISTERED, {"uid": item.payload.get("uid", ""), "status": "registered"},
                               ours.id))

    def _operator_rejected(self, item: InboxItem, work: Processing) -> None:
        ours = self.repo.document_by_message(item.message_id)
        if ours is not None:
            reason = item.payload.get("reason", "")
            work.changes.append((ours.id, partial(next_status, event=E.OPERATOR_REJECTED), "оператор отклонил"))
            work.notes.append(("exchange.operator_rejected", {"reason": reason}, ours.id))

    # --- documents ------------------------------------------------------------------------------

    def _document(self, package: Package, message_id: str, work: Processing) -> None:
        entry = package.by_role(Role.DOCUMENT)[0]
        tree = parse_bytes(entry.data, name=entry.name, max_bytes=self.max_bytes)
        report = validate_tree(tree, entry.name, self.schemas)
        if not report.ok:
            problems = "; ".join(issue.describe() for issue in report.issues[:3])
            raise Refused(f"{entry.name}: документ не прошёл проверку: {problems}")
        summary = summarize(tree)
        signers: list[SignedBy] = []
        signatures = self._verified(package, entry, Role.SIGNATURE, signers)
        if self.require_signatures and not signatures:
            raise Refused(f"{entry.name}: документ пришёл без подписи")
        if self.repo.document_by_file_id(summary.file_id) is not None:
            work.notes.append(("exchange.duplicate", {"file_id": summary.file_id, "message_id": message_id}, None))
            return
        self._check_poa(package, entry, signers, work)
        status = arrival_status(summary.kind, summary.function)
        work.document = NewDocument(summary, entry.data, report, status, package.sender, package.package_id,
                                    message_id, signatures)
        answer = _answer_of(summary.kind, entry.data)
        if answer is not None:
            self._answer(*answer, work)
        if self.auto_receipt and wants_receipt(summary.kind, summary.function) and signatures:
            self._receipt(package, work)

    def _verified(self, package: Package, entry: Entry, role: Role, signers: list[SignedBy] | None = None) -> Verified:
        """The valid signatures of ``entry``; each signer (certificate, signing time) goes to ``signers``."""
        found = []
        for sig in (e for e in package.by_role(role) if e.signs == entry.name):
            der = to_der(sig.data)
            verdicts = verify_detached(entry.data, der, trust=self.trust)
            check = check_of(verdicts, self.clock())
            if not check.valid:
                reasons = "; ".join(check.reasons) or "причина не указана"
                raise Refused(f"{sig.name}: подпись недействительна: {reasons}")
            found.append((der, check, facts_of(verdicts)))
            if signers is not None:
                signers.extend(SignedBy(v.signer, v.signing_time or self.clock()) for v in verdicts)
        return found

    def _check_poa(self, package: Package, entry: Entry, signers: list[SignedBy], work: Processing) -> None:
        """The МЧД verdicts go into the audit with the document; they never refuse it (the user decides)."""
        if self.poa_check is None:
            return
        for details in self.poa_check(package, entry, signers or [SignedBy(None, self.clock())]):
            work.notes.append((POA_CHECKED, details, NEW_DOCUMENT))

    def _answer(self, seller_file: str, event: ExchangeEvent, label: str, work: Processing) -> None:
        """A title answering a file we sent: that document is signed (or refused) by the counterparty."""
        ours = self.repo.document_by_file_id(seller_file)
        if ours is None or ours.direction is not Direction.OUTGOING:
            work.notes.append(("exchange.unlinked_title", {"seller_file": seller_file}, NEW_DOCUMENT))
            return
        work.changes.append((ours.id, partial(next_status, event=event), label))

    def _receipt(self, package: Package, work: Processing) -> None:
        """The automatic ИОП (14н): queued in the same transaction that stores the document."""
        new = work.document
        if new is None or self.receipt_signer is None:
            work.notes.append(("exchange.receipt_skipped", {"reason": "не задан подписант ИОП"}, NEW_DOCUMENT))
            return
        try:
            answered = Answered(new.summary.file_id, tuple(s[0] for s in new.signatures), self.clock(),
                                participant(self.participant_id, new.summary.buyer),
                                participant(package.sender, new.summary.seller))
            name, xml = build_receipt(answered, self.receipt_signer)
        except InputError as exc:
            work.notes.append(("exchange.receipt_skipped", {"reason": str(exc)}, NEW_DOCUMENT))
            return
        built = service_package(self.participant_id, package.sender, new.summary.file_id, name=name, xml=xml,
                                signer=self.service_signer, created=self.clock())
        work.outgoing.append(NewOutgoing(built.package_id, "ИОП", package.sender, built.data, for_new_document=True))

    # --- service documents ----------------------------------------------------------------------

    def _service(self, package: Package, message_id: str, work: Processing) -> None:
        entry = package.by_role(Role.SERVICE_DOCUMENT)[0]
        self._verified(package, entry, Role.SERVICE_SIGNATURE)
        related = entry.related or ""
        doc = self.repo.document_by_file_id(related)
        prefix = service_prefix(entry.name)
        if doc is None and prefix in (PDP, PDO):  # the operator's stamp on a service document (our ИОП ...)
            work.notes.append(("exchange.operator_stamp", {"file": entry.name, "related": related}, None))
            return
        if doc is None:
            raise Refused(f"{entry.name}: служебный документ ссылается на неизвестный документ «{related}»")
        work.notes.append(("exchange.service", {"file": entry.name, "kind": prefix, "message_id": message_id}, doc.id))
        if prefix == IOP and doc.direction is Direction.OUTGOING:
            work.changes.append((doc.id, partial(next_status, event=receipt_event(doc.function)), "ИОП"))
        elif prefix == PDP:
            work.changes.append((doc.id, partial(next_status, event=E.DELIVERED), "ПДП"))
        elif prefix == UOU:
            self._clarification(doc, entry.data, work)
        elif prefix == ANNUL:
            self._annulment(doc, work)
        elif prefix != PDO:
            raise Refused(f"{entry.name}: неизвестный вид служебного документа")

    def _clarification(self, doc: DocumentFacts, xml: bytes, work: Processing) -> None:
        link = self.repo.link(doc.id)
        text = getattr(service_from_xml(xml), "text", "")
        if link is not None and link.annulment == "ours":  # the answer to our ПоА: refused
            work.annulments.append((doc.id, ""))
            work.notes.append(("exchange.annulment_refused", {"text": text}, doc.id))
            return
        event = E.COUNTERPARTY_REFUSED if wants_buyer_title(doc.kind, doc.function) else E.CLARIFICATION
        work.changes.append((doc.id, partial(next_status, event=event), "УОУ"))
        work.notes.append(("exchange.clarification", {"text": text}, doc.id))

    def _annulment(self, doc: DocumentFacts, work: Processing) -> None:
        link = self.repo.link(doc.id)
        if link is not None and link.annulment == "ours":  # they signed our ПоА: annulled
            work.changes.append((doc.id, partial(next_status, event=E.ANNULLED), "ПоА подписано"))
            work.annulments.append((doc.id, ""))
        else:
            work.annulments.append((doc.id, "theirs"))

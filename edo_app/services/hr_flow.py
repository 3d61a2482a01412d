"""The HR flow between an employee and the employer, through the ordinary exchange:

1. the employee signs a statement (leave, transfer, dismissal) and sends it — ``send``;
2. the employer builds the order from it, signs and sends it — ``answer_statement``
   (the statement becomes «Подписан» on the employer's side);
3. the employee acknowledges the order (or a notice of changed conditions) — ``acknowledge``
   (the order becomes «Подписан» on the employee's side).

Each document travels as any other (ExchangeService: outbox, sync, ПДП), and the plain
``ExchangeService.sync`` sets what arrives (exchange_status, exchange_incoming): an order answering
our statement, or an acknowledgement of our order, makes our document «Подписан контрагентом»; a
received notice or order waits for the employee's acknowledgement («Требуется подпись»). This
service forms and sends the documents and marks what we answered «Подписан».
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from edo_app.documents import (
    HrDocument,
    HrEntrepreneur,
    HrSigner,
    acknowledgement_for,
    hr_from_xml,
    hr_to_xml,
    order_for,
)
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.services.events import Changes, EventBus
from edo_app.services.exchange import ExchangeService, SyncReport
from edo_app.services.exchange_status import ExchangeEvent, next_status
from edo_app.services.library import LibraryService
from edo_app.services.signing import SigningService, utc_now
from edo_app.storage.database import Database
from edo_app.storage.repository import DocumentRepository

ACTOR = "кадровый документооборот"


@dataclass(frozen=True, slots=True)
class SigningKey:
    """Whose key signs: a provider's certificate handle and the key's password."""

    provider: str
    handle: str
    password: str | None = None


@dataclass(frozen=True, slots=True)
class Sent:
    document_id: int
    package_id: str


class HrFlowService:
    def __init__(self, database: Database, library: LibraryService, signing: SigningService,
                 exchange: ExchangeService, bus: EventBus) -> None:
        self._documents = DocumentRepository(database)
        self._library = library
        self._signing = signing
        self._exchange = exchange
        self._bus = bus

    def send(self, doc: HrDocument, key: SigningKey) -> Sent:
        """Sign ``doc``, store it as outgoing (fully validated) with its signature, queue it for its recipient.

        The file is signed before anything is stored, so a wrong key or password leaves nothing behind.
        """
        content = hr_to_xml(doc)
        der = self._signing.bytes_signer(key.provider, key.handle, key.password)(content)
        result = self._library.import_bytes(content, doc.file_name, Direction.OUTGOING, signature=der)
        if result.document_id is None:
            problems = "; ".join(issue.describe() for issue in result.report.errors[:3])
            raise InputError(f"документ не прошёл проверку: {problems}", "document")
        self._documents.set_status(result.document_id, DocumentStatus.SIGNED, ACTOR)
        package_id = self._exchange.queue_send(result.document_id, doc.head.file_id.recipient)
        return Sent(result.document_id, package_id)

    def answer_statement(self, statement_id: int, number: str, doc_date: date, signer: HrSigner, key: SigningKey,
                         *, created: datetime | None = None) -> Sent:
        """The employer's order granting a received statement, signed and sent to the employee."""
        statement = self._incoming(statement_id)
        moment = created or _local_now()
        sent = self.send(order_for(statement, number, doc_date, created=moment, signer=signer), key)
        self._move(statement_id, ExchangeEvent.WE_SIGNED)
        return sent

    def signer_of_order(self, statement_id: int) -> HrSigner | None:
        """Who must sign the order on a received statement when the form leaves no choice: an ИП
        employer signs his orders himself. None: the employer's representative is typed in."""
        employer = self._incoming(statement_id).head.employer
        return employer.signer if isinstance(employer, HrEntrepreneur) else None

    def acknowledge(self, document_id: int, key: SigningKey, *, created: datetime | None = None) -> Sent:
        """The employee's acknowledgement of a received order or notice, signed and sent back."""
        doc = self._incoming(document_id)
        sent = self.send(acknowledgement_for(doc, created or _local_now()), key)
        self._move(document_id, ExchangeEvent.WE_SIGNED)
        return sent

    def sync(self) -> SyncReport:
        """Run the exchange: its status rules settle the HR documents too (kept for the callers)."""
        return self._exchange.sync()

    def _incoming(self, document_id: int) -> HrDocument:
        """A received HR document that still waits for our answer (an order or an acknowledgement)."""
        stored = self._documents.get(document_id)
        if stored.direction is not Direction.INCOMING or stored.summary.kind is not DocumentKind.HR:
            raise InputError(f"документ № {document_id} не входящий кадровый документ", "document_id")
        if next_status(stored.status, ExchangeEvent.WE_SIGNED) is None:
            raise InputError(f"документ № {document_id} уже не ждёт ответа (статус «{stored.status.title}»)",
                             "document_id")
        return hr_from_xml(stored.content)

    def _move(self, document_id: int, event: ExchangeEvent) -> bool:
        status = next_status(self._documents.get(document_id).status, event)
        if status is None:
            return False
        self._documents.set_status(document_id, status, ACTOR)
        self._bus.publish(Changes(documents_changed=(document_id,)))
        return True


def _local_now() -> datetime:
    """Documents carry local time without a zone (ВремИнфПр)."""
    return utc_now().astimezone().replace(tzinfo=None, microsecond=0)

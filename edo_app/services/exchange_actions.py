"""What a user does with a document in the exchange: the buyer's title, a rejection or a
request to correct (УОУ), annulment (ПоА). Each queues its package and moves the paired
status in one transaction; the package leaves on the next ``sync``.

Simplifications, stated: the УОУ is both the rejection and the request to correct, and the
counterparty reads it by what the document awaits (its answering title — УПД СЧФДОП/ДОП, УКД
КСЧФДИС/ДИС, every акт and ТОРГ-12: «Отказано»; СЧФ: «Требуется уточнение»); agreeing to an
annulment sends our own signed ПоА, not a signature under theirs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from functools import partial

from edo_app.documents import ServiceSigner
from edo_app.documents.upd_types import Signer
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.services.exchange_packages import (
    Answered,
    Built,
    b64,
    build_annulment,
    build_clarification,
    document_package,
    local,
    participant,
    service_package,
)
from edo_app.services.exchange_status import ExchangeEvent, next_status, wants_buyer_title
from edo_app.services.exchange_titles import AcceptanceDetails, buyer_title
from edo_app.services.library import LibraryService
from edo_app.services.signing import SigningService
from edo_app.storage.outbox import ExchangeRepository, NewOutgoing, Transition
from edo_app.storage.records import StoredDocument
from edo_app.storage.repository import DocumentRepository

E = ExchangeEvent
__all__ = ["AcceptanceDetails", "ExchangeActions"]  # AcceptanceDetails: the buyer-title dialog imports it here


def _move(event: ExchangeEvent) -> Transition:
    return partial(next_status, event=event)


def _our_title_event(accept: bool, details: AcceptanceDetails | None) -> ExchangeEvent:
    if not accept:
        return E.WE_REFUSED
    return E.WE_SIGNED_WITH_DISCREPANCIES if details and details.discrepancy_act else E.WE_SIGNED


class ExchangeActions:
    """Mixed into ExchangeService; these attributes are set by its constructor."""

    participant_id: str
    repo: ExchangeRepository
    _documents: DocumentRepository
    _signing: SigningService
    _library: LibraryService
    _clock: Callable[[], datetime]
    _receipt_signer: ServiceSigner | None
    _service_signer: Callable[[bytes], bytes] | None

    def sign_buyer_title(self, document_id: int, *, accept: bool = True, signer: Signer, provider: str,
                         handle: str, password: str | None = None, details: AcceptanceDetails | None = None) -> int:
        """Form, store, sign and queue the buyer's title to a received УПД СЧФДОП/ДОП, УКД
        КСЧФДИС/ДИС, акт or ТОРГ-12 (exchange_titles); returns its id.

        ``accept`` False forms the refusal (КодИтога 3; акт, ТОРГ-12: the refusal text of СодОпер with
        ``details.reason``): the document is «Отказано». ``details``: the date of acceptance, the
        operation and who accepted (defaults: today, the standard text, nobody named); with
        ``details.discrepancy_act`` (УПД only) the goods are accepted with discrepancies by that act
        (КодИтога 2): the document is «Подписан с расхождениями».
        """
        stored = self._answerable(document_id)
        title = buyer_title(stored, b64(self._their_signatures(document_id)[0]), created=local(self._clock()),
                            guid=str(uuid.uuid4()), signer=signer, accept=accept,
                            details=details or AcceptanceDetails())
        result = self._library.import_bytes(title.xml, title.file_name, Direction.OUTGOING)
        if result.document_id is None:
            raise InputError("титул покупателя не прошёл проверку: "
                             + "; ".join(i.describe() for i in result.report.issues[:3]), "title")
        title_id = result.document_id
        self._signing.sign_document(title_id, provider, handle, password=password)
        ders = [s.der for s in self._signing.signatures(title_id) if s.valid]
        counterparty = self._counterparty(document_id)
        built = document_package(self.participant_id, counterparty, title.file_id, title.xml,
                                 signatures=ders, extra=(), created=self._clock())
        self.repo.queue([NewOutgoing(built.package_id, "document", counterparty, built.data, title_id)],
                        change=(document_id, _move(_our_title_event(accept, details)), "титул покупателя"))
        return title_id

    def reject(self, document_id: int, reason: str) -> str:
        """Refuse to sign a received document (a signed УОУ with ``reason``); returns the package id."""
        return self._clarify(document_id, reason)

    def request_clarification(self, document_id: int, text: str) -> str:
        """Ask the sender to correct a received document (УОУ); returns the package id."""
        return self._clarify(document_id, text)

    def _clarify(self, document_id: int, text: str) -> str:
        stored = self._answerable(document_id)
        name, xml = build_clarification(self._answered(stored), self._need_signer(), text)
        refused = wants_buyer_title(stored.summary.kind, stored.summary.function)  # акт, ТОРГ-12 have no function
        event = E.WE_REFUSED if refused else E.CLARIFICATION
        built = self._service(stored, name, xml)
        self.repo.queue([NewOutgoing(built.package_id, "УОУ", built.recipient, built.data, document_id)],
                        change=(document_id, _move(event), "УОУ"))
        return built.package_id

    def propose_annulment(self, document_id: int, reason: str) -> str:
        """Propose to annul a document both sides hold (ПоА); returns the package id."""
        stored = self._documents.get(document_id)
        name, xml = build_annulment(self._answered(stored), reason)
        built = self._service(stored, name, xml)
        self.repo.queue([NewOutgoing(built.package_id, "ПоА", built.recipient, built.data, document_id)],
                        annulment=(document_id, "ours"))
        return built.package_id

    def accept_annulment(self, document_id: int) -> str:
        """Agree to the counterparty's ПоА: the document becomes «Аннулирован» on both sides."""
        stored = self._pending_annulment(document_id)
        name, xml = build_annulment(self._answered(stored), "Согласие на аннулирование")
        built = self._service(stored, name, xml)
        self.repo.queue([NewOutgoing(built.package_id, "ПоА", built.recipient, built.data, document_id)],
                        change=(document_id, _move(E.ANNULLED), "аннулирование"), annulment=(document_id, ""))
        return built.package_id

    def refuse_annulment(self, document_id: int, text: str) -> str:
        """Refuse the counterparty's ПоА (УОУ); the document keeps its status."""
        stored = self._pending_annulment(document_id)
        name, xml = build_clarification(self._answered(stored), self._need_signer(), text)
        built = self._service(stored, name, xml)
        self.repo.queue([NewOutgoing(built.package_id, "УОУ", built.recipient, built.data, document_id)],
                        annulment=(document_id, ""))
        return built.package_id

    # --- helpers --------------------------------------------------------------------------------

    def _answerable(self, document_id: int) -> StoredDocument:
        stored = self._documents.get(document_id)
        allowed = (DocumentStatus.SIGNATURE_REQUIRED, DocumentStatus.RECEIVED, DocumentStatus.CLARIFICATION_REQUIRED)
        if stored.direction is not Direction.INCOMING or stored.status not in allowed:
            raise InputError(f"документ № {document_id} не ждёт ответа (статус «{stored.status.title}»)", "document_id")
        return stored

    def _pending_annulment(self, document_id: int) -> StoredDocument:
        link = self.repo.link(document_id)
        if link is None or link.annulment != "theirs":
            raise InputError(f"по документу № {document_id} нет предложения об аннулировании", "document_id")
        return self._documents.get(document_id)

    def _counterparty(self, document_id: int) -> str:
        link = self.repo.link(document_id)
        if link is None:
            raise InputError(f"документ № {document_id} не проходил через обмен", "document_id")
        return link.counterparty

    def _their_signatures(self, document_id: int) -> list[bytes]:
        ders = [s.der for s in self._signing.signatures(document_id) if s.valid]
        if not ders:
            raise InputError(f"у документа № {document_id} нет действительной подписи", "document_id")
        return ders

    def _need_signer(self) -> ServiceSigner:
        if self._receipt_signer is None:
            raise InputError("не задан подписант служебных документов (receipt_signer)", "receipt_signer")
        return self._receipt_signer

    def _answered(self, stored: StoredDocument) -> Answered:
        """Both sides as service documents name them: we answer, the counterparty sent (or got) it."""
        them = self._counterparty(stored.id)
        incoming = stored.direction is Direction.INCOMING
        ours, theirs = (stored.summary.buyer, stored.summary.seller) if incoming else \
            (stored.summary.seller, stored.summary.buyer)
        return Answered(stored.summary.file_id, tuple(self._their_signatures(stored.id)), self._clock(),
                        participant(self.participant_id, ours), participant(them, theirs))

    def _service(self, stored: StoredDocument, name: str, xml: bytes) -> Built:
        return service_package(self.participant_id, self._counterparty(stored.id), stored.summary.file_id,
                               name=name, xml=xml, signer=self._service_signer, created=self._clock())

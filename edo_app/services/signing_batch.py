"""Signing stored documents from the desktop: who may sign (certificate, МЧД) and a batch that can stop.

A signer acts for the document's own party (the seller of an outgoing document, the buyer of
an incoming one). The head of an organisation signs with the organisation's certificate
(ИНН ЮЛ = the party's ИНН), an entrepreneur or a person with their own (ИНН = the party's
ИНН); anybody else is a representative and signs under an МЧД of that party
(PoaRegistryService.usable_for decides which МЧД fit the certificate).

The batch signs one document per call of ``SigningService.sign_document`` (one transaction,
verified before it is stored) and looks at the cancel flag (a ``threading.Event`` the GUI sets)
only between documents, so a cancel never leaves a half-signed document. A wrong password or
a provider that disappeared stops the batch at once: it would fail for every document.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from edo_app.crypto.certificates import Certificate
from edo_app.crypto.keys import KeyPasswordError
from edo_app.crypto.provider import CertificateEntry
from edo_app.errors import EdoError, InputError, PoaError, ProviderUnavailable
from edo_app.model.kinds import Direction
from edo_app.model.summary import PartyRef
from edo_app.poa import PartyIdentity
from edo_app.services.certificate_store import CertificateStore, CertificateView
from edo_app.services.context import Services
from edo_app.services.library import LibraryService
from edo_app.services.poa_registry import PoaRegistryService
from edo_app.services.signing import Clock, ProviderState, SigningService, utc_now
from edo_app.storage.records import PoaRow, StoredDocument, StoredSignature

Progress = Callable[[int, int, str], None]  # (n-th document being signed, of N, its number)
Result = Literal["signed", "skipped", "failed"]
_FATAL = (KeyPasswordError, ProviderUnavailable)  # the same failure would repeat for every document


@dataclass(frozen=True, slots=True)
class SignerChoice:
    """What the signing dialog returns: a provider's certificate, the key password, the МЧД."""

    provider: str
    handle: str
    password: str | None = field(default=None, repr=False)
    poa_id: int | None = None  # the МЧД the representative signs under


@dataclass(frozen=True, slots=True)
class PoaOption:
    id: int
    number: str
    principal: str
    principal_inn: str
    valid_from: date
    valid_to: date

    @property
    def label(self) -> str:
        return (f"№ {self.number} — {self.principal} (ИНН {self.principal_inn}), "
                f"с {self.valid_from:%d.%m.%Y} по {self.valid_to:%d.%m.%Y}")


def _poa_option(row: PoaRow) -> PoaOption:
    facts = row.facts
    return PoaOption(row.id, facts.number, facts.principal_name, facts.principal_inn, facts.issued, facts.valid_to)


@dataclass(frozen=True, slots=True)
class SignerCandidate:
    """A certificate as the signing dialog offers it for the chosen documents."""

    certificate: CertificateView
    representative: bool  # signs for somebody else's organisation: an МЧД is required
    poas: tuple[PoaOption, ...] = ()

    @property
    def problem(self) -> str:
        """Why this certificate cannot sign these documents now ("" when it can)."""
        if self.certificate.problem:
            return self.certificate.problem
        if self.representative and not self.poas:
            return "подписант — представитель, а подходящей подписанной МЧД доверителя нет"
        return ""


@dataclass(frozen=True, slots=True)
class SignerOptions:
    providers: tuple[ProviderState, ...]
    candidates: tuple[SignerCandidate, ...]
    principals: tuple[PartyRef, ...]  # the parties the documents are signed for


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    document_id: int
    number: str
    result: Result
    reason: str = ""


@dataclass(frozen=True, slots=True)
class BatchSummary:
    total: int
    outcomes: tuple[DocumentOutcome, ...]
    cancelled: bool = False
    stopped: str = ""  # why the batch stopped before the end (wrong password ...)

    def of(self, result: Result) -> list[DocumentOutcome]:
        return [outcome for outcome in self.outcomes if outcome.result == result]

    @property
    def untouched(self) -> int:
        return self.total - len(self.outcomes)

    def lines(self) -> list[str]:
        """The summary in Russian, one fact per line, failures with their reasons."""
        lines = [f"Подписано: {len(self.of('signed'))} из {self.total}"]
        if skipped := self.of("skipped"):
            lines.append(f"Пропущено (уже подписаны этим сертификатом): {len(skipped)}")
        if failed := self.of("failed"):
            lines.append(f"Не подписано из-за ошибок: {len(failed)}")
            lines += [f"  № {item.number or item.document_id}: {item.reason}" for item in failed]
        if self.untouched:
            why = "отменено пользователем" if self.cancelled else self.stopped or "подписание прервано"
            lines.append(f"Не обработано ({why}): {self.untouched}")
        return lines


def reason(exc: EdoError) -> str:
    """The Russian message without the field prefix InputError adds to ``str``."""
    return exc.message if isinstance(exc, InputError) else str(exc)


def principal_of(document: StoredDocument) -> PartyRef | None:
    """The party the signer acts for: the seller of an outgoing document, the buyer of an incoming one."""
    summary = document.summary
    party = summary.buyer if document.direction is Direction.INCOMING else summary.seller
    return party if party is not None and party.inn else None


def acts_directly(certificate: Certificate, principal: PartyRef) -> bool:
    """Whether the certificate is the party's own: the organisation's (ИНН ЮЛ) or the person's (ИНН)."""
    if certificate.inn_le:
        return certificate.inn_le == principal.inn
    return len(principal.inn) == 12 and certificate.inn == principal.inn


class BatchSigning:
    """Signing stored documents with a chosen certificate, one or many, with МЧД when needed."""

    def __init__(self, library: LibraryService, signing: SigningService, poas: PoaRegistryService,
                 store: CertificateStore, *, clock: Clock = utc_now) -> None:
        self._library = library
        self._signing = signing
        self._poas = poas
        self._store = store
        self._clock = clock

    @classmethod
    def of(cls, services: Services) -> BatchSigning:
        return cls(services.library, services.signing, services.poas, CertificateStore.of(services))

    # -- who may sign ---------------------------------------------------------------------
    def options(self, document_ids: Sequence[int]) -> SignerOptions:
        """Providers, certificates and, for representatives, the МЧД usable for every document."""
        principals = _unique(p for p in (principal_of(self._library.get(i)) for i in document_ids) if p)
        at = self._clock()
        candidates = tuple(self._candidate(entry, view, principals, at) for entry, view in self._store.entries())
        return SignerOptions(tuple(self._signing.provider_status()), candidates, principals)

    def _candidate(self, entry: CertificateEntry, view: CertificateView, principals: Sequence[PartyRef],
                   at: datetime) -> SignerCandidate:
        needing = [p for p in principals if not acts_directly(entry.certificate, p)]
        if not needing:
            return SignerCandidate(view, representative=False)
        usable = [{row.id: row for row in self._usable(entry.certificate, p, at)} for p in needing]
        common = set(usable[0]).intersection(*usable[1:])
        options = tuple(_poa_option(row) for poa_id, row in usable[0].items() if poa_id in common)
        return SignerCandidate(view, representative=True, poas=options)

    def _usable(self, certificate: Certificate, principal: PartyRef, at: datetime) -> list[PoaRow]:
        return self._poas.usable_for(certificate, PartyIdentity(principal.inn, principal.kpp), at)

    # -- signing ----------------------------------------------------------------------------
    def sign_one(self, document_id: int, choice: SignerChoice, *, at: datetime | None = None) -> StoredSignature:
        """Sign one document (verified before it is stored) and link the МЧД when one is chosen.

        PoaError, before anything is stored, when the signer is a representative without a
        fitting МЧД; the errors of SigningService.sign_document otherwise.
        """
        document = self._library.get(document_id)
        entry = self._signing.providers.find(choice.provider, choice.handle)
        moment = at or self._clock()
        self._check_authority(document, entry.certificate, choice.poa_id, moment)
        signature = self._signing.sign_document(document_id, choice.provider, choice.handle,
                                                password=choice.password, at=moment)
        if choice.poa_id is not None:  # a second transaction: the МЧД was checked above, so it fits
            self._poas.attach_to_document(document_id, choice.poa_id, signature.id)
        return signature

    def _check_authority(self, document: StoredDocument, certificate: Certificate, poa_id: int | None,
                         at: datetime) -> None:
        principal = principal_of(document)
        if principal is None:
            return  # the document names no party with an ИНН: nothing to compare
        if poa_id is None:
            if not acts_directly(certificate, principal):
                raise PoaError(f"Сертификат не принадлежит {principal.name} (ИНН {principal.inn}): "
                               "представитель подписывает по МЧД — выберите доверенность")
            return
        if poa_id not in {row.id for row in self._usable(certificate, principal, at)}:
            raise PoaError(f"МЧД не подходит для документа № {document.summary.number}: она не выдана "
                           f"{principal.name} (ИНН {principal.inn}) владельцу сертификата, не действует, "
                           "отозвана или не подписана доверителем")

    def sign_batch(self, document_ids: Sequence[int], choice: SignerChoice, *,
                   cancel: threading.Event | None = None, progress: Progress | None = None) -> BatchSummary:
        """Sign each document in turn; stop between documents when ``cancel`` is set.

        ``progress(n, N, number)`` is called (on this thread) before the n-th document is signed.
        """
        ids = list(dict.fromkeys(document_ids))
        entry = self._signing.providers.find(choice.provider, choice.handle)  # nothing to do without it
        total = len(ids)
        outcomes: list[DocumentOutcome] = []
        for index, document_id in enumerate(ids, start=1):
            number = self._number(document_id)
            if progress is not None:
                progress(index, total, number)
            if cancel is not None and cancel.is_set():
                return BatchSummary(total, tuple(outcomes), cancelled=True)
            outcome, fatal = self._sign_in_batch(document_id, number, choice, entry)
            outcomes.append(outcome)
            if fatal:
                return BatchSummary(total, tuple(outcomes), stopped=outcome.reason)
        return BatchSummary(total, tuple(outcomes))

    def _number(self, document_id: int) -> str:
        try:
            return self._library.get(document_id).summary.number
        except EdoError:
            return ""  # signing it fails with the reason, reported in the outcome

    def _sign_in_batch(self, document_id: int, number: str, choice: SignerChoice,
                       entry: CertificateEntry) -> tuple[DocumentOutcome, bool]:
        """The document's outcome, and whether the batch must stop (the failure would repeat)."""
        try:
            if self._already_signed(document_id, entry.certificate):
                return DocumentOutcome(document_id, number, "skipped", "уже подписан этим сертификатом"), False
            self.sign_one(document_id, choice)  # signing time: the moment of this document
        except EdoError as exc:
            return DocumentOutcome(document_id, number, "failed", reason(exc)), isinstance(exc, _FATAL)
        return DocumentOutcome(document_id, number, "signed"), False

    def _already_signed(self, document_id: int, certificate: Certificate) -> bool:
        return any(stored.valid and stored.cert_serial == certificate.serial_hex
                   for stored in self._signing.signatures(document_id))


def _unique(parties: Iterable[PartyRef]) -> tuple[PartyRef, ...]:
    return tuple({(party.inn, party.kpp): party for party in parties}.values())

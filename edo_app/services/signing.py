"""Signing stored documents and checking the signatures kept beside them.

Signatures are detached CAdES-BES (DER) over the document's exact stored bytes. Each
signing adds its own row: a second signer (co-signature) is stored as a separate DER
beside the first, not merged into one SignedData; every row is verified on its own.

A signature made here is verified before it is stored: one that does not verify never
reaches the database. Incoming signatures (``attach_signature``) are stored with their
verdict even when invalid, so the user sees why; unreadable files are refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms import build_detached
from edo_app.crypto.cms_parse import SignatureFormatError, to_der
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.provider import CertificateEntry, CryptoProvider, ProviderRegistry, WholeFileSigner
from edo_app.crypto.trust import TrustStore
from edo_app.crypto.verify import SignatureVerdict, verify_detached
from edo_app.errors import CryptoError, EdoError, InputError
from edo_app.model.kinds import DocumentStatus
from edo_app.services.events import Changes, EventBus
from edo_app.storage.database import Database
from edo_app.storage.models import NAME_LENGTH
from edo_app.storage.records import SignatureCheck, SignerFacts, StoredSignature
from edo_app.storage.repository import DocumentRepository
from edo_app.storage.signatures import SignatureRepository

Clock = Callable[[], datetime]
_CHAIN_RANK = {"verified": 0, "not_checked": 1, "failed": 2}  # the worst status of several signers wins


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ProviderState:
    """A crypto provider as a settings page shows it."""

    name: str
    title: str
    ok: bool
    reason: str


def _signer_name(certificate: Certificate | None) -> str:
    if certificate is None:
        return "неизвестный подписант"
    name = certificate.owner_name or certificate.common_name or certificate.organization
    return (name or f"сертификат {certificate.serial_hex}")[:NAME_LENGTH]


def _inn(certificate: Certificate) -> str | None:
    # The person's ИНН first (a director signs for the company), else the company's.
    for value in (certificate.inn, certificate.inn_le):
        if value and value.isdigit() and len(value) in (10, 12):
            return value
    return None


def facts_of(verdicts: Sequence[SignatureVerdict]) -> SignerFacts:
    """Who signed: the first signer's certificate; several signers' names are joined."""
    first = verdicts[0]
    names = "; ".join(_signer_name(v.signer) for v in verdicts)[:NAME_LENGTH]
    certificate = first.signer
    if certificate is None:
        return SignerFacts(names, signing_time=first.signing_time)
    return SignerFacts(names, certificate.serial_hex, _inn(certificate), first.signing_time)


def check_of(verdicts: Sequence[SignatureVerdict], verified_at: datetime) -> SignatureCheck:
    """One verdict for a DER: valid (trusted) only if every signer in it is."""
    if not verdicts:
        return SignatureCheck(False, False, verified_at, ("в подписи нет ни одного подписанта",),
                              chain_reason="подписантов нет")
    several = len(verdicts) > 1

    def tagged(verdict: SignatureVerdict, text: str) -> str:
        return f"{_signer_name(verdict.signer)}: {text}" if several else text

    worst = max(verdicts, key=lambda v: _CHAIN_RANK.get(v.chain.status, 2)).chain
    return SignatureCheck(
        valid=all(v.valid for v in verdicts),
        trusted=all(v.trusted for v in verdicts),
        verified_at=verified_at,
        reasons=tuple(tagged(v, r) for v in verdicts for r in v.reasons),
        warnings=tuple(tagged(v, w) for v in verdicts for w in v.warnings),
        chain_status=worst.status,
        chain_reason=worst.reason,
    )


def _unreadable_check(error: SignatureFormatError, verified_at: datetime) -> SignatureCheck:
    return SignatureCheck(False, False, verified_at, (error.message,), chain_status="not_checked",
                          chain_reason="подпись не прочитана")


class SigningService:
    """Signs stored documents with a provider's certificate and verifies stored signatures."""

    def __init__(self, database: Database, providers: ProviderRegistry, bus: EventBus,
                 trust: TrustStore | None = None, *, clock: Clock = utc_now) -> None:
        self._documents = DocumentRepository(database)
        self._signatures = SignatureRepository(database)
        self._providers = providers
        self._bus = bus
        self._trust = trust
        self._clock = clock

    @property
    def providers(self) -> ProviderRegistry:
        return self._providers

    def provider_status(self) -> list[ProviderState]:
        """Every registered provider, usable or not, with the Russian reason."""
        return [ProviderState(p.name, p.title, ok, reason) for p, ok, reason in self._providers.status()]

    def certificates(self) -> list[CertificateEntry]:
        """Certificates of every available provider; a provider that fails to list is skipped
        (its trouble shows in ``provider_status`` / on signing, not as an empty picker crash)."""
        entries: list[CertificateEntry] = []
        for provider in self._providers.available():
            try:
                entries.extend(provider.certificates())
            except EdoError:
                continue
        return entries

    def signatures(self, document_id: int) -> list[StoredSignature]:
        return self._signatures.list_for(document_id)

    def bytes_signer(self, provider_name: str, handle: str, password: str | None) -> Callable[[bytes], bytes]:
        """Signs service documents (ИОП, УОУ, ПоА) with one certificate. The key is tried once
        here, so a wrong password or a key of another certificate fails now, not in mid-sync."""
        entry = self._providers.find(provider_name, handle)
        provider = self._providers.get(provider_name)
        sign_and_verify(provider, entry, b"edo-app: key check", password=password, moment=self._clock(),
                        trust=None, now=self._clock())

        def sign(data: bytes) -> bytes:
            return make_signature(provider, entry, data, password, self._clock())
        return sign

    def export_signature(self, signature_id: int) -> bytes:
        """The signature file (DER), e.g. to write ``<document>.sig`` beside the XML."""
        return self._signatures.get_der(signature_id)

    def sign_document(self, document_id: int, provider_name: str, handle: str, *, password: str | None = None,
                      at: datetime | None = None, actor: str = "") -> StoredSignature:
        """Sign the exact stored bytes, check the result, store it and mark the document SIGNED.

        ``at`` is the signing time written into the signature (default: the service clock).
        KeyPasswordError / CryptoError / ProviderUnavailable leave the database untouched.
        A document already holding a valid signature by the same certificate is refused
        (InputError); another signer's signature is stored beside the existing ones.
        """
        content = self._documents.get_content(document_id)
        entry = self._providers.find(provider_name, handle)
        self._refuse_duplicate(document_id, entry.certificate)
        moment = at or self._clock()
        der, check, facts = sign_and_verify(self._providers.get(provider_name), entry, content, password=password,
                                            moment=moment, trust=self._trust, now=self._clock())
        signature_id = self._signatures.add(document_id, der, check, actor or facts.name, facts=facts,
                                            status=DocumentStatus.SIGNED)
        self._bus.publish(Changes(documents_changed=(document_id,)))
        return self._signatures.get(signature_id)

    def verify_document(self, document_id: int, at: datetime | None = None, *,
                        actor: str = "") -> list[StoredSignature]:
        """Check every stored signature against the stored bytes again and record the verdicts.

        ``at``: the moment the certificates must be valid at (default: now, lenient about a
        certificate that expired after signing, see crypto.verify).
        """
        content = self._documents.get_content(document_id)
        results = [self._signatures.set_verdict(stored.id, self._check(content, stored.der, at), actor)
                   for stored in self._signatures.list_for(document_id)]
        if results:
            self._bus.publish(Changes(documents_changed=(document_id,)))
        return results

    def attach_signature(self, document_id: int, der: bytes, actor: str = "") -> StoredSignature:
        """Store an incoming signature (DER, PEM or base64) with its verdict, valid or not.

        SignatureFormatError for a file that is no CMS signature: nothing is stored then.
        """
        content = self._documents.get_content(document_id)
        der = to_der(bytes(der))
        verdicts = verify_detached(content, der, trust=self._trust)  # garbage raises here
        if not verdicts:
            raise SignatureFormatError("В подписи нет ни одного подписанта")
        facts = facts_of(verdicts)
        signature_id = self._signatures.add(document_id, der, check_of(verdicts, self._clock()), actor,
                                            facts=facts)
        self._bus.publish(Changes(documents_changed=(document_id,)))
        return self._signatures.get(signature_id)

    def _check(self, content: bytes, der: bytes, at: datetime | None) -> SignatureCheck:
        try:
            verdicts = verify_detached(content, der, at=at, trust=self._trust)
        except SignatureFormatError as exc:  # stored before this version could read it: say so
            return _unreadable_check(exc, self._clock())
        return check_of(verdicts, self._clock())

    def _refuse_duplicate(self, document_id: int, certificate: Certificate) -> None:
        for stored in self._signatures.list_for(document_id):
            if stored.valid and stored.cert_serial == certificate.serial_hex:
                raise InputError(f"Документ № {document_id} уже подписан этим сертификатом "
                                 f"({_signer_name(certificate)})", "certificate")


def sign_and_verify(
    provider: CryptoProvider, entry: CertificateEntry, content: bytes, *, password: str | None,
    moment: datetime, trust: TrustStore | None, now: datetime,
) -> tuple[bytes, SignatureCheck, SignerFacts]:
    """Sign, then verify before anything is kept: a signature that fails, or that the provider made
    with another certificate than the one chosen, is refused with CryptoError."""
    der = make_signature(provider, entry, content, password, moment)
    verdicts = verify_detached(content, der, trust=trust)
    check = check_of(verdicts, now)
    if not check.valid:
        raise CryptoError("Созданная подпись не прошла проверку и не сохранена: " + "; ".join(check.reasons))
    if [v.signer.der if v.signer else None for v in verdicts] != [entry.certificate.der]:
        raise CryptoError("Провайдер подписал не выбранным сертификатом: подпись не сохранена")
    return der, check, facts_of(verdicts)


def make_signature(provider: CryptoProvider, entry: CertificateEntry, content: bytes,
                   password: str | None, moment: datetime) -> bytes:
    """A detached CAdES-BES (DER) over ``content`` with ``entry``'s key: assembled here from the
    provider's digest signature, or made whole by a provider that only signs files.
    Shared by documents and МЧД (services.poa_registry); not verified here."""
    if not provider.signs_digests:
        if not isinstance(provider, WholeFileSigner):
            raise CryptoError(f"{provider.title}: провайдер не умеет подписывать файлы")
        return to_der(provider.sign_cms(entry.handle, content, password=password))
    certificate = entry.certificate
    certificate.require_gost()
    digest = new_hash(certificate.curve.size, content).digest()

    def sign_digest(value: bytes) -> bytes:
        return provider.sign_digest(entry.handle, value, password=password)

    return build_detached(digest, certificate, sign_digest, signing_time=moment)

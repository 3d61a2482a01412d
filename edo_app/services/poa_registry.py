"""The user's powers of attorney (МЧД): import or create them, let the principal sign them,
record revocations, pick the ones a signer may use, and tie them to signed documents.

An МЧД is stored only when it passes the EMCHD_1 schema and its rules (file name = ИдФайл)
and the model can read everything in it; otherwise the report says why and nothing is
stored. A signature over an МЧД is detached CAdES-BES over its exact stored bytes, made
through the provider registry exactly as for documents (signing.sign_and_verify) and
verified before it is stored. The nine checks of an МЧД live in services.poa_checks.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms_parse import SignatureFormatError, to_der
from edo_app.crypto.provider import ProviderRegistry
from edo_app.crypto.trust import TrustStore
from edo_app.crypto.verify import verify_detached
from edo_app.errors import InputError, PoaError, SchemaError
from edo_app.model.report import Issue, Report, Source
from edo_app.poa import PartyIdentity, PowerOfAttorney, file_name, poa_from_xml, poa_to_xml
from edo_app.poa.checks_match import representative_match, signer_problem
from edo_app.poa.fields import snils_digits
from edo_app.poa.model import moscow_zone
from edo_app.poa.parties import Entrepreneur, Organisation, Person
from edo_app.poa.revocation import SOURCES, Revocation, RevocationList
from edo_app.poa.signing import principal_name
from edo_app.schemas.registry import SchemaRegistry
from edo_app.schemas.validate import validate_bytes
from edo_app.services.events import Changes, EventBus
from edo_app.services.signing import Clock, check_of, facts_of, sign_and_verify, utc_now
from edo_app.storage.database import Database
from edo_app.storage.poa import NewPoaSignature, PoaRepository
from edo_app.storage.records import (
    AuditEvent,
    DocumentPoaLink,
    PoaFacts,
    PoaPerson,
    PoaQuery,
    PoaRevocation,
    PoaRow,
    StoredPoa,
    StoredPoaSignature,
)

UNREADABLE_CODE = "emchd.unsupported"


@dataclass(frozen=True, slots=True)
class PoaImportResult:
    """The verdict on an МЧД file; ``poa_id`` is None when nothing was stored."""

    report: Report
    poa_id: int | None = None
    signature: StoredPoaSignature | None = None  # the attached signature with its verdict

    @property
    def stored(self) -> bool:
        return self.poa_id is not None


class PoaPart(NamedTuple):
    """What an outgoing package carries for one МЧД: its exact XML and the principal's signatures."""

    content: bytes
    signatures: list[bytes]


def _representative(rep: Organisation | Entrepreneur | Person) -> PoaPerson:
    if isinstance(rep, Organisation):
        return PoaPerson(rep.name, rep.inn)
    person = rep.person if isinstance(rep, Entrepreneur) else rep
    return PoaPerson(person.full_name, person.inn, snils_digits(person.snils) if person.snils else "")


def poa_facts(poa: PowerOfAttorney) -> PoaFacts:
    """What the registry indexes of an МЧД (the parent of a re-delegation: the МЧД passed on)."""
    principal = poa.principal_identity()
    parent = None
    if poa.redelegation is not None:
        link = poa.redelegation.via or poa.redelegation.original
        parent = link.number.lower() or None
    return PoaFacts(poa.number.lower(), poa.file_id, poa.issued, poa.valid_to, principal.inn, principal.kpp,
                    principal_name(poa), tuple(_representative(rep) for rep in poa.representatives),
                    poa.revocable, parent)


def _read(data: bytes, report: Report) -> tuple[PowerOfAttorney | None, Report]:
    """The МЧД of a valid file, or None and the report saying why it cannot be kept (another
    format, or parts the model does not hold, such as a notary block)."""
    if "emchd" not in report.schema_id:
        issue = Issue("файл не является МЧД формата EMCHD_1", "/", UNREADABLE_CODE, source=Source.INPUT)
    else:
        try:
            return poa_from_xml(data), report
        except InputError as exc:
            issue = Issue(f"МЧД не сохранена: {exc.message}", exc.field or "", UNREADABLE_CODE, source=Source.INPUT)
    return None, Report(report.file_name, report.schema_id, (*report.issues, issue))


def _aware(moment: datetime) -> datetime:
    """A naive moment is Moscow local time (as PowerOfAttorney.valid_on takes it)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=moscow_zone())


class PoaRegistryService:
    def __init__(self, database: Database, bus: EventBus, *, providers: ProviderRegistry | None = None,
                 trust: TrustStore | None = None, schemas: SchemaRegistry | None = None,
                 clock: Clock = utc_now) -> None:
        self._repo = PoaRepository(database)
        self._bus = bus
        self._providers = providers or ProviderRegistry()
        self._trust = trust
        self._schemas = schemas
        self._clock = clock

    # -- adding ---------------------------------------------------------------------------
    def import_poa(self, xml_bytes: bytes, file_name: str, signature_der: bytes | None = None, *,
                   actor: str = "") -> PoaImportResult:
        """Validate and store an МЧД with (optionally) the principal's detached signature.

        Invalid МЧД: the report says why, nothing is stored. Unreadable XML raises
        XmlInputError and a signature file that is no CMS raises SignatureFormatError, both
        before anything is stored; a readable signature is stored with its verdict, valid or not.
        """
        data = bytes(xml_bytes)
        report = validate_bytes(data, file_name, self._schemas)
        if not report.ok:
            return PoaImportResult(report)
        poa, report = _read(data, report)
        if poa is None:
            return PoaImportResult(report)
        signatures = [] if signature_der is None else [self._verified(data, signature_der)]
        poa_id = self._repo.add(data, poa_facts(poa), actor, signatures=signatures)
        stored = self._repo.signatures(poa_id)
        return PoaImportResult(report, poa_id, stored[0] if stored else None)

    def create_poa(self, poa: PowerOfAttorney, *, actor: str = "") -> int:
        """Write the МЧД as EMCHD_1 XML, validate it fully and store it (unsigned); returns its id.
        SchemaError carries the report when the XML does not validate."""
        data = poa_to_xml(poa)
        report = validate_bytes(data, file_name(poa), self._schemas)
        if not report.ok:
            raise SchemaError(report)
        return self._repo.add(data, poa_facts(poa), actor)

    def sign_poa(self, poa_id: int, provider: str, handle: str, password: str | None = None, *,
                 at: datetime | None = None, actor: str = "") -> StoredPoaSignature:
        """The principal signs the stored МЧД (its exact bytes); the signature is verified, then stored.

        PoaError when the certificate's owner may not sign this МЧД (not the principal or a
        head acting for it); InputError when this certificate already signed it.
        """
        content = self._repo.get_content(poa_id)
        entry = self._providers.find(provider, handle)
        problems = [signer_problem(who, entry.certificate) for who in poa_from_xml(content).principals]
        if all(problems):  # joint principals sign one by one: this certificate must be one of them
            raise PoaError(f"Доверенность подписывает доверитель: {problems[0]}")
        for stored in self._repo.signatures(poa_id):
            if stored.valid and stored.cert_serial == entry.certificate.serial_hex:
                raise InputError(f"Доверенность № {poa_id} уже подписана этим сертификатом", "certificate")
        der, check, facts = sign_and_verify(self._providers.get(provider), entry, content, password=password,
                                            moment=at or self._clock(), trust=self._trust, now=self._clock())
        signature_id = self._repo.add_signature(poa_id, der, check, actor or facts.name, facts=facts)
        return self._repo.get_signature(signature_id)

    # -- revocations ------------------------------------------------------------------------
    def revoke(self, number: str, at: datetime, source: str = "user", *, actor: str = "") -> PoaRevocation:
        """Record that the МЧД ``number`` is revoked from ``at`` (naive: Moscow time)."""
        entry = Revocation(number.strip(), _aware(at), source)  # checks the GUID and the source
        return self._repo.record_revocation(entry.number, entry.revoked_at, entry.source, actor)

    def import_revocations(self, entries: RevocationList | Iterable[Revocation], *, actor: str = "") -> int:
        """Record every revocation of a list (e.g. a registry answer); returns how many were new."""
        items = entries.entries if isinstance(entries, RevocationList) else tuple(entries)
        for i, item in enumerate(items):
            if not isinstance(item, Revocation):
                raise InputError("ожидается запись об отзыве доверенности", f"entries[{i}]")
        return self._repo.record_revocations(((e.number, e.revoked_at, e.source) for e in items), actor)

    def revocations(self) -> builtins.list[PoaRevocation]:
        return self._repo.revocations()

    def revocation_list(self) -> RevocationList:
        """The stored revocations for the checks; completeness (checked_through) is not stored."""
        return RevocationList(Revocation(r.number, r.revoked_at, r.source if r.source in SOURCES else "user")
                              for r in self._repo.revocations())

    # -- reading ----------------------------------------------------------------------------
    def list(self, query: PoaQuery | None = None) -> builtins.list[PoaRow]:
        return self._repo.list(query)

    def get(self, poa_id: int) -> StoredPoa:
        return self._repo.get(poa_id)

    def find_by_number(self, number: str) -> PoaRow | None:
        return self._repo.find_by_number(number)

    def poa(self, poa_id: int) -> PowerOfAttorney:
        """The stored МЧД read back into the model."""
        return poa_from_xml(self._repo.get_content(poa_id))

    def history(self, poa_id: int) -> builtins.list[AuditEvent]:
        return self._repo.events(poa_id)

    def usable_for(self, certificate: Certificate, principal: PartyIdentity, at: datetime, *,
                   signed_only: bool = True) -> builtins.list[PoaRow]:
        """МЧД the certificate's owner may sign under for ``principal`` (ИНН, КПП) at ``at``.

        Kept: the principal matches (a КПП is compared when both sides have one), the term
        covers ``at``'s day in Moscow time, no revocation at or before ``at`` is recorded,
        (``signed_only``) a signature that verified is stored, and the certificate is the
        representative's as the МЧД checks see it (poa.checks_match: ФИО, ИНН ФЛ, СНИЛС all
        agree). Revocations nobody reported are not known here.
        """
        moment = _aware(at)
        query = PoaQuery(valid_on=moment.astimezone(moscow_zone()).date(), principal_inn=principal.inn)
        rows = [row for row in self._repo.list(query)
                if (not principal.kpp or not row.facts.principal_kpp or row.facts.principal_kpp == principal.kpp)
                and (row.revoked_at is None or row.revoked_at > moment)
                and (row.signed or not signed_only)]
        return [row for row in rows if representative_match(self.poa(row.id), certificate)[0] == "OK"]

    # -- documents --------------------------------------------------------------------------
    def attach_to_document(self, document_id: int, poa_id: int, signature_id: int | None = None, *,
                           actor: str = "") -> DocumentPoaLink:
        """Record that the document is signed under the МЧД, so its package carries the МЧД."""
        link = self._repo.link_document(document_id, poa_id, signature_id, actor)
        self._bus.publish(Changes(documents_changed=(document_id,)))
        return link

    def documents_using(self, poa_id: int) -> builtins.list[int]:
        return self._repo.documents_using(poa_id)

    def package_parts(self, document_id: int) -> builtins.list[PoaPart]:
        """Every МЧД linked to the document with the signatures over it that verified."""
        parts = []
        for link in self._repo.links(document_id):
            stored = self._repo.get(link.poa_id)
            parts.append(PoaPart(stored.content, [s.der for s in stored.signatures if s.valid]))
        return parts

    # -- helpers ----------------------------------------------------------------------------
    def _verified(self, content: bytes, signature: bytes) -> NewPoaSignature:
        der = to_der(bytes(signature))
        verdicts = verify_detached(content, der, trust=self._trust)  # garbage raises here
        if not verdicts:
            raise SignatureFormatError("В подписи нет ни одного подписанта")
        return NewPoaSignature(der, check_of(verdicts, self._clock()), facts_of(verdicts))

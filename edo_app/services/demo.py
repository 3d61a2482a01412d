"""Demonstration data for the first start: documents in every folder and status, their
counterparties, and a ДЕМО signing key, all around the user's own organisation.

The documents are the sample УПД of ``edo_app.documents.samples`` (invented companies with
valid check digits) with the user's organisation put in as the seller (outgoing, drafts) or the
buyer (incoming) and numbers marked «ДЕМО». The outgoing ones are signed with a self-signed
test key generated into the software key store; its certificate says «ДЕМО» and has no legal
force (no accredited УЦ issued it). The incoming ones carry their sender's signature, made with
a throwaway «ДЕМО» key of that company that is never stored.

Loading is idempotent: a document whose ИдФайл is already stored is skipped, so a second load
adds nothing. Each document is written by one repository call (one transaction) and, when
signed, its signature together with the final status by one more: a crash in between leaves a
«Проверен» (or «Получен») document without a signature, which the next load completes — a
status never claims a signature that is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from edo_app.crypto.certbuilder import organisation_name, private_key_pem, self_signed
from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms import build_detached
from edo_app.crypto.curves import CRYPTOPRO_A
from edo_app.crypto.gost3410 import generate_private_key
from edo_app.crypto.keys import load_private_key
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.provider import CertificateEntry
from edo_app.crypto.software import SoftwareProvider
from edo_app.crypto.verify import verify_detached
from edo_app.documents import UpdSeller, file_name, sample_upd, to_xml
from edo_app.documents.registry import summarize
from edo_app.documents.upd_types import DocRef, ForeignParty, Participant
from edo_app.errors import SchemaError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.party import Party
from edo_app.schemas.registry import SchemaRegistry
from edo_app.schemas.validate import validate_tree
from edo_app.services.context import KEYS_DIR, Services
from edo_app.services.counterparties import CounterpartyInput, CounterpartyService
from edo_app.services.events import Changes, EventBus
from edo_app.services.signing import check_of, facts_of, sign_and_verify
from edo_app.storage.database import Database
from edo_app.storage.records import Counterparty, DocumentQuery, SignatureCheck, SignerFacts
from edo_app.storage.repository import DocumentRepository
from edo_app.storage.signatures import SignatureRepository
from edo_app.xmlio import parse_bytes

DEMO_MARK = "ДЕМО"
ACTOR = "демонстрационные данные"
KEY_VALIDITY = timedelta(days=3650)
CN_LIMIT = 64  # X.520 ub-common-name, which cryptography counts in UTF-8 bytes


@dataclass(frozen=True, slots=True)
class DemoDocument:
    """One demo document: which sample, where it lies and in which status."""

    seed: int
    direction: Direction
    status: DocumentStatus
    function: str = "СЧФДОП"

    @property
    def signed(self) -> bool:
        """Ours are signed with the ДЕМО key, incoming ones by their sender's; drafts are not."""
        return self.direction is not Direction.DRAFT


# Seeds avoid every third one (samples sign those under an МЧД the demo does not have).
DEMO_SET: tuple[DemoDocument, ...] = (
    DemoDocument(9001, Direction.DRAFT, DocumentStatus.DRAFT),
    DemoDocument(9003, Direction.DRAFT, DocumentStatus.DRAFT, "СЧФ"),
    DemoDocument(9004, Direction.OUTGOING, DocumentStatus.SIGNED),
    DemoDocument(9006, Direction.OUTGOING, DocumentStatus.SENT),
    DemoDocument(9007, Direction.OUTGOING, DocumentStatus.DELIVERED, "ДОП"),
    DemoDocument(9009, Direction.OUTGOING, DocumentStatus.SIGNED_BY_COUNTERPARTY),
    DemoDocument(9010, Direction.OUTGOING, DocumentStatus.REJECTED),
    DemoDocument(9012, Direction.INCOMING, DocumentStatus.SIGNATURE_REQUIRED),
    DemoDocument(9013, Direction.INCOMING, DocumentStatus.SIGNATURE_REQUIRED, "ДОП"),
    DemoDocument(9015, Direction.INCOMING, DocumentStatus.CLARIFICATION_REQUIRED),
    DemoDocument(9016, Direction.INCOMING, DocumentStatus.ANNULLED),
)


@dataclass(frozen=True, slots=True)
class DemoResult:
    added: int
    skipped: int
    counterparties_added: int
    key: CertificateEntry


def demo_document(item: DemoDocument, own: Counterparty) -> UpdSeller:
    """The sample with the user's organisation as seller (ours) or buyer (incoming), «ДЕМО» numbers."""
    doc = sample_upd(item.function, lines=3, seed=item.seed)
    number = f"{DEMO_MARK}-{item.seed - 9000:03d}"
    shipment = tuple(replace(ref, number=number) if isinstance(ref, DocRef) else ref for ref in doc.shipment_docs)
    doc = replace(doc, number=number, shipment_docs=shipment)
    party = _own_party(own)
    if party is None:
        return doc  # an ИП or person: the sample company stands in (the format needs its ФИО and ОГРНИП)
    if item.direction is Direction.INCOMING:
        buyer = Participant(party, doc.buyers[0].address)
        return replace(doc, buyers=(buyer,), consignees=(buyer,))
    return replace(doc, sellers=(Participant(party, doc.sellers[0].address),))


def _own_party(own: Counterparty) -> Party | None:
    if len(own.inn) != 10:
        return None
    return Party(own.name, own.inn, own.kpp)


def demo_key(store_dir: Path, own: Counterparty) -> CertificateEntry:
    """The ДЕМО test key in the software store, generated on first use (clear key, no password)."""
    provider = SoftwareProvider(store_dir)
    for entry in provider.certificates():
        if (entry.certificate.common_name or "").startswith(DEMO_MARK):
            return entry
    private = generate_private_key(CRYPTOPRO_A)
    certificate = _demo_certificate(own.name, own.inn, private)
    return provider.import_pair(certificate.der, private_key_pem(CRYPTOPRO_A, private))


def _first_status(item: DemoDocument) -> DocumentStatus:
    """The status before the signature is stored: what an import gives (drafts are final at once)."""
    if not item.signed:
        return item.status
    return DocumentStatus.RECEIVED if item.direction is Direction.INCOMING else DocumentStatus.VALIDATED


def _demo_certificate(name: str, inn: str, private: int) -> Certificate:
    now = datetime.now(UTC).replace(microsecond=0)
    subject = organisation_name(_fit(f"{DEMO_MARK} тест {name}", CN_LIMIT), inn if len(inn) == 10 else "0000000000")
    return self_signed(subject, CRYPTOPRO_A, private, now - timedelta(days=1), now + KEY_VALIDITY)


def sender_signature(content: bytes, sender: Party | ForeignParty) -> tuple[bytes, SignatureCheck, SignerFacts]:
    """The sender's detached signature over ``content`` with a throwaway ДЕМО key, verified."""
    name, inn = (sender.name, sender.inn) if isinstance(sender, Party) else ("контрагент", "")
    private = generate_private_key(CRYPTOPRO_A)
    certificate = _demo_certificate(name, inn, private)
    key = load_private_key(private_key_pem(CRYPTOPRO_A, private))
    now = datetime.now(UTC)
    der = build_detached(new_hash(CRYPTOPRO_A.size, content).digest(), certificate, key.sign_digest,
                         signing_time=now)
    verdicts = verify_detached(content, der)
    return der, check_of(verdicts, now), facts_of(verdicts)


def _fit(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, never inside a letter."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore").rstrip()


class DemoLoader:
    """Stores the demo set for one organisation; see the module docstring for idempotency."""

    def __init__(self, database: Database, schemas: SchemaRegistry, bus: EventBus, keys_dir: Path) -> None:
        self._documents = DocumentRepository(database)
        self._signatures = SignatureRepository(database)
        self._counterparties = CounterpartyService(database)
        self._schemas = schemas
        self._bus = bus
        self._keys_dir = keys_dir

    def load(self, own: Counterparty) -> DemoResult:
        key = demo_key(self._keys_dir, own)
        added: list[int] = []
        for item in DEMO_SET:
            document_id = self._store(item, own, key)
            if document_id is not None:
                added.append(document_id)
        partners = self._add_counterparties(own)
        self._bus.publish(Changes(documents_added=tuple(added)))
        return DemoResult(len(added), len(DEMO_SET) - len(added), partners, key)

    def _store(self, item: DemoDocument, own: Counterparty, key: CertificateEntry) -> int | None:
        """Store one document (and sign it); None when it was complete already."""
        doc = demo_document(item, own)
        content, name = to_xml(doc), file_name(doc)
        found = self._find(doc.number, name)
        if found is not None and (not item.signed or self._signatures.list_for(found)):
            return None
        if found is None:
            tree = parse_bytes(content, name=name)
            report = validate_tree(tree, name, self._schemas)
            if not report.ok:
                raise SchemaError(report)  # a demo sample that fails validation is a bug: say so, store nothing
            found = self._documents.add_document(summarize(tree), content, item.direction, _first_status(item),
                                                 report, actor=ACTOR)
        if item.signed:
            der, check, facts = (self._sign(content, key) if item.direction is Direction.OUTGOING
                                 else sender_signature(content, doc.sellers[0].party))
            self._signatures.add(found, der, check, ACTOR, facts=facts, status=item.status)
        return found

    def _find(self, number: str, name: str) -> int | None:
        file_id = name.removesuffix(".xml")
        rows = self._documents.list_page(DocumentQuery(number=number, archived=None), 0, 50)
        return next((row.id for row in rows if row.file_id == file_id), None)

    def _sign(self, content: bytes, key: CertificateEntry) -> tuple[bytes, SignatureCheck, SignerFacts]:
        now = datetime.now(UTC)
        provider = SoftwareProvider(self._keys_dir)
        return sign_and_verify(provider, key, content, password=None, moment=now, trust=None, now=now)

    def _add_counterparties(self, own: Counterparty) -> int:
        """Every demo document's counterparty in the directory (with its sample EDO id), once."""
        known = {(c.inn, c.kpp) for c in self._counterparties.search()}
        added = 0
        for item in DEMO_SET:
            doc = demo_document(item, own)
            other = doc.buyers[0] if item.direction is not Direction.INCOMING else doc.sellers[0]
            party = other.party
            if not isinstance(party, Party) or (party.inn, party.kpp) in known:
                continue
            self._counterparties.add(CounterpartyInput(party.name, party.inn, party.kpp, f"2AE{party.inn}"))
            known.add((party.inn, party.kpp))
            added += 1
        return added


def load_demo(services: Services, own: Counterparty) -> DemoResult:
    """The demo set for the opened data folder (its database and its software key store)."""
    loader = DemoLoader(services.database, services.schemas, services.events, services.data_dir / KEYS_DIR)
    return loader.load(own)

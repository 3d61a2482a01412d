"""Everything the document window shows, read in one call (on the UI's executor) as frozen values.

``load_view`` gathers the stored document, its readable card (services.document_cards), the
exact XML text, every signature with its stored verdict and certificate, the МЧД it is signed
under or came with (each check's outcome), the exchange state and the audit trail. The UI
never reaches storage: it calls these functions and draws what they return.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms_parse import SignatureFormatError, parse_signed_data
from edo_app.errors import EdoError
from edo_app.fileio import write_atomic
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.report import Report
from edo_app.model.summary import DocumentSummary
from edo_app.poa.checks import CheckOutcome, CheckResult, PoaStatus, PoaVerdict
from edo_app.printing.text import DASH, day
from edo_app.services.context import Services
from edo_app.services.document_cards import DocumentCard, document_card
from edo_app.services.document_history import ExchangeView, HistoryEntry, exchange_view, history_entries
from edo_app.services.document_print import can_print
from edo_app.services.etrn_stage import with_stage
from edo_app.services.exchange_poa import poa_verdicts
from edo_app.services.poa_checks import check_poa
from edo_app.services.printing import verdict_text
from edo_app.storage.poa import PoaRepository
from edo_app.storage.records import PoaRow, StoredDocument, StoredPoa, StoredSignature
from edo_app.storage.repository import DocumentRepository

_PROLOG_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_PASSED = {CheckOutcome.OK: True, CheckOutcome.FAILED: False}


@dataclass(frozen=True, slots=True)
class SignatureView:
    """A stored signature with its verdict in words and the certificate's owner and validity."""

    stored: StoredSignature
    verdict: str
    owner: str
    organization: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True, slots=True)
class PoaCheckView:
    title: str
    outcome: str  # пройдена / не пройдена / не удалось проверить
    detail: str
    passed: bool | None  # None: could not be checked


@dataclass(frozen=True, slots=True)
class PoaView:
    """An МЧД of the document: linked to it (ours) or received with it, and its verdict."""

    number: str
    source: str
    status: str
    checks: tuple[PoaCheckView, ...]
    principal: str = DASH
    representatives: str = DASH
    term: str = DASH
    revoked: str = ""
    checked_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DocumentView:
    id: int
    summary: DocumentSummary
    direction: Direction
    status: DocumentStatus
    file_name: str
    xml_text: str
    card: DocumentCard
    signatures: tuple[SignatureView, ...]
    poas: tuple[PoaView, ...]
    exchange: ExchangeView
    history: tuple[HistoryEntry, ...]
    printable: bool
    report: Report
    content: bytes = field(repr=False, default=b"")


def load_view(services: Services, document_id: int) -> DocumentView:
    """Read everything about one stored document (StorageError when there is no such id)."""
    stored = services.library.get(document_id)
    signatures = services.signing.signatures(document_id)
    return DocumentView(
        document_id, stored.summary, stored.direction, stored.status, file_name_of(stored.summary, document_id),
        xml_text(stored.content), with_stage(document_card(stored.content, stored.summary), stored.stage),
        tuple(signature_view(s) for s in signatures), tuple(_poa_views(services, stored, signatures)),
        exchange_view(services.database, document_id, stored.status),
        history_entries(services.library.history(document_id)), can_print(stored.summary.kind), stored.report,
        stored.content)


def reverify(services: Services, document_id: int) -> DocumentView:
    """Check every signature against the stored bytes again (verdicts recorded), then reload."""
    services.signing.verify_document(document_id, actor="окно документа")
    return load_view(services, document_id)


def save_file(path: Path, data: bytes) -> None:
    """Write an exported file (XML, signature, PDF) atomically: a failure leaves no half file."""
    write_atomic(path, data, mode=0o644)


def file_name_of(summary: DocumentSummary, document_id: int) -> str:
    return f"{summary.file_id}.xml" if summary.file_id else f"document-{document_id}.xml"


def xml_text(content: bytes) -> str:
    """The file as text in the encoding its prolog names (FNS files: windows-1251), else UTF-8;
    undecodable bytes show as U+FFFD rather than hiding the file."""
    found = _PROLOG_ENCODING.match(content)
    encoding = "utf-8-sig"
    if found:
        with contextlib.suppress(LookupError):  # an unknown name: read as UTF-8, replacing what does not fit
            encoding = codecs.lookup(found.group(1).decode("ascii")).name
    return content.decode(encoding, errors="replace")


def signature_view(stored: StoredSignature) -> SignatureView:
    verdict = verdict_text(stored.valid, stored.trusted, stored.reasons)
    certificate = _certificate(stored.der)
    if certificate is None:
        return SignatureView(stored, verdict, stored.signer)
    owner = certificate.owner_name or certificate.common_name or stored.signer
    return SignatureView(stored, verdict, owner, certificate.organization or "", certificate.not_before.date(),
                         certificate.not_after.date())


def _signer_of(der: bytes) -> tuple[Certificate | None, datetime | None]:
    try:
        signers = parse_signed_data(der).signers
    except SignatureFormatError:
        return None, None
    return (signers[0].certificate, signers[0].signing_time) if signers else (None, None)


def _certificate(der: bytes) -> Certificate | None:
    return _signer_of(der)[0]


# --- МЧД ------------------------------------------------------------------------------------------

def _poa_views(services: Services, stored: StoredDocument, signatures: list[StoredSignature]) -> list[PoaView]:
    """Linked МЧД checked now against the signature made under them; received ones with the
    verdicts recorded on receipt."""
    repo = PoaRepository(services.database)
    views = [_linked_view(services, repo.get(link.poa_id), stored, _der_of(signatures, link.signature_id))
             for link in repo.links(stored.id)]
    for record in poa_verdicts(DocumentRepository(services.database), stored.id):
        row = repo.find_by_number(record.number)
        views.append(_poa_view(record.number, f"получена с документом (подпись {record.signature})",
                               record.verdict, row, record.at))
    return views


def _der_of(signatures: list[StoredSignature], signature_id: int | None) -> bytes | None:
    """The signature made under the МЧД, else the document's first one."""
    chosen = [s for s in signatures if s.id == signature_id] or signatures
    return chosen[0].der if chosen else None


def _linked_view(services: Services, poa: StoredPoa, stored: StoredDocument, der: bytes | None) -> PoaView:
    certificate, signed_at = _signer_of(der) if der is not None else (None, None)
    principal = [s.der for s in poa.signatures if s.valid] or [s.der for s in poa.signatures]
    try:
        verdict = check_poa(poa.content, f"{poa.row.facts.file_id}.xml", principal[0] if principal else None,
                            certificate, document_bytes=stored.content,
                            document_file_name=file_name_of(stored.summary, stored.id), at=signed_at,
                            revocations=services.poas.revocation_list(), registry=services.schemas)
    except EdoError as exc:  # an unreadable signature or document: nothing to decide on
        failed = CheckResult("readable", "МЧД и подпись читаются", CheckOutcome.FAILED, str(exc))
        verdict = PoaVerdict(PoaStatus.CANNOT_CHECK, (failed,))
    return _poa_view(poa.row.number, "приложена к документу (проверена сейчас)", verdict, poa.row, None)


def _poa_view(number: str, source: str, verdict: PoaVerdict, row: PoaRow | None, at: datetime | None) -> PoaView:
    checks = tuple(PoaCheckView(c.title, c.outcome.value, c.detail, _PASSED.get(c.outcome)) for c in verdict.checks)
    if row is None:
        return PoaView(number, source, verdict.status.value, checks, checked_at=at)
    facts = row.facts
    principal = f"{facts.principal_name}, ИНН {facts.principal_inn}" + (f", КПП {facts.principal_kpp}"
                                                                        if facts.principal_kpp else "")
    return PoaView(number, source, verdict.status.value, checks, principal,
                   "; ".join(p.name for p in facts.representatives) or DASH,
                   f"с {day(facts.issued)} по {day(facts.valid_to)}",
                   day(row.revoked_at.date()) if row.revoked_at else "", at)

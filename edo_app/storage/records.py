"""What the storage layer hands out: plain frozen dataclasses, never ORM rows.

The UI and services work with these; SQLAlchemy objects stay inside the repository so a
detached row can never lazy-load (or fail) far away from its session.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.report import Report
from edo_app.model.summary import DocumentSummary, PartyRef


class SortKey(enum.Enum):
    """Registry columns a page can be sorted by; ties are always broken by id."""

    DATE = "date"
    NUMBER = "number"
    COUNTERPARTY = "counterparty"
    TOTAL = "total"
    STATUS = "status"
    KIND = "kind"
    CREATED = "created"  # order of arrival (by id)


@dataclass(frozen=True, slots=True)
class DocumentQuery:
    """Filters of the registry. Empty/None fields filter nothing.

    ``text`` matches a substring of the number, the counterparty's name or ИНН, ignoring
    case (Cyrillic too). ``date_from``/``date_to`` bound the document date, both inclusive.
    """

    direction: Direction | None = None
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    status: DocumentStatus | None = None
    kind: DocumentKind | None = None
    sort: SortKey = SortKey.DATE
    descending: bool = True


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One line of the registry: everything but the file bytes."""

    id: int
    file_id: str
    kind: DocumentKind
    direction: Direction
    status: DocumentStatus
    number: str
    doc_date: date | None
    counterparty: PartyRef | None
    total: Decimal | None
    vat: Decimal | None
    currency: str
    valid: bool
    size: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document as stored: its summary, exact file bytes and validation report."""

    id: int
    summary: DocumentSummary
    direction: Direction
    status: DocumentStatus
    counterparty: PartyRef | None
    content: bytes
    sha256: str
    report: Report
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One entry of the append-only audit log; ``at`` is UTC."""

    id: int
    at: datetime
    document_id: int | None
    action: str
    actor: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Counterparty:
    """A known party of the exchange; ``kpp`` is empty for persons and entrepreneurs."""

    id: int
    inn: str
    kpp: str
    name: str
    edo_id: str = ""


@dataclass(frozen=True, slots=True)
class SignerFacts:
    """Who signed and when, as read from the signature itself (not a verdict)."""

    name: str
    cert_serial: str | None = None  # upper-case hex, as CryptoPro shows it
    inn: str | None = None
    signing_time: datetime | None = None  # UTC, from the signingTime attribute


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """One verification verdict as storage keeps it (free of crypto types).

    ``chain_status`` is "verified", "not_checked" or "failed" (crypto.trust); ``trusted`` is
    True only for a valid signature whose chain reached a trusted certificate.
    """

    valid: bool
    trusted: bool
    verified_at: datetime
    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    chain_status: str = "not_checked"
    chain_reason: str = ""


@dataclass(frozen=True, slots=True)
class StoredSignature:
    """A detached CMS signature (DER) kept beside a document, with its last verdict.

    ``valid``/``trusted`` are None while the signature was never verified.
    """

    id: int
    document_id: int
    der: bytes
    signer: str
    cert_serial: str | None
    signer_inn: str | None
    signing_time: datetime | None
    valid: bool | None
    trusted: bool | None
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    chain_status: str | None
    chain_reason: str
    verified_at: datetime | None
    created_at: datetime

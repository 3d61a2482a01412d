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
    ``archived``: False = the folders Входящие/Исходящие/Черновики, True = Архив, None = both.
    ``counterparty``: digits only = the start of the counterparty's ИНН, else a substring of
    its name (any case). ``number``: the start of the document number (any case).
    """

    direction: Direction | None = None
    text: str = ""
    archived: bool | None = None
    counterparty: str = ""
    number: str = ""
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
    stage: str | None = None  # ЭТрН: the furthest step of its chain stored here (model.etrn_stage)


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
    stage: str | None = None  # ЭТрН: the furthest step of its chain stored here (model.etrn_stage)


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
    """A known party of the exchange; ``kpp`` is empty for persons and entrepreneurs.

    ``own`` marks one of the user's own organisations (set at first start).
    """

    id: int
    inn: str
    kpp: str
    name: str
    edo_id: str = ""
    own: bool = False


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
class StoredVerdict:
    """What every stored signature carries, whatever it signs: the DER, who signed, and the last
    verdict (``valid``/``trusted`` None while never verified). Built by storage.signatures'
    ``verdict_fields``."""

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


@dataclass(frozen=True, slots=True)
class StoredSignature(StoredVerdict):
    """A detached CMS signature (DER) kept beside a document, with its last verdict."""

    id: int
    document_id: int


# --- Powers of attorney (МЧД) ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PoaPerson:
    """A representative as the registry keeps it: ФИО, ИНН ФЛ and СНИЛС (digits; "" if absent).
    An organisation as representative has its name and ИНН ЮЛ here and no СНИЛС."""

    name: str
    inn: str = ""
    snils: str = ""


@dataclass(frozen=True, slots=True)
class PoaFacts:
    """What the registry indexes of one МЧД; the exact XML is stored beside it.

    ``principal_*`` is the party documents are signed for (the original principal of a
    re-delegation); ``parent_number`` is the МЧД a re-delegation passes on, else None.
    """

    number: str
    file_id: str
    issued: date
    valid_to: date
    principal_inn: str
    principal_kpp: str
    principal_name: str
    representatives: tuple[PoaPerson, ...]
    revocable: bool = True
    parent_number: str | None = None


@dataclass(frozen=True, slots=True)
class PoaQuery:
    """Filters of the МЧД registry. ``text`` matches a substring of the number, the principal's
    or a representative's name, ИНН or СНИЛС (any case); ``valid_on`` keeps those whose term
    covers the day; ``include_revoked=False`` drops every МЧД with a recorded revocation."""

    text: str = ""
    valid_on: date | None = None
    include_revoked: bool = True
    principal_inn: str = ""


@dataclass(frozen=True, slots=True)
class PoaRow:
    """One МЧД of the registry without its bytes.

    ``revoked_at`` is the earliest recorded revocation (None: none known); ``signed`` says
    whether a signature that verified is stored beside it.
    """

    id: int
    facts: PoaFacts
    sha256: str
    created_at: datetime
    revoked_at: datetime | None
    signed: bool

    @property
    def number(self) -> str:
        return self.facts.number

    @property
    def representative(self) -> PoaPerson:
        return self.facts.representatives[0]


@dataclass(frozen=True, slots=True)
class StoredPoaSignature(StoredVerdict):
    """A detached CMS signature (DER) over an МЧД's exact bytes, with its verdict."""

    id: int
    poa_id: int


@dataclass(frozen=True, slots=True)
class StoredPoa:
    """An МЧД as stored: its registry row, exact XML bytes and signatures (oldest first)."""

    row: PoaRow
    content: bytes
    signatures: tuple[StoredPoaSignature, ...]

    @property
    def id(self) -> int:
        return self.row.id


@dataclass(frozen=True, slots=True)
class PoaRevocation:
    """A revocation (отмена) of an МЧД by number, as some source reported it; times are UTC."""

    number: str
    revoked_at: datetime
    source: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class DocumentPoaLink:
    """A document signed (or to be signed) under an МЧД; ``signature_id`` is the document's
    signature made under it, when known."""

    document_id: int
    poa_id: int
    signature_id: int | None
    created_at: datetime


# --- Exchange ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """A package waiting to go (or gone): see models.OutboxRecord for the states."""

    id: int
    package_id: str
    document_id: int | None
    purpose: str
    recipient: str
    state: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    message_id: str | None
    package: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class InboxItem:
    """An event of the operator's feed as stored before processing."""

    id: int
    event_id: str
    message_id: str
    event_kind: str
    payload: dict[str, str]
    state: str
    acknowledged: bool
    error: str | None
    document_id: int | None
    package: bytes | None = field(repr=False)


@dataclass(frozen=True, slots=True)
class ExchangeLink:
    """Where a document went or came from; ``annulment`` is "", "ours" or "theirs"."""

    document_id: int
    counterparty: str
    package_id: str | None
    message_id: str | None
    annulment: str

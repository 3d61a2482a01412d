"""The registry: documents, their bytes, signatures, the audit log and counterparties."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.storage.models.base import (
    CERT_SERIAL_LENGTH,
    NAME_LENGTH,
    Base,
    Money,
    UtcDateTime,
    string_enum,
)


class DocumentRecord(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[DocumentKind] = mapped_column(string_enum(DocumentKind))
    direction: Mapped[Direction] = mapped_column(string_enum(Direction))
    status: Mapped[DocumentStatus] = mapped_column(string_enum(DocumentStatus))
    format_version: Mapped[str] = mapped_column(String(16))
    knd: Mapped[str] = mapped_column(String(16))
    function: Mapped[str] = mapped_column(String(16))
    number: Mapped[str] = mapped_column(String(255))
    doc_date: Mapped[date | None] = mapped_column(Date)
    seller_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    seller_inn: Mapped[str | None] = mapped_column(String(12))
    seller_kpp: Mapped[str | None] = mapped_column(String(9))
    buyer_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    buyer_inn: Mapped[str | None] = mapped_column(String(12))
    buyer_kpp: Mapped[str | None] = mapped_column(String(9))
    counterparty_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    counterparty_inn: Mapped[str | None] = mapped_column(String(12))
    counterparty_kpp: Mapped[str | None] = mapped_column(String(9))
    total: Mapped[Decimal | None] = mapped_column(Money)
    vat: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    search_text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    valid: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # In the Архив folder, hidden from the others. Migration 0005 appends it after ``report``;
    # registry queries test it inside the indexes, never in the row.
    archived: Mapped[bool] = mapped_column(Boolean, server_default=false())
    # Report.as_dict(): may be large for a broken file, so it is the last column (SQLite reads
    # a row's columns in order) and registry pages never select it.
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Migration 0008 appends these: the ИдФайл a title answers and whether it refuses it
    # (DocumentSummary), and an ЭТрН title's stage — the furthest step of its chain stored here
    # (model.etrn_stage, kept by storage.answers when a title of the chain is stored).
    answers: Mapped[str | None] = mapped_column(String(255), index=True)
    refuses: Mapped[bool] = mapped_column(Boolean, server_default=false())
    stage: Mapped[str | None] = mapped_column(String(8))


class DocumentContent(Base):
    """The exact file bytes, kept apart so registry pages never read them."""

    __tablename__ = "document_contents"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)


class SignatureRecord(Base):
    """Detached CMS signatures (DER) over a document's bytes, with the last verification verdict.

    ``valid``/``trusted`` NULL = never verified. ``verdict`` holds the details (reasons,
    warnings, chain status and reason, verified_at) as JSON; the flags are columns so a
    registry filter "unsigned / invalid signature" needs no JSON functions.
    """

    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    signer: Mapped[str] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    signing_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cert_serial: Mapped[str | None] = mapped_column(String(CERT_SERIAL_LENGTH))
    signer_inn: Mapped[str | None] = mapped_column(String(12))
    valid: Mapped[bool | None] = mapped_column(Boolean)
    trusted: Mapped[bool | None] = mapped_column(Boolean)
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    verdict: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class EventRecord(Base):
    """Append-only audit log; the migration adds triggers refusing UPDATE and DELETE."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(255))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


class CounterpartyRecord(Base):
    __tablename__ = "counterparties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inn: Mapped[str] = mapped_column(String(12))
    kpp: Mapped[str] = mapped_column(String(9))  # "" rather than NULL: NULLs never clash in UNIQUE
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    edo_id: Mapped[str] = mapped_column(String(255))
    search_text: Mapped[str] = mapped_column(Text)
    own: Mapped[bool] = mapped_column(Boolean, server_default=false())  # one of the user's own organisations

    __table_args__ = (UniqueConstraint("inn", "kpp"),)


# The registry folders: one direction, not archived, newest first (read backwards for oldest
# first). The trailing search_text lets SQLite test a text filter inside the index and fetch
# table rows only for matches: 8x faster on a rare match among 200,000 documents (see
# mapping.SEARCH_LIMIT).
_FOLDER = (DocumentRecord.direction, DocumentRecord.archived)
_NEWEST = (DocumentRecord.doc_date.desc(), DocumentRecord.id.desc())
Index("ix_documents_registry", *_FOLDER, *_NEWEST, DocumentRecord.search_text)
Index("ix_documents_date", *_NEWEST, DocumentRecord.search_text)
Index("ix_documents_archived", DocumentRecord.archived, *_NEWEST, DocumentRecord.search_text)  # the Архив folder
# Column sorts the registry offers besides the date, within one folder.
Index("ix_documents_direction_total", *_FOLDER, DocumentRecord.total, DocumentRecord.id)
Index("ix_documents_direction_counterparty", *_FOLDER, DocumentRecord.counterparty_name, DocumentRecord.id)
# Status and kind filters of a folder, still newest first without a sort step.
Index("ix_documents_folder_status", *_FOLDER, DocumentRecord.status, *_NEWEST)
Index("ix_documents_folder_kind", *_FOLDER, DocumentRecord.kind, *_NEWEST)
Index("ix_documents_number", DocumentRecord.number)
# An exact ИНН within a folder, newest first; archived before direction so the Архив folder
# (any direction) is one range of it too.
Index("ix_documents_counterparty_inn", DocumentRecord.counterparty_inn, DocumentRecord.archived,
      DocumentRecord.direction, *_NEWEST)
Index("ix_documents_status", DocumentRecord.status)
Index("ix_documents_kind", DocumentRecord.kind)


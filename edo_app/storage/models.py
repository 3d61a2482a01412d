"""SQLAlchemy 2.0 typed tables. The initial migration states the same schema by hand.

Design for a registry of ~1,000,000 documents:
- file bytes live in ``document_contents`` (1:1 with ``documents``), so registry queries touch
  only narrow rows; a ``defer`` on the same table would still bloat its pages and is easy to
  forget in one query;
- ``search_text`` holds the case-folded number, counterparty name and ИНН: one LIKE works the
  same on SQLite (whose lower() knows only ASCII) and PostgreSQL;
- money is exact: Numeric(19,2) on PostgreSQL, integer kopecks on SQLite (its NUMERIC is a float).
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine

from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NAME_LENGTH = 1000  # ФИО / НаимОрг in FNS formats are up to 1000 characters
CERT_SERIAL_LENGTH = 64  # hex of an X.509 serial: at most 20 octets (RFC 5280), 40 digits


class Money(TypeDecorator[Decimal]):
    """Decimal kopeck-exact on both backends."""

    impl = Numeric(19, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(19, 2, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return int(value.scaleb(2).to_integral_exact())

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-2)
        return Decimal(value)


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out; SQLite keeps them naive, in UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _enum(cls: type[enum.Enum]) -> Enum:
    # Stored as plain strings (the enum values): new kinds need no migration, no CHECK.
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRecord(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[DocumentKind] = mapped_column(_enum(DocumentKind))
    direction: Mapped[Direction] = mapped_column(_enum(Direction))
    status: Mapped[DocumentStatus] = mapped_column(_enum(DocumentStatus))
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


# --- Powers of attorney (МЧД) ------------------------------------------------------------------
GUID_LENGTH = 36  # НомДовер


class PoaRecord(Base):
    """An МЧД with the fields the registry filters on; ``content`` is the exact XML (UTF-8).

    A few hundred per company at most, so the bytes stay in the row; list queries still
    select only the narrow columns. ``representatives`` holds every representative (JSON
    list of {name, inn, snils}); the first one is also in columns for sorting and display.
    """

    __tablename__ = "powers_of_attorney"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(GUID_LENGTH), unique=True)
    file_id: Mapped[str] = mapped_column(String(255))
    issued: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    principal_inn: Mapped[str] = mapped_column(String(12), index=True)
    principal_kpp: Mapped[str] = mapped_column(String(9))  # "" for ИП and ФЛ
    principal_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    representative_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    representative_inn: Mapped[str] = mapped_column(String(12))
    representative_snils: Mapped[str] = mapped_column(String(11))
    representatives: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    revocable: Mapped[bool] = mapped_column(Boolean)
    parent_number: Mapped[str | None] = mapped_column(String(GUID_LENGTH))
    search_text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class PoaSignatureRecord(Base):
    """Detached signatures (DER) over an МЧД's bytes, with the verdict as in ``signatures``."""

    __tablename__ = "poa_signatures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    poa_id: Mapped[int] = mapped_column(ForeignKey("powers_of_attorney.id", ondelete="CASCADE"), index=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    signer: Mapped[str] = mapped_column(String(NAME_LENGTH))
    cert_serial: Mapped[str | None] = mapped_column(String(CERT_SERIAL_LENGTH))
    signer_inn: Mapped[str | None] = mapped_column(String(12))
    signing_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    valid: Mapped[bool | None] = mapped_column(Boolean)
    trusted: Mapped[bool | None] = mapped_column(Boolean)
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    verdict: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PoaRevocationRecord(Base):
    """Revocations by МЧД number, from any source (the ФНС registry, the principal, by hand).

    No foreign key: a registry answer may name an МЧД this database has not seen yet, and
    it must count as revoked when it arrives later.
    """

    __tablename__ = "poa_revocations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(GUID_LENGTH))
    revoked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    source: Mapped[str] = mapped_column(String(255))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("number", "source"),)


class DocumentPoaRecord(Base):
    """Which documents were signed under which МЧД (and by which signature), so an outgoing
    package can carry the МЧД and its signature."""

    __tablename__ = "document_poa"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    # No cascade: an МЧД a document was signed under must not vanish with the link.
    poa_id: Mapped[int] = mapped_column(ForeignKey("powers_of_attorney.id"), index=True)
    signature_id: Mapped[int | None] = mapped_column(ForeignKey("signatures.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("document_id", "poa_id"),)


# --- Exchange (outbox, inbox, cursors, document ↔ message links) -------------------------------
PARTICIPANT_LENGTH = 64  # EDO participant ids are at most 46 characters
MESSAGE_ID_LENGTH = 255  # the operator's own ids: opaque, kept generous


class OutboxRecord(Base):
    """A package to send, kept as its exact ZIP bytes: a resend after a crash or a lost answer
    must be byte-identical, or the operator's idempotency by ``package_id`` refuses it.

    ``state``: pending → sending → sent, or failed (not retryable); ``sending`` left behind by
    a crash is sent again with the same package_id, which the transport answers with the
    same receipt.
    """

    __tablename__ = "exchange_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))  # document, ИОП, УОУ, ПоА, ...
    recipient: Mapped[str] = mapped_column(String(PARTICIPANT_LENGTH))
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(MESSAGE_ID_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    package: Mapped[bytes] = mapped_column(LargeBinary)


Index("ix_exchange_outbox_due", OutboxRecord.state, OutboxRecord.next_attempt_at)


class InboxRecord(Base):
    """One event of the operator's feed, stored before it is acknowledged, with its package.

    Unique by ``event_id``: a page fetched again after a crash adds nothing. ``state``:
    received → processed, or failed with the Russian ``error``; ``acknowledged`` tells
    whether the operator has been told (done after the processing commits).
    """

    __tablename__ = "exchange_inbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(MESSAGE_ID_LENGTH), unique=True)
    message_id: Mapped[str] = mapped_column(String(MESSAGE_ID_LENGTH), index=True)
    event_kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), index=True)
    acknowledged: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    processed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    package: Mapped[bytes | None] = mapped_column(LargeBinary)


class CursorRecord(Base):
    """Where the event feed of one transport and participant was read up to."""

    __tablename__ = "exchange_cursors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transport: Mapped[str] = mapped_column(String(64))
    participant: Mapped[str] = mapped_column(String(PARTICIPANT_LENGTH))
    cursor: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("transport", "participant"),)


class ExchangeLinkRecord(Base):
    """A document's place in the exchange: the counterparty's box, the package and the
    operator's message that carried it, and a pending annulment (``annulment``: "" / "ours" /
    "theirs")."""

    __tablename__ = "exchange_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    counterparty: Mapped[str] = mapped_column(String(PARTICIPANT_LENGTH))
    package_id: Mapped[str | None] = mapped_column(String(36), index=True)
    message_id: Mapped[str | None] = mapped_column(String(MESSAGE_ID_LENGTH), index=True)
    annulment: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class EmployeeRecord(Base):
    """The employees directory (HR documents): one row per employee of one of the user's
    organisations (``employer_inn``); unique by СНИЛС and by табельный номер within it."""

    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employer_inn: Mapped[str] = mapped_column(String(12))
    personnel_number: Mapped[str] = mapped_column(String(50))
    snils: Mapped[str] = mapped_column(String(11))  # 11 digits, no dashes
    last_name: Mapped[str] = mapped_column(String(60))
    first_name: Mapped[str] = mapped_column(String(60))
    middle_name: Mapped[str] = mapped_column(String(60))
    position: Mapped[str] = mapped_column(String(255))
    department: Mapped[str] = mapped_column(String(255))
    edo_id: Mapped[str] = mapped_column(String(PARTICIPANT_LENGTH))  # the employee's box at the operator
    search_text: Mapped[str] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("employer_inn", "snils"), UniqueConstraint("employer_inn", "personnel_number"))


# --- Transport directories (ЭТрН) ---------------------------------------------------------------
class VehicleRecord(Base):
    """The vehicles directory (ЭТрН): a vehicle or a trailer by its госномер (unique), with what
    title 1 says of it; ``right_*`` is the document of the right to use a leased one."""

    __tablename__ = "vehicles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reg_number: Mapped[str] = mapped_column(String(9), unique=True)  # upper case, no blanks
    trailer: Mapped[bool] = mapped_column(Boolean, server_default=false())
    kind: Mapped[str] = mapped_column(String(255))  # тип ТС: «Грузовой фургон»
    brand: Mapped[str] = mapped_column(String(255))  # марка и модель
    capacity_t: Mapped[str] = mapped_column(String(16))  # decimal text, exact
    volume_m3: Mapped[str] = mapped_column(String(16))
    ownership: Mapped[str] = mapped_column(String(1))  # ТипВлад 1–5
    right_name: Mapped[str] = mapped_column(String(255))
    right_number: Mapped[str] = mapped_column(String(255))
    right_date: Mapped[date | None] = mapped_column(Date)
    right_issuer_inn: Mapped[str] = mapped_column(String(12))
    search_text: Mapped[str] = mapped_column(Text)


class DriverRecord(Base):
    """The drivers directory (ЭТрН): unique by the driving licence (series and number)."""

    __tablename__ = "drivers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_name: Mapped[str] = mapped_column(String(60))
    first_name: Mapped[str] = mapped_column(String(60))
    middle_name: Mapped[str] = mapped_column(String(60))
    licence_series: Mapped[str] = mapped_column(String(4))
    licence_number: Mapped[str] = mapped_column(String(6))
    licence_issued: Mapped[date] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(20))
    inn: Mapped[str] = mapped_column(String(12))  # "" when not known
    search_text: Mapped[str] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("licence_series", "licence_number"),)

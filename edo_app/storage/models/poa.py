"""Powers of attorney (МЧД): the МЧД, their signatures, revocations and links to documents."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from edo_app.storage.models.base import (
    CERT_SERIAL_LENGTH,
    NAME_LENGTH,
    Base,
    UtcDateTime,
)

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


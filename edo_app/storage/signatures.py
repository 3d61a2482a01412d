"""Signatures kept beside the document bytes, and their verification verdicts.

Every public method is one transaction: a signature, its audit event and (when asked) the
document's new status are written together or not at all. A signature for a document that
is not in the database is refused with StorageError before anything is written.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from edo_app.errors import InputError, StorageError
from edo_app.model.kinds import DocumentStatus
from edo_app.storage.database import Database
from edo_app.storage.models import (
    CERT_SERIAL_LENGTH,
    NAME_LENGTH,
    DocumentRecord,
    PoaSignatureRecord,
    SignatureRecord,
)
from edo_app.storage.records import SignatureCheck, SignerFacts, StoredSignature
from edo_app.storage.repository import ACTION_STATUS, _event, _now

ACTION_SIGNATURE_ADDED = "signature.added"
ACTION_SIGNATURE_VERIFIED = "signature.verified"
MAX_SIGNATURE = 1 << 20  # a CMS with a few certificates is a few KB; 1 MB is surely not a signature


def _verdict_json(check: SignatureCheck) -> dict[str, Any]:
    return {
        "reasons": list(check.reasons),
        "warnings": list(check.warnings),
        "chain": {"status": check.chain_status, "reason": check.chain_reason},
        "verified_at": check.verified_at.isoformat(),
    }


def check_columns(check: SignatureCheck) -> dict[str, Any]:
    """The columns a verdict fills in a ``signatures`` row."""
    return {"valid": check.valid, "trusted": check.trusted, "verified_at": check.verified_at,
            "verdict": _verdict_json(check)}


def _apply_check(record: SignatureRecord, check: SignatureCheck) -> None:
    for column, value in check_columns(check).items():
        setattr(record, column, value)


def verdict_fields(record: SignatureRecord | PoaSignatureRecord) -> dict[str, Any]:
    """What a stored signature record says of its DER and verdict: the same columns in both tables."""
    verdict = record.verdict or {}
    chain = verdict.get("chain") or {}
    return {
        "der": bytes(record.der), "signer": record.signer, "cert_serial": record.cert_serial,
        "signer_inn": record.signer_inn, "signing_time": record.signing_time, "valid": record.valid,
        "trusted": record.trusted, "reasons": tuple(verdict.get("reasons", ())),
        "warnings": tuple(verdict.get("warnings", ())), "chain_status": chain.get("status"),
        "chain_reason": chain.get("reason", ""), "verified_at": record.verified_at,
        "created_at": record.created_at,
    }


def _to_stored(record: SignatureRecord) -> StoredSignature:
    return StoredSignature(id=record.id, document_id=record.document_id, **verdict_fields(record))


def _check_facts(facts: SignerFacts) -> None:
    """Refuse values the columns cannot hold (PostgreSQL would reject them, SQLite would not)."""
    if len(facts.name) > NAME_LENGTH:
        raise InputError(f"имя подписанта длиннее {NAME_LENGTH} символов", "signer")
    if facts.cert_serial is not None and len(facts.cert_serial) > CERT_SERIAL_LENGTH:
        raise InputError(f"серийный номер сертификата длиннее {CERT_SERIAL_LENGTH} символов", "cert_serial")
    if facts.inn is not None and len(facts.inn) > 12:
        raise InputError("ИНН подписанта длиннее 12 символов", "signer_inn")


def _event_details(record: SignatureRecord) -> dict[str, Any]:
    return {"signature_id": record.id, "signer": record.signer, "cert_serial": record.cert_serial,
            "valid": record.valid, "trusted": record.trusted}


class SignatureRepository:
    """Detached signatures (DER) of stored documents."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def add(
        self,
        document_id: int,
        der: bytes,
        check: SignatureCheck | None,
        actor: str,
        *,
        facts: SignerFacts | None = None,
        status: DocumentStatus | None = None,
    ) -> int:
        """Store a signature (with its verdict, or unverified when ``check`` is None); returns its id.

        ``status`` also moves the document to that status in the same transaction (logged as
        ``document.status``), so "signed" is never recorded without the signature.
        """
        der = bytes(der)
        if not der:
            raise InputError("подпись пуста", "signature")
        if len(der) > MAX_SIGNATURE:
            raise InputError("файл подписи слишком велик (больше 1 МБ)", "signature")
        facts = facts or SignerFacts("")
        _check_facts(facts)
        with self._db.session() as session:
            document = self._document(session, document_id)
            record = SignatureRecord(
                document_id=document_id, der=der, signer=facts.name, created_at=_now(),
                signing_time=facts.signing_time, cert_serial=facts.cert_serial, signer_inn=facts.inn,
            )
            if check is not None:
                _apply_check(record, check)
            session.add(record)
            session.flush()
            session.add(_event(ACTION_SIGNATURE_ADDED, actor, document_id, _event_details(record)))
            if status is not None:
                self._set_status(session, document, status, actor)
            session.flush()
            return record.id

    def get(self, signature_id: int) -> StoredSignature:
        with self._db.session() as session:
            return _to_stored(self._signature(session, signature_id))

    def get_der(self, signature_id: int) -> bytes:
        """The signature exactly as stored (DER)."""
        with self._db.session() as session:
            der = session.scalar(select(SignatureRecord.der).where(SignatureRecord.id == signature_id))
            if der is None:
                raise self._missing(signature_id)
            return bytes(der)

    def list_for(self, document_id: int) -> list[StoredSignature]:
        """The document's signatures, oldest first (an unknown document has none)."""
        statement = (
            select(SignatureRecord).where(SignatureRecord.document_id == document_id).order_by(SignatureRecord.id)
        )
        with self._db.session() as session:
            return [_to_stored(record) for record in session.scalars(statement)]

    def set_verdict(self, signature_id: int, check: SignatureCheck, actor: str) -> StoredSignature:
        """Replace the signature's verdict and log ``signature.verified``."""
        with self._db.session() as session:
            record = self._signature(session, signature_id, lock=True)
            _apply_check(record, check)
            details = {**_event_details(record), "chain": check.chain_status, "reasons": list(check.reasons)}
            session.add(_event(ACTION_SIGNATURE_VERIFIED, actor, record.document_id, details))
            session.flush()
            return _to_stored(record)

    @staticmethod
    def _document(session: Session, document_id: int) -> DocumentRecord:
        # Locked: a concurrent delete cannot slip between this check and the insert.
        document = session.scalar(
            select(DocumentRecord).where(DocumentRecord.id == document_id).with_for_update()
        )
        if document is None:
            raise StorageError(f"Документ № {document_id} не найден в базе: подпись не сохранена")
        return document

    def _signature(self, session: Session, signature_id: int, *, lock: bool = False) -> SignatureRecord:
        statement = select(SignatureRecord).where(SignatureRecord.id == signature_id)
        record = session.scalar(statement.with_for_update() if lock else statement)
        if record is None:
            raise self._missing(signature_id)
        return record

    @staticmethod
    def _set_status(session: Session, document: DocumentRecord, status: DocumentStatus, actor: str) -> None:
        """The same change and log entry as DocumentRepository.set_status, inside this transaction."""
        if document.status is status:
            return
        details = {"from": document.status.value, "to": status.value}
        document.status = status
        document.updated_at = _now()
        session.add(_event(ACTION_STATUS, actor, document.id, details))

    @staticmethod
    def _missing(signature_id: int) -> StorageError:
        return StorageError(f"Подпись № {signature_id} не найдена в базе")

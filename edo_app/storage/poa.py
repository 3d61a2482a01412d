"""The МЧД registry: powers of attorney with their exact XML, signatures, revocations and the
documents signed under them.

Every public method is one transaction and writes its audit event in it (``poa.added``,
``poa.signature.added``, ``poa.revoked``, ``poa.linked``); the events carry ``poa_id`` /
``number`` in their details (the log's ``document_id`` is set only for a link). Storage
knows no МЧД format: the service hands over ``PoaFacts`` read from the parsed XML.
"""

from __future__ import annotations

import builtins
import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from edo_app.errors import InputError, StorageError
from edo_app.storage.database import Database
from edo_app.storage.failures import is_unique_violation
from edo_app.storage.mapping import check_lengths, fold
from edo_app.storage.models import (
    DocumentPoaRecord,
    DocumentRecord,
    EventRecord,
    PoaRecord,
    PoaRevocationRecord,
    PoaSignatureRecord,
    SignatureRecord,
)
from edo_app.storage.records import (
    AuditEvent,
    DocumentPoaLink,
    PoaFacts,
    PoaPerson,
    PoaQuery,
    PoaRevocation,
    PoaRow,
    SignatureCheck,
    SignerFacts,
    StoredPoa,
    StoredPoaSignature,
)
from edo_app.storage.repository import _event, _now, _to_event
from edo_app.storage.signatures import MAX_SIGNATURE, _check_facts, _verdict_json, verdict_fields

ACTION_POA_ADDED = "poa.added"
ACTION_POA_SIGNED = "poa.signature.added"
ACTION_POA_REVOKED = "poa.revoked"
ACTION_POA_LINKED = "poa.linked"
MAX_POA = 5 << 20  # an МЧД is a few KB; 5 MB is surely something else
MAX_LIST = 10_000

_EARLIEST_REVOCATION = (
    select(func.min(PoaRevocationRecord.revoked_at))
    .where(PoaRevocationRecord.number == PoaRecord.number)
    .correlate(PoaRecord)
    .scalar_subquery()
)
_SIGNED = exists().where(PoaSignatureRecord.poa_id == PoaRecord.id, PoaSignatureRecord.valid.is_(True))
_ROW_COLUMNS = (
    PoaRecord.id, PoaRecord.number, PoaRecord.file_id, PoaRecord.issued, PoaRecord.valid_to,
    PoaRecord.principal_inn, PoaRecord.principal_kpp, PoaRecord.principal_name, PoaRecord.representatives,
    PoaRecord.revocable, PoaRecord.parent_number, PoaRecord.sha256, PoaRecord.created_at,
    _EARLIEST_REVOCATION.label("revoked_at"), _SIGNED.label("signed"),
)


def _people_json(people: tuple[PoaPerson, ...]) -> list[dict[str, str]]:
    return [{"name": p.name, "inn": p.inn, "snils": p.snils} for p in people]


def _people(data: Any, poa_id: int) -> tuple[PoaPerson, ...]:
    try:
        return tuple(PoaPerson(str(p["name"]), str(p["inn"]), str(p["snils"])) for p in data)
    except (KeyError, TypeError) as exc:
        raise StorageError(f"Сведения о представителях МЧД № {poa_id} в базе повреждены") from exc


def _to_row(row: Any) -> PoaRow:
    (id_, number, file_id, issued, valid_to, inn, kpp, name, people, revocable, parent, sha256, created_at,
     revoked_at, signed) = row
    facts = PoaFacts(number, file_id, issued, valid_to, inn, kpp, name, _people(people, id_), revocable, parent)
    return PoaRow(id_, facts, sha256, created_at, revoked_at, bool(signed))


def _to_signature(record: PoaSignatureRecord) -> StoredPoaSignature:
    return StoredPoaSignature(id=record.id, poa_id=record.poa_id, **verdict_fields(record))


def _to_revocation(record: PoaRevocationRecord) -> PoaRevocation:
    return PoaRevocation(record.number, record.revoked_at, record.source, record.recorded_at)


def _to_link(record: DocumentPoaRecord) -> DocumentPoaLink:
    return DocumentPoaLink(record.document_id, record.poa_id, record.signature_id, record.created_at)


class NewPoaSignature(NamedTuple):
    """A signature to store beside an МЧД: DER, its verdict (None: not verified), the signer."""

    der: bytes
    check: SignatureCheck | None
    facts: SignerFacts | None = None


def _checked_signature(item: NewPoaSignature) -> NewPoaSignature:
    der = bytes(item.der)
    if not der:
        raise InputError("подпись пуста", "signature")
    if len(der) > MAX_SIGNATURE:
        raise InputError("файл подписи слишком велик (больше 1 МБ)", "signature")
    facts = item.facts or SignerFacts("")
    _check_facts(facts)
    return NewPoaSignature(der, item.check, facts)


def _insert_signature(session: Session, poa: PoaRecord, item: NewPoaSignature, actor: str) -> int:
    facts, check = item.facts or SignerFacts(""), item.check
    record = PoaSignatureRecord(poa_id=poa.id, der=item.der, signer=facts.name, cert_serial=facts.cert_serial,
                                signer_inn=facts.inn, signing_time=facts.signing_time, created_at=_now())
    if check is not None:
        record.valid, record.trusted = check.valid, check.trusted
        record.verified_at, record.verdict = check.verified_at, _verdict_json(check)
    session.add(record)
    session.flush()
    details = {"poa_id": poa.id, "number": poa.number, "signature_id": record.id, "signer": record.signer,
               "cert_serial": record.cert_serial, "valid": record.valid, "trusted": record.trusted}
    session.add(_event(ACTION_POA_SIGNED, actor, None, details))
    session.flush()
    return record.id


def _search_text(facts: PoaFacts) -> str:
    parts = [facts.number, facts.principal_inn, facts.principal_name]
    for person in facts.representatives:
        parts += [person.name, person.inn, person.snils]
    return fold(" ".join(part for part in parts if part))


def _record_values(content: bytes, facts: PoaFacts) -> dict[str, Any]:
    if not facts.representatives:
        raise InputError("в доверенности нет представителя", "representatives")
    first = facts.representatives[0]
    values: dict[str, Any] = {
        "number": facts.number.strip().lower(), "file_id": facts.file_id, "issued": facts.issued,
        "valid_to": facts.valid_to,
        "principal_inn": facts.principal_inn, "principal_kpp": facts.principal_kpp,
        "principal_name": facts.principal_name, "representative_name": first.name,
        "representative_inn": first.inn, "representative_snils": first.snils,
        "representatives": _people_json(facts.representatives), "revocable": facts.revocable,
        "parent_number": facts.parent_number, "search_text": _search_text(facts),
        "sha256": hashlib.sha256(content).hexdigest(), "created_at": _now(), "content": content,
    }
    check_lengths(values, PoaRecord.__table__.columns, lambda column: f"poa.{column}")
    return values


def _checked_revocation(number: str, revoked_at: datetime, source: str) -> tuple[str, datetime, str]:
    number = number.strip().lower()
    if not number:
        raise InputError("номер доверенности не указан", "number")
    if not source.strip():
        raise InputError("источник сведений об отмене не указан", "source")
    if not isinstance(revoked_at, datetime) or revoked_at.tzinfo is None:
        raise InputError("время отмены должно быть с часовым поясом", "revoked_at")
    check_lengths({"number": number, "source": source}, PoaRevocationRecord.__table__.columns, lambda c: c)
    return number, revoked_at, source


def _filters(query: PoaQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    text = fold(query.text)
    if text:
        conditions.append(PoaRecord.search_text.contains(text, autoescape=True))
    if query.valid_on is not None:
        conditions += [PoaRecord.issued <= query.valid_on, PoaRecord.valid_to >= query.valid_on]
    if query.principal_inn:
        conditions.append(PoaRecord.principal_inn == query.principal_inn)
    if not query.include_revoked:
        conditions.append(~exists().where(PoaRevocationRecord.number == PoaRecord.number))
    return conditions


class PoaRepository:
    """Powers of attorney (МЧД), their signatures and revocations, and their use by documents."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def add(self, content: bytes, facts: PoaFacts, actor: str = "", *,
            signatures: Sequence[NewPoaSignature] = ()) -> int:
        """Store an МЧД (exact XML bytes) with its registry facts, and the signatures that came
        with it, in one transaction; returns its id.

        A second МЧД with the same number is refused (StorageError) and nothing is written.
        """
        content = bytes(content)
        if not content:
            raise InputError("файл доверенности пуст", "content")
        if len(content) > MAX_POA:
            raise InputError("файл доверенности слишком велик (больше 5 МБ)", "content")
        values = _record_values(content, facts)
        checked = [_checked_signature(item) for item in signatures]
        with self._db.session() as session:
            record = PoaRecord(**values)
            session.add(record)
            self._flush_new(session, record.number)
            details = {"poa_id": record.id, "number": record.number, "file_id": facts.file_id}
            session.add(_event(ACTION_POA_ADDED, actor, None, details))
            for item in checked:
                _insert_signature(session, record, item, actor)
            session.flush()
            return record.id

    @staticmethod
    def _flush_new(session: Session, number: str) -> None:
        try:
            session.flush()
        except IntegrityError as exc:
            if is_unique_violation(exc, "number"):
                raise StorageError(f"Доверенность № {number} уже есть в базе: повторно она не добавлена") from exc
            raise

    def add_signature(self, poa_id: int, der: bytes, check: SignatureCheck | None, actor: str = "", *,
                      facts: SignerFacts | None = None) -> int:
        """Store a detached signature over the МЧД with its verdict (None: not verified)."""
        item = _checked_signature(NewPoaSignature(der, check, facts))
        with self._db.session() as session:
            return _insert_signature(session, self._poa(session, poa_id, lock=True), item, actor)

    def get_signature(self, signature_id: int) -> StoredPoaSignature:
        with self._db.session() as session:
            record = session.get(PoaSignatureRecord, signature_id)
            if record is None:
                raise StorageError(f"Подпись доверенности № {signature_id} не найдена в базе")
            return _to_signature(record)

    def get(self, poa_id: int) -> StoredPoa:
        """The МЧД with its exact bytes and signatures; StorageError when there is none."""
        with self._db.session() as session:
            found = session.execute(select(*_ROW_COLUMNS).where(PoaRecord.id == poa_id)).one_or_none()
            if found is None:
                raise self._missing(poa_id)
            content = session.scalar(select(PoaRecord.content).where(PoaRecord.id == poa_id))
            return StoredPoa(_to_row(found), bytes(content or b""), tuple(self._signatures(session, poa_id)))

    def get_content(self, poa_id: int) -> bytes:
        """The exact bytes of the МЧД file as it was stored."""
        with self._db.session() as session:
            content = session.scalar(select(PoaRecord.content).where(PoaRecord.id == poa_id))
            if content is None:
                raise self._missing(poa_id)
            return bytes(content)

    def find_by_number(self, number: str) -> PoaRow | None:
        with self._db.session() as session:
            statement = select(*_ROW_COLUMNS).where(PoaRecord.number == number.strip().lower())
            found = session.execute(statement).one_or_none()
            return None if found is None else _to_row(found)

    def list(self, query: PoaQuery | None = None, limit: int = MAX_LIST) -> builtins.list[PoaRow]:
        """МЧД matching ``query``, the latest issued first."""
        if not 1 <= limit <= MAX_LIST:
            raise InputError(f"размер выборки должен быть от 1 до {MAX_LIST}", "limit")
        statement = (select(*_ROW_COLUMNS).where(*_filters(query or PoaQuery()))
                     .order_by(PoaRecord.issued.desc(), PoaRecord.id.desc()).limit(limit))
        with self._db.session() as session:
            return [_to_row(row) for row in session.execute(statement)]

    def signatures(self, poa_id: int) -> builtins.list[StoredPoaSignature]:
        """Signatures of the МЧД, oldest first (an unknown МЧД has none)."""
        with self._db.session() as session:
            return self._signatures(session, poa_id)

    def record_revocation(self, number: str, revoked_at: datetime, source: str,
                          actor: str = "") -> PoaRevocation:
        """Remember that ``source`` reports the МЧД ``number`` revoked at ``revoked_at``.

        The same number from the same source again changes nothing and returns the first record
        (a registry answer is re-imported often). The МЧД need not be in the database.
        """
        self.record_revocations([(number, revoked_at, source)], actor)
        number = number.strip().lower()
        return next(r for r in self.revocations(number) if r.source == source)

    def record_revocations(self, entries: Iterable[tuple[str, datetime, str]], actor: str = "") -> int:
        """Record many (number, revoked_at, source) in one transaction; returns how many were new."""
        checked = [_checked_revocation(*entry) for entry in entries]
        added = 0
        with self._db.session() as session:
            for number, revoked_at, source in checked:
                known = session.scalar(select(PoaRevocationRecord.id).where(
                    PoaRevocationRecord.number == number, PoaRevocationRecord.source == source))
                if known is not None:
                    continue
                session.add(PoaRevocationRecord(number=number, revoked_at=revoked_at, source=source,
                                                recorded_at=_now()))
                poa_id = session.scalar(select(PoaRecord.id).where(PoaRecord.number == number))
                details = {"poa_id": poa_id, "number": number, "source": source,
                           "revoked_at": revoked_at.isoformat()}
                session.add(_event(ACTION_POA_REVOKED, actor, None, details))
                session.flush()
                added += 1
        return added

    def revocations(self, number: str | None = None) -> builtins.list[PoaRevocation]:
        """Recorded revocations (of one МЧД when ``number`` is given), in order of recording."""
        statement = select(PoaRevocationRecord).order_by(PoaRevocationRecord.id)
        if number is not None:
            statement = statement.where(PoaRevocationRecord.number == number.strip().lower())
        with self._db.session() as session:
            return [_to_revocation(record) for record in session.scalars(statement)]

    def link_document(self, document_id: int, poa_id: int, signature_id: int | None = None,
                      actor: str = "") -> DocumentPoaLink:
        """Record that a document is signed under the МЧД (by ``signature_id`` when known).

        Linking the same pair again only fills in a signature not known before.
        """
        with self._db.session() as session:
            self._check_link_parts(session, document_id, poa_id, signature_id)
            record = session.scalar(select(DocumentPoaRecord).where(
                DocumentPoaRecord.document_id == document_id, DocumentPoaRecord.poa_id == poa_id).with_for_update())
            if record is not None and (signature_id is None or record.signature_id == signature_id):
                return _to_link(record)
            if record is None:
                record = DocumentPoaRecord(document_id=document_id, poa_id=poa_id, created_at=_now())
                session.add(record)
            record.signature_id = signature_id
            session.flush()
            details = {"poa_id": poa_id, "signature_id": signature_id}
            session.add(_event(ACTION_POA_LINKED, actor, document_id, details))
            session.flush()
            return _to_link(record)

    def links(self, document_id: int) -> builtins.list[DocumentPoaLink]:
        """The МЧД a document is signed under, in order of linking."""
        statement = select(DocumentPoaRecord).where(DocumentPoaRecord.document_id == document_id)
        with self._db.session() as session:
            return [_to_link(record) for record in session.scalars(statement.order_by(DocumentPoaRecord.id))]

    def documents_using(self, poa_id: int) -> builtins.list[int]:
        """Ids of the documents linked to the МЧД, in ascending order."""
        statement = select(DocumentPoaRecord.document_id).where(DocumentPoaRecord.poa_id == poa_id)
        with self._db.session() as session:
            return list(session.scalars(statement.order_by(DocumentPoaRecord.document_id)))

    def events(self, poa_id: int) -> builtins.list[AuditEvent]:
        """The audit trail of one МЧД, oldest first."""
        statement = select(EventRecord).where(EventRecord.action.like("poa.%")).order_by(EventRecord.id)
        with self._db.session() as session:
            # Few МЧД events exist; the id lives in JSON details, whose SQL differs by backend.
            return [_to_event(r) for r in session.scalars(statement) if (r.details or {}).get("poa_id") == poa_id]

    def _check_link_parts(self, session: Session, document_id: int, poa_id: int, signature_id: int | None) -> None:
        if session.get(DocumentRecord, document_id, with_for_update=True) is None:
            raise StorageError(f"Документ № {document_id} не найден в базе: связь с доверенностью не сохранена")
        self._poa(session, poa_id)
        if signature_id is None:
            return
        owner = session.scalar(select(SignatureRecord.document_id).where(SignatureRecord.id == signature_id))
        if owner != document_id:
            raise InputError(f"Подпись № {signature_id} не относится к документу № {document_id}", "signature_id")

    @staticmethod
    def _signatures(session: Session, poa_id: int) -> builtins.list[StoredPoaSignature]:
        statement = select(PoaSignatureRecord).where(PoaSignatureRecord.poa_id == poa_id)
        return [_to_signature(record) for record in session.scalars(statement.order_by(PoaSignatureRecord.id))]

    def _poa(self, session: Session, poa_id: int, *, lock: bool = False) -> PoaRecord:
        statement = select(PoaRecord).where(PoaRecord.id == poa_id)
        record = session.scalar(statement.with_for_update() if lock else statement)
        if record is None:
            raise self._missing(poa_id)
        return record

    @staticmethod
    def _missing(poa_id: int) -> StorageError:
        return StorageError(f"Доверенность № {poa_id} не найдена в базе")

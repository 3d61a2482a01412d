"""What storing a title that answers another changes in the registry, in the same transaction
as the insert: ``link_answer(session, record)`` right after the new row is flushed
(DocumentRepository.add_document, and the exchange's ``exchange_rows.store_document``).

- A buyer's title states neither parties nor totals: it takes the seller, buyer, total, VAT and
  currency of the title it answers (``answers`` = its ИдФайл), so the registry shows its
  counterparty and total. A seller's title stored after its answer fills that answer the same way.
- An ЭТрН title takes the furthest stage of the titles already answering it, then passes its
  stage up the chain (``answers`` → ``file_id``) to title 1: the waybill's row shows where the
  carriage stands (model.etrn_stage). Lookups go by the unique ``file_id`` and the
  ``ix_documents_answers`` index: a few rows per stored title, nothing on registry pages.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from edo_app.model.etrn_stage import furthest
from edo_app.model.kinds import DocumentKind
from edo_app.sqlprep import Prepared
from edo_app.storage.mapping import BUYER_TITLES, other_side, party_columns, record_party, search_text
from edo_app.storage.models import DocumentRecord

_DOCUMENTS = DocumentRecord.__table__.c
_ANSWERED_BY = Prepared(select(_DOCUMENTS.id).where(_DOCUMENTS.answers == bindparam("file_id")).limit(1))
MAX_CHAIN = 16  # an ЭТрН chain is at most 01-02-05-06-07-08; a loop in odd data must still end


def link_needed(session: Session, values: dict[str, Any]) -> bool:
    """Whether ``link_answer`` would change anything for a new row with these column values: it is
    a buyer's title or an ЭТрН title that answers another, or a stored row already answers it.
    Most received documents are none of these, and are then stored without an ORM object."""
    kind = values["kind"]
    if (kind in BUYER_TITLES and values.get("answers") is not None) or \
            (kind is DocumentKind.ETRN and values.get("stage") is not None):
        return True
    return _ANSWERED_BY.first(session.connection(), file_id=values["file_id"]) is not None


def link_answer(session: Session, record: DocumentRecord) -> None:
    """Fill ``record`` (flushed, not committed) and the rows of its chain from each other."""
    answering = list(session.scalars(select(DocumentRecord).where(DocumentRecord.answers == record.file_id)))
    if record.kind in BUYER_TITLES and record.answers is not None:
        answered = _by_file_id(session, record.answers)
        if answered is not None:
            fill_from_answered(record, answered)
    for answer in answering:
        if answer.kind in BUYER_TITLES:
            fill_from_answered(answer, record)
    if record.kind is DocumentKind.ETRN and record.stage is not None:
        for answer in answering:
            record.stage = furthest(record.stage, answer.stage)
        _spread_stage(session, record)


def fill_from_answered(title: DocumentRecord, answered: DocumentRecord) -> None:
    """A buyer's title without a counterparty takes the parties (and, unless stated, the totals) of
    the title it answers; one already filled is left as it is."""
    if title.counterparty_name is not None:
        return
    if title.seller_name is None and title.buyer_name is None:
        title.seller_name, title.seller_inn, title.seller_kpp = (
            answered.seller_name, answered.seller_inn, answered.seller_kpp)
        title.buyer_name, title.buyer_inn, title.buyer_kpp = answered.buyer_name, answered.buyer_inn, answered.buyer_kpp
    if title.total is None and title.vat is None:
        title.total, title.vat, title.currency = answered.total, answered.vat, answered.currency
    other = other_side(title.kind, title.direction, record_party(title, "seller"), record_party(title, "buyer"))
    for column, value in party_columns("counterparty", other).items():
        setattr(title, column, value)
    title.search_text = search_text(title.number, other)
    title.updated_at = datetime.now(UTC)


def _spread_stage(session: Session, record: DocumentRecord) -> None:
    """Every earlier title of the chain keeps the furthest stage (each step: one unique lookup)."""
    seen, current = {record.id}, record
    for _ in range(MAX_CHAIN):
        if current.answers is None:
            return
        before = _by_file_id(session, current.answers)
        if before is None or before.id in seen or before.kind is not DocumentKind.ETRN:
            return
        stage = furthest(before.stage, record.stage)
        if stage != before.stage:
            before.stage, before.updated_at = stage, datetime.now(UTC)
        seen.add(before.id)
        current = before


def _by_file_id(session: Session, file_id: str) -> DocumentRecord | None:
    return session.scalar(select(DocumentRecord).where(DocumentRecord.file_id == file_id))

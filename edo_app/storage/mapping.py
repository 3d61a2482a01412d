"""Conversions between domain values and table rows; no session work happens here."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.sql.elements import KeyedColumnElement

from edo_app.errors import InputError, StorageError
from edo_app.model.etrn_stage import EtrnStage, own_stage
from edo_app.model.kinds import Direction, DocumentKind
from edo_app.model.money import KOPECK
from edo_app.model.report import Issue, Report, Severity, Source
from edo_app.model.summary import DocumentSummary, PartyRef
from edo_app.storage.models import DocumentRecord
from edo_app.storage.records import DocumentRow, StoredDocument

# 16 digits before the point: fits Numeric(19,2) and SQLite's 64-bit integer kopecks alike.
MONEY_LIMIT = Decimal(10) ** 16


# search_text is the last column of the registry indexes; bounded so an index entry stays far
# below PostgreSQL's ~2,700-byte limit whatever the names. ИНН and number come first: never cut.
SEARCH_LIMIT = 400


def fold(text: str) -> str:
    """Search form of a text: case-folded, ё as е, single spaces (Russian users type «е»)."""
    return " ".join(text.split()).casefold().replace("ё", "е")


def search_text(number: str, counterparty: PartyRef | None) -> str:
    parts = [number, counterparty.inn, counterparty.name] if counterparty else [number]
    return fold(" ".join(parts))[:SEARCH_LIMIT]


# Titles the buyer (customer) sends: the other side of ours is the seller, of a received one the buyer.
BUYER_TITLES = frozenset((DocumentKind.UPD_BUYER, DocumentKind.UKD_BUYER, DocumentKind.ACT_BUYER,
                          DocumentKind.TORG12_BUYER))


def counterparty_of(summary: DocumentSummary, direction: Direction) -> PartyRef | None:
    """The other side relative to us: the buyer of what we send, the seller of what we get (the
    other way round for buyer's titles, whose sender is the buyer)."""
    return other_side(summary.kind, direction, summary.seller, summary.buyer)


def other_side(kind: DocumentKind, direction: Direction, seller: PartyRef | None,
               buyer: PartyRef | None) -> PartyRef | None:
    """counterparty_of for a document's kind, direction and parties."""
    from_seller = (direction is Direction.INCOMING) != (kind in BUYER_TITLES)
    return seller if from_seller else buyer


def exact_money(value: Decimal | None, field: str) -> Decimal | None:
    """Money must fit Numeric(19,2) exactly: never round silently on the way in."""
    if value is None:
        return None
    if not value.is_finite() or value != value.quantize(KOPECK) or abs(value) >= MONEY_LIMIT:
        raise InputError(f"сумма {value} не помещается в 16 знаков рублей и 2 знака копеек", field)
    return value


def _field_path(column: str) -> str:
    prefix, _, rest = column.partition("_")
    if prefix in ("seller", "buyer", "counterparty"):
        return f"summary.{prefix}.{rest}"
    return f"summary.{column}"


def check_lengths(
    values: dict[str, Any],
    columns: Iterable[KeyedColumnElement[Any]] = DocumentRecord.__table__.columns,
    path: Callable[[str], str] = _field_path,
) -> None:
    """Refuse too long texts on every backend alike (SQLite itself would accept them)."""
    for column in columns:
        value = values.get(column.key)
        length = getattr(column.type, "length", None)
        if isinstance(value, str) and length is not None and len(value) > length:
            raise InputError(f"значение длиннее {length} знаков", path(column.key))


def party_columns(prefix: str, party: PartyRef | None) -> dict[str, str | None]:
    if party is None:
        return {f"{prefix}_name": None, f"{prefix}_inn": None, f"{prefix}_kpp": None}
    return {f"{prefix}_name": party.name, f"{prefix}_inn": party.inn, f"{prefix}_kpp": party.kpp}


def _party(name: str | None, inn: str | None, kpp: str | None) -> PartyRef | None:
    return None if name is None else PartyRef(name, inn or "", kpp or "")


def record_party(record: DocumentRecord, prefix: str) -> PartyRef | None:
    """The seller / buyer / counterparty columns of a row as a PartyRef (None: not stated)."""
    return _party(*(getattr(record, f"{prefix}_{part}") for part in ("name", "inn", "kpp")))


def new_record(
    summary: DocumentSummary, content: bytes, direction: Direction, report: Report, now: datetime
) -> dict[str, Any]:
    """Column values of a new ``documents`` row (status is added by the caller)."""
    other = counterparty_of(summary, direction)
    values = {
        "file_id": summary.file_id,
        "kind": summary.kind,
        "direction": direction,
        "format_version": summary.format_version,
        "knd": summary.knd,
        "function": summary.function,
        "number": summary.number,
        "doc_date": summary.doc_date,
        **party_columns("seller", summary.seller),
        **party_columns("buyer", summary.buyer),
        **party_columns("counterparty", other),
        "total": exact_money(summary.total, "summary.total"),
        "vat": exact_money(summary.vat, "summary.vat"),
        "currency": summary.currency,
        "answers": summary.answers or None,
        "refuses": summary.refuses,
        "stage": _stage_value(own_stage(summary.kind, summary.function, summary.refuses)),
        "search_text": search_text(summary.number, other),
        "sha256": hashlib.sha256(content).hexdigest(),
        "size": len(content),
        "valid": report.ok,
        "created_at": now,
        "updated_at": now,
        "report": report.as_dict(),
    }
    check_lengths(values)
    return values


# Columns of a registry line, in DocumentRow order after the counterparty triple is folded.
ROW_COLUMNS = (
    DocumentRecord.id,
    DocumentRecord.file_id,
    DocumentRecord.kind,
    DocumentRecord.direction,
    DocumentRecord.status,
    DocumentRecord.number,
    DocumentRecord.doc_date,
    DocumentRecord.counterparty_name,
    DocumentRecord.counterparty_inn,
    DocumentRecord.counterparty_kpp,
    DocumentRecord.total,
    DocumentRecord.vat,
    DocumentRecord.currency,
    DocumentRecord.valid,
    DocumentRecord.size,
    DocumentRecord.created_at,
    DocumentRecord.updated_at,
    DocumentRecord.stage,
)


def to_row(row: Sequence[Any]) -> DocumentRow:
    (id_, file_id, kind, direction, status, number, doc_date, cp_name, cp_inn, cp_kpp,
     total, vat, currency, valid, size, created_at, updated_at, stage) = row
    return DocumentRow(
        id_, file_id, kind, direction, status, number, doc_date, _party(cp_name, cp_inn, cp_kpp),
        total, vat, currency, valid, size, created_at, updated_at, stage,
    )


def to_stored(record: DocumentRecord, content: bytes) -> StoredDocument:
    summary = DocumentSummary(
        kind=record.kind,
        file_id=record.file_id,
        format_version=record.format_version,
        knd=record.knd,
        function=record.function,
        number=record.number,
        doc_date=record.doc_date,
        seller=_party(record.seller_name, record.seller_inn, record.seller_kpp),
        buyer=_party(record.buyer_name, record.buyer_inn, record.buyer_kpp),
        total=record.total,
        vat=record.vat,
        currency=record.currency,
        answers=record.answers or "",
        refuses=record.refuses,
    )
    return StoredDocument(
        id=record.id,
        summary=summary,
        direction=record.direction,
        status=record.status,
        counterparty=_party(record.counterparty_name, record.counterparty_inn, record.counterparty_kpp),
        content=content,
        sha256=record.sha256,
        report=report_from_dict(record.report, record.id),
        created_at=record.created_at,
        updated_at=record.updated_at,
        stage=record.stage,
    )


def _stage_value(stage: EtrnStage | None) -> str | None:
    return None if stage is None else stage.value


def report_from_dict(data: dict[str, Any], document_id: int) -> Report:
    """Inverse of Report.as_dict(); a damaged value is a storage problem, not a crash."""
    try:
        issues = tuple(
            Issue(
                message=str(item["message"]),
                xpath=str(item["xpath"]),
                code=str(item["code"]),
                line=None if item["line"] is None else int(item["line"]),
                severity=Severity(item["severity"]),
                source=Source(item["source"]),
            )
            for item in data["issues"]
        )
        return Report(file_name=str(data["file"]), schema_id=str(data["schema"]), issues=issues)
    except (KeyError, TypeError, ValueError) as exc:
        raise StorageError(f"Отчёт о проверке документа № {document_id} в базе повреждён") from exc

"""Building УКД: from JSON, as a sample, and from a stored УПД the user chose («build from the
document chosen»). Every УКД is fully validated (XSD, rules, business checks) before it is
returned or written; an invalid one raises SchemaError with the report and nothing is written.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from edo_app.documents import (
    BasisDoc,
    LineChange,
    UkdSeller,
    UpdSeller,
    build_from_original,
    from_xml,
    sample_ukd,
    ukd_from_json,
    ukd_to_xml,
)
from edo_app.documents.ukd_model import UKD_FUNCTIONS
from edo_app.errors import InputError, SchemaError
from edo_app.fileio import write_atomic
from edo_app.model.report import Report
from edo_app.schemas import SchemaRegistry, validate_bytes
from edo_app.storage.database import Database
from edo_app.storage.repository import DocumentRepository

SAMPLE_FUNCTIONS = ("КСЧФДИС", "КСЧФ", "ДИС")


def validated(doc: UkdSeller, registry: SchemaRegistry | None = None) -> tuple[UkdSeller, bytes, Report]:
    content = ukd_to_xml(doc)
    report = validate_bytes(content, doc.file_name, registry)
    if not report.ok:
        raise SchemaError(report)
    return doc, content, report


def build_ukd(data: dict[str, Any], registry: SchemaRegistry | None = None) -> tuple[UkdSeller, bytes, Report]:
    """JSON (docs/ukd-input.md) → validated УКД; InputError(s) name the fields."""
    return validated(ukd_from_json(data), registry)


def write_ukd(doc: UkdSeller, content: bytes, out_dir: Path) -> Path:
    target = out_dir / doc.file_name
    write_atomic(target, content, mode=0o644)
    return target


def write_ukd_sample(function: str, lines: int, out_dir: Path) -> Path:
    """`edo sample ukd`: a valid УКД correcting a sample УПД, validated before it is written."""
    if function not in SAMPLE_FUNCTIONS:
        raise InputError(f"функция «{function}» не поддерживается; допустимы: {', '.join(SAMPLE_FUNCTIONS)}",
                         "function")
    if not 1 <= lines <= 10_000:
        raise InputError("число строк должно быть от 1 до 10000", "lines")
    doc, content, _ = validated(sample_ukd(function, lines=lines, seed=secrets.randbelow(2**31)))
    return write_ukd(doc, content, out_dir)


def ukd_from_stored_upd(database: Database, document_id: int, changes: Sequence[LineChange], *, number: str,
                        doc_date: date, basis: BasisDoc | None = None, function: str = "КСЧФДИС",
                        created: datetime | None = None, guid: str | None = None,
                        registry: SchemaRegistry | None = None) -> tuple[UkdSeller, bytes, Report]:
    """A validated УКД correcting the stored УПД seller title ``document_id`` by ``changes``.

    ``created`` and ``guid`` default to now and a fresh GUID; nothing is stored or written here
    (the caller imports the result as an outgoing draft, like any built document)."""
    if function not in UKD_FUNCTIONS:
        raise InputError(f"функция «{function}» не предусмотрена; допустимы: {', '.join(UKD_FUNCTIONS)}", "function")
    original = from_xml(DocumentRepository(database).get_content(document_id))
    if not isinstance(original, UpdSeller):
        raise InputError("УКД составляется к титулу продавца УПД (счёту-фактуре)", "document_id")
    moment = created or datetime.now().replace(microsecond=0)
    doc = build_from_original(original, changes, number=number, doc_date=doc_date, created=moment,
                              guid=guid or str(uuid.uuid4()), function=function, basis=basis)
    return validated(doc, registry)

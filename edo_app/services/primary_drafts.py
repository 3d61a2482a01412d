"""Building акт and ТОРГ-12 5.01 documents: from JSON (seller titles) and as samples (either title).

Every document is fully validated (XSD, rules, business checks) before it is returned or
written; an invalid one raises SchemaError with the report and nothing is written.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from edo_app.documents import (
    PrimaryDocument,
    act_from_json,
    primary_to_xml,
    sample_act,
    sample_act_answer,
    sample_torg12,
    sample_torg12_answer,
    torg12_from_json,
)
from edo_app.errors import InputError, SchemaError
from edo_app.fileio import write_atomic
from edo_app.model.report import Report
from edo_app.schemas import SchemaRegistry, validate_bytes

PRIMARY_KINDS = ("act", "torg12")
TITLES = ("seller", "buyer")


def _require(kind: str) -> None:
    if kind not in PRIMARY_KINDS:
        raise InputError(f"вид документа «{kind}»: допустимы {', '.join(PRIMARY_KINDS)}", "kind")


def validated(doc: PrimaryDocument, registry: SchemaRegistry | None = None) -> tuple[bytes, Report]:
    content = primary_to_xml(doc)
    report = validate_bytes(content, doc.file_name, registry)
    if not report.ok:
        raise SchemaError(report)
    return content, report


def build_primary(kind: str, data: dict[str, Any], registry: SchemaRegistry | None = None, *,
                  now: datetime | None = None) -> tuple[PrimaryDocument, bytes, Report]:
    """JSON (docs/act-torg12-input.md) → validated seller title; ``created`` and ``file.guid``
    default to now and a fresh GUID when the JSON leaves them out."""
    _require(kind)
    moment = now or datetime.now().replace(microsecond=0)
    reader = act_from_json if kind == "act" else torg12_from_json
    doc: PrimaryDocument = reader(data, now=moment, guid=str(uuid.uuid4()))
    return doc, *validated(doc, registry)


def write_primary(doc: PrimaryDocument, content: bytes, out_dir: Path) -> Path:
    target = out_dir / doc.file_name
    write_atomic(target, content, mode=0o644)
    return target


def sample_primary(kind: str, title: str = "seller", lines: int = 3, seed: int | None = None) -> PrimaryDocument:
    """A valid sample: the seller's title, or the buyer's acceptance of a sample seller's title."""
    _require(kind)
    if title not in TITLES:
        raise InputError(f"титул «{title}»: допустимы seller (исполнитель, продавец) и buyer (заказчик, покупатель)",
                         "title")
    if not 1 <= lines <= 10_000:
        raise InputError("число строк должно быть от 1 до 10000", "lines")
    seed = secrets.randbelow(2**31) if seed is None else seed  # a fresh ИдФайл each time
    if kind == "act":
        act = sample_act(lines, seed)
        return act if title == "seller" else sample_act_answer(act, seed=seed)
    doc = sample_torg12(lines, seed)
    return doc if title == "seller" else sample_torg12_answer(doc, seed=seed)


def write_primary_sample(kind: str, title: str, lines: int, out_dir: Path) -> Path:
    """`edo sample act|torg12 [--title seller|buyer]`: validated, then written as <ИдФайл>.xml."""
    doc = sample_primary(kind, title, lines)
    content, _ = validated(doc)
    return write_primary(doc, content, out_dir)

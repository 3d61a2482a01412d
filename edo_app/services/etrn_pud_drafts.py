"""Building ЭТрН titles 7 and 8 (the ПУД of the carriage): from JSON (docs/etrn-input.md) and as samples.

Every title is fully validated (XSD, rules, business checks: the cost arithmetic) before it is
returned or written; an invalid one raises SchemaError with the report and nothing is written.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from edo_app.documents import EtrnPud, pud_to_xml, sample_pud
from edo_app.documents.etrn_pud_flow import PUD_STEPS
from edo_app.documents.etrn_pud_json import is_pud_json, pud_from_json
from edo_app.errors import SchemaError
from edo_app.fileio import write_atomic
from edo_app.model.report import Report
from edo_app.schemas import SchemaRegistry, validate_bytes

__all__ = ["PUD_STEPS", "build_pud", "is_pud_json", "validated_pud", "write_pud", "write_pud_sample"]


def validated_pud(doc: EtrnPud, registry: SchemaRegistry | None = None) -> tuple[bytes, Report]:
    """The title's bytes after the full validation, or SchemaError with the report."""
    content = pud_to_xml(doc)
    report = validate_bytes(content, doc.file_name, registry)
    if not report.ok:
        raise SchemaError(report)
    return content, report


def build_pud(data: dict[str, Any], registry: SchemaRegistry | None = None, *,
              now: datetime | None = None) -> tuple[EtrnPud, bytes, Report]:
    """JSON of title 7 or 8 → validated title; ``created`` and ``file.guid`` default to now and a fresh GUID."""
    moment = now or datetime.now().replace(microsecond=0)
    doc = pud_from_json(data, now=moment, guid=str(uuid.uuid4()))
    return doc, *validated_pud(doc, registry)


def write_pud(doc: EtrnPud, content: bytes, out_dir: Path) -> Path:
    target = out_dir / doc.file_name
    write_atomic(target, content, mode=0o644)
    return target


def write_pud_sample(step: str, out_dir: Path, seed: int) -> Path:
    """`edo sample etrn --title 7|8`: validated, then written as <ИдФайл>.xml (8 names a third-party payer)."""
    doc = sample_pud(step, seed, payer=step == "8")
    content, _ = validated_pud(doc)
    return write_pud(doc, content, out_dir)

"""Building HR documents: from JSON (docs/hr-input.md) and as samples of each kind.

Every document is fully validated (XSD, the schema's rules, business checks) before it is
returned or written; an invalid one raises SchemaError with the report and nothing is written.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from edo_app.documents import HR_KINDS, HrDocument, hr_from_json, hr_to_xml, sample_hr
from edo_app.errors import InputError, SchemaError
from edo_app.fileio import write_atomic
from edo_app.model.report import Report
from edo_app.schemas import SchemaRegistry, validate_bytes

HR = "hr"  # the kind of `edo build` / `edo sample`
SAMPLE_KINDS = tuple(HR_KINDS)


def validated(doc: HrDocument, registry: SchemaRegistry | None = None) -> tuple[bytes, Report]:
    content = hr_to_xml(doc)
    report = validate_bytes(content, doc.file_name, registry)
    if not report.ok:
        raise SchemaError(report)
    return content, report


def build_hr(data: dict[str, Any], registry: SchemaRegistry | None = None, *,
             now: datetime | None = None) -> tuple[HrDocument, bytes, Report]:
    """JSON → validated document; ``created`` and ``file.guid`` default to now and a fresh GUID."""
    moment = now or datetime.now().replace(microsecond=0)
    doc = hr_from_json(data, now=moment, guid=str(uuid.uuid4()))
    return doc, *validated(doc, registry)


def write_hr(doc: HrDocument, content: bytes, out_dir: Path) -> Path:
    target = out_dir / doc.file_name
    write_atomic(target, content, mode=0o644)
    return target


def write_hr_sample(kind: str, out_dir: Path, seed: int | None = None, *, entrepreneur: bool = False) -> Path:
    """`edo sample hr --kind KIND [--employer ip]`: a valid sample, validated before it is written."""
    if kind not in HR_KINDS:
        raise InputError(f"вид кадрового документа «{kind}»: допустимы {', '.join(HR_KINDS)}", "kind")
    fresh = secrets.randbelow(2**31) if seed is None else seed  # a fresh ИдФайл each time
    doc = sample_hr(kind, fresh, entrepreneur=entrepreneur)
    return write_hr(doc, validated(doc)[0], out_dir)

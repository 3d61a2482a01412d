"""Building ЭТрН 5.01 titles: from JSON (docs/etrn-input.md) and as samples (titles 1, 2, 4, 5, 6).

Every title is fully validated (XSD, rules, business checks) before it is returned or written;
an invalid one raises SchemaError with the report and nothing is written.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from edo_app.documents import (
    EtrnAny,
    etrn_from_json,
    etrn_to_xml,
    sample_etrn_change,
    sample_etrn_readdress,
    sample_etrn_title,
)
from edo_app.documents.etrn_change_json import change_from_json
from edo_app.documents.etrn_samples import SAMPLE_STEPS
from edo_app.errors import InputError, SchemaError
from edo_app.fileio import write_atomic
from edo_app.model.report import Report
from edo_app.schemas import SchemaRegistry, validate_bytes
from edo_app.services.etrn_pud_drafts import PUD_STEPS, write_pud_sample

KIND = "etrn"
CHANGE_TITLE = "4"  # замена водителя и (или) ТС, by the carrier after its title 02
READDRESS_TITLE = "3"  # переадресовка, by the carrier after its title 02 (no JSON input yet)
# 1 грузоотправитель, 2 перевозчик принял, 5 грузополучатель, 6 выдал; 7 стоимость перевозки, 8 ответ на неё
TITLES = (*SAMPLE_STEPS, READDRESS_TITLE, CHANGE_TITLE, *PUD_STEPS)


def validated(doc: EtrnAny, registry: SchemaRegistry | None = None) -> tuple[bytes, Report]:
    content = etrn_to_xml(doc)
    report = validate_bytes(content, doc.file_name, registry)
    if not report.ok:
        raise SchemaError(report)
    return content, report


def build_etrn(data: dict[str, Any], registry: SchemaRegistry | None = None, *,
               now: datetime | None = None) -> tuple[EtrnAny, bytes, Report]:
    """JSON → validated title; ``created`` and ``file.guid`` default to now and a fresh GUID."""
    moment = now or datetime.now().replace(microsecond=0)
    reader = change_from_json if data.get("title") == CHANGE_TITLE else etrn_from_json
    doc: EtrnAny = reader(data, now=moment, guid=str(uuid.uuid4()))
    return doc, *validated(doc, registry)


def write_etrn(doc: EtrnAny, content: bytes, out_dir: Path) -> Path:
    target = out_dir / doc.file_name
    write_atomic(target, content, mode=0o644)
    return target


def write_etrn_sample(title: str | None, out_dir: Path, seed: int | None = None) -> Path:
    """`edo sample etrn [--title 1|2|3|4|5|6]`: validated, then written as <ИдФайл>.xml."""
    step = title or "1"
    if step not in TITLES:
        raise InputError(f"титул ЭТрН «{step}»: допустимы {', '.join(TITLES)}", "title")
    seed = secrets.randbelow(2**31) if seed is None else seed  # a fresh ИдФайл each time
    if step in PUD_STEPS:
        return write_pud_sample(step, out_dir, seed)
    doc = _sample(step, seed)
    content, _ = validated(doc)
    return write_etrn(doc, content, out_dir)


def _sample(step: str, seed: int) -> EtrnAny:
    if step == CHANGE_TITLE:
        return sample_etrn_change(seed)
    return sample_etrn_readdress(seed) if step == READDRESS_TITLE else sample_etrn_title(step, seed)

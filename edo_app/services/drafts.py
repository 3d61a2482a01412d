"""Building documents from user input (JSON, forms) and writing them safely.

A document is written only after it passes the full validation (XSD, FNS rules, business
checks); otherwise SchemaError carries the report and nothing is written.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from edo_app.documents import file_name, sample_upd, to_xml, upd_from_json
from edo_app.documents.upd_io import UpdDocument
from edo_app.errors import InputError, SchemaError, XmlInputError
from edo_app.fileio import write_atomic
from edo_app.model.report import Report
from edo_app.schemas import SchemaRegistry, validate_bytes

BUILDABLE_KINDS = ("upd",)
UPD_FUNCTIONS = ("СЧФДОП", "СЧФ", "ДОП")


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object from a file; unreadable files are XmlInputError-like (exit code 2)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise XmlInputError(f"не удалось прочитать {path}: {exc}", "input") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path.name} — некорректный JSON: {exc.msg} (строка {exc.lineno})", "input") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path.name}: ожидается JSON-объект с полями документа", "input")
    return data


def build_upd(data: dict[str, Any], registry: SchemaRegistry | None = None) -> tuple[UpdDocument, bytes, Report]:
    """Build and fully validate; raises InputError(s) for bad fields, SchemaError if invalid."""
    doc = upd_from_json(data)
    content = to_xml(doc)
    report = validate_bytes(content, file_name(doc), registry)
    if not report.ok:
        raise SchemaError(report)
    return doc, content, report


def build_from_json_file(kind: str, source: Path, out_dir: Path, registry: SchemaRegistry | None = None) -> Path:
    """`edo build upd INPUT.json -o DIR`: writes DIR/<ИдФайл>.xml, or nothing at all."""
    _require_kind(kind)
    doc, content, _ = build_upd(read_json(source), registry)
    target = out_dir / file_name(doc)
    write_atomic(target, content, mode=0o644)
    return target


def write_sample(kind: str, function: str, lines: int, out_dir: Path) -> Path:
    """`edo sample upd`: a realistic valid document, validated before it is written."""
    _require_kind(kind)
    if function not in UPD_FUNCTIONS:
        raise InputError(f"функция «{function}» не поддерживается; допустимы: {', '.join(UPD_FUNCTIONS)}", "function")
    if not 1 <= lines <= 100_000:
        raise InputError("число строк должно быть от 1 до 100000", "lines")
    doc = sample_upd(function, lines=lines, seed=secrets.randbelow(2**31))  # a fresh ИдФайл each time
    content = to_xml(doc)
    report = validate_bytes(content, file_name(doc))
    if not report.ok:
        raise SchemaError(report)
    target = out_dir / file_name(doc)
    write_atomic(target, content, mode=0o644)
    return target


def _require_kind(kind: str) -> None:
    if kind not in BUILDABLE_KINDS:
        allowed = ", ".join(BUILDABLE_KINDS)
        raise InputError(f"вид документа «{kind}» пока не поддерживается; доступны: {allowed}", "kind")

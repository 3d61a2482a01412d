"""``manifest.json``, the inventory of a package: its schema, strict reading and canonical writing.

Reading is strict on purpose: unknown keys, duplicate keys, wrong types and unknown roles are all
errors naming the field (``entries[2].role``), because a manifest is written by a program, not a person.
"""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from edo_app.transport.base import PackageFormatError

FORMAT = "edo-package/1"
MANIFEST_NAME = "manifest.json"
MAX_MANIFEST_BYTES = 1024 * 1024

_TOP_KEYS = {"format", "package_id", "created", "sender", "recipient", "kind", "entries"}
_ENTRY_KEYS = {"name", "role", "sha256", "size"}
_ENTRY_OPTIONAL = {"signs", "related"}
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_E = TypeVar("_E", bound=enum.StrEnum)


class Role(enum.StrEnum):
    DOCUMENT = "document"
    SIGNATURE = "signature"
    POA = "poa"
    POA_SIGNATURE = "poa_signature"
    SERVICE_DOCUMENT = "service_document"
    SERVICE_SIGNATURE = "service_signature"


class PackageKind(enum.StrEnum):
    DOCUMENT = "document"  # a title of a document (УПД, акт, ЭТрН title ...) for the counterparty
    SERVICE = "service"  # ИОП, УОУ, ПДП, ПДО, ПоА ... about a document sent earlier


@dataclass(frozen=True)
class EntryRecord:
    name: str
    role: Role
    sha256: str
    size: int
    signs: str | None = None
    related: str | None = None


@dataclass(frozen=True)
class Manifest:
    package_id: str
    created: datetime
    sender: str
    recipient: str
    kind: PackageKind
    entries: tuple[EntryRecord, ...]


def dump_manifest(manifest: Manifest) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTC time, absent optional fields left out."""
    entries = []
    for record in manifest.entries:
        item: dict[str, object] = {"name": record.name, "role": record.role.value, "sha256": record.sha256}
        item["size"] = record.size
        if record.signs is not None:
            item["signs"] = record.signs
        if record.related is not None:
            item["related"] = record.related
        entries.append(item)
    document = {
        "format": FORMAT,
        "package_id": manifest.package_id,
        "created": manifest.created.astimezone(UTC).isoformat(),
        "sender": manifest.sender,
        "recipient": manifest.recipient,
        "kind": manifest.kind.value,
        "entries": entries,
    }
    # one line: with an indent json.dumps takes its pure-Python path, several times slower
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def _fail(message: str) -> PackageFormatError:
    return PackageFormatError(message, MANIFEST_NAME)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _fail(f"ключ «{key}» повторяется")
        result[key] = value
    return result


def _no_constants(name: str) -> None:
    raise _fail(f"недопустимое значение {name}")


def parse_manifest(data: bytes) -> Manifest:
    if len(data) > MAX_MANIFEST_BYTES:
        raise _fail(f"опись больше {MAX_MANIFEST_BYTES} байт")
    try:
        document = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except UnicodeDecodeError:
        raise _fail("опись должна быть в кодировке UTF-8") from None
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, PackageFormatError):
            raise
        raise _fail(f"опись не является корректным JSON ({exc})") from None
    if not isinstance(document, dict):
        raise _fail("опись должна быть JSON-объектом")
    _exact_keys(document, _TOP_KEYS, set(), "")
    if document["format"] != FORMAT:
        raise _fail(f"format: ожидается «{FORMAT}», получено «{document['format']}»")
    entries = document["entries"]
    if not isinstance(entries, list):
        raise _fail("entries: должен быть список")
    return Manifest(
        package_id=_text(document, "package_id", ""),
        created=_time(document),
        sender=_text(document, "sender", ""),
        recipient=_text(document, "recipient", ""),
        kind=_choice(PackageKind, _text(document, "kind", ""), "kind"),
        entries=tuple(_entry(item, f"entries[{index}]") for index, item in enumerate(entries)),
    )


def _exact_keys(obj: dict[str, Any], required: set[str], optional: set[str], path: str) -> None:
    prefix = f"{path}." if path else ""
    missing = sorted(required - obj.keys())
    if missing:
        raise _fail(f"{prefix}{missing[0]}: обязательное поле отсутствует")
    extra = sorted(obj.keys() - required - optional)
    if extra:
        raise _fail(f"{prefix}{extra[0]}: неизвестное поле")


def _text(obj: dict[str, Any], key: str, path: str) -> str:
    value = obj[key]
    if not isinstance(value, str) or not value:
        raise _fail(f"{path}{key}: ожидается непустая строка")
    return value


def _choice(kind: type[_E], value: str, path: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise _fail(f"{path}: неизвестное значение «{value}» (допустимо: {allowed})") from None


def _time(document: dict[str, Any]) -> datetime:
    text = _text(document, "created", "")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise _fail(f"created: «{text}» не является датой и временем ISO 8601") from None
    if value.tzinfo is None:
        raise _fail("created: не указан часовой пояс")
    return value


def _entry(item: object, path: str) -> EntryRecord:
    if not isinstance(item, dict):
        raise _fail(f"{path}: ожидается JSON-объект")
    _exact_keys(item, _ENTRY_KEYS, _ENTRY_OPTIONAL, path)
    prefix = f"{path}."
    digest = _text(item, "sha256", prefix)
    if not _SHA256.match(digest):
        raise _fail(f"{prefix}sha256: ожидается 64 шестнадцатеричных знака в нижнем регистре")
    size = item["size"]
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise _fail(f"{prefix}size: ожидается неотрицательное целое число")
    return EntryRecord(
        name=_text(item, "name", prefix),
        role=_choice(Role, _text(item, "role", prefix), f"{prefix}role"),
        sha256=digest,
        size=size,
        signs=_text(item, "signs", prefix) if "signs" in item else None,
        related=_text(item, "related", prefix) if "related" in item else None,
    )

"""What travels between participants: a document (or a service document) with its signatures and МЧД.

On the wire a package is a ZIP: ``manifest.json`` first, then the files, flat (no folders).
The manifest (format ``edo-package/1``, see docs/transport.md) lists every file with its role,
size and SHA-256, and which file each signature signs. Entry bytes are kept exactly as given:
signatures are over those bytes, so nothing is re-encoded on the way in or out.

``to_zip`` is deterministic (fixed timestamps, fixed order), so the same package always gives the
same bytes — the idempotency of ``send`` compares them. ``from_zip`` treats the archive as hostile.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from edo_app.errors import InputError
from edo_app.transport.base import EventKind, PackageFormatError
from edo_app.transport.manifest import (
    FORMAT,
    MANIFEST_NAME,
    EntryRecord,
    Manifest,
    PackageKind,
    Role,
    dump_manifest,
    parse_manifest,
)
from edo_app.transport.zipread import plain_members, read_member
from edo_app.transport.zipwrite import ZipItem, write_zip

__all__ = [
    "FORMAT",
    "MANIFEST_NAME",
    "Entry",
    "Package",
    "PackageKind",
    "Role",
    "arrival_kind",
    "check_entry_name",
    "check_participant_id",
    "from_zip",
    "summary",
    "to_zip",
]

MAX_PACKAGE_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 64
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # real XML deflates 10–50:1; a bomb of zeros reaches 1000:1
_RATIO_FLOOR = 64 * 1024  # tiny entries may compress absurdly well and harm nobody
# Stored, not deflated: DER signatures do not compress (keys, hashes, signature values), and
# deflating them cost a third of writing a package.
_SIGNATURE_ROLES = frozenset({Role.SIGNATURE, Role.POA_SIGNATURE, Role.SERVICE_SIGNATURE})
# Files smaller than this are stored too: deflate saves under 2.5 KB on them but costs ~15 µs per
# KB to write and some to read, and the operator's ПДП/ПДО, ИОП and every manifest are this small
# (a ПДП package: 67 → 19 µs to write, 3.9 → 5.2 KB; docs/transport.md).
DEFLATE_FROM = 4096
_PARTICIPANT = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{3,45}$")
_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f:*?"<>|]')
_DRIVE = re.compile(r"^[A-Za-z]:")


# A signature of this role may only sign a file of that role.
SIGNED_ROLE = {
    Role.SIGNATURE: Role.DOCUMENT,
    Role.POA_SIGNATURE: Role.POA,
    Role.SERVICE_SIGNATURE: Role.SERVICE_DOCUMENT,
}


_NAME_RULES: tuple[tuple[Callable[[str], object], str], ...] = (
    (lambda n: not n, "пустое имя файла"),
    (lambda n: "\\" in n, "обратная косая черта в имени файла недопустима"),
    (lambda n: n.startswith("/") or _DRIVE.match(n), "абсолютный путь в имени файла недопустим"),
    (lambda n: ".." in n.split("/"), "выход за пределы пакета («..») недопустим"),
    (lambda n: "/" in n, "вложенные папки в пакете не допускаются"),
    (lambda n: n.startswith(".") or _BAD_CHARS.search(n), "недопустимые символы в имени файла"),
    (lambda n: len(n) > 200, "имя файла длиннее 200 знаков"),
)


def check_entry_name(name: str) -> str | None:
    """Russian reason why ``name`` cannot be a file of a package, or None. Names are flat: no folders."""
    return next((message for broken, message in _NAME_RULES if broken(name)), None)


def check_participant_id(value: str) -> str | None:
    """Russian reason why ``value`` is not an EDO participant id (e.g. ``2AE...``), or None."""
    if not _PARTICIPANT.match(value):
        return f"«{value}» не похож на идентификатор участника ЭДО (4–46 латинских букв, цифр и «-»)"
    return None


@dataclass(frozen=True)
class Entry:
    """One file. ``signs`` names the file a signature signs; ``related`` is the id of the document
    a service document is about (its ИдФайл or the operator's id)."""

    name: str
    role: Role
    data: bytes = field(repr=False)
    signs: str | None = None
    related: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Package:
    """A package as the program holds it. Construction checks it, so a Package is always sendable."""

    package_id: str
    sender: str
    recipient: str
    kind: PackageKind
    entries: tuple[Entry, ...]
    created: datetime
    # The ZIP this package was read from (set by from_zip only; replace() drops it): sending or
    # storing a received package again reuses those bytes instead of compressing it anew.
    source: bytes | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        _check_header(self)
        _check_entries(self)

    @classmethod
    def new(
        cls,
        sender: str,
        recipient: str,
        entries: Iterable[Entry],
        kind: PackageKind = PackageKind.DOCUMENT,
        *,
        created: datetime | None = None,
    ) -> Package:
        """A fresh package: a new UUID (the idempotency key) and the current UTC time."""
        when = created or datetime.now(UTC)
        return cls(str(uuid.uuid4()), sender, recipient, kind, tuple(entries), when)

    def entry(self, name: str) -> Entry:
        for item in self.entries:
            if item.name == name:
                return item
        raise InputError(f"в пакете {self.package_id} нет файла «{name}»", "entries")

    def by_role(self, role: Role) -> list[Entry]:
        return [item for item in self.entries if item.role is role]


def _check_header(package: Package) -> None:
    try:
        canonical = str(uuid.UUID(package.package_id))
    except (ValueError, TypeError, AttributeError):
        canonical = ""
    if canonical != package.package_id:
        raise PackageFormatError(f"package_id «{package.package_id}» должен быть UUID в каноническом виде")
    for label, value in (("sender", package.sender), ("recipient", package.recipient)):
        problem = check_participant_id(value)
        if problem:
            raise PackageFormatError(f"{label}: {problem}")
    if package.created.tzinfo is None:
        raise PackageFormatError("created: время создания пакета должно быть с часовым поясом")
    if not package.entries:
        raise PackageFormatError("в пакете нет ни одного файла")


def _check_entries(package: Package) -> None:
    roles: dict[str, Role] = {}
    for item in package.entries:
        problem = check_entry_name(item.name) or _duplicate(item.name, roles)
        if item.name == MANIFEST_NAME:
            problem = "имя manifest.json зарезервировано для описи пакета"
        if problem:
            raise PackageFormatError(problem, item.name)
        roles[item.name] = item.role
    for item in package.entries:
        _check_links(item, roles)
    _check_kind(package)


def _duplicate(name: str, seen: dict[str, Role]) -> str | None:
    # Case-insensitive: on Windows "A.xml" and "a.xml" would overwrite each other.
    folded = {other.casefold() for other in seen}
    return "файл с таким именем уже есть в пакете" if name.casefold() in folded else None


def _check_links(item: Entry, roles: dict[str, Role]) -> None:
    wanted = SIGNED_ROLE.get(item.role)
    if wanted is None and item.signs is not None:
        raise PackageFormatError(f"файл с ролью {item.role} не может ничего подписывать (signs)", item.name)
    if wanted is not None:
        if item.signs is None:
            raise PackageFormatError("у подписи не указан подписываемый файл (signs)", item.name)
        if roles.get(item.signs) is not wanted:
            raise PackageFormatError(f"подпись должна ссылаться на файл с ролью {wanted}: «{item.signs}»", item.name)
    if (item.role is Role.SERVICE_DOCUMENT) != (item.related is not None):
        raise PackageFormatError("related указывается только и обязательно у служебного документа", item.name)


def _check_kind(package: Package) -> None:
    present = {item.role for item in package.entries}
    if package.kind is PackageKind.DOCUMENT and Role.DOCUMENT not in present:
        raise PackageFormatError("в пакете с документом нет файла с ролью document")
    if package.kind is PackageKind.SERVICE and (Role.SERVICE_DOCUMENT not in present or Role.DOCUMENT in present):
        raise PackageFormatError("служебный пакет должен содержать service_document и не содержать document")


def to_zip(package: Package) -> bytes:
    """The package as ZIP bytes; the same package always gives the same bytes (those it was read from, if any)."""
    if package.source is not None:
        return package.source
    records = tuple(EntryRecord(e.name, e.role, e.sha256, len(e.data), e.signs, e.related) for e in package.entries)
    manifest = Manifest(package.package_id, package.created, package.sender, package.recipient, package.kind, records)
    items = [_item(MANIFEST_NAME, dump_manifest(manifest), None)]
    items += [_item(e.name, e.data, e.role) for e in package.entries]
    return write_zip(items)


def _item(name: str, data: bytes, role: Role | None) -> ZipItem:
    return ZipItem(name, data, deflate=len(data) >= DEFLATE_FROM and role not in _SIGNATURE_ROLES)


def from_zip(
    data: bytes,
    *,
    max_bytes: int = MAX_PACKAGE_BYTES,
    max_entries: int = MAX_ENTRIES,
    max_unpacked: int = MAX_UNPACKED_BYTES,
    max_ratio: int = MAX_RATIO,
) -> Package:
    """Read a package from untrusted bytes, or PackageFormatError naming the offending entry."""
    if len(data) > max_bytes:
        raise PackageFormatError(f"пакет больше допустимого размера ({max_bytes} байт)")
    limits = (max_entries, max_unpacked, max_ratio)
    members = plain_members(data)
    if members is not None:
        return _package(data, members, functools.partial(read_member, data), limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise PackageFormatError(f"файл не является ZIP-архивом ({exc})") from None  # NotImplemented: «version 6.7»
    with archive:
        return _package(data, archive.infolist(), functools.partial(_read, archive), limits)


def _package(data: bytes, members: list[zipfile.ZipInfo], read: Callable[[zipfile.ZipInfo], bytes],
             limits: tuple[int, int, int]) -> Package:
    """The package in an archive whose ``members`` ``read`` gives (zipread's fast path or zipfile);
    ``limits``: max entries, max unpacked bytes, max compression ratio."""
    infos = _checked_infos(members, *limits)
    if MANIFEST_NAME not in infos:
        raise PackageFormatError("в архиве нет описи manifest.json")
    manifest = parse_manifest(read(infos.pop(MANIFEST_NAME)))
    _match_files(manifest, infos)
    package = _assemble(manifest, {name: read(info) for name, info in infos.items()})
    object.__setattr__(package, "source", bytes(data))  # frozen: the one place that may set it
    return package


def _checked_infos(
    infos: list[zipfile.ZipInfo], max_entries: int, max_unpacked: int, max_ratio: int
) -> dict[str, zipfile.ZipInfo]:
    if len(infos) > max_entries + 1:  # + manifest.json
        raise PackageFormatError(f"в архиве {len(infos)} файлов, допустимо не более {max_entries}")
    found: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        problem = check_entry_name(name) or _entry_problem(info, max_ratio)
        if problem is None and name.casefold() in {other.casefold() for other in found}:
            problem = "файл с таким именем встречается в архиве дважды"
        if problem:
            raise PackageFormatError(problem, name)
        total += info.file_size
        if total > max_unpacked:
            raise PackageFormatError(f"распакованный пакет больше {max_unpacked} байт (подозрение на ZIP-бомбу)", name)
        found[name] = info
    return found


def _entry_problem(info: zipfile.ZipInfo, max_ratio: int) -> str | None:
    if info.is_dir():
        return "папки в пакете не допускаются"
    if info.flag_bits & 0x1:
        return "зашифрованные файлы в пакете не допускаются"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"неподдерживаемый метод сжатия {info.compress_type}"
    if info.file_size > _RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
        return f"степень сжатия выше {max_ratio}:1 (подозрение на ZIP-бомбу)"
    return None


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Bounded by the declared size; a CRC or size mismatch is an error, not a silent truncation."""
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise PackageFormatError(f"файл повреждён ({exc})", info.filename) from None
    except Exception as exc:  # zlib.error and friends: still a damaged archive, never a crash
        raise PackageFormatError(f"файл повреждён ({type(exc).__name__})", info.filename) from None
    if len(data) != info.file_size:
        raise PackageFormatError("размер файла не совпадает с заголовком архива", info.filename)
    return data


def _match_files(manifest: Manifest, infos: dict[str, zipfile.ZipInfo]) -> None:
    listed = [record.name for record in manifest.entries]
    for name in listed:
        if name not in infos:
            raise PackageFormatError("файл указан в manifest.json, но отсутствует в архиве", name)
    for name in infos:
        if name not in listed:
            raise PackageFormatError("файл есть в архиве, но не указан в manifest.json", name)


def _assemble(manifest: Manifest, files: dict[str, bytes]) -> Package:
    entries = []
    for record in manifest.entries:
        data = files[record.name]
        if len(data) != record.size:
            raise PackageFormatError(f"размер {len(data)} не совпадает с manifest.json ({record.size})", record.name)
        if hashlib.sha256(data).hexdigest() != record.sha256:
            raise PackageFormatError("контрольная сумма SHA-256 не совпадает с manifest.json", record.name)
        entries.append(Entry(record.name, record.role, data, record.signs, record.related))
    return Package(
        manifest.package_id, manifest.sender, manifest.recipient, manifest.kind, tuple(entries), manifest.created
    )


def summary(package: Package) -> dict[str, str]:
    """The short description that goes into a TransportEvent's payload."""
    result = {
        "package_id": package.package_id,
        "sender": package.sender,
        "recipient": package.recipient,
        "kind": package.kind.value,
        "files": ", ".join(item.name for item in package.entries),
    }
    related = sorted({item.related for item in package.entries if item.related})
    if related:
        result["related"] = ", ".join(related)
    return result


def arrival_kind(package: Package) -> EventKind:
    """The event the recipient sees when this package arrives."""
    return EventKind.SERVICE_DOCUMENT if package.kind is PackageKind.SERVICE else EventKind.DOCUMENT_RECEIVED

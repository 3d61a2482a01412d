"""A small deterministic ZIP writer for packages: a few entries, all in memory, no ZIP64.

``zipfile.ZipFile`` in write mode spent ~25 µs of Python per entry (ZipInfo, a file object per
entry, header bookkeeping) for files of a few KB; the operator writes two stamp packages per
document and each side writes its own (bench/sync.py profile). The format written here is the
plain one of PKWARE's APPNOTE: for each entry a local header and the data, then the central
directory and its end record. Reading stays with ``zipfile`` (package.from_zip), which also
checks every archive written here in the tests.

Fixed fields make the output a function of the entries alone: time 1980-01-01 00:00 (the
earliest ZIP can store), "made by" Unix with rw-r--r-- attributes, UTF-8 flag only on
non-ASCII names, no extra fields or comments.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from edo_app.transport import zipformat as zf

__all__ = ["ZipItem", "write_zip"]

_MADE_BY = (3 << 8) | zf.VERSION  # Unix, so the attributes below mean what they say everywhere
_ATTRIBUTES = 0o100644 << 16  # a regular file, rw-r--r--
_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01; time 00:00:00 is 0
_LIMIT = 0xFFFFFFFF  # beyond this ZIP64 would be needed; packages are capped far below


@dataclass(frozen=True)
class ZipItem:
    name: str
    data: bytes
    deflate: bool


def write_zip(items: Iterable[ZipItem]) -> bytes:
    """The archive of ``items`` in the order given."""
    parts: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for item in items:
        local, record = _entry(item, offset)
        parts.append(local)
        central.append(record)
        offset += len(local)
    directory = b"".join(central)
    if offset > _LIMIT or len(central) > 0xFFFF:
        raise ValueError("архив слишком велик для ZIP без расширения ZIP64")
    end = zf.END.pack(zf.END_SIG, 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(parts) + directory + end


def _entry(item: ZipItem, offset: int) -> tuple[bytes, bytes]:
    """The local header with the data, and the central directory record pointing at ``offset``."""
    name = item.name.encode("utf-8")
    flags = 0 if name.isascii() else zf.UTF8
    method = zf.DEFLATED if item.deflate else zf.STORED
    body = _deflated(item.data) if item.deflate else item.data
    crc, size = zlib.crc32(item.data), len(item.data)
    if size > _LIMIT or len(body) > _LIMIT:
        raise ValueError(f"файл {item.name} слишком велик для ZIP без расширения ZIP64")
    local = zf.LOCAL.pack(zf.LOCAL_SIG, zf.VERSION, flags, method, 0, _DATE, crc, len(body), size, len(name), 0)
    record = zf.CENTRAL.pack(zf.CENTRAL_SIG, _MADE_BY, zf.VERSION, flags, method, 0, _DATE, crc, len(body), size,
                           len(name), 0, 0, 0, 0, _ATTRIBUTES, offset)
    return local + name + body, record + name


def _deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)  # raw deflate, as ZIP stores it
    return compressor.compress(data) + compressor.flush()

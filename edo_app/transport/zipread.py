"""The fast path of reading a package: archives laid out the plain way, read straight from the bytes.

``zipfile.ZipFile`` spends ~60 µs of Python on a package of three small files (a file object per
member, header re-reads, its general search for the end record); each side reads four packages per
document it exchanges (bench/sync.py profile). Nearly every package is written by
``zipwrite.write_zip`` or by ``zipfile`` itself, in one plain layout: the members one after
another from byte 0, each a local header without extra fields and its data, then the central
directory, then the end record without a comment.

``plain_members`` recognises exactly that layout, each local header agreeing with its central
record in every field, and answers the members as ``zipfile.ZipInfo``; anything else (data
descriptors, ZIP64, extra fields, comments, prepended bytes, gaps, encryption, names that zipfile
would rewrite) gives None, and package.from_zip reads the archive with ``zipfile`` as before, with
its errors. The package checks (names, limits, zip-bomb ratio) are the same for both paths;
``read_member`` then inflates at most the declared size and checks the CRC.
"""

from __future__ import annotations

import zipfile
import zlib

from edo_app.transport.base import PackageFormatError
from edo_app.transport.zipformat import (
    CENTRAL,
    CENTRAL_SIG,
    DEFLATED,
    END,
    END_SIG,
    LOCAL,
    LOCAL_SIG,
    STORED,
    UTF8,
    VERSION,
)

__all__ = ["plain_members", "read_member"]

_METHODS = (STORED, DEFLATED)


def plain_members(data: bytes) -> list[zipfile.ZipInfo] | None:
    """The members of an archive in the plain layout, or None for any other archive."""
    if len(data) < END.size:
        return None
    sig, disk, cd_disk, on_disk, count, cd_size, cd_offset, comment = END.unpack_from(data, len(data) - END.size)
    if (sig, disk, cd_disk, comment) != (END_SIG, 0, 0, 0) or on_disk != count \
            or cd_offset + cd_size != len(data) - END.size:
        return None
    members: list[zipfile.ZipInfo] = []
    position, expected = cd_offset, 0  # the central records in turn; where the next member must start
    for _ in range(count):
        member = _member(data, position, expected, cd_offset)
        if member is None:
            return None
        members.append(member)
        position += CENTRAL.size + len(member.orig_filename.encode("utf-8"))
        expected = _data_start(member) + member.compress_size
    return members if position == len(data) - END.size and expected == cd_offset else None


def _member(data: bytes, position: int, expected: int, cd_offset: int) -> zipfile.ZipInfo | None:
    """The central record at ``position`` when it and its local header are plain and agree."""
    if position + CENTRAL.size > len(data) - END.size:
        return None
    (sig, _made_by, version, flags, method, time, date, crc, csize, size, name_len, extra_len, comment_len,
     disk, _internal, external, offset) = CENTRAL.unpack_from(data, position)
    raw_name = data[position + CENTRAL.size:position + CENTRAL.size + name_len]
    if (sig != CENTRAL_SIG or version > VERSION or flags & ~UTF8 or method not in _METHODS  # newer: zipfile judges
            or extra_len or comment_len or disk or offset != expected or len(raw_name) != name_len):
        return None
    name = _name(raw_name, flags)
    local = data[offset:offset + LOCAL.size + name_len]
    if name is None or len(local) != LOCAL.size + name_len or local[LOCAL.size:] != raw_name:
        return None
    lsig, _lversion, lflags, lmethod, ltime, ldate, lcrc, lcsize, lsize, lname_len, lextra = LOCAL.unpack_from(local)
    if (lsig, lflags, lmethod, ltime, ldate, lcrc, lcsize, lsize, lname_len, lextra) != (
            LOCAL_SIG, flags, method, time, date, crc, csize, size, name_len, 0):
        return None
    if offset + LOCAL.size + name_len + csize > cd_offset:
        return None
    info = zipfile.ZipInfo(name)
    info.flag_bits, info.compress_type, info.CRC = flags, method, crc
    info.compress_size, info.file_size, info.header_offset, info.external_attr = csize, size, offset, external
    return info


def _name(raw: bytes, flags: int) -> str | None:
    """The name as zipfile would give it, or None where zipfile would decode or rewrite it otherwise."""
    if not flags & UTF8 and not raw.isascii():
        return None  # zipfile decodes these as cp437: leave them to it
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in name or "\\" in name else name  # zipfile cuts at NUL; on Windows turns \ into /


def _data_start(info: zipfile.ZipInfo) -> int:
    return info.header_offset + LOCAL.size + len(info.orig_filename.encode("utf-8"))


def read_member(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """The member's bytes: at most the declared size inflated, and the CRC checked. As in zipfile,
    the deflate stream need not end exactly there: the declared size and the CRC decide (and the
    manifest's SHA-256 after them)."""
    start = _data_start(info)
    body = data[start:start + info.compress_size]
    if info.compress_type == STORED:
        content = body
    else:
        inflater = zlib.decompressobj(-15)
        try:
            content = inflater.decompress(body, info.file_size)  # as zipfile: nothing past the declared size
            if len(content) < info.file_size and not inflater.unconsumed_tail:  # all input taken: what zlib
                content += inflater.flush()[:info.file_size - len(content)]  # still holds (bounded by its window)
        except zlib.error as exc:
            raise PackageFormatError(f"файл повреждён (сжатые данные: {exc})", info.filename) from None
    if len(content) != info.file_size:
        raise PackageFormatError("размер файла не совпадает с заголовком архива", info.filename)
    if zlib.crc32(content) != info.CRC:
        raise PackageFormatError("файл повреждён (контрольная сумма CRC-32 не совпадает)", info.filename)
    return content

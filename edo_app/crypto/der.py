"""A strict reader of DER elements: tag, definite length, value, nothing else.

It knows no schema and accepts only the plainest encoding: low tag numbers, definite lengths in
their shortest form, values inside their parent. Anything else is ``NotPlainDer``, which callers
treat as "let the full ASN.1 library decide" (cms_fast), never as a verdict on the input.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Final, NamedTuple

SEQUENCE: Final = 0x30
SET: Final = 0x31
INTEGER: Final = 0x02
OCTET_STRING: Final = 0x04
NULL: Final = 0x05
OID: Final = 0x06
UTC_TIME: Final = 0x17
GENERALIZED_TIME: Final = 0x18


class NotPlainDer(Exception):
    """Input this reader does not take on: BER, a high tag, a length past its parent, ..."""


class Element(NamedTuple):
    """One element of ``data``: its tag, where it starts (``head``), where its value starts, where it ends."""

    tag: int
    head: int
    start: int
    end: int

    def value(self, data: bytes) -> bytes:
        return data[self.start:self.end]

    def whole(self, data: bytes) -> bytes:
        """The element's encoding, header included."""
        return data[self.head:self.end]


def element(data: bytes, position: int, limit: int) -> Element:
    """The element that starts at ``position`` and must end by ``limit``."""
    if position + 2 > limit:
        raise NotPlainDer("truncated header")
    tag, first = data[position], data[position + 1]
    if tag & 0x1F == 0x1F:
        raise NotPlainDer("high tag number")
    start = position + 2
    if first < 0x80:
        size = first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or start + count > limit or data[start] == 0:
            raise NotPlainDer("indefinite or non-minimal length")
        size = int.from_bytes(data[start:start + count], "big")
        start += count
        if size < 0x80:
            raise NotPlainDer("non-minimal length")
    if start + size > limit:
        raise NotPlainDer("length past the parent")
    return _new(Element, (tag, position, start, start + size))


_new = tuple.__new__  # Element's own __new__ is a Python function: a signature has ~50 elements


def children(data: bytes, parent: Element) -> list[Element]:
    """The elements inside a constructed element, which must fill it exactly."""
    if not parent.tag & 0x20:
        raise NotPlainDer("primitive where constructed expected")
    found, position = [], parent.start
    while position < parent.end:
        child = element(data, position, parent.end)
        found.append(child)
        position = child.end
    return found


def expect(item: Element, tag: int) -> Element:
    if item.tag != tag:
        raise NotPlainDer(f"tag {item.tag:#x} where {tag:#x} expected")
    return item


def oid(data: bytes, item: Element) -> str:
    """Dotted form of an OBJECT IDENTIFIER's value."""
    return _dotted(expect(item, OID).value(data))


@lru_cache(maxsize=512)
def _dotted(body: bytes) -> str:
    """The same few OIDs recur in every signature: each is decoded once."""
    if not body or body[-1] & 0x80:
        raise NotPlainDer("bad OID")
    arcs: list[int] = []
    value = 0
    for index, byte in enumerate(body):
        if byte == 0x80 and (index == 0 or not body[index - 1] & 0x80):
            raise NotPlainDer("non-minimal OID arc")
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(value)
            value = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(map(str, (first, arcs[0] - 40 * first, *arcs[1:])))


def integer(data: bytes, item: Element) -> int:
    body = expect(item, INTEGER).value(data)
    if not body or (len(body) > 1 and (body[0], body[1] & 0x80) in ((0, 0), (0xFF, 0x80))):
        raise NotPlainDer("empty or non-minimal INTEGER")
    return int.from_bytes(body, "big", signed=True)


def octets(data: bytes, item: Element, tag: int = OCTET_STRING) -> bytes:
    """A primitive OCTET STRING (or its IMPLICIT retagging) as bytes."""
    return expect(item, tag).value(data)


def time(data: bytes, item: Element) -> datetime:
    """UTCTime ``YYMMDDHHMMSSZ`` or GeneralizedTime ``YYYYMMDDHHMMSSZ`` in UTC; other forms are not plain."""
    text = item.value(data)
    if item.tag == UTC_TIME and len(text) == 13:
        year = int(text[:2])
        digits = (str(year + (2000 if year < 50 else 1900)).encode() + text[2:12])
    elif item.tag == GENERALIZED_TIME and len(text) == 15:
        digits = text[:14]
    else:
        raise NotPlainDer("time form")
    if text[-1:] != b"Z" or not digits.isdigit():
        raise NotPlainDer("time form")
    month, day, hour, minute, second = (int(digits[at:at + 2]) for at in range(4, 14, 2))
    try:
        return datetime(int(digits[:4]), month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        raise NotPlainDer("time value") from None

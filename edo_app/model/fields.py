"""Checks of single values against the limits an official schema sets.

Each ``need_*`` raises InputError naming the field; document types call them in
``__post_init__`` so a value in hand always serialises to schema-valid XML. The limits
differ between formats (lengths, the last year a date may have), so they are parameters:
each format passes its own.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from edo_app.errors import InputError

_DIGITS = re.compile(r"[0-9]+")
# XML 1.0 forbids these; DataMatrix codes carry GS (0x1D), which must be removed before.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def need_text(value: str, field: str, max_len: int, *, required: bool = True, min_len: int = 1) -> None:
    """A string: present (when required), not blank, XML-safe, ``min_len``..``max_len`` characters."""
    if value is None or value == "":
        if required:
            raise InputError("обязательное поле не заполнено", field)
        return
    if not isinstance(value, str):
        raise InputError("ожидается строка", field)
    if not value.strip():
        raise InputError("значение не может состоять из одних пробелов", field)
    bad = _NOT_XML.search(value)
    if bad:
        raise InputError(f"недопустимый в XML символ с кодом {ord(bad.group()):#06x}", field)
    if len(value) > max_len:
        raise InputError(f"длина {len(value)} знаков, допускается не более {max_len}", field)
    if len(value) < min_len:
        raise InputError(f"длина {len(value)} знаков, допускается не менее {min_len}", field)


def need_digits(value: str, field: str, lengths: int | tuple[int, ...], *, required: bool = True) -> None:
    """ASCII digits only, of one of the ``lengths``."""
    if not value and not required:
        return
    allowed = (lengths,) if isinstance(lengths, int) else lengths
    if not isinstance(value, str) or not _DIGITS.fullmatch(value) or len(value) not in allowed:
        sizes = " или ".join(str(n) for n in allowed)
        raise InputError(f"«{value}»: ожидается {sizes} цифр(ы)", field)


def need_code(value: str, field: str, allowed: tuple[str, ...]) -> None:
    """One of the codes an enumeration of the schema allows."""
    if value not in allowed:
        raise InputError(f"«{value}»: допустимые значения {', '.join(allowed)}", field)


def need_date(value: date | None, field: str, *, last_year: int, required: bool = True) -> None:
    """A date without time from 1900 to ``last_year`` (the schema's date type decides which)."""
    if value is None:
        if required:
            raise InputError("обязательное поле не заполнено", field)
        return
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InputError("ожидается дата без времени", field)
    if not 1900 <= value.year <= last_year:
        raise InputError(f"дата {value:%d.%m.%Y} вне допустимого диапазона 1900–{last_year} годов", field)


def parse_date(text: str, field: str) -> date:
    """``ДД.ММ.ГГГГ`` (the form FNS formats use) or ISO ``ГГГГ-ММ-ДД`` (JSON input)."""
    parts = text.strip().split(".")
    try:
        if len(parts) == 3 and len(parts[2]) == 4:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"«{text}» не является датой (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)", field) from None

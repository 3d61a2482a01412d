"""Checks of single values against the limits of the EMCHD_1 schema.

Each ``need_*`` raises InputError naming the field; the model types call them in
``__post_init__`` so a value in hand always serialises to schema-valid XML.
(The same idea as edo_app.documents.upd_types.need_*, which poa may not import.)
"""

from __future__ import annotations

import re
from datetime import date, datetime

from edo_app.errors import InputError
from edo_app.model import identifiers as ids

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# The schema takes both spellings: 123-456-789 01 and 123-456-789-01.
_SNILS = re.compile(r"^[0-9]{3}-[0-9]{3}-[0-9]{3}[ -][0-9]{2}$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def need_text(value: str, field: str, max_len: int, *, required: bool = True, min_len: int = 1) -> None:
    if not isinstance(value, str):
        raise InputError("ожидается строка", field)
    if not value:
        if required:
            raise InputError("обязательное поле не заполнено", field)
        return
    if not value.strip():
        raise InputError("значение не может состоять из одних пробелов", field)
    bad = _NOT_XML.search(value)
    if bad:
        raise InputError(f"недопустимый в XML символ с кодом {ord(bad.group()):#06x}", field)
    if not min_len <= len(value) <= max_len:
        raise InputError(f"длина {len(value)} знаков, допускается от {min_len} до {max_len}", field)


def need_code(value: str, field: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InputError(f"«{value}»: допустимые значения {', '.join(allowed)}", field)


def need_digits(value: str, field: str, length: int, *, required: bool = True) -> None:
    if not value and not required:
        return
    if len(value) != length or not value.isascii() or not value.isdigit():
        raise InputError(f"«{value}»: ожидается {length} цифр(ы)", field)


def need_date(value: date | None, field: str, *, required: bool = True) -> None:
    """The schema's dates run from 1900 to 2100."""
    if value is None:
        if required:
            raise InputError("обязательное поле не заполнено", field)
        return
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InputError("ожидается дата без времени", field)
    if not 1900 <= value.year <= 2100:
        raise InputError(f"дата {value:%d.%m.%Y} вне допустимого диапазона 1900–2100 годов", field)


def need_guid(value: str, field: str, *, required: bool = True) -> None:
    if not value and not required:
        return
    if not GUID.match(value):
        raise InputError(f"«{value}»: ожидается GUID вида xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", field)


def _check(error: str | None, field: str) -> None:
    if error:
        raise InputError(error, field)


def need_inn_person(value: str, field: str, *, required: bool = True) -> None:
    if not value and not required:
        return
    _check(ids.check_inn_person(value), field)
    if value.startswith("00"):  # the schema's pattern forbids a zero region
        raise InputError(f"ИНН «{value}» не может начинаться с 00", field)


def need_inn_org(value: str, field: str) -> None:
    _check(ids.check_inn_le(value), field)
    if value.startswith("00"):
        raise InputError(f"ИНН «{value}» не может начинаться с 00", field)


def need_kpp(value: str, field: str) -> None:
    _check(ids.check_kpp(value), field)
    if value.startswith("00"):
        raise InputError(f"КПП «{value}» не может начинаться с 00", field)


def need_ogrn(value: str, field: str, length: int, *, required: bool = True) -> None:
    if not value and not required:
        return
    need_digits(value, field, length)
    _check(ids.check_ogrn(value), field)


def need_snils(value: str, field: str, *, required: bool = True) -> None:
    """СНИЛС as the schema writes it (``123-456-789 01``) with a correct check number."""
    if not value and not required:
        return
    if not _SNILS.match(value):
        raise InputError(f"СНИЛС «{value}» записывается как 123-456-789 01", field)
    _check(ids.check_snils(value.replace(" ", "").replace("-", "")), field)


def snils_digits(value: str) -> str:
    return ids.normalize_snils(value)

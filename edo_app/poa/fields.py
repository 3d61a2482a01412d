"""Checks of single values against the limits of the EMCHD_1 schema.

Each ``need_*`` raises InputError naming the field; the model types call them in
``__post_init__`` so a value in hand always serialises to schema-valid XML. The generic
checks come from edo_app.model.fields with EMCHD_1's limits; here are the МЧД's own ones.
"""

from __future__ import annotations

import re
from functools import partial

from edo_app.errors import InputError
from edo_app.model import fields
from edo_app.model import identifiers as ids
from edo_app.model.fields import need_digits

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# The schema takes both spellings: 123-456-789 01 and 123-456-789-01.
_SNILS = re.compile(r"^[0-9]{3}-[0-9]{3}-[0-9]{3}[ -][0-9]{2}$")
# The schema's dates run from 1900 to 2100; most dates of an МЧД are required.
need_date = partial(fields.need_date, last_year=2100)


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

"""Check digits of every ИНН, КПП, ОГРН, ОГРНИП and СНИЛС a document carries.

FNS schemas check only the shape of these numbers (10 or 12 digits ...), never the check
digits. One XPath finds them all, as attributes or as leaf elements, in one pass in libxml2.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from lxml import etree

from edo_app.model.identifiers import (
    check_inn,
    check_inn_le,
    check_inn_person,
    check_kpp,
    check_ogrn,
    check_snils,
    normalize_snils,
    snils_check_number,
)
from edo_app.model.report import Issue, Source
from edo_app.schemas.business_lines import source_line

Checker = Callable[[str], str | None]

# Exact names used by FNS formats (ДатаОГРНИП, ДефИННЮЛ ... are deliberately not here).
_FIELDS: dict[str, tuple[str, Checker]] = {
    "ИННЮЛ": ("biz.inn", check_inn_le),
    "ИННЮЛПер": ("biz.inn", check_inn_le),
    "ИННОргПрин": ("biz.inn", check_inn_le),
    "ИННФЛ": ("biz.inn", check_inn_person),
    "ИННФЛПер": ("biz.inn", check_inn_person),
    "ИННФЛПрин": ("biz.inn", check_inn_person),
    "ИНН": ("biz.inn", check_inn),
    "ИННУчаст": ("biz.inn", check_inn),
    "КПП": ("biz.kpp", check_kpp),
    "ОГРН": ("biz.ogrn", check_ogrn),
    "ОГРНИП": ("biz.ogrn", check_ogrn),
    "СНИЛС": ("biz.snils", check_snils),
}


_ELEMENT_TAGS = tuple(f"{{*}}{name}" for name in _FIELDS)  # any namespace (МЧД is namespaced)


def check_identifiers(tree: etree._ElementTree) -> list[Issue]:
    """One Issue (Source.BUSINESS) per registration number whose check digits are wrong.

    Attributes: one walk over every element's attribute names (in a libxml2 XPath the
    equivalent name test costs 10× more). Elements: libxml2 filters them by tag.
    """
    issues: list[Issue] = []
    root = tree.getroot()
    for element in root.iter(etree.Element):
        for name in element.attrib:
            if name in _FIELDS:
                _report(issues, tree, element, name, element.get(name) or "")
    for element in root.iter(*_ELEMENT_TAGS):
        if len(element) == 0:
            _report(issues, tree, element, None, (element.text or "").strip())
    return issues


def _report(
    issues: list[Issue], tree: etree._ElementTree, element: etree._Element, attr: str | None, value: str
) -> None:
    name = attr or etree.QName(element).localname
    verdict = _verdict(name, value)
    if verdict is not None:
        path = tree.getpath(element)
        issues.append(Issue(
            verdict[1], xpath=f"{path}/@{attr}" if attr else path, code=verdict[0],
            line=source_line(element), source=Source.BUSINESS,
        ))


@functools.lru_cache(maxsize=4096)
def _verdict(name: str, value: str) -> tuple[str, str] | None:
    """Cached: the same parties repeat all over a document."""
    code, checker = _FIELDS[name]
    text = checker(value)
    if text is None:
        return None
    hint = _expected_digits(name, value)
    return code, f"{text}{hint}"  # the XPath names the attribute itself


def _expected_digits(name: str, value: str) -> str:
    """Which check digits the other digits call for, found with the same check functions."""
    if name == "СНИЛС":
        digits = normalize_snils(value)
        if len(digits) == 11 and digits.isdigit():
            return _hint(f"{snils_check_number(digits[:9]):02d}"[-2:], digits[9:])
        return ""
    if name == "КПП" or not (value.isdigit() and value.isascii()):
        return ""  # КПП has no check digit; its shape is all there is to check
    checker = _FIELDS[name][1]
    if name.startswith("ОГРН") or len(value) == 10:
        tail = 1
    elif len(value) == 12:
        tail = 2
    else:
        return ""
    for n in range(10**tail):
        candidate = f"{n:0{tail}d}"
        if checker(value[:-tail] + candidate) is None:
            return _hint(candidate, value[-tail:])
    return ""


def _hint(expected: str, actual: str) -> str:
    return (
        f" (по остальным цифрам контрольное число должно быть «{expected}», указано «{actual}»; "
        "проверьте номер целиком)"
    )

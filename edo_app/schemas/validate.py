"""Validate an FNS document: XSD structure, the rules embedded in the XSD, and business checks.

The entry points follow xmlschema's trio: ``validate_or_raise`` raises SchemaError,
``is_valid`` answers, ``validate_bytes`` / ``validate_file`` return the full Report. Unreadable
or hostile input raises XmlInputError (the caller maps it to "cannot read"), because a report
of a file we could not read would be a lie.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from edo_app.errors import InputError, SchemaError, XmlInputError
from edo_app.model.report import Issue, Report, Source
from edo_app.schemas.business import check_business
from edo_app.schemas.business_lines import source_line
from edo_app.schemas.registry import DocumentKey, SchemaEntry, SchemaRegistry, default_registry
from edo_app.xmlio import DEFAULT_MAX_BYTES, parse_bytes, read_file

UNSUPPORTED = "format.unsupported"
# Below this size handing XSD and rules to worker threads costs more (thread hand-off, the GIL
# passed back and forth) than running them in turn: a 3-line УПД validates ~2x faster inline.
PARALLEL_FROM_BYTES = 256 * 1024
SCHEMA_BROKEN = "engine.schema"


def validate_bytes(
    data: bytes,
    file_name: str,
    registry: SchemaRegistry | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: date | None = None,
) -> Report:
    """Check a document given as bytes; ``file_name`` is the name it travels under."""
    tree = parse_bytes(data, name=file_name, max_bytes=max_bytes)
    return validate_tree(tree, file_name, registry, today=today, parallel=len(data) >= PARALLEL_FROM_BYTES)


def validate_file(
    path: Path,
    registry: SchemaRegistry | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: date | None = None,
) -> Report:
    """Check a document on disk; its file name takes part in the checks (ИдФайл)."""
    data, tree = read_file(path, max_bytes=max_bytes)
    return validate_tree(tree, path.name, registry, today=today, parallel=len(data) >= PARALLEL_FROM_BYTES)


def validate_tree(
    tree: etree._ElementTree,
    file_name: str,
    registry: SchemaRegistry | None = None,
    *,
    today: date | None = None,
    parallel: bool = False,
) -> Report:
    """Check an already parsed (trusted-parser) tree, e.g. one the app has just built.
    ``parallel`` runs the XSD and the rules on worker threads (worth it for big documents)."""
    reg = registry if registry is not None else default_registry()
    shown = Path(file_name).name
    entries = reg.find(tree)
    if not entries:
        return Report(shown, "", (_unsupported(reg, tree),))
    pending = [_schema_issues(reg, entry, tree, base_name(shown), parallel) for entry in entries]
    business = check_business(tree, today=today)  # Python work, while libxml2/libxslt run
    issues = [issue for found in pending for issue in found()]
    return Report(shown, "+".join(e.id for e in entries), tuple(_ordered(_dedupe([*issues, *business]))))


def is_valid(
    source: Path | bytes, file_name: str | None = None, registry: SchemaRegistry | None = None
) -> bool:
    """True when the document has no errors; unreadable input is simply not valid."""
    try:
        return _report(source, file_name, registry).ok
    except XmlInputError:
        return False


def validate_or_raise(
    source: Path | bytes, file_name: str | None = None, registry: SchemaRegistry | None = None
) -> Report:
    """Return the report of a valid document (warnings only) or raise SchemaError with it."""
    report = _report(source, file_name, registry)
    if not report.ok:
        raise SchemaError(report)
    return report


def base_name(file_name: str) -> str:
    """What ``usch:getFileName()`` sees: the name without folder and without ``.xml``."""
    name = Path(file_name).name
    return name[:-4] if name.lower().endswith(".xml") else name


def _report(source: Path | bytes, file_name: str | None, registry: SchemaRegistry | None) -> Report:
    if isinstance(source, Path):
        if file_name is None:
            return validate_file(source, registry)
        data, _ = read_file(source)
        return validate_bytes(data, file_name, registry)
    if not file_name:
        raise InputError("для проверки документа из памяти нужно имя файла (оно сверяется с ИдФайл)", "file_name")
    return validate_bytes(source, file_name, registry)


def _unsupported(reg: SchemaRegistry, tree: etree._ElementTree) -> Issue:
    key = DocumentKey.of(tree)
    versions = reg.versions_of(key)
    known = f". Установлены схемы этого документа версий: {', '.join(versions)}" if versions else ""
    return Issue(
        f"Формат документа не поддерживается: {key.describe()}{known}",
        xpath=f"/{tree.getroot().tag}" if not key.namespace else "/*",
        code=UNSUPPORTED,
        line=source_line(tree.getroot()),
        source=Source.XSD,
    )


def _schema_issues(
    reg: SchemaRegistry, entry: SchemaEntry, tree: etree._ElementTree, name: str, parallel: bool
) -> Callable[[], list[Issue]]:
    """The XSD and the rules of one schema; call the result to collect.

    ``parallel``: started on worker threads — libxml2's validation and libxslt's transform
    release the GIL, so on a multi-core machine they run beside the business checks; all three
    only read the tree. Otherwise they run here, now.
    """
    try:
        compiled = reg.compiled(entry)
    except InputError as exc:
        broken = [Issue(exc.message, code=SCHEMA_BROKEN, source=Source.ENGINE)]
        return lambda: broken
    if not parallel:
        found = [*(xsd_issue(e) for e in compiled.xsd_errors(tree)), *compiled.rule_issues(tree, name)]
        return lambda: found
    pool = _workers()
    xsd = pool.submit(compiled.xsd_errors, tree)
    rules = pool.submit(compiled.rule_issues, tree, name)
    return lambda: [*(xsd_issue(e) for e in xsd.result()), *rules.result()]


@functools.cache
def _workers() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="edo-validate")


def _dedupe(issues: Iterable[Issue]) -> list[Issue]:
    """The project's schema and the official one often find the same thing: keep it once."""
    seen: set[tuple[str, str, int | None, str]] = set()
    kept: list[Issue] = []
    for issue in issues:
        key = (issue.code, issue.xpath, issue.line, "" if issue.code else issue.message)
        if key not in seen:
            seen.add(key)
            kept.append(issue)
    return kept


def _ordered(issues: list[Issue]) -> list[Issue]:
    """Document order; issues without a line (engine notes) first. Stable within a line."""
    return sorted(issues, key=lambda i: i.line or 0)


# --- lxml's XSD messages in Russian -------------------------------------------------------

_HEAD = re.compile(r"^Element '(?P<el>[^']*)'(?:, attribute '(?P<attr>[^']*)')?: (?P<rest>.*)$", re.S)
_QUOTED = re.compile(r"'([^']*)'")
_FACET = re.compile(r"^\[facet '[^']*'\] ")
_EXPECTED = re.compile(r"Expected is(?: one of)? \( (?P<names>.*?) \)")
_PATTERN_HINTS = (  # by the name of the attribute or element: FNS names say what they hold
    ("Дата", "дата в виде ДД.ММ.ГГГГ"),
    ("Врем", "время в виде ЧЧ.ММ.СС"),
    ("ИННЮЛ", "ИНН организации из 10 цифр"),
    ("ИННФЛ", "ИНН физического лица из 12 цифр"),
    ("КПП", "КПП из 9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры"),
    ("ОГРНИП", "ОГРНИП из 15 цифр"),
    ("ОГРН", "ОГРН из 13 цифр"),
)


@dataclass(frozen=True, slots=True)
class _Parsed:
    """An lxml message taken apart: ``Element 'E', attribute 'A': rest``."""

    kind: str
    element: str
    attr: str
    rest: str
    values: tuple[str, ...]

    @property
    def first(self) -> str:
        return self.values[0] if self.values else ""

    @property
    def last(self) -> str:
        return self.values[-1] if len(self.values) > 1 else ""

    @property
    def subject(self) -> str:
        if self.attr:
            return f"атрибута «{self.attr}» элемента «{self.element}»"
        return f"элемента «{self.element}»"


def xsd_issue(entry: etree._LogEntry) -> Issue:
    """One lxml schema error as an Issue with an XPath to the element or attribute."""
    match = _HEAD.match(entry.message)
    attr = (match.group("attr") if match else None) or ""
    rest = _FACET.sub("", match.group("rest") if match else entry.message)
    parsed = _Parsed(
        entry.type_name, _local(match.group("el")) if match else "", attr, rest, tuple(_QUOTED.findall(rest))
    )
    path = entry.path or ""
    code, text = _translate(parsed)
    return Issue(text, xpath=f"{path}/@{attr}" if attr and path else path, code=code,
                 line=entry.line or None, source=Source.XSD)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _translate(m: _Parsed) -> tuple[str, str]:
    """(code, Russian text); the English original is kept where there is no translation."""
    kind = m.kind
    if kind.startswith("SCHEMAV_CVC_COMPLEX_TYPE_3_2"):  # 3_2_1 / 3_2_2: the same for a reader
        kind = "SCHEMAV_CVC_COMPLEX_TYPE_3_2"
    elif kind.startswith("SCHEMAV_CVC_DATATYPE_VALID"):
        kind = "SCHEMAV_CVC_DATATYPE_VALID"
    if kind in _BY_KIND:
        return _BY_KIND[kind](m)
    if kind in _LENGTH:
        return "xsd.length", _length(m)
    if kind in _RANGE:
        return "xsd.range", f"Значение «{m.first}» {m.subject} {_RANGE[kind]} {m.last}"
    if kind in _DIGITS:
        return "xsd.digits", f"Значение «{m.first}» {m.subject}: {_DIGITS[kind]} ({m.last})"
    return "xsd", f"Ошибка структуры {m.subject}: {m.rest}"


def _enumeration(m: _Parsed) -> tuple[str, str]:
    allowed = m.rest[m.rest.find("{") + 1 : m.rest.rfind("}")] if "{" in m.rest else ""
    return "xsd.enumeration", f"Значение «{m.first}» {m.subject} не входит в перечень допустимых: {allowed}"


def _datatype(m: _Parsed) -> tuple[str, str]:
    hint = " (дробная часть отделяется точкой, не запятой)" if "," in m.first else ""
    return "xsd.type", f"Значение «{m.first}» {m.subject} недопустимо для его типа данных{hint}"


def _content(m: _Parsed) -> tuple[str, str]:
    expected = _EXPECTED.search(m.rest)
    names = f"; ожидается: {expected.group('names')}" if expected else ""
    if m.rest.startswith("Missing child"):
        return "xsd.element.missing", f"В элементе «{m.element}» не хватает обязательного элемента{names}"
    if "not expected" in m.rest:
        return "xsd.element.unexpected", f"Элемент «{m.element}» здесь не предусмотрен{names}"
    return "xsd.element", f"Неверное содержимое элемента «{m.element}»: {m.rest}"


_LENGTH = {
    "SCHEMAV_CVC_LENGTH_VALID": "ровно",
    "SCHEMAV_CVC_MINLENGTH_VALID": "не менее",
    "SCHEMAV_CVC_MAXLENGTH_VALID": "не более",
}
_RANGE = {
    "SCHEMAV_CVC_MINEXCLUSIVE_VALID": "должно быть больше",
    "SCHEMAV_CVC_MININCLUSIVE_VALID": "должно быть не меньше",
    "SCHEMAV_CVC_MAXEXCLUSIVE_VALID": "должно быть меньше",
    "SCHEMAV_CVC_MAXINCLUSIVE_VALID": "должно быть не больше",
}
_DIGITS = {
    "SCHEMAV_CVC_FRACTIONDIGITS_VALID": "слишком много знаков после точки, допускается",
    "SCHEMAV_CVC_TOTALDIGITS_VALID": "слишком много цифр, допускается",
}


def _length(m: _Parsed) -> str:
    numbers = [v for v in m.values if v.isdigit()]
    actual, limit = (numbers[-2], numbers[-1]) if len(numbers) >= 2 else ("?", "?")
    shown = f"«{m.first}» " if m.rest.startswith("The value '") else ""
    return f"Длина значения {shown}{m.subject} — {actual} зн., а должна быть {_LENGTH[m.kind]} {limit}"


def _pattern(m: _Parsed) -> str:
    name = m.attr or m.element
    hint = next((h for start, h in _PATTERN_HINTS if name.startswith(start)), "")
    expected = f"ожидается {hint}" if hint else f"шаблон {m.last}"
    return f"Значение «{m.first}» {m.subject} не соответствует формату: {expected}"


_BY_KIND: dict[str, Callable[[_Parsed], tuple[str, str]]] = {
    "SCHEMAV_ELEMENT_CONTENT": _content,
    "SCHEMAV_CVC_COMPLEX_TYPE_4": lambda m: (
        "xsd.attribute.missing", f"Отсутствует обязательный атрибут «{m.first}» элемента «{m.element}»"
    ),
    "SCHEMAV_CVC_COMPLEX_TYPE_3_2": lambda m: (
        "xsd.attribute.unexpected", f"Атрибут «{m.first}» не предусмотрен для элемента «{m.element}»"
    ),
    "SCHEMAV_CVC_ENUMERATION_VALID": _enumeration,
    "SCHEMAV_CVC_PATTERN_VALID": lambda m: ("xsd.pattern", _pattern(m)),
    "SCHEMAV_CVC_DATATYPE_VALID": _datatype,
    "SCHEMAV_CVC_ELT_1": lambda m: ("xsd.root", f"Корневой элемент «{m.element}» не предусмотрен схемой"),
    "SCHEMAV_CVC_COMPLEX_TYPE_2_3": lambda m: (
        "xsd.element", f"В элементе «{m.element}» не допускается текст, только вложенные элементы"
    ),
}

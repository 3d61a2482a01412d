"""Which XSD validates a document: the project's own schemas plus official FNS XSDs the user installs.

The project's schemas are listed in ``xsd/manifest.toml``. Official schemas are plain files
named as FNS names them (``ON_NSCHFDOPPR_1_997_01_05_03_05.xsd``); their prefix comes from the
name, ВерсФорм and КНД from the enumerations inside. Everything stays offline: XSDs are read
with a parser that never touches the network and never resolves entities. Compiling an XSD is
slow, so each schema (and the rule set embedded in it) is compiled once, on first use.
"""

from __future__ import annotations

import functools
import threading
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from lxml import etree

import edo_app
from edo_app.errors import InputError, XmlInputError
from edo_app.model.report import Issue
from edo_app.schemas.rules import RuleSet

PROJECT_XSD_DIR = Path(edo_app.__file__).resolve().parent.parent / "xsd"
MANIFEST_NAME = "manifest.toml"

_XS = "http://www.w3.org/2001/XMLSchema"
_NS = {"xs": _XS}
_REQUIRED_KEYS = ("id", "file", "prefix", "version")
_OPTIONAL_KEYS = ("knd", "title", "act", "root", "namespace", "kind", "note")


@dataclass(frozen=True, slots=True)
class SchemaEntry:
    """One XSD and the documents it applies to (root element, ИдФайл prefix, ВерсФорм, КНД)."""

    id: str
    path: Path
    prefix: str
    version: str
    knd: str = ""
    title: str = ""
    official: bool = False
    act: str = ""
    root: str = "Файл"
    namespace: str = ""


@dataclass(frozen=True, slots=True)
class DocumentKey:
    """What a document says about its own format."""

    root: str
    namespace: str
    prefix: str
    version: str
    knd: str

    @classmethod
    def of(cls, tree: etree._ElementTree) -> DocumentKey:
        root = tree.getroot()
        qname = etree.QName(root)
        file_id = root.get("ИдФайл", "")
        doc = root.find(f"{{{qname.namespace}}}Документ" if qname.namespace else "Документ")
        knd = (doc.get("КНД") if doc is not None else None) or root.get("КНД") or ""
        return cls(
            root=qname.localname,
            namespace=qname.namespace or "",
            prefix="_".join(file_id.split("_")[:2]),
            version=root.get("ВерсФорм", ""),
            knd=knd,
        )

    def describe(self) -> str:
        parts = [f"корневой элемент «{self.root}»", f"ВерсФорм «{self.version or '—'}»"]
        if self.knd:
            parts.append(f"КНД «{self.knd}»")
        if self.prefix:
            parts.append(f"ИдФайл начинается с «{self.prefix}»")
        return ", ".join(parts)


@dataclass(slots=True)
class CompiledSchema:
    """A compiled XSD and the rule set embedded in it.

    Each keeps one error log, so each has its own lock; the XSD and the rules of one schema
    may run at the same time on different threads (validate.py does that).
    """

    entry: SchemaEntry
    xsd: etree.XMLSchema
    rules: RuleSet
    _xsd_lock: threading.Lock = field(default_factory=threading.Lock)
    _rules_lock: threading.Lock = field(default_factory=threading.Lock)

    def xsd_errors(self, tree: etree._ElementTree) -> list[etree._LogEntry]:
        """Validate and return the error log."""
        with self._xsd_lock:
            try:
                self.xsd.validate(tree)
            except etree.LxmlError as exc:  # e.g. an entity reference left unresolved
                raise XmlInputError(f"Документ не может быть проверен по схеме: {exc}") from exc
            log = cast(Iterable[etree._LogEntry], self.xsd.error_log)  # untyped in lxml-stubs
            return list(log)

    def rule_issues(self, tree: etree._ElementTree, file_name: str) -> list[Issue]:
        """Engine notes (rules it could not compile) plus the rules' findings."""
        with self._rules_lock:
            return [*self.rules.problems, *self.rules.check(tree, file_name)]


def safe_parser() -> etree.XMLParser:
    """Offline parser for schemas: no network, no DTD, no entity expansion."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


class SchemaRegistry:
    """All schemas known to the app; picks the ones that match a document and compiles lazily.

    ``project_dir`` is the folder with ``manifest.toml`` (None: no project schemas).
    ``official_dirs`` are folders of official FNS XSDs; files that cannot be used there are
    listed in ``problems`` (Russian, naming the file) instead of stopping the app.
    """

    def __init__(
        self, project_dir: Path | None = PROJECT_XSD_DIR, official_dirs: Sequence[Path] = ()
    ) -> None:
        problems: list[str] = []
        entries = load_manifest(project_dir) if project_dir is not None else []
        official: list[SchemaEntry] = []
        for folder in official_dirs:
            official.extend(_scan_official(folder, problems))
        self.entries: tuple[SchemaEntry, ...] = (*entries, *_newest_revisions(official))
        self.problems: tuple[str, ...] = tuple(problems)
        self._compiled: dict[str, CompiledSchema] = {}
        self._lock = threading.Lock()

    @classmethod
    def default(cls, extra_dirs: Sequence[Path] = ()) -> SchemaRegistry:
        """The project's schemas plus official folders; without folders, the shared cached one."""
        return cls(official_dirs=extra_dirs) if extra_dirs else default_registry()

    def get(self, schema_id: str) -> SchemaEntry:
        for entry in self.entries:
            if entry.id == schema_id:
                return entry
        raise InputError(f"схема «{schema_id}» не зарегистрирована", "schema_id")

    def find(self, tree: etree._ElementTree) -> tuple[SchemaEntry, ...]:
        """Schemas for this document: the project's own first, then official ones."""
        key = DocumentKey.of(tree)
        return tuple(e for e in self.entries if _matches(e, key))

    def versions_of(self, key: DocumentKey) -> list[str]:
        """Versions installed for the same kind of document (for the «not supported» message)."""
        return sorted({e.version for e in self.entries if e.root == key.root and _same_kind(e, key)})

    def compiled(self, entry: SchemaEntry) -> CompiledSchema:
        """Compile (once) the XSD and its embedded rules. InputError when the XSD is unusable."""
        with self._lock:
            done = self._compiled.get(entry.id)
            if done is None:
                done = _compile(entry)
                self._compiled[entry.id] = done
            return done


def _matches(entry: SchemaEntry, key: DocumentKey) -> bool:
    if entry.root != key.root or entry.namespace != key.namespace or entry.version != key.version:
        return False
    return _same_kind(entry, key)


def _same_kind(entry: SchemaEntry, key: DocumentKey) -> bool:
    # КНД identifies the form when both sides state it; forms without КНД go by ИдФайл prefix.
    if entry.knd and key.knd:
        return entry.knd == key.knd
    return bool(key.prefix) and entry.prefix == key.prefix


@functools.lru_cache(maxsize=1)
def default_registry() -> SchemaRegistry:
    """The project's own schemas, built once per process (compiled schemas are cached in it)."""
    return SchemaRegistry()


# --- the project's manifest -------------------------------------------------------------


def load_manifest(folder: Path) -> list[SchemaEntry]:
    """Entries of ``folder/manifest.toml``; no manifest means no project schemas yet."""
    path = folder / MANIFEST_NAME
    if not path.exists():
        return []
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"манифест схем {path} не читается: {exc}") from exc
    items = raw.get("schema", [])
    if not isinstance(items, list):
        raise InputError(f"в манифесте {path} ожидается список [[schema]]", "schema")
    return [_manifest_entry(item, folder, f"{path}: schema[{i}]") for i, item in enumerate(items)]


def _manifest_entry(item: Any, folder: Path, where: str) -> SchemaEntry:
    if not isinstance(item, dict):
        raise InputError(f"{where}: ожидается таблица с полями схемы")
    unknown = sorted(set(item) - {*_REQUIRED_KEYS, *_OPTIONAL_KEYS})
    if unknown:
        raise InputError(f"{where}: неизвестные поля {', '.join(unknown)}", unknown[0])
    for key in item:
        if not isinstance(item[key], str):
            raise InputError(f"{where}: поле {key} должно быть строкой", key)
    missing = [k for k in _REQUIRED_KEYS if not item.get(k)]
    if missing:
        raise InputError(f"{where}: не заполнены поля {', '.join(missing)}", missing[0])
    path = folder / item["file"]
    if not path.is_file():
        raise InputError(f"{where}: файл схемы {path} не найден", "file")
    return SchemaEntry(
        id=item["id"], path=path, prefix=item["prefix"], version=item["version"],
        knd=item.get("knd", ""), title=item.get("title", ""), official=False, act=item.get("act", ""),
        root=item.get("root", "Файл"), namespace=item.get("namespace", ""),
    )


# --- official FNS schemas ---------------------------------------------------------------


def _scan_official(folder: Path, problems: list[str]) -> list[SchemaEntry]:
    if not folder.is_dir():
        problems.append(f"Папка официальных схем {folder} не найдена")
        return []
    found: list[SchemaEntry] = []
    for path in sorted(folder.rglob("*.xsd")):
        try:
            found.append(read_official_xsd(path))
        except InputError as exc:
            problems.append(str(exc))
    return found


def read_official_xsd(path: Path) -> SchemaEntry:
    """Describe one official FNS XSD, or raise InputError naming the file and what is wrong."""
    stem = path.stem
    if "_1_" not in stem:
        raise InputError(
            f"Файл {path.name}: имя не похоже на официальную схему ФНС "
            "(ожидается вида ON_NSCHFDOPPR_1_997_01_05_03_05.xsd)"
        )
    schema = _parse_xsd(path)
    root = schema.find("xs:element", _NS)
    if root is None or not root.get("name"):
        raise InputError(f"Файл {path.name}: в схеме нет корневого элемента документа")
    version = _enumeration(schema, root, "ВерсФорм")
    if not version:
        raise InputError(f"Файл {path.name}: в схеме не найдена версия формата (перечисление ВерсФорм)")
    prefix = stem.split("_1_")[0]
    return SchemaEntry(
        id=stem, path=path, prefix=prefix, version=version, knd=_enumeration(schema, root, "КНД"),
        title=f"{prefix} {version} (официальная схема ФНС)", official=True,
        root=str(root.get("name")), namespace=schema.get("targetNamespace", ""),
    )


def _parse_xsd(path: Path) -> etree._Element:
    try:
        tree = etree.parse(str(path), safe_parser())
    except OSError as exc:
        raise InputError(f"Файл {path.name} не читается: {exc}") from exc
    except etree.XMLSyntaxError as exc:
        raise InputError(f"Файл {path.name} не является XML: {exc.msg}") from exc
    root = tree.getroot()
    if root.tag != f"{{{_XS}}}schema":
        raise InputError(f"Файл {path.name} не является XML-схемой (XSD): корневой элемент «{root.tag}»")
    return root


def _enumeration(schema: etree._Element, root: etree._Element, name: str) -> str:
    """First enumerated value of attribute ``name`` (inline type or a named simple type)."""
    for attr in root.iterfind(f".//xs:attribute[@name='{name}']", _NS):
        values = attr.xpath(".//xs:enumeration/@value", namespaces=_NS)
        type_name = attr.get("type", "")
        if not values and type_name and not type_name.startswith("xs:"):
            values = schema.xpath(
                "xs:simpleType[@name=$t]//xs:enumeration/@value", namespaces=_NS, t=type_name
            )
        if isinstance(values, list) and values:
            return str(values[0])
    return ""


def _revision(entry: SchemaEntry) -> tuple[int, ...]:
    tail = entry.id.split("_1_", 1)[-1]
    return tuple(int(p) for p in tail.split("_") if p.isdigit())


def _newest_revisions(entries: Iterable[SchemaEntry]) -> list[SchemaEntry]:
    """Several revisions of one format installed: keep the newest (highest trailing number)."""
    best: dict[tuple[str, str, str, str], SchemaEntry] = {}
    for entry in entries:
        key = (entry.root, entry.prefix, entry.version, entry.knd)
        if key not in best or _revision(entry) > _revision(best[key]):
            best[key] = entry
    return list(best.values())


# --- compiling --------------------------------------------------------------------------


def _compile(entry: SchemaEntry) -> CompiledSchema:
    try:
        doc = etree.parse(str(entry.path), safe_parser())
        _refuse_remote(doc, entry)
        xsd = etree.XMLSchema(doc)
    except (OSError, etree.LxmlError) as exc:
        raise InputError(f"Схема {entry.path.name} не может быть загружена: {exc}", entry.id) from exc
    return CompiledSchema(entry, xsd, RuleSet.from_xsd(doc))


def _refuse_remote(doc: etree._ElementTree, entry: SchemaEntry) -> None:
    """Validation is offline: an XSD that pulls parts from a URL is refused, never fetched."""
    locations = doc.xpath(
        "//xs:import/@schemaLocation | //xs:include/@schemaLocation | //xs:redefine/@schemaLocation",
        namespaces=_NS,
    )
    for location in locations if isinstance(locations, list) else []:
        text = str(location)
        if "://" in text:
            raise InputError(
                f"Схема {entry.path.name} ссылается на {text}: загрузка схем из сети не выполняется",
                entry.id,
            )

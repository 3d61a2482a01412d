"""Hardened XML input and FNS-style output, shared by every package that reads XML.

Incoming files come from strangers: no DTD, no entity expansion, no network, a size
limit, and a clear Russian error for anything that is not plain XML. A file with a
DOCTYPE is refused outright: no FNS format uses one, and it is how entity attacks start.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edo_app.errors import XmlInputError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        collect_ids=False,
    )


def parse_bytes(data: bytes, *, name: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """Parse untrusted bytes into a tree, or raise XmlInputError with the reason in Russian."""
    label = name or "документ"
    if len(data) > max_bytes:
        raise XmlInputError(
            f"Файл {label} слишком большой: {len(data)} байт, допускается не более {max_bytes}"
        )
    if not data.strip():
        raise XmlInputError(f"Файл {label} пуст")
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        raise XmlInputError(_syntax_message(label, exc)) from exc
    except (ValueError, LookupError) as exc:  # unknown or inconsistent encoding
        raise XmlInputError(f"Файл {label} не читается как XML: {exc}") from exc
    _refuse_hostile(tree, label)
    return tree


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, etree._ElementTree]:
    """Read a file from disk and parse it; returns the exact bytes and the tree."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise XmlInputError(
                f"Файл {path.name} слишком большой: {size} байт, допускается не более {max_bytes}"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise XmlInputError(f"Не удалось прочитать файл {path}: {exc.strerror or exc}") from exc
    return data, parse_bytes(data, name=path.name, max_bytes=max_bytes)


def _syntax_message(label: str, exc: etree.XMLSyntaxError) -> str:
    line = exc.lineno or 0
    where = f" (строка {line})" if line else ""
    return f"Файл {label} не является корректным XML{where}: {exc.msg}"


def _refuse_hostile(tree: etree._ElementTree, label: str) -> None:
    info = tree.docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.system_url or info.public_id:
        raise XmlInputError(f"Файл {label} содержит DOCTYPE: такие файлы не принимаются из соображений безопасности")
    for _ in tree.iter(etree.Entity):  # an unresolved reference left by resolve_entities=False
        raise XmlInputError(f"Файл {label} содержит ссылки на сущности: такие файлы не принимаются")


def to_bytes(root: etree._Element, encoding: str = "windows-1251") -> bytes:
    """Serialise an FNS file: a double-quoted declaration (as FNS files have it), then the tree."""
    body = etree.tostring(root, encoding=encoding, xml_declaration=False, pretty_print=True)
    assert isinstance(body, bytes)  # an encoding was given, so lxml returns bytes
    return f'<?xml version="1.0" encoding="{encoding}"?>\n'.encode("ascii") + body

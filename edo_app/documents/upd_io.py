"""One entry point for both УПД 5.03 titles: to_xml / from_xml / file_name."""

from __future__ import annotations

from lxml import etree

from edo_app.errors import InputError
from edo_app.xmlio import parse_bytes

from .upd_build import seller_to_xml
from .upd_buyer import BUYER_KND, UpdBuyer, buyer_from_tree, buyer_to_xml
from .upd_model import SELLER_KND, UpdSeller
from .upd_parse import seller_from_tree

UpdDocument = UpdSeller | UpdBuyer


def to_xml(doc: UpdDocument) -> bytes:
    """windows-1251 bytes with the XML declaration; save them as ``file_name(doc)``."""
    if isinstance(doc, UpdBuyer):
        return buyer_to_xml(doc)
    return seller_to_xml(doc)


def from_xml(data: bytes) -> UpdDocument:
    """Either title of УПД 5.03, chosen by Документ/@КНД.

    Parts of the format the model does not hold (bank details, contacts, ДопСвФХЖ1,
    informational fields ...) are skipped; ``dropped_parts(data)`` names them.
    """
    root = parse_bytes(data).getroot()
    body = root.find("Документ")
    knd = body.get("КНД") if body is not None else None
    if knd == SELLER_KND:
        return seller_from_tree(root)
    if knd == BUYER_KND:
        return buyer_from_tree(root)
    raise InputError(f"это не УПД 5.03: КНД «{knd}»", "Файл/Документ/@КНД")


def file_name(doc: UpdDocument) -> str:
    """The exchange file name: @ИдФайл + .xml."""
    return doc.file_name


def dropped_parts(data: bytes) -> list[str]:
    """Element and attribute paths of ``data`` that from_xml does not keep (sorted, no indices).

    Empty for every document this package builds; for foreign files it tells the user what
    a rebuilt copy would lack.
    """
    before = _shape(parse_bytes(data).getroot())
    after = _shape(parse_bytes(to_xml(from_xml(data))).getroot())
    return sorted(before - after)


def _shape(root: etree._Element) -> set[str]:
    found: set[str] = set()
    stack: list[tuple[etree._Element, str]] = [(root, str(root.tag))]
    while stack:
        el, path = stack.pop()
        found.add(path)
        found.update(f"{path}/@{etree.QName(name).localname}" for name in el.attrib)
        for c in el:
            if isinstance(c.tag, str):  # skip comments and processing instructions
                stack.append((c, path + "/" + c.tag))
    return found

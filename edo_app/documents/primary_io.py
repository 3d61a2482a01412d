"""One entry point for акт and ТОРГ-12 5.01, both titles: to_xml / from_xml, chosen by type or КНД."""

from __future__ import annotations

from edo_app.errors import InputError
from edo_app.xmlio import parse_bytes

from .act_model import ACT_KND, ActSeller
from .act_xml import act_from_tree, act_to_xml
from .primary_answer import ANSWER_FORMATS, PrimaryAnswer, answer_from_tree, answer_to_xml
from .torg12_model import TORG12_KND, Torg12Seller
from .torg12_xml import torg12_from_tree, torg12_to_xml
from .upd_io import _shape

PrimaryDocument = ActSeller | Torg12Seller | PrimaryAnswer


def primary_to_xml(doc: PrimaryDocument) -> bytes:
    """windows-1251 bytes with the XML declaration; save them as ``doc.file_name``."""
    if isinstance(doc, ActSeller):
        return act_to_xml(doc)
    if isinstance(doc, Torg12Seller):
        return torg12_to_xml(doc)
    return answer_to_xml(doc)


def primary_from_xml(data: bytes) -> PrimaryDocument:
    """Any title of акт or ТОРГ-12 5.01, by Документ/@КНД; InputError naming the XPath otherwise.

    Parts the model cannot carry in a way that matters (other participants, information fields,
    several sections of works ...) are refused by name; a few optional details (КурсВал,
    ОснДоверОргСост, ИныеСвед of persons) are skipped: ``primary_dropped_parts`` names them.
    """
    root = parse_bytes(data).getroot()
    body = root.find("Документ")
    knd = body.get("КНД", "") if body is not None else ""
    if knd == ACT_KND:
        return act_from_tree(root)
    if knd == TORG12_KND:
        return torg12_from_tree(root)
    if knd in ANSWER_FORMATS:
        return answer_from_tree(root)
    raise InputError(f"это не акт и не ТОРГ-12 5.01: КНД «{knd}»", "Файл/Документ/@КНД")


def primary_dropped_parts(data: bytes) -> list[str]:
    """Element and attribute paths of ``data`` that primary_from_xml does not keep (sorted, no
    indices); empty for every document this package builds."""
    before = _shape(parse_bytes(data).getroot())
    after = _shape(parse_bytes(primary_to_xml(primary_from_xml(data))).getroot())
    return sorted(before - after)

"""ЭТрН titles 02, 05 and 06 (EtrnReply) ↔ XML bytes (windows-1251).

The three titles have one shape — a reference to the title answered, УИД_ТрН, the operation,
the signer — and differ in names (ReplySpelling) and in their own parts: the carrier's remarks
(02, 06), the consignee's acceptance or refusal with the receipt of the cargo (05).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from edo_app.errors import InputError
from edo_app.xmlio import parse_bytes, to_bytes

from .etrn_model import CARRIER_ACCEPT, CARRIER_HANDOVER, CONSIGNEE, REPLY_FORMATS, EtrnReply, Remarks, Unloading
from .etrn_parts_xml import (
    DOC,
    PLACE_TAGS,
    decimal_attr,
    int_attr,
    new_file,
    number,
    opt_decimal,
    read_address,
    read_file,
    read_moment,
    read_ref,
    read_signer,
    read_zoned,
    refuse_extras,
    set_moment,
    set_zoned,
    write_address,
    write_ref,
    write_signer,
)
from .upd_xml import Element, attr, build, child, sub


@dataclass(frozen=True, slots=True)
class ReplySpelling:
    created: tuple[str, str]  # Документ's date and time of forming the file
    ref_tag: str
    ref_names: tuple[str, str, str]
    content: str
    remarks: str  # "" where the title has no carrier's remarks
    remark_names: tuple[tuple[str, str], ...]  # (Remarks field, attribute)


SPELLINGS = {
    CARRIER_ACCEPT.code: ReplySpelling(
        ("ДатИнфПрвПрием", "ВрИнфПрвПрием"), "ИдИнфГО", ("ИдФайлИнфГО", "ДатФайлИнфГО", "ВрФайлИнфГО"),
        "СодИнфПрвПрием", "ЗамПрвПрием",
        (("cargo_state", "ЗамСостГруз"), ("mass", "ЗамМасс"), ("places", "ЗамКолМест"), ("works", "ЗамПогрРаб"))),
    CONSIGNEE.code: ReplySpelling(
        ("ДатИнфГП", "ВрИнфГП"), "ИдИнфПрвПрием", ("ИдФайлИнфПрвПрием", "ДатФайлПрвПрием", "ВрФайлПрвПрием"),
        "СодИнфГП", "", ()),
    CARRIER_HANDOVER.code: ReplySpelling(
        ("ДатИнфПрвВыд", "ВрИнфПрвВыд"), "ИдИнфГП", ("ИдФайлИнфГП", "ДатФайлИнфГП", "ВрФайлИнфГП"),
        "СодПрвВыд", "ЗамПрвВыд", (("cargo_state", "ЗамСостГруз"), ("works", "ЗамРабВыгр"))),
}


def reply_to_xml(doc: EtrnReply) -> bytes:
    spelling = SPELLINGS[doc.step]
    root, body = new_file(doc.file_id, doc.program, doc.format.knd, doc.format.fact)
    set_moment(body, *spelling.created, doc.created)
    if doc.economic_entity:
        body.set("НаимЭконСубСост", doc.economic_entity)
    write_ref(body, spelling.ref_tag, spelling.ref_names, doc.answers)
    content = sub(body, spelling.content, {"УИД_ТрН": doc.uid})
    if doc.step == CONSIGNEE.code:
        _write_consignee(content, doc)
    else:
        content.set("СодОпер", doc.operation)
        if doc.remarks:
            sub(content, spelling.remarks, {tag: getattr(doc.remarks, name) for name, tag in spelling.remark_names})
    write_signer(body, doc.signer)
    return to_bytes(root)


def _write_consignee(content: Element, doc: EtrnReply) -> None:
    if doc.accepted:
        content.set("СодОпПр", doc.operation)
    else:
        content.set("СодОпОтк", doc.operation)
        content.set("ПричОтк", doc.reason)
    receipt = doc.receipt
    if receipt is None:
        return
    el = sub(content, "ПриемГрузГП")
    set_zoned(el, "ФДатВрПриб", "НалКоорТочВрФПр", receipt.arrived)
    set_zoned(el, "ФДатВрУбыт", "НалКоорТочВрФУб", receipt.departed)
    set_zoned(el, "ЗаявДатВрПриб", "НалКоорТочВрЗПр", receipt.planned)
    for name, value in (("КолМестПриемЧ", str(receipt.places)), ("ОбщСвСост", receipt.state),
                        ("МасБрутЗначПрием", number(receipt.gross_kg)), ("МасНетЗначПрием", number(receipt.net_kg))):
        if value is not None:
            el.set(name, value)
    write_address(sub(el, "АдрВыгруз"), receipt.address, PLACE_TAGS)


# --- reading ----------------------------------------------------------------------------------------

def reply_from_xml(data: bytes) -> EtrnReply:
    return reply_from_tree(parse_bytes(data).getroot())


def reply_from_tree(root: Element) -> EtrnReply:
    body = root.find("Документ")
    knd = body.get("КНД", "") if body is not None else ""
    title = next((f for f in REPLY_FORMATS.values() if f.knd == knd), None)
    if title is None:
        raise InputError(f"КНД «{knd}»: ожидается титул 02, 05 или 06 ЭТрН", f"{DOC}/@КНД")
    spelling = SPELLINGS[title.code]
    file_id, program, body = read_file(root, title.knd, title.fact)
    refuse_extras(body, DOC, ("ОснДоверОргСост",))
    path = f"{DOC}/{spelling.content}"
    content = child(body, spelling.content, DOC)
    refuse_extras(content, path, ("ИспрТрН", "ОтметПрвПрием", "ОтметГП", "ОтметПрвВыд", "ИнфПол"))
    own = _read_consignee(content, path) if title.code == CONSIGNEE.code else _read_carrier(content, path, spelling)
    return build(DOC, lambda: EtrnReply(
        step=title.code, file_id=file_id, created=read_moment(body, *spelling.created, DOC),
        answers=read_ref(body, spelling.ref_tag, spelling.ref_names), uid=attr(content, "УИД_ТрН", path),
        signer=read_signer(body), economic_entity=body.get("НаимЭконСубСост", ""), program=program, **own))


def _read_carrier(content: Element, path: str, spelling: ReplySpelling) -> dict[str, Any]:
    el = content.find(spelling.remarks)
    remarks = Remarks()
    if el is not None:
        where = f"{path}/{spelling.remarks}"
        known = {tag for _, tag in spelling.remark_names}
        extra = sorted(set(el.attrib) - known)
        if extra or len(el):
            raise InputError("поддерживаются оговорки о состоянии груза, массе, местах и работах", where)
        remarks = build(where, lambda: Remarks(**{name: el.get(tag, "") for name, tag in spelling.remark_names}))
    return {"operation": attr(content, "СодОпер", path), "remarks": remarks}


def _read_consignee(content: Element, path: str) -> dict[str, Any]:
    refusal = content.get("СодОпОтк")
    accepted = refusal is None
    receipt_el = content.find("ПриемГрузГП")
    return {"accepted": accepted, "reason": content.get("ПричОтк", ""),
            "operation": attr(content, "СодОпПр", path) if accepted else refusal,
            "receipt": _read_receipt(receipt_el, f"{path}/ПриемГрузГП") if receipt_el is not None else None}


def _read_receipt(el: Element, path: str) -> Unloading:
    refuse_extras(el, path, ("СвПринПоНаим", "ИнфПол"))
    for name in ("МетОпрМасс", "Объем"):
        if el.get(name) is not None:
            raise InputError(f"атрибут {name} не поддерживается", f"{path}/@{name}")
    return build(path, lambda: Unloading(
        address=read_address(child(el, "АдрВыгруз", path), f"{path}/АдрВыгруз", PLACE_TAGS),
        planned=read_zoned(el, "ЗаявДатВрПриб", "НалКоорТочВрЗПр", path),
        arrived=read_zoned(el, "ФДатВрПриб", "НалКоорТочВрФПр", path),
        departed=read_zoned(el, "ФДатВрУбыт", "НалКоорТочВрФУб", path),
        places=int_attr(el, "КолМестПриемЧ", path), state=attr(el, "ОбщСвСост", path),
        gross_kg=decimal_attr(el, "МасБрутЗначПрием", path), net_kg=opt_decimal(el, "МасНетЗначПрием", path)))

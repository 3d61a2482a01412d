"""ЭТрН title 03 (EtrnReaddress) ↔ XML bytes (windows-1251); the reader is the writer's exact inverse."""

from __future__ import annotations

from edo_app.errors import InputError
from edo_app.xmlio import parse_bytes, to_bytes

from .etrn_change_xml import REF_NAMES, REF_TAG
from .etrn_parts_xml import (
    DOC,
    PLACE_TAGS,
    new_file,
    read_address,
    read_file,
    read_moment,
    read_party,
    read_ref,
    read_requisite,
    read_signer,
    read_zoned,
    refuse_extras,
    set_moment,
    set_zoned,
    write_address,
    write_party,
    write_ref,
    write_requisite,
    write_signer,
)
from .etrn_readdress import READDRESS, EtrnReaddress
from .primary_types import PlainAddress
from .upd_xml import Element, attr, build, child, sub

CREATED = ("ДатаИнфПА", "ВрИнфПА")
CONTENT = f"{DOC}/СодИнфПА"
PLACE = f"{CONTENT}/НовПунктВыгр"


def readdress_to_xml(doc: EtrnReaddress) -> bytes:
    root, body = new_file(doc.file_id, doc.program, READDRESS.knd, READDRESS.fact)
    set_moment(body, *CREATED, doc.created)
    write_ref(body, REF_TAG, REF_NAMES, doc.answers)
    content = sub(body, "СодИнфПА", {"УИД_ТрН": doc.uid, "СодОпер": doc.operation})
    set_zoned(content, "ДатВрПА", "НалКоорТочВрПА", doc.readdressed)
    content.set("ФормаПА", doc.form)
    content.set("ВидДост", doc.delivery)
    write_requisite(content, "ОснПА", doc.basis)
    if doc.new_consignee is not None:
        write_party(content, "НовГрузПол", doc.new_consignee)
    place = sub(content, "НовПунктВыгр")
    set_zoned(place, "ДатВрНовВыгрПА", "НалКоорТочВрВгрПА", doc.new_unloading)
    write_address(sub(place, "АдрВыгруз"), doc.new_place, PLACE_TAGS)
    write_signer(body, doc.signer)
    return to_bytes(root)


def readdress_from_xml(data: bytes) -> EtrnReaddress:
    return readdress_from_tree(parse_bytes(data).getroot())


def readdress_from_tree(root: Element) -> EtrnReaddress:
    file_id, program, body = read_file(root, READDRESS.knd, READDRESS.fact)
    content = child(body, "СодИнфПА", DOC)
    refuse_extras(content, CONTENT, ("ИспрТрН", "ОтметПА", "ИнфПол"))
    if content.get("ЭПУвПА") is not None:
        raise InputError("подпись уведомления о переадресовке (ЭПУвПА) не поддерживается", f"{CONTENT}/@ЭПУвПА")
    consignee_el = content.find("НовГрузПол")
    place = child(content, "НовПунктВыгр", CONTENT)
    return build(DOC, lambda: EtrnReaddress(
        file_id=file_id, created=read_moment(body, *CREATED, DOC), answers=read_ref(body, REF_TAG, REF_NAMES),
        uid=attr(content, "УИД_ТрН", CONTENT), readdressed=read_zoned(content, "ДатВрПА", "НалКоорТочВрПА", CONTENT),
        basis=read_requisite(child(content, "ОснПА", CONTENT), f"{CONTENT}/ОснПА"),
        new_place=_read_place(place), new_unloading=read_zoned(place, "ДатВрНовВыгрПА", "НалКоорТочВрВгрПА", PLACE),
        signer=read_signer(body), program=program, operation=attr(content, "СодОпер", CONTENT),
        form=attr(content, "ФормаПА", CONTENT), delivery=attr(content, "ВидДост", CONTENT),
        new_consignee=read_party(consignee_el, f"{CONTENT}/НовГрузПол") if consignee_el is not None else None))


def _read_place(place: Element) -> PlainAddress:
    return read_address(child(place, "АдрВыгруз", PLACE), f"{PLACE}/АдрВыгруз", PLACE_TAGS)

"""ЭТрН title 04 (EtrnChange) ↔ XML bytes (windows-1251); the reader is the writer's exact inverse.

Drivers and vehicles are written as in title 1 (СвВодит, ПараметрыТСТип): the shipper's module
holds those writers and readers, reused here under the tags of title 04 (НовВодит, ТС, Прицеп).
"""

from __future__ import annotations

from edo_app.errors import InputError
from edo_app.xmlio import parse_bytes, to_bytes

from .etrn_change import CHANGE, EtrnChange, VehicleChange
from .etrn_parts_xml import (
    DOC,
    new_file,
    read_file,
    read_moment,
    read_ref,
    read_signer,
    read_zoned,
    refuse_extras,
    set_moment,
    set_zoned,
    write_ref,
    write_signer,
)
from .etrn_shipper_xml import _read_driver, _read_vehicle, _write_driver, _write_vehicle
from .etrn_types import Driver
from .upd_xml import Element, attr, build, child, sub

CREATED = ("ДатИнфЗамен", "ВрИнфЗамен")
REF_TAG = "ИдИнфПрвПрием"
REF_NAMES = ("ИдФайлПрвПрием", "ДатФайлПрвПрием", "ВрФайлПрвПрием")
CONTENT = f"{DOC}/СодИнфЗамен"


def change_to_xml(doc: EtrnChange) -> bytes:
    root, body = new_file(doc.file_id, doc.program, CHANGE.knd, CHANGE.fact)
    set_moment(body, *CREATED, doc.created)
    write_ref(body, REF_TAG, REF_NAMES, doc.answers)
    content = sub(body, "СодИнфЗамен", {"УИД_ТрН": doc.uid, "СодОпер": doc.operation})
    set_zoned(content, "ДатВрЗамен", "НалКоорТочВрЗам", doc.changed)
    sub(content, "ПричЗамТекст", text=doc.reason)
    for driver in doc.drivers:
        _write_driver(sub(content, "ЗаменВодит"), driver, "НовВодит")
    for change in doc.vehicles:
        el = sub(content, "ЗаменТС")
        if change.vehicle is not None:
            _write_vehicle(el, "ТС", change.vehicle)
        for trailer in change.trailers:
            _write_vehicle(el, "Прицеп", trailer)
    write_signer(body, doc.signer)
    return to_bytes(root)


def change_from_xml(data: bytes) -> EtrnChange:
    return change_from_tree(parse_bytes(data).getroot())


def change_from_tree(root: Element) -> EtrnChange:
    file_id, program, body = read_file(root, CHANGE.knd, CHANGE.fact)
    content = child(body, "СодИнфЗамен", DOC)
    refuse_extras(content, CONTENT, ("ИспрТрН", "ПричЗамДок", "ОтметЗам", "ИнфПол"))
    reason = child(content, "ПричЗамТекст", CONTENT).text or ""
    drivers = tuple(_read_new_driver(el, f"{CONTENT}/ЗаменВодит[{i + 1}]")
                    for i, el in enumerate(content.findall("ЗаменВодит")))
    vehicles = tuple(_read_vehicle_change(el, f"{CONTENT}/ЗаменТС[{i + 1}]")
                     for i, el in enumerate(content.findall("ЗаменТС")))
    return build(DOC, lambda: EtrnChange(
        file_id=file_id, created=read_moment(body, *CREATED, DOC), answers=read_ref(body, REF_TAG, REF_NAMES),
        uid=attr(content, "УИД_ТрН", CONTENT), changed=read_zoned(content, "ДатВрЗамен", "НалКоорТочВрЗам", CONTENT),
        reason=reason, signer=read_signer(body), drivers=drivers, vehicles=vehicles,
        operation=attr(content, "СодОпер", CONTENT), program=program))


def _read_new_driver(el: Element, path: str) -> Driver:
    refuse_extras(el, path, ("ДокПерГрВод",))
    new = el.find("НовВодит")
    if new is None:
        raise InputError("поддерживается замена водителя со сведениями о новом водителе (НовВодит)", path)
    return _read_driver(new, f"{path}/НовВодит")


def _read_vehicle_change(el: Element, path: str) -> VehicleChange:
    refuse_extras(el, path, ("ДокПерГр", "СпецУслДвиж"))
    tractor = el.find("ТС")
    vehicle = _read_vehicle(tractor, f"{path}/ТС") if tractor is not None else None
    trailers = tuple(_read_vehicle(t, f"{path}/Прицеп[{i + 1}]") for i, t in enumerate(el.findall("Прицеп")))
    return build(path, lambda: VehicleChange(vehicle, trailers))

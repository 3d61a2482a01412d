"""A friendly JSON input for the ЭТрН 5.01 titles 1, 2, 5 and 6 (docs/etrn-input.md).

``etrn_from_json`` reads the whole object, collects every problem with its field path
(``cargo[1].gross_kg``, ``loading.arrived``, ``answers.signature``) and raises one InputErrors
listing them all. Moments of loading and unloading carry their UTC offset
(``2025-03-15T10:00:00+03:00``); ``created`` is local time without one, as in the other formats.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from edo_app.model.fileid import FileId
from edo_app.model.json_input import JsonObject
from edo_app.model.problems import Problems

from .etrn_model import REPLY_FORMATS, SHIPPER, EtrnReply, EtrnShipper, EtrnTitle, Remarks, Unloading
from .etrn_types import CargoItem, DocRequisite, Driver, EtrnParty, EtrnSigner, Loading, TitleRef, Vehicle
from .primary_json import _ADDRESS_KEYS, _member
from .primary_types import PlainAddress
from .upd_json import _person

TITLES = ("1", "2", "5", "6")
_REMARKS = ("cargo_state", "mass", "places", "works")


def etrn_from_json(data: dict[str, Any], *, now: datetime | None = None, guid: str | None = None) -> EtrnTitle:
    """The title named by ``title`` (1 by default); ``now`` / ``guid`` stand in for ``created`` / ``file.guid``."""
    problems = Problems()
    top = JsonObject(data, "", problems)
    title = top.text("title", default="1")
    if title not in TITLES:
        problems.add("title", f"титул «{title}»: допустимы {', '.join(TITLES)}")
        problems.raise_if_any()  # the other fields depend on the title
    step = "0" + title
    created = top.moment("created") or now
    if created is None:
        problems.add("created", "укажите дату и время формирования файла")
    prefix = SHIPPER.prefix if title == "1" else REPLY_FORMATS[step].prefix
    fields: dict[str, Any] = {"file_id": _file_id(top.child("file", required=True), prefix, created, guid),
                              "created": created, "signer": _signer(top.child("signer", required=True))}
    reader: Callable[[JsonObject], dict[str, Any]] = _shipper_fields if title == "1" else _reply_fields
    fields.update(reader(top))
    top.finish()
    problems.raise_if_any()  # the document-level checks need every part sound
    if title == "1":
        doc: EtrnTitle | None = problems.run("", lambda: EtrnShipper(**fields))
    else:
        doc = problems.run("", lambda: EtrnReply(step=step, **fields))
    problems.raise_if_any()
    assert doc is not None
    return doc


def _file_id(obj: JsonObject | None, prefix: str, created: datetime | None, guid: str | None) -> FileId | None:
    if obj is None:
        return None
    sender, recipient = obj.text("sender_id", required=True), obj.text("recipient_id", required=True)
    file_guid = obj.text("guid") or guid
    if not file_guid:
        obj.problems.add(obj.at("guid"), "укажите GUID файла")
    obj.finish()
    if created is None or not file_guid or not sender or not recipient:
        return None
    day = created.date()
    return obj.build(lambda: FileId(prefix, recipient, sender, day, file_guid))


def _signer(obj: JsonObject | None) -> EtrnSigner | None:
    if obj is None:
        return None
    person = _person(obj)
    position, status = obj.text("position"), obj.text("status", default="1")
    obj.finish()
    return obj.build(lambda: EtrnSigner(person, position, status)) if person else None


# --- title 1 --------------------------------------------------------------------------------------

def _shipper_fields(top: JsonObject) -> dict[str, Any]:
    vehicle = top.child("vehicle", required=True)
    return {
        "number": top.text("number", required=True), "doc_date": top.day("date", required=True),
        "order_number": top.text("order_number", required=True), "order_date": top.day("order_date", required=True),
        "shipper": _party(top.child("shipper", required=True)),
        "consignee": _party(top.child("consignee", required=True)),
        "delivery_address": _place(top, "delivery_address"), "carrier": _party(top.child("carrier", required=True)),
        "cargo": tuple(_cargo(obj) for obj in top.children("cargo", required=True)),
        "transport_rules": top.text("transport_rules", required=True), "delivery_due": top.text("delivery_due"),
        "drivers": tuple(_driver(obj) for obj in top.children("drivers", required=True)),
        "vehicle": _vehicle(vehicle) if vehicle else None,
        "trailers": tuple(_vehicle(obj) for obj in top.children("trailers")),
        "loading": _loading(top.child("loading", required=True)),
        "operation": top.text("operation", default=SHIPPER.operation), "economic_entity": top.text("economic_entity"),
        "uid": top.text("uid")}


def _party(obj: JsonObject | None) -> EtrnParty | None:
    if obj is None:
        return None
    phones, email = obj.strings("phones"), obj.text("email")
    member = _member(obj)  # reads the rest of the object and reports unknown keys
    return obj.build(lambda: EtrnParty(member, phones, email)) if member else None


def _place(obj: JsonObject, key: str) -> PlainAddress | None:
    """A place: text, or Russian parts with a postal code (the transport formats require it)."""
    value = obj.raw(key)
    if value in (None, ""):
        obj.problems.add(obj.at(key), "обязательное поле не заполнено")
        return None
    if isinstance(value, str):
        return obj.problems.run(obj.at(key), lambda: PlainAddress(text=value))
    adr = JsonObject(value, obj.at(key), obj.problems)
    parts = {name: adr.text(name) for name in _ADDRESS_KEYS if adr.has(name)}
    adr.finish()
    return adr.build(lambda: PlainAddress(**parts))


def _cargo(obj: JsonObject) -> CargoItem | None:
    parts: dict[str, Any] = {"name": obj.text("name", required=True), "state": obj.text("state", default="Исправное"),
             "packing": obj.text("packing", required=True), "container_kind": obj.text("container_kind", required=True),
             "places": obj.integer("places", required=True), "marks": obj.strings("marks"),
             "gross_kg": obj.decimal("gross_kg", required=True), "net_kg": obj.decimal("net_kg"),
             "volume_m3": obj.decimal("volume_m3"), "commodity_code": obj.text("commodity_code")}
    obj.finish()
    return obj.build(lambda: CargoItem(**parts)) if parts["gross_kg"] is not None else None


def _driver(obj: JsonObject) -> Driver | None:
    person = _person(obj)
    parts: dict[str, Any] = {"phones": obj.strings("phones"), "licence_series": obj.text("licence_series"),
             "licence_number": obj.text("licence_number"), "licence_issued": obj.day("licence_issued"),
             "inn": obj.text("inn")}
    obj.finish()
    return obj.build(lambda: Driver(person, **parts)) if person else None


def _vehicle(obj: JsonObject) -> Vehicle | None:
    right_obj = obj.child("right_of_use")
    right = None
    if right_obj is not None:
        doc = (right_obj.text("name", required=True), right_obj.text("number", required=True),
               right_obj.day("date", required=True), right_obj.text("issuer_inn", required=True))
        right_obj.finish()
        right = right_obj.build(lambda: DocRequisite(*doc)) if doc[2] else None  # type: ignore[arg-type]
    parts: dict[str, Any] = {
        "reg_number": obj.text("reg_number", required=True), "ownership": obj.text("ownership", default="1"),
        "kind": obj.text("kind", required=True), "brand": obj.text("brand", required=True),
        "capacity_t": obj.decimal("capacity_t", required=True), "volume_m3": obj.decimal("volume_m3", required=True)}
    obj.finish()
    return obj.build(lambda: Vehicle(**parts, right_of_use=right))


def _loading(obj: JsonObject | None) -> Loading | None:
    if obj is None:
        return None
    parts: dict[str, Any] = {
        "address": _place(obj, "address"), "planned": obj.moment("planned"), "arrived": obj.moment("arrived"),
        "departed": obj.moment("departed"), "gross_mass": obj.text("gross_mass", required=True),
             "mass_method": obj.text("mass_method", default="01"), "places": obj.integer("places", required=True)}
    if obj.has("access"):
        parts["access"] = obj.text("access")
    obj.finish()
    return obj.build(lambda: Loading(**parts)) if parts["address"] is not None else None


# --- titles 2, 5, 6 ---------------------------------------------------------------------------------

def _reply_fields(top: JsonObject) -> dict[str, Any]:
    answers = top.child("answers", required=True)
    remarks = top.child("remarks")
    receipt = top.child("receipt")
    accepted = top.raw("accepted") is not False
    fields: dict[str, Any] = {"answers": _ref(answers) if answers else None, "uid": top.text("uid", required=True),
              "operation": top.text("operation"), "accepted": accepted, "reason": top.text("reason"),
              "economic_entity": top.text("economic_entity"),
              "receipt": _receipt(receipt) if receipt else None}
    if remarks is not None:
        texts = {key: remarks.text(key) for key in _REMARKS}
        remarks.finish()
        fields["remarks"] = remarks.build(lambda: Remarks(**texts))
    return fields


def _ref(obj: JsonObject) -> TitleRef | None:
    file_id, created, signature = obj.text("file_id", required=True), obj.moment("created"), obj.text(
        "signature", required=True)
    if created is None:
        obj.problems.add(obj.at("created"), "укажите дату и время формирования титула, на который дан ответ")
    obj.finish()
    return obj.build(lambda: TitleRef(file_id, created, signature)) if created else None


def _receipt(obj: JsonObject) -> Unloading | None:
    parts: dict[str, Any] = {
        "address": _place(obj, "address"), "planned": obj.moment("planned"), "arrived": obj.moment("arrived"),
        "departed": obj.moment("departed"), "places": obj.integer("places", required=True),
             "state": obj.text("state", required=True), "gross_kg": obj.decimal("gross_kg", required=True),
             "net_kg": obj.decimal("net_kg")}
    obj.finish()
    return obj.build(lambda: Unloading(**parts)) if parts["address"] is not None else None

"""A friendly JSON input for an МЧД (described in docs/poa-input.md).

``poa_from_json(data)`` reads the whole object, records every problem under its field path
(``representatives[0].snils``) and raises one InputErrors listing them all.
"""

from __future__ import annotations

from typing import Any

from edo_app.model.identifiers import format_snils
from edo_app.model.json_input import JsonObject
from edo_app.model.party import PersonName
from edo_app.model.problems import Problems

from .fields import need_guid
from .model import (
    CHECK_STATUS_URL,
    NO_REDELEGATION,
    REDELEGATE_FURTHER,
    REDELEGATE_ONCE,
    Irrevocable,
    ParentRef,
    Power,
    PowerOfAttorney,
    Powers,
    Redelegation,
)
from .parties import Entrepreneur, IdentityDoc, LegalEntity, Organisation, Person

_RIGHTS = {"none": NO_REDELEGATION, "once": REDELEGATE_ONCE, "further": REDELEGATE_FURTHER}
_TOP_TEXT = ("file_id", "extra_id", "tax_office", "other_info", "knd", "element_flags", "tax_file_id", "oid")
Party = LegalEntity | Organisation | Entrepreneur | Person


def poa_from_json(data: dict[str, Any]) -> PowerOfAttorney:
    """Build the МЧД; raises InputErrors (``.problems``: (path, message) pairs) on bad input."""
    problems = Problems()
    top = JsonObject(data, "", problems)
    number = top.text("number", required=True)
    if number:
        problems.run("number", lambda: need_guid(number, ""))
    parts: dict[str, Any] = {
        "number": number, "internal_number": top.text("internal_number", required=True),
        "issued": top.day("issued", required=True), "valid_to": top.day("valid_to", required=True),
        "system": top.text("system") or CHECK_STATUS_URL + number, "registered": top.day("registered"),
        "tax_offices": top.strings("tax_offices"), "redelegation_right": _right(top)}
    for key in _TOP_TEXT:
        value = top.text(key)
        if value:
            parts[key] = value
    parts["redelegation"] = _redelegation(top.child("redelegation"))
    parts["principals"] = tuple(_party(obj, principal=True) for obj in top.children("principals", required=True))
    parts["representatives"] = tuple(_party(obj, principal=False)
                                     for obj in top.children("representatives", required=True))
    parts["powers"] = _powers(top.child("powers", required=True))
    parts["irrevocable"] = _irrevocable(top.child("irrevocable"))
    top.finish()
    problems.raise_if_any()  # whole-document checks need every part sound
    poa = problems.run("", lambda: PowerOfAttorney(**parts))
    problems.raise_if_any()
    assert poa is not None
    return poa


def _right(top: JsonObject) -> str:
    raw = top.text("redelegation_right", default="none")
    if raw in _RIGHTS:
        return _RIGHTS[raw]
    top.problems.add(top.at("redelegation_right"), f"«{raw}»: допустимые значения none, once, further")
    return NO_REDELEGATION


def _irrevocable(obj: JsonObject | None) -> Irrevocable | None:
    if obj is None:
        return None
    values = (obj.text("redelegation", default="1"), obj.text("revocation", default="1"), obj.text("condition"))
    obj.finish()
    return obj.build(lambda: Irrevocable(*values))


def _powers(obj: JsonObject | None) -> Powers | None:
    if obj is None:
        return None
    codes = []
    for item in obj.children("codes"):
        values = (item.text("code", required=True), item.text("name", required=True), item.text("mnemonic"))
        item.finish()
        codes.append(item.build(lambda v=values: Power(*v)))  # type: ignore[misc]
    text, joint, loss = obj.text("text"), obj.text("joint", default="1"), obj.text("loss_on_redelegation")
    obj.finish()
    if any(code is None for code in codes):
        return None
    return obj.build(lambda: Powers(text, tuple(c for c in codes if c is not None), joint, loss))


def _redelegation(obj: JsonObject | None) -> Redelegation | None:
    if obj is None:
        return None
    original = _parent(obj.child("original", required=True))
    via = _parent(obj.child("via"))
    obj.finish()
    if original is None:
        return None
    return obj.build(lambda: Redelegation(original, via))


def _parent(obj: JsonObject | None) -> ParentRef | None:
    if obj is None:
        return None
    principals = [_party(item, principal=False, parent=True) for item in obj.children("principals")]
    values = (obj.day("issued", required=True), obj.day("valid_to", required=True), obj.text("number"),
              obj.text("internal_number"), tuple(principals), obj.text("sign", default="1"),
              obj.text("form", default="1"))
    obj.finish()
    if values[0] is None or values[1] is None or any(p is None for p in principals):
        return None
    return obj.build(lambda: ParentRef(*values))  # type: ignore[arg-type]


def _party(obj: JsonObject, *, principal: bool, parent: bool = False) -> Party | None:
    """``type``: ul (организация), ip (ИП), fl (физическое лицо)."""
    kind = obj.text("type", required=True)
    party: Party | None
    if kind == "ul":
        party = _legal_entity(obj) if principal else _organisation(obj)
    elif kind == "ip":
        party = _entrepreneur(obj)
    elif kind == "fl":
        party = _person(obj, with_position=not principal and not parent)
    else:
        if kind:
            obj.problems.add(obj.at("type"), f"«{kind}»: допустимые значения ul, ip, fl")
        return None
    obj.finish()
    return party


def _organisation(obj: JsonObject) -> Organisation | None:
    values = (obj.text("name", required=True), obj.text("inn", required=True), obj.text("kpp", required=True),
              obj.text("ogrn"))
    return obj.build(lambda: Organisation(*values))


def _legal_entity(obj: JsonObject) -> LegalEntity | None:
    org = _organisation(obj)
    heads = []
    for item in obj.children("heads", required=True):
        heads.append(_person(item, with_position=True))
        item.finish()
    authority = obj.text("head_authority", default="1")
    if org is None or any(head is None for head in heads):
        return None
    return obj.build(lambda: LegalEntity(org, tuple(h for h in heads if h is not None), authority))


def _entrepreneur(obj: JsonObject) -> Entrepreneur | None:
    person = _person(obj, with_position=False)
    ogrnip, title = obj.text("ogrnip", required=True), obj.text("title")
    if person is None:
        return None
    return obj.build(lambda: Entrepreneur(person, ogrnip, title))


def _person(obj: JsonObject, *, with_position: bool) -> Person | None:
    name = (obj.text("last", required=True), obj.text("first", required=True), obj.text("middle"))
    snils = obj.text("snils")
    if len(snils) == 11 and snils.isdigit():  # plain digits are welcome; the format wants 123-456-789 01
        snils = format_snils(snils)
    inn, birth = obj.text("inn"), obj.day("birth_date")
    position = obj.text("position") if with_position else ""
    doc = _identity_doc(obj.child("id_doc"))
    if not name[0] or not name[1]:
        return None  # already reported as a missing field
    return obj.build(lambda: Person(PersonName(*name), inn, snils, position, birth, doc))


def _identity_doc(obj: JsonObject | None) -> IdentityDoc | None:
    if obj is None:
        return None
    values = (obj.text("kind", default="21"), obj.text("series_number", required=True),
              obj.day("issued", required=True), obj.text("issuer"), obj.text("issuer_code"))
    obj.finish()
    if values[2] is None:
        return None
    return obj.build(lambda: IdentityDoc(*values))  # type: ignore[arg-type]

"""A friendly JSON input for the УПД 5.03 seller title (described in docs/upd-input.md).

``upd_from_json(data)`` reads the whole object, collects every problem with its field path
(``lines[2].price``, ``seller.inn``) and raises one InputErrors listing them all; on
success it returns an UpdSeller whose amounts and totals are computed from the lines.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from edo_app.model.fileid import SUFFIX_503
from edo_app.model.json_input import JsonObject, build_document, read_address, read_file_id
from edo_app.model.party import Party, PersonName
from edo_app.model.problems import Problems
from edo_app.model.vat import VatRate

from .upd_model import SELLER_PREFIX, Correction, Customs, GoodsLine, Transfer, UpdSeller, make_line
from .upd_types import SAME_AS_SELLER, Address, DocRef, Employee, ForeignParty, Participant, PoaRef, Signer

_ADDRESS_KEYS = ("text", "country_code", "country_name", "region_code", "region_name", "postal_code", "district",
                 "city", "locality", "street", "house", "building", "flat")


def upd_from_json(data: dict[str, Any], *, now: datetime | None = None, guid: str | None = None) -> UpdSeller:
    """Build the seller title from the JSON object; raises InputErrors with every problem.

    ``created`` and ``file.guid`` may be left out of the JSON and passed here instead (the
    caller owns clocks and id generation, so the function stays deterministic).
    """
    problems = Problems()
    top = JsonObject(data, "", problems)
    parts: dict[str, Any] = {
        "function": top.text("function", required=True), "number": top.text("number", required=True),
        "doc_date": top.day("date", required=True), "created": top.moment("created") or now}
    if parts["created"] is None:
        problems.add("created", "укажите дату и время формирования файла")
    seller = _participant(top.child("seller", required=True))
    buyer = _participant(top.child("buyer", required=True))
    parts["file_id"] = read_file_id(top.child("file", required=True), SELLER_PREFIX, parts["created"], guid,
                                    suffix=SUFFIX_503)
    parts["sellers"], parts["buyers"] = _tuple(seller), _tuple(buyer)
    parts["lines"] = tuple(_line(obj, i + 1) for i, obj in enumerate(top.children("lines")))
    parts.update(_optional_parts(top, buyer))
    parts["signers"] = tuple(_signer(obj) for obj in top.children("signers", required=True))
    top.finish()
    return build_document(problems, lambda: UpdSeller(**parts))


def _optional_parts(top: JsonObject, buyer: Participant | None) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    correction = top.child("correction")
    if correction is not None:
        number, day = correction.integer("number", required=True), correction.day("date", required=True)
        correction.finish()
        fields["correction"] = correction.build(lambda: Correction(number, cast(date, day)))
    shipper = top.raw("shipper")
    if shipper == SAME_AS_SELLER:
        fields["shipper_is_seller"] = True
    elif shipper is not None:
        fields["shippers"] = _tuple(_participant(top.child("shipper")))
    consignee = top.raw("consignee")
    if consignee == "buyer":
        fields["consignees"] = _tuple(buyer)
    elif consignee is not None:
        fields["consignees"] = _tuple(_participant(top.child("consignee")))
    fields["shipment_docs"] = tuple(_docref(o) for o in top.children("shipment_documents"))
    currency = top.child("currency")
    if currency is not None:
        fields["currency_code"] = currency.text("code", required=True)
        fields["currency_name"] = currency.text("name", required=True)
        currency.finish()
    transfer = top.child("transfer")
    if transfer is not None:
        fields["transfer"] = _transfer(transfer)
    for key, name in (("doc_name", "doc_name"), ("economic_entity", "economic_entity"), ("uid", "uid")):
        if top.has(key):
            fields[name] = top.text(key)
    return fields


def _tuple(item: Any) -> tuple[Any, ...]:
    return (item,) if item is not None else ()


def _participant(obj: JsonObject | None) -> Participant | None:
    if obj is None:
        return None
    address = _address(obj)
    if obj.raw("foreign"):
        party: Party | ForeignParty | None = obj.build(lambda: ForeignParty(
            obj.text("name", required=True), obj.text("country_code", required=True),
            obj.text("country_name", required=True), obj.raw("is_person") is True, obj.text("identifier"),
            obj.text("other")))
    else:
        party = _russian_party(obj)
    okpo, department = obj.text("okpo"), obj.text("department")
    obj.finish()
    if party is None:
        return None
    return obj.build(lambda: Participant(party, address, okpo, department))


def _russian_party(obj: JsonObject) -> Party | None:
    inn = obj.text("inn", required=True)
    if len(inn) != 12 and not obj.has("last_name"):
        name, kpp = obj.text("name", required=True), obj.text("kpp", required=True)
        return obj.build(lambda: Party(name, inn, kpp)) if inn and name and kpp else None
    person = _person(obj)
    ogrnip = obj.text("ogrnip")
    if person is None or not inn:
        return None
    return obj.build(lambda: Party(person.full, inn, ogrn=ogrnip, person=person))


def _person(obj: JsonObject) -> PersonName | None:
    last = obj.text("last_name", required=True)
    first = obj.text("first_name", required=True)
    middle = obj.text("middle_name")
    return obj.build(lambda: PersonName(last, first, middle)) if last and first else None


def _address(obj: JsonObject) -> Address | None:
    return read_address(obj, Address, _ADDRESS_KEYS)


def _docref(obj: JsonObject) -> DocRef | None:
    name, number = obj.text("name", required=True), obj.text("number", required=True)
    day, file_id = obj.day("date", required=True), obj.text("file_id")
    obj.finish()
    return obj.build(lambda: DocRef(name, number, cast(date, day), file_id))


def _line(obj: JsonObject, number: int) -> GoodsLine | None:
    name = obj.text("name", required=True)
    quantity, price = obj.decimal("quantity", required=True), obj.decimal("price", required=True)
    rate_text = obj.text("vat_rate", required=True)
    rate = obj.build(lambda: VatRate.parse(rate_text)) if rate_text else None  # its error names vat_rate
    # no key → штуки (796); an explicit "" or null → a line without a unit (services)
    unit_code = obj.text("unit_code") if "unit_code" in obj.data else "796"
    unit_name = obj.text("unit_name", default="шт" if unit_code == "796" else "")
    extra: dict[str, Any] = {"kind": obj.text("kind"), "code": obj.text("code"), "article": obj.text("article"),
                             "gtin": obj.text("gtin"), "markings": obj.strings("markings"),
                             "excise": obj.decimal("excise"), "customs": _customs(obj)}
    expected = {key: obj.decimal(key) for key in ("amount_without_vat", "vat_amount", "amount_with_vat")}
    obj.finish()
    if quantity is None or price is None or rate is None:
        return None
    line: GoodsLine | None = obj.build(lambda: make_line(number, name, quantity, price, rate, okei=unit_code,
                                                         unit_name=unit_name, **extra))
    if line is not None:
        _compare_amounts(obj, line, expected)
    return line


def _customs(obj: JsonObject) -> tuple[Customs, ...]:
    code, short, declaration = obj.text("country_code"), obj.text("country_name"), obj.text("customs_declaration")
    if not (code or declaration):
        return ()
    item = obj.problems.run(obj.path, lambda: Customs(code, short, declaration))
    return (item,) if item else ()


def _compare_amounts(obj: JsonObject, line: GoodsLine, expected: dict[str, Decimal | None]) -> None:
    """Amounts in the input are optional; when given they must match the computed ones."""
    for key, value in expected.items():
        actual = getattr(line, key)
        if value is not None and actual != value:
            obj.problems.add(obj.at(key), f"указано {value}, а по количеству, цене и ставке получается {actual}")


def _transfer(obj: JsonObject) -> Transfer | None:
    handed = obj.child("handed_by")
    employee = _employee(handed) if handed else None
    basis = cast(tuple[DocRef, ...], tuple(_docref(o) for o in obj.children("basis")))
    result = obj.build(lambda: Transfer(
        operation=obj.text("operation", default="Товары переданы"), transfer_date=obj.day("date"),
        period_start=obj.day("period_start"), period_end=obj.day("period_end"), kind=obj.text("kind"),
        basis=basis, handed_by=employee, transport=obj.text("transport")))
    obj.finish()
    return result


def _employee(obj: JsonObject) -> Employee | None:
    person = _person(obj)
    position = obj.text("position", required=True)
    obj.finish()
    return obj.build(lambda: Employee(person, position)) if person else None


def _signer(obj: JsonObject) -> Signer | None:
    person = _person(obj)
    authority = obj.integer("authority", default=1)
    poa_obj = obj.child("poa")
    poa: tuple[PoaRef, ...] = ()
    if poa_obj is not None:
        number, issued, system = (poa_obj.text("number", required=True), poa_obj.day("issued", required=True),
                                  poa_obj.text("system_id", required=True))
        poa_obj.finish()
        made = poa_obj.build(lambda: PoaRef(number, cast(date, issued), system))
        if made is None:
            person = None  # the signer's own check would only repeat the МЧД problem
        poa = _tuple(made)
    position = obj.text("position")
    obj.finish()
    if person is None:
        return None
    return obj.build(lambda: Signer(person, position, authority, poa=poa))


"""A friendly JSON input for the seller titles of акт and ТОРГ-12 5.01 (docs/act-torg12-input.md).

``act_from_json`` / ``torg12_from_json`` read the whole object, collect every problem with
its field path (``works[1].price``, ``seller.inn``) and raise one InputErrors listing them
all. Amounts and totals are computed from quantity × price; amounts given in the input must
match. A signer's ИНН, kind and organisation come from the party that signs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, cast

from edo_app.model.json_input import JsonObject, build_document, read_address, read_file_id
from edo_app.model.party import Party, PersonName
from edo_app.model.problems import Problems
from edo_app.model.vat import VatRate

from .act_model import ACT_DOC_NAME, ACT_OPERATION, ACT_PREFIX, ACT_RATES, ActSeller
from .primary_types import Basis, Handler, Member, PlainAddress, PrimarySigner, SellerHead, ValueLine, make_value_line
from .torg12_model import TORG12_DOC_NAME, TORG12_OPERATION, TORG12_PREFIX, TORG12_RATES, Torg12Seller
from .upd_json import _person
from .upd_model import Correction

_ADDRESS_KEYS = ("text", "country_code", "region_code", "postal_code", "district", "city", "locality", "street",
                 "house", "building", "flat")
_AMOUNT_KEYS = ("amount_without_vat", "vat_amount", "amount_with_vat")


def act_from_json(data: dict[str, Any], *, now: datetime | None = None, guid: str | None = None) -> ActSeller:
    """The executor's title of an акт; ``now`` / ``guid`` stand in for ``created`` / ``file.guid``."""
    def parts(top: JsonObject, head: SellerHead | None, executor: Member | None) -> dict[str, Any]:
        period = top.child("period")
        start, end = (period.day("start"), period.day("end")) if period else (None, None)
        if period:
            period.finish()
        return {"head": head, "executor": executor, "customer": _member(top.child("customer", required=True)),
                "works": _lines(top, "works", default_unit="", rates=ACT_RATES), "work_start": start, "work_end": end,
                "transfer_date": top.day("transfer_date"),
                "operation": top.text("operation", default=ACT_OPERATION), "heading": top.text("heading")}
    return cast(ActSeller, _read(data, ("executor", ACT_PREFIX, ACT_DOC_NAME), parts, ActSeller, now=now, guid=guid))


def torg12_from_json(data: dict[str, Any], *, now: datetime | None = None, guid: str | None = None) -> Torg12Seller:
    """The seller's title of ТОРГ-12; ``shipper`` may be "seller", ``consignee`` "buyer"."""
    def parts(top: JsonObject, head: SellerHead | None, seller: Member | None) -> dict[str, Any]:
        buyer = _member(top.child("buyer", required=True))
        handed = top.child("handed_by")
        return {"head": head, "seller": seller, "buyer": buyer,
                "lines": _lines(top, "lines", default_unit="796", rates=TORG12_RATES),
                "shipper": _same_or_member(top, "shipper", "seller", seller),
                "consignee": _same_or_member(top, "consignee", "buyer", buyer), "shipped_on": top.day("shipped_on"),
                "operation": top.text("operation", default=TORG12_OPERATION),
                "handed_by": _handler(handed) if handed else None}
    return cast(Torg12Seller, _read(data, ("seller", TORG12_PREFIX, TORG12_DOC_NAME), parts, Torg12Seller,
                                     now=now, guid=guid))


PartsReader = Callable[[JsonObject, SellerHead | None, Member | None], dict[str, Any]]


def _read(data: dict[str, Any], kind: tuple[str, str, str], parts: PartsReader, make: Callable[..., Any], *,
          now: datetime | None, guid: str | None) -> Any:
    """The frame both titles share: the signing party first, the head, the rest, then the document."""
    party_key, prefix, doc_name = kind
    problems = Problems()
    top = JsonObject(data, "", problems)
    signing = _member(top.child(party_key, required=True))
    head = _head(top, prefix, doc_name, signing, now=now, guid=guid)
    fields = parts(top, head, signing)
    top.finish()
    return build_document(problems, lambda: make(**fields))


def _head(top: JsonObject, prefix: str, doc_name: str, signing: Member | None, *, now: datetime | None,
          guid: str | None) -> SellerHead | None:
    created = top.moment("created") or now
    if created is None:
        top.problems.add("created", "укажите дату и время формирования файла")
    fields: dict[str, Any] = {
        "file_id": read_file_id(top.child("file", required=True), prefix, created, guid), "created": created,
        "number": top.text("number", required=True), "doc_date": top.day("date", required=True),
        "doc_name": top.text("doc_name", default=doc_name),
        "economic_entity": top.text("economic_entity", default=signing.name if signing else ""),
        "signers": tuple(_signer(obj, signing) for obj in top.children("signers", required=True)),
        "operation_kind": top.text("operation_kind")}
    bases = tuple(_basis(obj) for obj in top.children("bases"))
    if bases:
        fields["bases"] = bases
    fields.update(_currency_and_correction(top))
    if any(value is None for value in fields.values()) or None in fields["signers"] or None in bases:
        return None
    return top.build(lambda: SellerHead(**fields))


def _currency_and_correction(top: JsonObject) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    currency = top.child("currency")
    if currency is not None:
        fields["currency_code"] = currency.text("code", required=True)
        fields["currency_name"] = currency.text("name", required=True)
        currency.finish()
    correction = top.child("correction")
    if correction is not None:
        number, day = correction.integer("number", required=True), correction.day("date", required=True)
        correction.finish()
        fields["correction"] = correction.build(lambda: Correction(number, cast(date, day)))
    return fields


def _member(obj: JsonObject | None) -> Member | None:
    if obj is None:
        return None
    address = _address(obj)
    inn = obj.text("inn", required=True)
    entrepreneur = obj.raw("entrepreneur") is True
    party: Party | None = None
    if len(inn) != 12 and not obj.has("last_name"):
        name, kpp = obj.text("name", required=True), obj.text("kpp", required=True)
        party = obj.build(lambda: Party(name, inn, kpp)) if inn and name and kpp else None
    else:
        person = _person(obj)
        party = obj.build(lambda: Party(person.full, inn, person=person)) if person and inn else None
    okpo, department = obj.text("okpo"), obj.text("department")
    obj.finish()
    if party is None:
        return None
    return obj.build(lambda: Member(party, address, okpo, department, entrepreneur))


def _same_or_member(top: JsonObject, key: str, same: str, member: Member | None) -> Member | None:
    value = top.raw(key)
    if value == same:
        return member
    return _member(top.child(key)) if value is not None else None


def _address(obj: JsonObject) -> PlainAddress | None:
    return read_address(obj, PlainAddress, _ADDRESS_KEYS)


def _basis(obj: JsonObject) -> Basis | None:
    name, number, day, extra = obj.text("name", required=True), obj.text("number"), obj.day("date"), obj.text("extra")
    obj.finish()
    return obj.build(lambda: Basis(name, number, day, extra))


def _signer(obj: JsonObject, signing: Member | None) -> PrimarySigner | None:
    """The person signs for the party that issues the title: its ИНН and name go into Подписант."""
    person = _person(obj)
    position, basis = obj.text("position"), obj.text("basis", default="Должностные обязанности")
    scope, status = obj.text("scope", default="1"), obj.text("status", default="")
    obj.finish()
    if person is None or signing is None:
        return None
    party = signing.party
    if party.is_organisation:
        return obj.build(lambda: PrimarySigner(person, party.inn, "ЮЛ", party.name, position, scope, status or "1",
                                               basis))
    kind = "ИП" if signing.entrepreneur else "ФЛ"
    return obj.build(lambda: PrimarySigner(person, party.inn, kind, scope=scope, status=status or "4", basis=basis))


def _handler(obj: JsonObject) -> Handler | None:
    person: PersonName | None = _person(obj)
    position, basis = obj.text("position", required=True), obj.text("basis")
    obj.finish()
    return obj.build(lambda: Handler(person, position, basis)) if person else None


def _lines(top: JsonObject, key: str, *, default_unit: str, rates: tuple[VatRate, ...]) -> tuple[ValueLine | None, ...]:
    return tuple(_line(obj, i + 1, default_unit, rates) for i, obj in enumerate(top.children(key, required=True)))


def _line(obj: JsonObject, number: int, default_unit: str, rates: tuple[VatRate, ...]) -> ValueLine | None:
    name = obj.text("name", required=True)
    quantity, price = obj.decimal("quantity", required=True), obj.decimal("price", required=True)
    if quantity is not None and quantity <= 0:
        obj.problems.add(obj.at("quantity"), "количество должно быть больше нуля")
        quantity = None
    if price is not None and price < 0:
        obj.problems.add(obj.at("price"), "цена не может быть отрицательной")
        price = None
    rate_text = obj.text("vat_rate", required=True)
    rate = obj.build(lambda: VatRate.parse(rate_text)) if rate_text else None
    if rate is not None and rate not in rates:
        obj.problems.add(obj.at("vat_rate"), f"ставка «{rate.value}» не предусмотрена форматом 5.01; допустимы: "
                         + ", ".join(r.value for r in rates))
        rate = None
    unit_code = obj.text("unit_code") if "unit_code" in obj.data else default_unit
    unit_name = obj.text("unit_name", default="шт" if unit_code == "796" else "")
    extra = {key: obj.text(key) for key in ("article", "code", "description") if obj.has(key)}
    expected = {key: obj.decimal(key) for key in _AMOUNT_KEYS}
    obj.finish()
    if quantity is None or price is None or rate is None:
        return None
    line = obj.build(lambda: make_value_line(number, name, quantity, price, rate, okei=unit_code,
                                             unit_name=unit_name, **extra))
    for key, value in expected.items():
        actual = getattr(line, key) if line else None
        if line is not None and value is not None and actual != value:
            obj.problems.add(obj.at(key), f"указано {value}, а по количеству, цене и ставке получается {actual}")
    return line


"""A friendly JSON input for the УКД 5.01 seller title (described in docs/ukd-input.md).

``ukd_from_json(data)`` reads the whole object, collects every problem with its field path
(``lines[1].after.price``, ``invoices[0].date``) and raises one InputErrors listing them all.
Parties are read exactly like the УПД input (upd_json); each line gives its «before» and «after»
quantity, price and rate, and every amount is computed from them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from edo_app.model.json_input import JsonObject, build_document, read_file_id
from edo_app.model.party import Party
from edo_app.model.problems import Problems
from edo_app.model.vat import VatRate

from .ukd_model import (
    UKD_PREFIX,
    WITH_AGREEMENT,
    Agreement,
    BasisDoc,
    CorrectedInvoice,
    LineState,
    UkdLine,
    UkdSeller,
    UkdSigner,
    make_state,
)
from .upd_json import _participant, _person
from .upd_types import Participant


def ukd_from_json(data: dict[str, Any], *, now: datetime | None = None, guid: str | None = None) -> UkdSeller:
    """Build the УКД seller title from the JSON object; raises InputErrors with every problem."""
    problems = Problems()
    top = JsonObject(data, "", problems)
    parts: dict[str, Any] = {
        "function": top.text("function", default="КСЧФДИС"), "number": top.text("number", required=True),
        "doc_date": top.day("date", required=True), "created": top.moment("created") or now}
    if parts["created"] is None:
        problems.add("created", "укажите дату и время формирования файла")
    parts["seller"] = _participant(top.child("seller", required=True))
    parts["buyer"] = _participant(top.child("buyer", required=True))
    parts["file_id"] = read_file_id(top.child("file", required=True), UKD_PREFIX, parts["created"], guid)
    parts["invoices"] = tuple(_invoice(o) for o in top.children("invoices", required=True))
    parts["lines"] = tuple(_line(o, i + 1) for i, o in enumerate(top.children("lines", required=True)))
    agreement = top.child("agreement")
    if agreement is not None:
        parts["agreement"] = _agreement(agreement, parts["invoices"])
    elif parts["function"] in WITH_AGREEMENT:
        problems.add("agreement", f"для функции {parts['function']} укажите основание корректировки")
    parts["signers"] = tuple(_signer(o, parts["seller"]) for o in top.children("signers", required=True))
    if top.has("currency_code"):
        parts["currency_code"] = top.text("currency_code")
    top.finish()
    return build_document(problems, lambda: UkdSeller(**parts))


def _invoice(obj: JsonObject) -> CorrectedInvoice | None:
    number, day = obj.text("number", required=True), obj.day("date", required=True)
    obj.finish()
    return obj.build(lambda: CorrectedInvoice(number, day)) if number and day else None


def _state(obj: JsonObject | None, unit_code: str, unit_name: str) -> LineState | None:
    if obj is None:
        return None
    quantity, price = obj.decimal("quantity", required=True), obj.decimal("price", required=True)
    rate_text = obj.text("vat_rate", required=True)
    rate = obj.build(lambda: VatRate.parse(rate_text)) if rate_text else None
    obj.finish()
    if quantity is None or price is None or rate is None:
        return None
    return obj.build(lambda: make_state(quantity, price, rate, okei=unit_code, unit_name=unit_name))


def _line(obj: JsonObject, number: int) -> UkdLine | None:
    name = obj.text("name", required=True)
    unit_code = obj.text("unit_code") if "unit_code" in obj.data else "796"
    unit_name = obj.text("unit_name", default="шт" if unit_code == "796" else "")
    before = _state(obj.child("before", required=True), unit_code, unit_name)
    after = _state(obj.child("after", required=True), unit_code, unit_name)
    original = obj.integer("original_line") if obj.has("original_line") else None
    code, article = obj.text("code"), obj.text("article")
    obj.finish()
    if before is None or after is None:
        return None
    return obj.build(lambda: UkdLine(number, name, before, after, original, code, article))


def _basis(obj: JsonObject) -> BasisDoc | None:
    name, number, day = obj.text("name", required=True), obj.text("number"), obj.day("date")
    obj.finish()
    return obj.build(lambda: BasisDoc(name, number, day)) if name else None


def _agreement(obj: JsonObject, invoices: tuple[CorrectedInvoice | None, ...]) -> Agreement | None:
    basis = tuple(b for b in (_basis(o) for o in obj.children("basis", required=True)) if b is not None)
    transfer = tuple(b for b in (_basis(o) for o in obj.children("transfer_documents")) if b is not None)
    if not transfer:  # by default the correction relates to the corrected documents themselves
        transfer = tuple(BasisDoc("Универсальный передаточный документ", i.number, i.date) for i in invoices if i)
    operation = obj.text("operation", default="Изменение стоимости товаров и услуг")
    obj.finish()
    return obj.build(lambda: Agreement(transfer, basis, operation))


def _signer(obj: JsonObject, seller: Participant | None) -> UkdSigner | None:
    person = _person(obj)
    position = obj.text("position")
    party = seller.party if seller is not None else None
    inn = obj.text("inn") or (party.inn if isinstance(party, Party) else "")
    obj.finish()
    if person is None or not inn:
        return None
    org_name = party.name if isinstance(party, Party) and party.inn == inn and len(inn) == 10 else ""
    registration = party.ogrn if isinstance(party, Party) and party.inn == inn and len(inn) == 12 else ""
    return obj.build(lambda: UkdSigner(person, inn, position, org_name, registration=registration))

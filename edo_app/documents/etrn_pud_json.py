"""A friendly JSON input for the ЭТрН 5.01 titles 7 and 8 (docs/etrn-input.md, «Титулы 7 и 8»).

Like etrn_from_json: one pass, every problem with its field path (``cost.vat``,
``payer.basis.date``), one InputErrors listing them all. The cost may give only ``without_vat``
and ``rate``: the tax and the total are then computed as in the УПД (cost_at).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from edo_app.model.json_input import JsonObject
from edo_app.model.problems import Problems
from edo_app.model.vat import VatRate

from .etrn_json import _file_id, _ref, _signer
from .etrn_pud import (
    PUD_CARRIER,
    PUD_FORMATS,
    RUBLE,
    BankAccount,
    CarriageCost,
    EtrnPud,
    EtrnPudCarrier,
    EtrnPudShipper,
    PartyExtras,
    ThirdPartyPayer,
    cost_at,
)
from .etrn_types import DocRequisite

PUD_TITLES = ("7", "8")
_EXTRAS = ("okpo", "division", "note", "short_name")


def is_pud_json(data: object) -> bool:
    """Whether a JSON object asks for title 7 or 8 (the other titles go to etrn_from_json)."""
    return isinstance(data, dict) and str(data.get("title", "")) in PUD_TITLES


def pud_from_json(data: dict[str, Any], *, now: datetime | None = None, guid: str | None = None) -> EtrnPud:
    """Title 7 or 8 named by ``title``; ``now`` / ``guid`` stand in for ``created`` / ``file.guid``."""
    problems = Problems()
    top = JsonObject(data, "", problems)
    title = top.text("title", required=True)
    if title not in PUD_TITLES:
        problems.add("title", f"титул «{title}»: допустимы {', '.join(PUD_TITLES)}")
        problems.raise_if_any()
    fmt = PUD_FORMATS["0" + title]
    created = top.moment("created") or now
    if created is None:
        problems.add("created", "укажите дату и время формирования файла")
    answers = top.child("answers", required=True)
    extras = top.child("extras")
    fields: dict[str, Any] = {
        "file_id": _file_id(top.child("file", required=True), fmt.prefix, created, guid), "created": created,
        "signer": _signer(top.child("signer", required=True)), "answers": _ref(answers) if answers else None,
        "uid": top.text("uid", required=True), "economic_entity": top.text("economic_entity", required=True),
        "operation": top.text("operation", default=fmt.operation),
        "extras": _extras(extras) if extras else PartyExtras()}
    if fmt is PUD_CARRIER:
        fields["cost"] = _cost(top.child("cost", required=True))
    else:
        payer = top.child("payer")
        fields["payer"] = _payer(payer) if payer else None
    top.finish()
    problems.raise_if_any()
    make = EtrnPudCarrier if fmt is PUD_CARRIER else EtrnPudShipper
    doc: EtrnPud | None = problems.run("", lambda: make(**fields))
    problems.raise_if_any()
    assert doc is not None
    return doc


def _cost(obj: JsonObject | None) -> CarriageCost | None:
    if obj is None:
        return None
    rate_text = obj.text("rate")
    rate = obj.problems.run(obj.at("rate"), lambda: VatRate.parse(rate_text)) if rate_text else None
    parts: dict[str, Any] = {"without_vat": obj.decimal("without_vat", required=True), "vat": obj.decimal("vat"),
                             "with_vat": obj.decimal("with_vat"), "currency": obj.text("currency", default=RUBLE),
                             "currency_name": obj.text("currency_name"), "calculation": obj.text("calculation")}
    computed = not obj.has("vat") and not obj.has("with_vat") and rate is not None
    obj.finish()
    without = parts.pop("without_vat")
    if without is None:
        return None
    if computed:  # only the base and the rate: the tax and the total as the УПД computes them
        assert rate is not None
        named = {key: parts[key] for key in ("calculation", "currency", "currency_name")}
        return obj.build(lambda: cost_at(without, rate, **named))
    return obj.build(lambda: CarriageCost(without, rate=rate, **parts))


def _extras(obj: JsonObject) -> PartyExtras | None:
    account_obj = obj.child("account")
    account = None
    if account_obj is not None:
        parts = (account_obj.text("number", required=True), account_obj.text("bank_name"), account_obj.text("bik"),
                 account_obj.text("corr_account"))
        account_obj.finish()
        account = account_obj.build(lambda: BankAccount(*parts))
    texts = {key: obj.text(key) for key in _EXTRAS}
    obj.finish()
    return obj.build(lambda: PartyExtras(account, **texts))


def _payer(obj: JsonObject) -> ThirdPartyPayer | None:
    name = obj.text("name", required=True)
    basis_obj = obj.child("basis", required=True)
    basis = None
    if basis_obj is not None:
        doc = (basis_obj.text("name", required=True), basis_obj.text("number", required=True),
               basis_obj.day("date", required=True), basis_obj.text("issuer_inn", required=True))
        basis_obj.finish()
        basis = basis_obj.build(lambda: DocRequisite(*doc)) if doc[2] else None  # type: ignore[arg-type]
    obj.finish()
    if basis is None:
        return None
    found = basis
    return obj.build(lambda: ThirdPartyPayer(name, found))

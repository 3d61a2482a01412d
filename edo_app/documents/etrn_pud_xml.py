"""ЭТрН titles 07 and 08 (EtrnPudCarrier, EtrnPudShipper) ↔ XML bytes (windows-1251).

Each writer has a reader that is its exact inverse; the readers name the XPath of anything
missing and refuse what the model does not hold (ОснДовОргСост, ИспрПУД, ИнфПолФХЖ…).
"""

from __future__ import annotations

from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.money import format_amount, to_decimal
from edo_app.model.vat import VatRate
from edo_app.xmlio import parse_bytes, to_bytes

from .etrn_parts_xml import (
    DOC,
    new_file,
    read_file,
    read_moment,
    read_ref,
    read_requisite,
    read_signer,
    refuse_extras,
    set_moment,
    write_ref,
    write_requisite,
    write_signer,
)
from .etrn_pud import (
    PUD_CARRIER,
    PUD_SHIPPER,
    BankAccount,
    CarriageCost,
    EtrnPud,
    EtrnPudCarrier,
    EtrnPudShipper,
    PartyExtras,
    ThirdPartyPayer,
)
from .upd_xml import Element, attr, build, child, sub

CARRIER_MOMENT = ("ДатПУДИнфПрв", "ВрПУДИнфПрв")
SHIPPER_MOMENT = ("ДатПУДИнфГО", "ВрПУДИнфГО")
REF_06 = ("ИдИнфПрвВыд", ("ИдФайлПрвВыд", "ДатФайлПрвВыд", "ВрФайлПрвВыд"))
REF_07 = ("ИдПУДИнфПрв", ("ИдФайлПУДИнфПрв", "ДатФайлПУДИнфПрв", "ВрФайлПУДИнфПрв"))
NO_VAT = "без НДС"
_EXTRA_ATTRS = (("okpo", "ОКПО"), ("division", "СтруктПодр"), ("note", "ИнфДляУчаст"), ("short_name", "КраткНазв"))


def pud_to_xml(doc: EtrnPud) -> bytes:
    """windows-1251 bytes with the XML declaration; save them as ``doc.file_name``."""
    root, body = new_file(doc.file_id, doc.program, doc.format.knd, doc.format.fact)
    set_moment(body, *(CARRIER_MOMENT if isinstance(doc, EtrnPudCarrier) else SHIPPER_MOMENT), doc.created)
    body.set("НаимЭкСубСост", doc.economic_entity)
    if isinstance(doc, EtrnPudCarrier):
        write_ref(body, *REF_06, doc.answers)
        _write_cost(sub(body, "СодФХЖ1", {"УИД_ТрН": doc.uid, "СодФХЖ": doc.operation}), doc.cost)
        _write_extras(body.find("СодФХЖ1"), "ДопСвПрв", doc.extras)
    else:
        if doc.payer is not None:
            body.set("НаимПлат", doc.payer.name)
            write_requisite(body, "ОснИнПлат", doc.payer.basis)
        write_ref(body, *REF_07, doc.answers)
        _write_extras(sub(body, "СодФХЖ2", {"УИД_ТрН": doc.uid, "СодФХЖ": doc.operation}), "ДопСвГО", doc.extras)
    write_signer(body, doc.signer)
    return to_bytes(root)


def _write_cost(content: Element, cost: CarriageCost) -> None:
    for name, value in (("ВалКод", cost.currency), ("ВалНаим", cost.currency_name),
                        ("СтТовБезНДС", format_amount(cost.without_vat)),
                        ("НалСт", cost.rate.value if cost.rate else ""),
                        ("СтТовУчНал", format_amount(cost.with_vat) if cost.with_vat is not None else ""),
                        ("Расчет", cost.calculation)):
        if value:
            content.set(name, value)
    tax = sub(content, "СумНал")
    if cost.vat is None:
        sub(tax, "БезНДС", text=NO_VAT)
    else:
        sub(tax, "СумНДС", text=format_amount(cost.vat))


def _write_extras(parent: Element | None, tag: str, extras: PartyExtras) -> None:
    assert parent is not None
    el = sub(parent, tag, {xml: getattr(extras, name) for name, xml in _EXTRA_ATTRS})
    account = extras.account
    if account is not None:
        bank = sub(el, "БанкРекв", {"НомерСч": account.number})
        if account.bank_name or account.bik or account.corr_account:
            sub(bank, "СвБанк", {"НаимБанк": account.bank_name, "БИК": account.bik, "КорСчет": account.corr_account})


# --- reading ----------------------------------------------------------------------------------------

def pud_from_xml(data: bytes) -> EtrnPud:
    return pud_from_tree(parse_bytes(data).getroot())


def pud_from_tree(root: Element) -> EtrnPud:
    """Title 07 or 08 by Документ/@КНД."""
    body = root.find("Документ")
    knd = body.get("КНД", "") if body is not None else ""
    if knd == PUD_CARRIER.knd:
        return _read_carrier(root)
    if knd == PUD_SHIPPER.knd:
        return _read_shipper(root)
    raise InputError(f"КНД «{knd}»: ожидается титул 07 или 08 ЭТрН", f"{DOC}/@КНД")


def _read_carrier(root: Element) -> EtrnPudCarrier:
    file_id, program, body = read_file(root, PUD_CARRIER.knd, PUD_CARRIER.fact)
    refuse_extras(body, DOC, ("ОснДовОргСост",))
    path = f"{DOC}/СодФХЖ1"
    content = child(body, "СодФХЖ1", DOC)
    refuse_extras(content, path, ("ИспрПУД", "ИнфПолФХЖ1"))
    cost = _read_cost(content, path)
    extras = _read_extras(child(content, "ДопСвПрв", path), f"{path}/ДопСвПрв")
    return build(DOC, lambda: EtrnPudCarrier(
        file_id=file_id, created=read_moment(body, *CARRIER_MOMENT, DOC), answers=read_ref(body, *REF_06),
        uid=attr(content, "УИД_ТрН", path), economic_entity=attr(body, "НаимЭкСубСост", DOC), cost=cost,
        signer=read_signer(body), extras=extras, operation=attr(content, "СодФХЖ", path), program=program))


def _read_shipper(root: Element) -> EtrnPudShipper:
    file_id, program, body = read_file(root, PUD_SHIPPER.knd, PUD_SHIPPER.fact)
    refuse_extras(body, DOC, ("ОснДовОргСост",))
    path = f"{DOC}/СодФХЖ2"
    content = child(body, "СодФХЖ2", DOC)
    refuse_extras(content, path, ("ИнфПолФХЖ2",))
    extras = _read_extras(child(content, "ДопСвГО", path), f"{path}/ДопСвГО")
    return build(DOC, lambda: EtrnPudShipper(
        file_id=file_id, created=read_moment(body, *SHIPPER_MOMENT, DOC), answers=read_ref(body, *REF_07),
        uid=attr(content, "УИД_ТрН", path), economic_entity=attr(body, "НаимЭкСубСост", DOC),
        signer=read_signer(body), extras=extras, payer=_read_payer(body),
        operation=attr(content, "СодФХЖ", path), program=program))


def _read_payer(body: Element) -> ThirdPartyPayer | None:
    name, basis = body.get("НаимПлат"), body.find("ОснИнПлат")
    if name is None and basis is None:
        return None
    if name is None or basis is None:
        raise InputError("плательщик (НаимПлат) и основание его платежа (ОснИнПлат) указываются вместе",
                         f"{DOC}/@НаимПлат")
    where = f"{DOC}/ОснИнПлат"
    return build(f"{DOC}/@НаимПлат", lambda: ThirdPartyPayer(name, read_requisite(basis, where)))


def _read_cost(content: Element, path: str) -> CarriageCost:
    tax = child(content, "СумНал", path)
    vat_el, none_el = tax.find("СумНДС"), tax.find("БезНДС")
    if (vat_el is None) == (none_el is None):
        raise InputError("укажите либо СумНДС, либо БезНДС", f"{path}/СумНал")
    if none_el is not None and (none_el.text or "") != NO_VAT:
        raise InputError(f"ожидается «{NO_VAT}»", f"{path}/СумНал/БезНДС")
    vat = _amount(vat_el.text or "", f"{path}/СумНал/СумНДС") if vat_el is not None else None
    rate_text = content.get("НалСт")
    with_vat = content.get("СтТовУчНал")
    return build(path, lambda: CarriageCost(
        without_vat=_amount(attr(content, "СтТовБезНДС", path), f"{path}/@СтТовБезНДС"), vat=vat,
        with_vat=_amount(with_vat, f"{path}/@СтТовУчНал") if with_vat is not None else None,
        rate=_rate(rate_text, f"{path}/@НалСт") if rate_text is not None else None,
        currency=attr(content, "ВалКод", path), currency_name=content.get("ВалНаим", ""),
        calculation=content.get("Расчет", "")))


def _amount(text: str, path: str) -> Decimal:
    return to_decimal(text, path)


def _rate(text: str, path: str) -> VatRate:
    try:
        return VatRate.parse(text)
    except InputError as exc:
        raise InputError(exc.message, path) from None


def _read_extras(el: Element, path: str) -> PartyExtras:
    bank = el.find("БанкРекв")
    account = None
    if bank is not None:
        where = f"{path}/БанкРекв"
        info = bank.find("СвБанк")
        names = ("НаимБанк", "БИК", "КорСчет")
        parts = [info.get(n, "") for n in names] if info is not None else ["", "", ""]
        account = build(where, lambda: BankAccount(attr(bank, "НомерСч", where), *parts))
    return build(path, lambda: PartyExtras(account, **{name: el.get(xml, "") for name, xml in _EXTRA_ATTRS}))

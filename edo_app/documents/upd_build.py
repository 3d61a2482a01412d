"""УПД 5.03 seller title → XML bytes (windows-1251), element by element in schema order.

Output is a pure function of the dataclass: no clocks, no random ids, so the same
document always gives the same bytes (signatures and round-trip tests rely on it).
"""

from __future__ import annotations

from decimal import Decimal

from edo_app.model.money import format_amount, format_number
from edo_app.xmlio import to_bytes

from .upd_model import FORMAT_VERSION, SELLER_KND, GoodsLine, Totals, Transfer, UpdSeller
from .upd_types import SAME_AS_SELLER, format_date, format_time
from .upd_xml import Element, file_root, opt_date, sub, write_docref, write_employee, write_participant, write_signer

WITHOUT_VAT = "без НДС"
WITHOUT_EXCISE = "без акциза"


def seller_to_xml(doc: UpdSeller) -> bytes:
    """The exchange file; its name is ``doc.file_name``."""
    return to_bytes(seller_tree(doc))


def seller_tree(doc: UpdSeller) -> Element:
    root = file_root(doc.file_id, FORMAT_VERSION, doc.program)
    body = sub(root, "Документ", {
        "КНД": SELLER_KND, "УИД": doc.uid, "Функция": doc.function, "ПоФактХЖ": doc.fact_name,
        "НаимДокОпр": doc.doc_name, "ДатаИнфПр": format_date(doc.created), "ВремИнфПр": format_time(doc.created),
        "НаимЭконСубСост": doc.economic_entity})
    _write_invoice(body, doc)
    if doc.lines:
        _write_table(body, doc.lines, doc.totals)
    if doc.transfer is not None:
        _write_transfer(sub(body, "СвПродПер"), doc.transfer)
    for signer in doc.signers:
        write_signer(body, signer)
    return root


def _write_invoice(body: Element, doc: UpdSeller) -> None:
    inv = sub(body, "СвСчФакт", {"НомерДок": doc.number, "ДатаДок": format_date(doc.doc_date)})
    if doc.correction is not None:
        sub(inv, "ИспрДок", {"НомИспр": str(doc.correction.number), "ДатаИспр": format_date(doc.correction.date)})
    for seller in doc.sellers:
        write_participant(inv, "СвПрод", seller)
    if doc.shipper_is_seller:
        sub(sub(inv, "ГрузОт"), "ОнЖе", text=SAME_AS_SELLER)
    for shipper in doc.shippers:
        write_participant(sub(inv, "ГрузОт"), "ГрузОтпр", shipper)
    for consignee in doc.consignees:
        write_participant(inv, "ГрузПолуч", consignee)
    for ref in doc.shipment_docs:
        write_docref(inv, "ДокПодтвОтгрНом", ref)
    for buyer in doc.buyers:
        write_participant(inv, "СвПокуп", buyer)
    sub(inv, "ДенИзм", {"КодОКВ": doc.currency_code, "НаимОКВ": doc.currency_name})


def _write_table(body: Element, lines: tuple[GoodsLine, ...], totals: Totals) -> None:
    table = sub(body, "ТаблСчФакт")
    for line in lines:
        _write_line(table, line)
    total = sub(table, "ВсегоОпл", {"СтТовБезНДСВсего": format_amount(totals.without_vat),
                                    "СтТовУчНалВсего": format_amount(totals.with_vat)})
    _write_tax(sub(total, "СумНалВсего"), totals.vat)


def _write_line(table: Element, line: GoodsLine) -> None:
    el = sub(table, "СведТов", {
        "НомСтр": str(line.number), "НаимТов": line.name, "ОКЕИ_Тов": line.okei, "НаимЕдИзм": line.unit_name,
        "КолТов": _num(line.quantity), "ЦенаТов": _num(line.price),
        "СтТовБезНДС": format_amount(line.amount_without_vat), "НалСт": line.vat_rate.value,
        "СтТовУчНал": format_amount(line.amount_with_vat)})
    for customs in line.customs:
        sub(el, "СвДТ", {"КодПроисх": customs.country_code, "НомерДТ": customs.declaration})
    _write_extra(el, line)
    excise = sub(el, "Акциз")
    if line.excise is None:
        sub(excise, "БезАкциз", text=WITHOUT_EXCISE)
    else:
        sub(excise, "СумАкциз", text=format_amount(line.excise))
    _write_tax(sub(el, "СумНал"), line.vat_amount)


def _write_extra(el: Element, line: GoodsLine) -> None:
    countries = [c.country_short_name for c in line.customs if c.country_code]
    if not (line.kind or line.code or line.article or line.gtin or line.markings or line.packages or countries):
        return
    extra = sub(el, "ДопСведТов", {"ПрТовРаб": line.kind, "АртикулТов": line.article, "КодТов": line.code,
                                   "ГТИН": line.gtin})
    for name in countries:
        sub(extra, "КрНаимСтрПр", text=name)
    for tag, codes in (("КИЗ", line.markings), ("НомУпак", line.packages)):
        if codes:
            ident = sub(extra, "НомСредИдентТов")
            for code in codes:
                sub(ident, tag, text=code)


def _write_tax(el: Element, amount: Decimal | None) -> None:
    if amount is not None:
        sub(el, "СумНал", text=format_amount(amount))
    else:
        sub(el, "БезНДС", text=WITHOUT_VAT)


def _write_transfer(parent: Element, tr: Transfer) -> None:
    el = sub(parent, "СвПер", {"СодОпер": tr.operation, "ВидОпер": tr.kind, "ДатаПер": opt_date(tr.transfer_date),
                               "ДатаНачПер": opt_date(tr.period_start), "ДатаОконПер": opt_date(tr.period_end)})
    for ref in tr.basis:
        write_docref(el, "ОснПер", ref)
    if not tr.basis:
        sub(el, "БезДокОснПер", text="1")
    if tr.handed_by is not None:
        write_employee(sub(el, "СвЛицПер"), "РабОргПрод", tr.handed_by)
    if tr.transport:
        sub(el, "Тран", {"СвТран": tr.transport})


def _num(value: Decimal | None) -> str | None:
    return format_number(value) if value is not None else None

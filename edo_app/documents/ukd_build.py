"""УКД 5.01 seller title → XML bytes (windows-1251), element by element in schema order.

A pure function of the dataclass (no clocks, no random ids). A difference of zero is written
as an increase of 0.00: the format's choice СумУвел | СумУм needs one of them.
"""

from __future__ import annotations

from decimal import Decimal

from edo_app.model.money import format_amount, format_number
from edo_app.xmlio import to_bytes

from .ukd_model import UKD_KND, UKD_VERSION, Agreement, ChangeTotals, LineState, UkdLine, UkdSeller
from .ukd_xml import write_basis, write_exchange, write_member, write_signer
from .upd_build import WITHOUT_EXCISE, WITHOUT_VAT
from .upd_types import format_date, format_time
from .upd_xml import Element, file_root, sub


def ukd_to_xml(doc: UkdSeller) -> bytes:
    """The exchange file; its name is ``doc.file_name``."""
    return to_bytes(ukd_tree(doc))


def ukd_tree(doc: UkdSeller) -> Element:
    root = file_root(doc.file_id, UKD_VERSION, doc.program)
    write_exchange(root, doc.file_id)
    body = sub(root, "Документ", {
        "КНД": UKD_KND, "Функция": doc.function, "ПоФактХЖ": doc.fact_name, "НаимДокОпр": doc.doc_name,
        "ДатаИнфПр": format_date(doc.created), "ВремИнфПр": format_time(doc.created),
        "НаимЭконСубСост": doc.economic_entity})
    _write_header(body, doc)
    table = sub(body, "ТаблКСчФ")
    for line in doc.lines:
        _write_line(table, line)
    for tag, totals in (("ВсегоУвел", doc.increase), ("ВсегоУм", doc.decrease)):
        if not totals.is_empty:
            _write_totals(table, tag, totals)
    if doc.agreement is not None:
        _write_agreement(body, doc.agreement)
    for signer in doc.signers:
        write_signer(body, signer)
    return root


def _write_header(body: Element, doc: UkdSeller) -> None:
    head = sub(body, "СвКСчФ", {"НомерКСчФ": doc.number, "ДатаКСчФ": format_date(doc.doc_date),
                                "КодОКВ": doc.currency_code})
    for invoice in doc.invoices:
        el = sub(head, "СчФ", {"НомерСчФ": invoice.number, "ДатаСчФ": format_date(invoice.date)})
        for fix in invoice.corrections:
            sub(el, "ИспрСчФ", {"НомИспрСчФ": str(fix.number), "ДатаИспрСчФ": format_date(fix.date)})
    if doc.correction is not None:
        sub(head, "ИспрКСчФ", {"НомИспрКСчФ": str(doc.correction.number),
                                "ДатаИспрКСчФ": format_date(doc.correction.date)})
    write_member(head, "СвПрод", doc.seller)
    write_member(head, "СвПокуп", doc.buyer)


def _write_line(table: Element, line: UkdLine) -> None:
    before, after = line.before, line.after
    el = sub(table, "СведТов", {
        "НомСтр": str(line.number), "ПорНомТовВСЧФ": _int(line.original_number), "НаимТов": line.name,
        "ОКЕИ_ТовДо": before.okei, "ОКЕИ_ТовПосле": after.okei, "КолТовДо": _num(before.quantity),
        "КолТовПосле": _num(after.quantity), "ЦенаТовДо": _num(before.price), "ЦенаТовПосле": _num(after.price),
        "НалСтДо": before.vat_rate.value, "НалСтПосле": after.vat_rate.value})
    _write_cost(el, "СтТовБезНДС", before.amount_without_vat, after.amount_without_vat)
    _write_excise(sub(el, "АкцизДо"), before)
    _write_excise(sub(el, "АкцизПосле"), after)
    if line.excise_change is not None:
        _write_change(sub(el, "АкцизРазн"), line.excise_change)
    _write_tax(sub(el, "СумНалДо"), before.vat_amount)
    _write_tax(sub(el, "СумНалПосле"), after.vat_amount)
    _write_change(sub(el, "СумНалРазн"), line.tax_change)
    _write_cost(el, "СтТовУчНал", before.amount_with_vat, after.amount_with_vat)
    if line.code or line.article or before.unit_name or after.unit_name:
        sub(el, "ДопСведТов", {"АртикулТов": line.article, "КодТов": line.code,
                               "НаимЕдИзмДо": before.unit_name, "НаимЕдИзмПосле": after.unit_name})


def _write_cost(line: Element, tag: str, before: Decimal, after: Decimal) -> None:
    change = after - before
    sub(line, tag, {"СтоимДоИзм": format_amount(before), "СтоимПослеИзм": format_amount(after),
                    "СтоимУвел" if change >= 0 else "СтоимУм": format_amount(abs(change))})


def _write_change(el: Element, change: Decimal) -> None:
    sub(el, "СумУвел" if change >= 0 else "СумУм", text=format_amount(abs(change)))


def _write_excise(el: Element, state: LineState) -> None:
    if state.excise is None:
        sub(el, "БезАкциз", text=WITHOUT_EXCISE)
    else:
        sub(el, "СумАкциз", text=format_amount(state.excise))


def _write_tax(el: Element, amount: Decimal | None) -> None:
    if amount is None:
        sub(el, "БезНДС", text=WITHOUT_VAT)
    else:
        sub(el, "СумНДС", text=format_amount(amount))


def _write_totals(table: Element, tag: str, totals: ChangeTotals) -> None:
    el = sub(table, tag, {"СтТовБезНДСВсего": format_amount(totals.without_vat),
                          "СтТовУчНалВсего": format_amount(totals.with_vat)})
    _write_tax(sub(el, "СумНал"), totals.vat)


def _write_agreement(body: Element, agreement: Agreement) -> None:
    el = sub(body, "СодФХЖ3", {"ИныеСвИзмСтоим": agreement.other, "СодОпер": agreement.operation,
                               "ДатаНапр": format_date(agreement.sent_on) if agreement.sent_on else None})
    for doc in agreement.transfer_docs:
        write_basis(el, "ПередатДокум", doc)
    for doc in agreement.basis_docs:
        write_basis(el, "ДокумОснКор", doc)


def _num(value: Decimal | None) -> str | None:
    return format_number(value) if value is not None else None


def _int(value: int | None) -> str | None:
    return str(value) if value is not None else None

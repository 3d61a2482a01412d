"""XML bytes → УКД 5.01 seller title; the exact inverse of ukd_build.

Reads only through edo_app.xmlio. The model computes every difference and total, so a written
difference or total that disagrees with the before/after values raises InputError (it would be
lost silently otherwise), naming its XPath.
"""

from __future__ import annotations

from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.money import to_decimal
from edo_app.model.vat import VatRate
from edo_app.xmlio import parse_bytes

from .ukd_model import (
    UKD_KND,
    UKD_VERSION,
    Agreement,
    ChangeTotals,
    CorrectedInvoice,
    LineState,
    UkdLine,
    UkdSeller,
    change_totals,
)
from .ukd_xml import read_basis, read_file_id, read_member, read_signer
from .upd_build import WITHOUT_VAT
from .upd_model import Correction
from .upd_types import parse_time
from .upd_xml import Element, attr, build, child, date_attr, money, opt_decimal

DOC = "Файл/Документ"
HEAD = f"{DOC}/СвКСчФ"
TABLE = f"{DOC}/ТаблКСчФ"


def ukd_from_xml(data: bytes) -> UkdSeller:
    """Parse a УКД 5.01 seller title (ON_NKORSCHFDOPPR)."""
    return ukd_from_tree(parse_bytes(data).getroot())


def check_root_501(root: Element, knd: str, body_tag: str = "Документ") -> Element:
    if root.tag != "Файл":
        raise InputError(f"корневой элемент «{root.tag}», ожидается «Файл»", "/")
    if root.get("ВерсФорм") != UKD_VERSION:
        raise InputError(f"версия формата «{root.get('ВерсФорм')}», ожидается {UKD_VERSION}", "Файл/@ВерсФорм")
    body = child(root, body_tag, "Файл")
    if body.get("КНД") != knd:
        raise InputError(f"КНД «{body.get('КНД')}», ожидается {knd}", f"Файл/{body_tag}/@КНД")
    return body


def ukd_from_tree(root: Element) -> UkdSeller:
    body = check_root_501(root, UKD_KND)
    file_id = read_file_id(root)
    created = parse_time(date_attr(body, "ДатаИнфПр", DOC), attr(body, "ВремИнфПр", DOC), f"{DOC}/@ВремИнфПр")
    head = child(body, "СвКСчФ", DOC)
    lines = _read_table(child(body, "ТаблКСчФ", DOC))
    agreement_el = body.find("СодФХЖ3")
    signers = tuple(read_signer(s, f"{DOC}/Подписант[{i + 1}]") for i, s in enumerate(body.findall("Подписант")))
    return build(DOC, lambda: UkdSeller(
        file_id=file_id, created=created, function=attr(body, "Функция", DOC),
        number=attr(head, "НомерКСчФ", HEAD), doc_date=date_attr(head, "ДатаКСчФ", HEAD),
        invoices=tuple(_read_invoice(el, f"{HEAD}/СчФ[{i + 1}]") for i, el in enumerate(head.findall("СчФ"))),
        seller=read_member(child(head, "СвПрод", HEAD), f"{HEAD}/СвПрод"),
        buyer=read_member(child(head, "СвПокуп", HEAD), f"{HEAD}/СвПокуп"), lines=lines, signers=signers,
        economic_entity=attr(body, "НаимЭконСубСост", DOC), correction=_read_fix(head.find("ИспрКСчФ"), "КСчФ"),
        currency_code=attr(head, "КодОКВ", HEAD),
        agreement=_read_agreement(agreement_el) if agreement_el is not None else None,
        doc_name=body.get("НаимДокОпр", ""), fact_name=body.get("ПоФактХЖ", ""),
        program=attr(root, "ВерсПрог", "Файл")))


def _read_invoice(el: Element, path: str) -> CorrectedInvoice:
    fixes = tuple(_read_fix(f, "СчФ", f"{path}/ИспрСчФ[{i + 1}]") for i, f in enumerate(el.findall("ИспрСчФ")))
    return build(path, lambda: CorrectedInvoice(attr(el, "НомерСчФ", path), date_attr(el, "ДатаСчФ", path),
                                                tuple(f for f in fixes if f is not None)))


def _read_fix(el: Element | None, what: str, path: str = f"{HEAD}/ИспрКСчФ") -> Correction | None:
    if el is None:
        return None
    number = attr(el, f"НомИспр{what}", path)
    if not number.isdigit():
        raise InputError(f"«{number}»: ожидается номер исправления", f"{path}/@НомИспр{what}")
    return build(path, lambda: Correction(int(number), date_attr(el, f"ДатаИспр{what}", path)))


def _read_table(table: Element) -> tuple[UkdLine, ...]:
    lines = tuple(_read_line(el, f"{TABLE}/СведТов[{i + 1}]") for i, el in enumerate(table.findall("СведТов")))
    for tag, sign in (("ВсегоУвел", +1), ("ВсегоУм", -1)):
        el = table.find(tag)
        written = _read_totals(el, f"{TABLE}/{tag}") if el is not None else None
        computed = change_totals(lines, sign)
        if written != (None if computed.is_empty else computed):
            raise InputError("итог не равен сумме изменений по строкам", f"{TABLE}/{tag}")
    return lines


def _read_totals(el: Element, path: str) -> ChangeTotals:
    return ChangeTotals(money(el, "СтТовБезНДСВсего", path), money(el, "СтТовУчНалВсего", path),
                        _tax(child(el, "СумНал", path), f"{path}/СумНал"))


def _read_line(el: Element, path: str) -> UkdLine:
    number = attr(el, "НомСтр", path)
    original = el.get("ПорНомТовВСЧФ")
    for name, value in (("НомСтр", number), ("ПорНомТовВСЧФ", original or "1")):
        if not value.isdigit():
            raise InputError(f"«{value}»: ожидается номер строки", f"{path}/@{name}")
    extra = el.find("ДопСведТов")
    before, after = (_read_state(el, extra, side, path) for side in ("До", "После"))
    line = build(path, lambda: UkdLine(int(number), attr(el, "НаимТов", path), before, after,
                                       int(original) if original else None,
                                       extra.get("КодТов", "") if extra is not None else "",
                                       extra.get("АртикулТов", "") if extra is not None else ""))
    _check_changes(el, line, path)
    return line


def _read_state(el: Element, extra: Element | None, side: str, path: str) -> LineState:
    rate_name = f"НалСт{side}"
    try:
        rate = VatRate.parse(attr(el, rate_name, path))
    except InputError as exc:
        raise InputError(exc.message, f"{path}/@{rate_name}") from None
    cost_side = "ДоИзм" if side == "До" else "ПослеИзм"
    excise = child(el, f"Акциз{side}", path).findtext("СумАкциз")
    return build(path, lambda: LineState(
        vat_rate=rate, amount_without_vat=money(child(el, "СтТовБезНДС", path), f"Стоим{cost_side}",
                                                 f"{path}/СтТовБезНДС"),
        amount_with_vat=money(child(el, "СтТовУчНал", path), f"Стоим{cost_side}", f"{path}/СтТовУчНал"),
        vat_amount=_tax(child(el, f"СумНал{side}", path), f"{path}/СумНал{side}"),
        quantity=opt_decimal(el, f"КолТов{side}", path), price=opt_decimal(el, f"ЦенаТов{side}", path),
        okei=el.get(f"ОКЕИ_Тов{side}", ""), unit_name=extra.get(f"НаимЕдИзм{side}", "") if extra is not None else "",
        excise=to_decimal(excise, f"{path}/Акциз{side}/СумАкциз") if excise is not None else None))


def _check_changes(el: Element, line: UkdLine, path: str) -> None:
    """Written increases/decreases must be after − before (the model recomputes them)."""
    for tag, change in (("СтТовБезНДС", line.cost_change), ("СтТовУчНал", line.total_change)):
        cost = child(el, tag, path)
        written = _signed(cost.get("СтоимУвел"), cost.get("СтоимУм"), f"{path}/{tag}")
        if written != change:
            raise InputError(f"изменение {written} не равно разнице «после − до» {change}", f"{path}/{tag}")
    for tag, expected in (("СумНалРазн", line.tax_change), ("АкцизРазн", line.excise_change)):
        diff = el.find(tag)
        written_diff = _signed(diff.findtext("СумУвел"), diff.findtext("СумУм"), f"{path}/{tag}") \
            if diff is not None else None
        if written_diff != expected:
            raise InputError(f"изменение {written_diff} не равно разнице «после − до» {expected}", f"{path}/{tag}")


def _signed(increase: str | None, decrease: str | None, path: str) -> Decimal | None:
    if increase is not None and decrease is None:
        return to_decimal(increase, path)
    if decrease is not None and increase is None:
        value = to_decimal(decrease, path)
        return -value if value else value
    raise InputError("ожидается ровно одно: увеличение или уменьшение", path)


def _read_agreement(el: Element) -> Agreement:
    path = f"{DOC}/СодФХЖ3"
    transfer = tuple(read_basis(d, f"{path}/ПередатДокум[{i + 1}]") for i, d in enumerate(el.findall("ПередатДокум")))
    basis = tuple(read_basis(d, f"{path}/ДокумОснКор[{i + 1}]") for i, d in enumerate(el.findall("ДокумОснКор")))
    sent = el.get("ДатаНапр")
    return build(path, lambda: Agreement(transfer, basis, attr(el, "СодОпер", path),
                                         date_attr(el, "ДатаНапр", path) if sent is not None else None,
                                         el.get("ИныеСвИзмСтоим", "")))


def _tax(el: Element, path: str) -> Decimal | None:
    amount = el.findtext("СумНДС")
    if amount is not None:
        return to_decimal(amount, f"{path}/СумНДС")
    if el.findtext("БезНДС") == WITHOUT_VAT:
        return None
    raise InputError("ожидается СумНДС или БезНДС", path)

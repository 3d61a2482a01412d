"""XML bytes → УПД 5.03 seller title; the exact inverse of upd_build.

Reads only through edo_app.xmlio (hardened parser). Anything missing, malformed or beyond
what the model holds raises InputError naming the XPath. Written totals (ВсегоОпл) must
equal the sum of the lines: the model computes them, so a mismatch would be lost silently.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model.fileid import FileId
from edo_app.model.money import to_decimal
from edo_app.model.problems import rethrow
from edo_app.model.vat import VatRate
from edo_app.xmlio import parse_bytes

from .upd_build import WITHOUT_VAT
from .upd_model import (
    FORMAT_VERSION,
    SELLER_KND,
    Correction,
    Customs,
    GoodsLine,
    Totals,
    Transfer,
    UpdSeller,
    compute_totals,
)
from .upd_types import Participant, parse_time
from .upd_xml import (
    Element,
    attr,
    build,
    child,
    date_attr,
    money,
    opt_date_attr,
    opt_decimal,
    read_docref,
    read_employee,
    read_participant,
    read_signer,
)

DOC = "Файл/Документ"
INV = f"{DOC}/СвСчФакт"


def seller_from_xml(data: bytes) -> UpdSeller:
    """Parse a УПД 5.03 seller title (ON_NSCHFDOPPR)."""
    return seller_from_tree(parse_bytes(data).getroot())


def check_root(root: Element, knd: str) -> Element:
    """The Документ element of a 5.03 file with the expected КНД, or InputError."""
    if root.tag != "Файл":
        raise InputError(f"корневой элемент «{root.tag}», ожидается «Файл»", "/")
    if root.get("ВерсФорм") != FORMAT_VERSION:
        raise InputError(f"версия формата «{root.get('ВерсФорм')}», ожидается {FORMAT_VERSION}", "Файл/@ВерсФорм")
    body = child(root, "Документ", "Файл")
    if body.get("КНД") != knd:
        raise InputError(f"КНД «{body.get('КНД')}», ожидается {knd}", f"{DOC}/@КНД")
    return body


def seller_from_tree(root: Element) -> UpdSeller:
    body = check_root(root, SELLER_KND)
    file_id = FileId.parse(attr(root, "ИдФайл", "Файл"))
    created_day = date_attr(body, "ДатаИнфПр", DOC)
    created = parse_time(created_day, attr(body, "ВремИнфПр", DOC), f"{DOC}/@ВремИнфПр")
    inv = child(body, "СвСчФакт", DOC)
    table = body.find("ТаблСчФакт")
    lines = _read_table(table) if table is not None else ()
    transfer_el = body.find("СвПродПер/СвПер")
    transfer = _read_transfer(transfer_el) if transfer_el is not None else None
    signers = tuple(read_signer(s, f"{DOC}/Подписант[{i + 1}]") for i, s in enumerate(body.findall("Подписант")))
    shippers, same = _read_shippers(inv)
    currency = child(inv, "ДенИзм", INV)
    return build(DOC, lambda: UpdSeller(
        file_id=file_id, created=created, function=attr(body, "Функция", DOC), number=attr(inv, "НомерДок", INV),
        doc_date=date_attr(inv, "ДатаДок", INV), sellers=_participants(inv, "СвПрод"),
        buyers=_participants(inv, "СвПокуп"), signers=signers, lines=lines, correction=_read_correction(inv),
        shipper_is_seller=same, shippers=shippers, consignees=_participants(inv, "ГрузПолуч"),
        shipment_docs=tuple(read_docref(d, f"{INV}/ДокПодтвОтгрНом[{i + 1}]")
                            for i, d in enumerate(inv.findall("ДокПодтвОтгрНом"))),
        currency_code=attr(currency, "КодОКВ", f"{INV}/ДенИзм"),
        currency_name=attr(currency, "НаимОКВ", f"{INV}/ДенИзм"), transfer=transfer,
        doc_name=body.get("НаимДокОпр", ""), fact_name=body.get("ПоФактХЖ", ""),
        economic_entity=body.get("НаимЭконСубСост", ""), uid=body.get("УИД", ""),
        program=attr(root, "ВерсПрог", "Файл")))


def _participants(inv: Element, tag: str) -> tuple[Participant, ...]:
    return tuple(read_participant(el, f"{INV}/{tag}[{i + 1}]") for i, el in enumerate(inv.findall(tag)))


def _read_shippers(inv: Element) -> tuple[tuple[Participant, ...], bool]:
    found: list[Participant] = []
    same = False
    for i, el in enumerate(inv.findall("ГрузОт")):
        if el.find("ОнЖе") is not None:
            if found or same:  # the model keeps «он же» first and once
                raise InputError("«он же» поддерживается только первым грузоотправителем", f"{INV}/ГрузОт[{i + 1}]")
            same = True
        else:
            found.append(read_participant(child(el, "ГрузОтпр", f"{INV}/ГрузОт[{i + 1}]"),
                                          f"{INV}/ГрузОт[{i + 1}]/ГрузОтпр"))
    return tuple(found), same


def _read_correction(inv: Element) -> Correction | None:
    el = inv.find("ИспрДок")
    if el is None:
        return None
    path = f"{INV}/ИспрДок"
    number = attr(el, "НомИспр", path)
    if not number.isdigit():
        raise InputError(f"«{number}»: ожидается номер исправления", f"{path}/@НомИспр")
    return build(path, lambda: Correction(int(number), date_attr(el, "ДатаИспр", path)))


def _read_table(table: Element) -> tuple[GoodsLine, ...]:
    path = f"{DOC}/ТаблСчФакт"
    lines = tuple(_read_line(el, f"{path}/СведТов[{i + 1}]") for i, el in enumerate(table.findall("СведТов")))
    total_el = child(table, "ВсегоОпл", path)
    written = Totals(
        without_vat=money(total_el, "СтТовБезНДСВсего", f"{path}/ВсегоОпл"),
        with_vat=money(total_el, "СтТовУчНалВсего", f"{path}/ВсегоОпл"),
        vat=_tax(child(total_el, "СумНалВсего", f"{path}/ВсегоОпл"), f"{path}/ВсегоОпл/СумНалВсего"))
    if compute_totals(lines) != written:
        raise InputError("итоги ВсегоОпл не равны сумме строк", f"{path}/ВсегоОпл")
    return lines


def _read_line(el: Element, path: str) -> GoodsLine:
    number = attr(el, "НомСтр", path)
    if not number.isdigit():
        raise InputError(f"«{number}»: ожидается номер строки", f"{path}/@НомСтр")
    try:
        rate = VatRate.parse(attr(el, "НалСт", path))
    except InputError as exc:
        raise InputError(exc.message, f"{path}/@НалСт") from None
    extra = el.find("ДопСведТов")
    excise_el = child(el, "Акциз", path)
    excise_text = excise_el.findtext("СумАкциз")
    return build(path, lambda: _read_extra(GoodsLine(
        number=int(number), name=el.get("НаимТов", ""), vat_rate=rate,
        amount_without_vat=money(el, "СтТовБезНДС", path), amount_with_vat=money(el, "СтТовУчНал", path),
        vat_amount=_tax(child(el, "СумНал", path), f"{path}/СумНал"),
        quantity=opt_decimal(el, "КолТов", path), price=opt_decimal(el, "ЦенаТов", path),
        okei=el.get("ОКЕИ_Тов", ""), unit_name=el.get("НаимЕдИзм", ""),
        excise=to_decimal(excise_text, f"{path}/Акциз/СумАкциз") if excise_text is not None else None,
        customs=_read_customs(el, extra, path)), extra))


def _read_extra(line: GoodsLine, extra: Element | None) -> GoodsLine:
    if extra is None:
        return line
    return replace(
        line, kind=extra.get("ПрТовРаб", ""), code=extra.get("КодТов", ""), article=extra.get("АртикулТов", ""),
        gtin=extra.get("ГТИН", ""), markings=tuple(k.text or "" for k in extra.findall("НомСредИдентТов/КИЗ")),
        packages=tuple(k.text or "" for k in extra.findall("НомСредИдентТов/НомУпак")))


def _read_customs(el: Element, extra: Element | None, path: str) -> tuple[Customs, ...]:
    names = [n.text or "" for n in extra.findall("КрНаимСтрПр")] if extra is not None else []
    result: list[Customs] = []
    for i, dt in enumerate(el.findall("СвДТ")):
        code = dt.get("КодПроисх", "")
        short = names.pop(0) if code and names else ""
        try:
            result.append(Customs(code, short, dt.get("НомерДТ", "")))
        except InputError as exc:
            raise rethrow(exc, f"{path}/СвДТ[{i + 1}]") from None
    return tuple(result)


def _read_transfer(el: Element) -> Transfer:
    path = f"{DOC}/СвПродПер/СвПер"
    basis = tuple(read_docref(b, f"{path}/ОснПер[{i + 1}]") for i, b in enumerate(el.findall("ОснПер")))
    person = el.find("СвЛицПер/РабОргПрод")
    if el.find("СвЛицПер") is not None and person is None:
        raise InputError("поддерживается только работник продавца (РабОргПрод)", f"{path}/СвЛицПер")
    transport = el.find("Тран")
    return build(path, lambda: Transfer(
        operation=attr(el, "СодОпер", path), transfer_date=opt_date_attr(el, "ДатаПер", path),
        period_start=opt_date_attr(el, "ДатаНачПер", path), period_end=opt_date_attr(el, "ДатаОконПер", path),
        kind=el.get("ВидОпер", ""), basis=basis,
        handed_by=read_employee(person, f"{path}/СвЛицПер/РабОргПрод") if person is not None else None,
        transport=transport.get("СвТран", "") if transport is not None else ""))


def _tax(el: Element, path: str) -> Decimal | None:
    """СумНДСТип: an amount, or «без НДС» (None)."""
    amount = el.findtext("СумНал")
    if amount is not None:
        return to_decimal(amount, f"{path}/СумНал")
    if el.findtext("БезНДС") == WITHOUT_VAT:
        return None
    raise InputError("ожидается СумНал или БезНДС", path)

"""The seller's title of ТОРГ-12 5.01 ↔ XML bytes (windows-1251); the reader is the writer's inverse.

Output is a pure function of the dataclass. The reader names the XPath of anything missing
or malformed and refuses what the model does not hold (carrier, waybills, packaging,
information fields) rather than dropping it silently.
"""

from __future__ import annotations

from edo_app.errors import InputError
from edo_app.model.money import format_amount
from edo_app.xmlio import parse_bytes, to_bytes

from .primary_types import Member, ValueLine
from .primary_xml import (
    DOC,
    new_file,
    num_text,
    read_file,
    read_handler,
    read_head,
    read_member,
    read_rate,
    set_moment,
    write_basis,
    write_handler,
    write_head,
    write_member,
    write_operation_kind,
    write_signer,
)
from .torg12_model import TORG12_FACT, TORG12_KND, Torg12Seller
from .upd_model import Totals, compute_totals
from .upd_xml import Element, attr, build, child, money, opt_date, opt_date_attr, opt_decimal, sub

OUTER = f"{DOC}/СвДокПТПрКроме"
HEAD = f"{OUTER}/СвДокПТПр"
FACT1 = f"{HEAD}/СодФХЖ1"
GOODS = f"{OUTER}/СодФХЖ2"
FACT3 = f"{DOC}/СодФХЖ3"
_UNMODELLED_LINE = ("ХарактерТов", "СортТов", "ВидУпак", "Место", "КолМест", "Брутто", "НадлОтп", "КорСчДебет",
                    "КорСчКредит")


def torg12_to_xml(doc: Torg12Seller) -> bytes:
    """The exchange file; its name is ``doc.file_name``."""
    head = doc.head
    root, body = new_file(head.file_id, head.program)
    body.set("КНД", TORG12_KND)
    set_moment(body, "ДатаИнфПр", "ВремИнфПр", head.created)
    body.set("НаимЭконСубСост", head.economic_entity)
    outer = sub(body, "СвДокПТПрКроме")
    info = sub(outer, "СвДокПТПр")
    write_head(info, head, fact=TORG12_FACT, suffix="ПТ")
    fact = sub(info, "СодФХЖ1")
    for tag, member in (("ГрузОтпр", doc.shipper), ("ГрузПолуч", doc.consignee), ("Продавец", doc.seller),
                        ("Покупатель", doc.buyer)):
        if member is not None:
            write_member(fact, tag, member)
    for basis in head.bases:
        write_basis(fact, basis)
    write_operation_kind(fact, head)
    _write_goods(sub(outer, "СодФХЖ2"), doc)
    shipment = sub(body, "СодФХЖ3", {"СодОпер": doc.operation, "ДатаОтпуск": opt_date(doc.shipped_on)})
    if doc.handed_by is not None:
        write_handler(sub(shipment, "СвЛицОтпГруз"), "РабОргПрод", doc.handed_by)
    for signer in head.signers:
        write_signer(body, signer)
    return to_bytes(root)


def _write_goods(goods: Element, doc: Torg12Seller) -> None:
    for line in doc.lines:
        sub(goods, "СвТов", {
            "НомТов": str(line.number), "НаимТов": line.name, "АртикулТов": line.article, "КодТов": line.code,
            "НаимЕдИзм": line.unit_name, "ОКЕИ_Тов": line.okei, "НеттоПередано": num_text(line.quantity),
            "Цена": num_text(line.price), "СтБезНДС": format_amount(line.amount_without_vat),
            "НалСт": line.vat_rate.value,
            "СумНДС": format_amount(line.vat_amount) if line.vat_amount is not None else None,
            "СтУчНДС": format_amount(line.amount_with_vat)})
    totals = doc.totals
    sub(goods, "Всего", {"НеттоВс": num_text(doc.total_quantity), "СтБезНДСВс": format_amount(totals.without_vat),
                         "СумНДСВс": format_amount(totals.vat) if totals.vat is not None else None,
                         "СтУчНДСВс": format_amount(totals.with_vat)})


def torg12_from_xml(data: bytes) -> Torg12Seller:
    return torg12_from_tree(parse_bytes(data).getroot())


def torg12_from_tree(root: Element) -> Torg12Seller:
    file = read_file(root, TORG12_KND)
    body = file[2]
    outer = child(body, "СвДокПТПрКроме", DOC)
    info = child(outer, "СвДокПТПр", OUTER)
    fact = child(info, "СодФХЖ1", HEAD)
    for tag in ("Перевозчик", "ИдГосКон", "ИнфПолФХЖ1"):
        if fact.find(tag) is not None:
            raise InputError(f"элемент {tag} не поддерживается", f"{FACT1}/{tag}")
    head = read_head(file, info, HEAD, fact=TORG12_FACT, suffix="ПТ", created=("ДатаИнфПр", "ВремИнфПр"),
                     basis_holder=fact, basis_path=FACT1)
    lines = _read_goods(child(outer, "СодФХЖ2", OUTER))
    shipment = child(body, "СодФХЖ3", DOC)
    for tag in ("ТранНакл", "ИнфПолФХЖ3"):
        if shipment.find(tag) is not None or shipment.get("КолПрил"):
            raise InputError("транспортная накладная, приложения и ИнфПолФХЖ3 не поддерживаются", f"{FACT3}/{tag}")
    handed = read_handler(shipment.find("СвЛицОтпГруз"), "РабОргПрод", f"{FACT3}/СвЛицОтпГруз")
    return build(DOC, lambda: Torg12Seller(
        head=head, seller=_member(fact, "Продавец"), buyer=_member(fact, "Покупатель"), lines=lines,
        shipper=_opt_member(fact, "ГрузОтпр"), consignee=_opt_member(fact, "ГрузПолуч"),
        shipped_on=opt_date_attr(shipment, "ДатаОтпуск", FACT3), operation=attr(shipment, "СодОпер", FACT3),
        handed_by=handed))


def _member(fact: Element, tag: str) -> Member:
    return read_member(child(fact, tag, FACT1), f"{FACT1}/{tag}")


def _opt_member(fact: Element, tag: str) -> Member | None:
    return _member(fact, tag) if fact.find(tag) is not None else None


def _read_goods(goods: Element) -> tuple[ValueLine, ...]:
    lines = tuple(_read_line(el, f"{GOODS}/СвТов[{i + 1}]") for i, el in enumerate(goods.findall("СвТов")))
    total = child(goods, "Всего", GOODS)
    path = f"{GOODS}/Всего"
    written = Totals(money(total, "СтБезНДСВс", path), money(total, "СтУчНДСВс", path),
                     opt_decimal(total, "СумНДСВс", path))
    quantity = opt_decimal(total, "НеттоВс", path)
    if compute_totals(lines) != written or quantity != sum((ln.quantity or 0 for ln in lines), 0):
        raise InputError("итоги Всего не равны сумме строк", path)
    if total.get("КолМестВс") or total.get("БруттоВс"):
        raise InputError("места и масса брутто не поддерживаются", path)
    return lines


def _read_line(el: Element, path: str) -> ValueLine:
    number = attr(el, "НомТов", path)
    if not number.isdigit():
        raise InputError(f"«{number}»: ожидается номер строки", f"{path}/@НомТов")
    unmodelled = [name for name in _UNMODELLED_LINE if el.get(name) is not None]
    if unmodelled or len(el):
        raise InputError(f"не поддерживаются: {', '.join(unmodelled) or 'ИнфПолФХЖ2'}", path)
    rate = read_rate(el, path)
    return build(path, lambda: ValueLine(
        number=int(number), name=attr(el, "НаимТов", path), vat_rate=rate,
        amount_without_vat=money(el, "СтБезНДС", path), amount_with_vat=money(el, "СтУчНДС", path),
        vat_amount=opt_decimal(el, "СумНДС", path), quantity=money(el, "НеттоПередано", path),
        price=opt_decimal(el, "Цена", path), okei=attr(el, "ОКЕИ_Тов", path), unit_name=attr(el, "НаимЕдИзм", path),
        article=el.get("АртикулТов", ""), code=el.get("КодТов", "")))

"""The executor's title of the акт 5.01 ↔ XML bytes (windows-1251); the reader is the writer's inverse.

Output is a pure function of the dataclass (no clocks, no random ids). The reader names the
XPath of anything missing or malformed, and refuses what the model does not hold
(several ОписРабот, information fields, a foreign organisation) rather than dropping it.
"""

from __future__ import annotations

from edo_app.errors import InputError
from edo_app.model.money import format_amount
from edo_app.xmlio import parse_bytes, to_bytes

from .act_model import ACT_FACT, ACT_KND, ActSeller
from .primary_types import ValueLine
from .primary_xml import (
    DOC,
    new_file,
    num_text,
    read_file,
    read_head,
    read_member,
    read_rate,
    set_moment,
    write_basis,
    write_head,
    write_member,
    write_operation_kind,
    write_signer,
)
from .upd_model import Totals, compute_totals
from .upd_xml import Element, attr, build, child, money, opt_date, opt_date_attr, opt_decimal, sub

HEAD = f"{DOC}/СвДокПРУ"
FACT1 = f"{HEAD}/СодФХЖ1"
WORKS = f"{FACT1}/ОписРабот"
TEXT_ADDRESS = "АдрИно"  # the executor's title spells the text address so
SIGNER_BASIS = "ОснПолнПодп"


def act_to_xml(act: ActSeller) -> bytes:
    """The exchange file; its name is ``act.file_name``."""
    head = act.head
    root, body = new_file(head.file_id, head.program)
    body.set("КНД", ACT_KND)
    set_moment(body, "ДатаИнфИсп", "ВремИнфИсп", head.created)
    body.set("НаимЭконСубСост", head.economic_entity)
    info = sub(body, "СвДокПРУ")
    write_head(info, head, fact=ACT_FACT, suffix="ПРУ")
    fact = sub(info, "СодФХЖ1")
    if act.heading:
        sub(fact, "ЗагСодОпер", text=act.heading)
    write_member(fact, "Исполнитель", act.executor, foreign_tag=TEXT_ADDRESS)
    write_member(fact, "Заказчик", act.customer, foreign_tag=TEXT_ADDRESS)
    for basis in head.bases:
        write_basis(fact, basis)
    write_operation_kind(fact, head)
    _write_works(fact, act)
    sub(body, "СодФХЖ2", {"СодОпер": act.operation, "ДатаПер": opt_date(act.transfer_date)})
    for signer in head.signers:
        write_signer(body, signer, SIGNER_BASIS)
    return to_bytes(root)


def _write_works(parent: Element, act: ActSeller) -> None:
    totals = act.totals
    works = sub(parent, "ОписРабот", {
        "НачРабот": opt_date(act.work_start), "КонРабот": opt_date(act.work_end),
        "СтБезНДСИт": format_amount(totals.without_vat),
        "СумНДСИт": format_amount(totals.vat) if totals.vat is not None else None,
        "СтУчНДСИт": format_amount(totals.with_vat)})
    for line in act.works:
        el = sub(works, "Работа", {
            "Номер": str(line.number), "НаимРабот": line.name, "НаимЕдИзм": line.unit_name, "ОКЕИ": line.okei,
            "Цена": num_text(line.price), "Количество": num_text(line.quantity),
            "СтоимБезНДС": format_amount(line.amount_without_vat), "НалСт": line.vat_rate.value,
            "СумНДС": format_amount(line.vat_amount) if line.vat_amount is not None else None,
            "СтоимУчНДС": format_amount(line.amount_with_vat)})
        if line.description:
            sub(el, "Описание", text=line.description)


def act_from_xml(data: bytes) -> ActSeller:
    return act_from_tree(parse_bytes(data).getroot())


def act_from_tree(root: Element) -> ActSeller:
    file = read_file(root, ACT_KND)
    body = file[2]
    info = child(body, "СвДокПРУ", DOC)
    fact = child(info, "СодФХЖ1", HEAD)
    for tag in ("ИдГосКон", "ИнфПолФХЖ1"):
        if fact.find(tag) is not None:
            raise InputError(f"элемент {tag} не поддерживается", f"{FACT1}/{tag}")
    head = read_head(file, info, HEAD, fact=ACT_FACT, suffix="ПРУ", created=("ДатаИнфИсп", "ВремИнфИсп"),
                     basis_holder=fact, basis_path=FACT1, basis_attr=SIGNER_BASIS)
    sections = fact.findall("ОписРабот")
    if len(sections) != 1:
        raise InputError("поддерживается ровно один раздел ОписРабот", WORKS)
    works_el = sections[0]
    transfer = child(body, "СодФХЖ2", DOC)
    if len(transfer):
        raise InputError("сведения СвПерВещи и ИнфПолФХЖ2 не поддерживаются", f"{DOC}/СодФХЖ2")
    works = _read_works(works_el)
    return build(DOC, lambda: ActSeller(
        head=head, executor=read_member(child(fact, "Исполнитель", FACT1), f"{FACT1}/Исполнитель",
                                        foreign_tag=TEXT_ADDRESS),
        customer=read_member(child(fact, "Заказчик", FACT1), f"{FACT1}/Заказчик", foreign_tag=TEXT_ADDRESS),
        works=works, work_start=opt_date_attr(works_el, "НачРабот", WORKS),
        work_end=opt_date_attr(works_el, "КонРабот", WORKS),
        transfer_date=opt_date_attr(transfer, "ДатаПер", f"{DOC}/СодФХЖ2"),
        operation=attr(transfer, "СодОпер", f"{DOC}/СодФХЖ2"), heading=fact.findtext("ЗагСодОпер") or ""))


def _read_works(section: Element) -> tuple[ValueLine, ...]:
    works = tuple(_read_work(el, f"{WORKS}/Работа[{i + 1}]") for i, el in enumerate(section.findall("Работа")))
    written = Totals(money(section, "СтБезНДСИт", WORKS), money(section, "СтУчНДСИт", WORKS),
                     opt_decimal(section, "СумНДСИт", WORKS))
    if compute_totals(works) != written:
        raise InputError("итоги ОписРабот не равны сумме строк", WORKS)
    return works


def _read_work(el: Element, path: str) -> ValueLine:
    number = attr(el, "Номер", path)
    if not number.isdigit():
        raise InputError(f"«{number}»: ожидается номер строки", f"{path}/@Номер")
    if el.find("ИнфПолеОписРабот") is not None or el.get("КоррСчДебет") or el.get("КоррСчКредит"):
        raise InputError("информационные поля и корреспондирующие счета не поддерживаются", path)
    rate = read_rate(el, path)
    return build(path, lambda: ValueLine(
        number=int(number), name=attr(el, "НаимРабот", path), vat_rate=rate,
        amount_without_vat=money(el, "СтоимБезНДС", path), amount_with_vat=money(el, "СтоимУчНДС", path),
        vat_amount=opt_decimal(el, "СумНДС", path), quantity=opt_decimal(el, "Количество", path),
        price=opt_decimal(el, "Цена", path), okei=el.get("ОКЕИ", ""), unit_name=el.get("НаимЕдИзм", ""),
        description=el.findtext("Описание") or ""))

"""XML writing and reading of the value types both УПД titles share (upd_types).

Writers emit attributes in schema order and skip empty values; readers raise InputError
naming the XPath of what is missing or wrong. Each pair is the exact inverse of the other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import TypeVar

from lxml import etree

from edo_app.errors import InputError
from edo_app.model.fields import parse_date
from edo_app.model.money import to_decimal
from edo_app.model.party import Party, PersonName
from edo_app.model.problems import rethrow

from .upd_types import (
    Address,
    DocRef,
    Employee,
    ForeignParty,
    PaperPoa,
    Participant,
    PoaRef,
    Signer,
    format_date,
)

Element = etree._Element
T = TypeVar("T")


def file_root(file_id: object, version: str, program: str) -> Element:
    """The root Файл naming the file (ИдФайл), the format version and the program, in this order."""
    root = etree.Element("Файл")
    root.set("ИдФайл", str(file_id))
    root.set("ВерсФорм", version)
    root.set("ВерсПрог", program)
    return root


def sub(parent: Element, tag: str, attrs: Mapping[str, str | None] | None = None, text: str | None = None) -> Element:
    """A child element with the non-empty attributes, in the given order."""
    child = etree.SubElement(parent, tag)
    for name, value in (attrs or {}).items():
        if value:
            child.set(name, value)
    if text is not None:
        child.text = text
    return child


def opt_date(value: date | None) -> str | None:
    return format_date(value) if value else None


def attr(el: Element, name: str, path: str) -> str:
    """A required attribute, or InputError naming its XPath."""
    value = el.get(name)
    if value is None:
        raise InputError("обязательный атрибут отсутствует", f"{path}/@{name}")
    return value


def child(el: Element, tag: str, path: str) -> Element:
    found = el.find(tag)
    if found is None:
        raise InputError("обязательный элемент отсутствует", f"{path}/{tag}")
    return found


def date_attr(el: Element, name: str, path: str) -> date:
    return parse_date(attr(el, name, path), f"{path}/@{name}")


def opt_date_attr(el: Element, name: str, path: str) -> date | None:
    value = el.get(name)
    return parse_date(value, f"{path}/@{name}") if value is not None else None


def money(el: Element, name: str, path: str) -> Decimal:
    """A number the model requires (the schema may leave it optional)."""
    return to_decimal(attr(el, name, path), f"{path}/@{name}")


def opt_decimal(el: Element, name: str, path: str) -> Decimal | None:
    value = el.get(name)
    return to_decimal(value, f"{path}/@{name}") if value is not None else None


def build(path: str, make: Callable[[], T]) -> T:
    """Construct a value read from XML; its own errors are reported under the XPath."""
    try:
        return make()
    except InputError as exc:
        if exc.field and exc.field.startswith("Файл"):  # already an absolute XPath (a nested read)
            raise
        raise rethrow(exc, path) from None


# --- ФИО, employee, documents -------------------------------------------------------------

def write_fio(parent: Element, name: PersonName) -> None:
    sub(parent, "ФИО", {"Фамилия": name.last, "Имя": name.first, "Отчество": name.middle})


def read_fio(el: Element, path: str) -> PersonName:
    fio = child(el, "ФИО", path)
    where = f"{path}/ФИО"
    return build(where, lambda: PersonName(attr(fio, "Фамилия", where), attr(fio, "Имя", where),
                                           fio.get("Отчество", "")))


def write_docref(parent: Element, tag: str, ref: DocRef) -> None:
    sub(parent, tag, {"РеквНаимДок": ref.name, "РеквНомерДок": ref.number, "РеквДатаДок": format_date(ref.date),
                      "РеквИдФайлДок": ref.file_id, "РеквДопСведДок": ref.extra})


def read_docref(el: Element, path: str) -> DocRef:
    return build(path, lambda: DocRef(attr(el, "РеквНаимДок", path), attr(el, "РеквНомерДок", path),
                                      date_attr(el, "РеквДатаДок", path), el.get("РеквИдФайлДок", ""),
                                      el.get("РеквДопСведДок", "")))


def write_employee(parent: Element, tag: str, emp: Employee) -> None:
    el = sub(parent, tag, {"Должность": emp.position, "ИныеСвед": emp.other})
    write_fio(el, emp.name)


def read_employee(el: Element, path: str) -> Employee:
    return build(path, lambda: Employee(read_fio(el, path), attr(el, "Должность", path), el.get("ИныеСвед", "")))


# --- participants -------------------------------------------------------------------------

def write_participant(parent: Element, tag: str, member: Participant) -> None:
    el = sub(parent, tag, {"ОКПО": member.okpo, "СтруктПодр": member.department, "СокрНаим": member.short_name})
    ident = sub(el, "ИдСв")
    party = member.party
    if isinstance(party, ForeignParty):
        sub(ident, "СвИнНеУч", {"ИдСтат": "ИГ" if party.is_person else "ИО", "КодСтр": party.country_code,
                                "НаимСтран": party.country_name, "Наим": party.name,
                                "Идентиф": party.identifier, "ИныеСвед": party.other})
    elif party.is_organisation:
        sub(ident, "СвЮЛУч", {"НаимОрг": party.name, "ИННЮЛ": party.inn, "КПП": party.kpp})
    else:
        assert party.person is not None
        if party.ogrn:
            write_fio(sub(ident, "СвИП", {"ИННФЛ": party.inn, "ОГРНИП": party.ogrn}), party.person)
        else:
            write_fio(sub(ident, "СвФЛУч", {"ИННФЛ": party.inn}), party.person)
    if member.address is not None:
        write_address(sub(el, "Адрес"), member.address)


def write_address(el: Element, adr: Address) -> None:
    if adr.is_russian_structured:
        sub(el, "АдрРФ", {"Индекс": adr.postal_code, "КодРегион": adr.region_code, "НаимРегион": adr.region_name,
                          "Район": adr.district, "Город": adr.city, "НаселПункт": adr.locality,
                          "Улица": adr.street, "Дом": adr.house, "Корпус": adr.building, "Кварт": adr.flat,
                          "ИныеСвед": adr.text})
    else:
        sub(el, "АдрИнф", {"КодСтр": adr.country_code, "НаимСтран": adr.country_name, "АдрТекст": adr.text})


def read_participant(el: Element, path: str) -> Participant:
    ident = child(el, "ИдСв", path)
    party = _read_party(ident, f"{path}/ИдСв")
    adr_el = el.find("Адрес")
    address = read_address(adr_el, f"{path}/Адрес") if adr_el is not None else None
    return build(path, lambda: Participant(party, address, el.get("ОКПО", ""), el.get("СтруктПодр", ""),
                                           el.get("СокрНаим", "")))


def _read_party(ident: Element, path: str) -> Party | ForeignParty:
    kind = ident[0].tag if len(ident) else ""
    el = ident[0] if len(ident) else ident
    where = f"{path}/{kind}"
    if kind == "СвЮЛУч":
        return build(where, lambda: Party(attr(el, "НаимОрг", where), attr(el, "ИННЮЛ", where), el.get("КПП", "")))
    if kind in ("СвИП", "СвФЛУч"):
        person = read_fio(el, where)
        inn = el.get("ИННФЛ", "") if kind == "СвФЛУч" else attr(el, "ИННФЛ", where)
        return build(where, lambda: Party(person.full, inn, ogrn=el.get("ОГРНИП", ""), person=person))
    if kind == "СвИнНеУч":
        return build(where, lambda: ForeignParty(
            attr(el, "Наим", where), attr(el, "КодСтр", where), attr(el, "НаимСтран", where),
            el.get("ИдСтат") == "ИГ", el.get("Идентиф", ""), el.get("ИныеСвед", "")))
    raise InputError("не найдены сведения об участнике (СвЮЛУч, СвИП, СвФЛУч или СвИнНеУч)", path)


def read_address(el: Element, path: str) -> Address:
    rf = el.find("АдрРФ")
    if rf is not None:
        where = f"{path}/АдрРФ"
        return build(where, lambda: Address(
            text=rf.get("ИныеСвед", ""), region_code=attr(rf, "КодРегион", where),
            region_name=attr(rf, "НаимРегион", where), postal_code=rf.get("Индекс", ""),
            district=rf.get("Район", ""), city=rf.get("Город", ""), locality=rf.get("НаселПункт", ""),
            street=rf.get("Улица", ""), house=rf.get("Дом", ""), building=rf.get("Корпус", ""),
            flat=rf.get("Кварт", "")))
    info = el.find("АдрИнф")
    if info is None:
        raise InputError("поддерживаются адреса АдрРФ и АдрИнф; адрес ГАР пока не читается", path)
    where = f"{path}/АдрИнф"
    return build(where, lambda: Address(attr(info, "АдрТекст", where), attr(info, "КодСтр", where),
                                        attr(info, "НаимСтран", where)))


# --- signers ------------------------------------------------------------------------------

def write_signer(parent: Element, signer: Signer) -> None:
    el = sub(parent, "Подписант", {"Должн": signer.position, "ТипПодпис": signer.signer_type,
                                   "ДатаПодДок": opt_date(signer.signed_on),
                                   "СпосПодтПолном": str(signer.authority), "ДопСведПодп": signer.extra})
    write_fio(el, signer.name)
    for poa in signer.poa:
        sub(el, "СвДоверЭл", {"НомДовер": poa.number, "ДатаВыдДовер": format_date(poa.issued),
                              "ВнНомДовер": poa.internal_number, "ДатаВнРегДовер": opt_date(poa.registered),
                              "ИдСистХран": poa.system_id, "УРЛСист": poa.url})
    for paper in signer.paper_poa:
        sub(el, "СвДоверБум", {"ДатаВыдДовер": format_date(paper.issued), "ВнНомДовер": paper.internal_number,
                               "СвИдДовер": paper.issuer})


def read_signer(el: Element, path: str) -> Signer:
    poa = tuple(_read_poa(p, f"{path}/СвДоверЭл[{i + 1}]") for i, p in enumerate(el.findall("СвДоверЭл")))
    paper = tuple(_read_paper(p, f"{path}/СвДоверБум[{i + 1}]") for i, p in enumerate(el.findall("СвДоверБум")))
    method = attr(el, "СпосПодтПолном", path)
    if method not in "123456" or len(method) != 1:
        raise InputError(f"«{method}»: ожидается 1–6", f"{path}/@СпосПодтПолном")
    return build(path, lambda: Signer(
        read_fio(el, path), el.get("Должн", ""), int(method), el.get("ТипПодпис", ""),
        opt_date_attr(el, "ДатаПодДок", path), el.get("ДопСведПодп", ""), poa, paper))


def _read_poa(el: Element, path: str) -> PoaRef:
    return build(path, lambda: PoaRef(attr(el, "НомДовер", path), date_attr(el, "ДатаВыдДовер", path),
                                      attr(el, "ИдСистХран", path), el.get("ВнНомДовер", ""),
                                      opt_date_attr(el, "ДатаВнРегДовер", path), el.get("УРЛСист", "")))


def _read_paper(el: Element, path: str) -> PaperPoa:
    return build(path, lambda: PaperPoa(date_attr(el, "ДатаВыдДовер", path), attr(el, "ВнНомДовер", path),
                                        el.get("СвИдДовер", "")))

"""XML of the parts every ЭТрН 5.01 title shares: the file frame, participants (УчастникТрНТип),
addresses, moments with their UTC offset, document requisites, the signer and the reference
to the title answered. Each writer has a reader that is its exact inverse; the readers name
the XPath of anything missing and refuse what the model does not hold.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from lxml import etree

from edo_app.errors import InputError
from edo_app.model.fileid import FileId
from edo_app.model.money import format_number, to_decimal
from edo_app.model.party import Party

from .etrn_types import FORMAT_VERSION, DocRequisite, EtrnParty, EtrnSigner, TitleRef
from .primary_types import Member, PlainAddress
from .upd_types import format_date, format_time, parse_time
from .upd_xml import Element, attr, build, child, date_attr, read_fio, sub, write_fio

DOC = "Файл/Документ"
UTC_MARK = "1"  # НалКоорТочВр…: the moment is written with its UTC offset
_ZONED = re.compile(r"^(\d\d)\.(\d\d)\.(\d{4})T(\d\d):(\d\d):(\d\d)([+-])(\d\d):(\d\d)$")


# --- the file ---------------------------------------------------------------------------------

def new_file(file_id: FileId, program: str, knd: str, fact: str) -> tuple[Element, Element]:
    root = etree.Element("Файл")
    root.set("ИдФайл", str(file_id))
    root.set("ВерсПрог", program)
    root.set("ВерсФорм", FORMAT_VERSION)
    body = sub(root, "Документ", {"КНД": knd, "ПоФактХЖ": fact})
    return root, body


def read_file(root: Element, knd: str, fact: str) -> tuple[FileId, str, Element]:
    """(file id, ВерсПрог, Документ) of a 5.01 title with the expected КНД, or InputError."""
    if root.tag != "Файл":
        raise InputError(f"корневой элемент «{root.tag}», ожидается «Файл»", "/")
    if root.get("ВерсФорм") != FORMAT_VERSION:
        raise InputError(f"версия формата «{root.get('ВерсФорм')}», ожидается {FORMAT_VERSION}", "Файл/@ВерсФорм")
    if root.find("ИдПолИной") is not None:
        raise InputError("иные получатели файла (ИдПолИной) не поддерживаются", "Файл/ИдПолИной")
    body = child(root, "Документ", "Файл")
    if body.get("КНД") != knd:
        raise InputError(f"КНД «{body.get('КНД')}», ожидается {knd}", f"{DOC}/@КНД")
    if attr(body, "ПоФактХЖ", DOC) != fact:
        raise InputError(f"ожидается «{fact}»", f"{DOC}/@ПоФактХЖ")
    try:
        file_id = FileId.parse(attr(root, "ИдФайл", "Файл"))
    except InputError as exc:
        raise InputError(exc.message, "Файл/@ИдФайл") from None
    return file_id, attr(root, "ВерсПрог", "Файл"), body


def set_moment(el: Element, date_name: str, time_name: str, moment: datetime) -> None:
    """Date and time of forming a file: ДД.ММ.ГГГГ and ЧЧ:ММ:СС (with colons, as this format has it)."""
    el.set(date_name, format_date(moment))
    el.set(time_name, format_time(moment).replace(".", ":"))


def read_moment(el: Element, date_name: str, time_name: str, path: str) -> datetime:
    return parse_time(date_attr(el, date_name, path), attr(el, time_name, path).replace(":", "."),
                      f"{path}/@{time_name}")


def zoned(moment: datetime) -> str:
    """ДатаВремяВЗТип: ДД.ММ.ГГГГTЧЧ:ММ:СС+ЧЧ:ММ."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{moment:%d.%m.%YT%H:%M:%S}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def read_zoned(el: Element, name: str, mark: str, path: str) -> datetime:
    text = attr(el, name, path)
    if el.get(mark) != UTC_MARK:
        raise InputError(f"поддерживается только время с поясом UTC ({mark} = {UTC_MARK})", f"{path}/@{mark}")
    match = _ZONED.match(text)
    if not match:
        raise InputError(f"«{text}»: ожидается ДД.ММ.ГГГГTЧЧ:ММ:СС+ЧЧ:ММ", f"{path}/@{name}")
    day, month, year, hour, minute, second, sign, off_h, off_m = match.groups()
    offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (-1 if sign == "-" else 1)
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second),
                        tzinfo=timezone(offset))
    except ValueError:
        raise InputError(f"«{text}»: такой даты или времени нет", f"{path}/@{name}") from None


def set_zoned(el: Element, name: str, mark: str, moment: datetime) -> None:
    el.set(name, zoned(moment))
    el.set(mark, UTC_MARK)


def number(value: Decimal | None) -> str | None:
    return format_number(value) if value is not None else None


def decimal_attr(el: Element, name: str, path: str) -> Decimal:
    return to_decimal(attr(el, name, path), f"{path}/@{name}")


def opt_decimal(el: Element, name: str, path: str) -> Decimal | None:
    value = el.get(name)
    return to_decimal(value, f"{path}/@{name}") if value is not None else None


def int_attr(el: Element, name: str, path: str) -> int:
    text = attr(el, name, path)
    if not text.isdigit():
        raise InputError(f"«{text}»: ожидается целое число", f"{path}/@{name}")
    return int(text)


# --- participants and addresses ------------------------------------------------------------------

def write_party(parent: Element, tag: str, party: EtrnParty) -> None:
    el = sub(parent, tag)
    ident = sub(el, "ИдСв")
    who = party.member.party
    if who.is_organisation:
        sub(ident, "СвЮЛУч", {"НаимОрг": who.name, "ИННЮЛ": who.inn, "КПП": who.kpp})
    else:
        assert who.person is not None
        write_fio(sub(ident, "СвИП" if party.member.entrepreneur else "СвФЛУчаст", {"ИННФЛ": who.inn}), who.person)
    if party.member.address is not None:
        write_address(sub(el, "Адрес"), party.member.address, ("АдрРФ", "АдрИнф"))
    write_contact(el, "Контакт", party.phones, party.email)


def write_contact(parent: Element, tag: str, phones: tuple[str, ...], email: str = "") -> None:
    contact = sub(parent, tag)
    for phone in phones:
        sub(contact, "Тлф", text=phone)
    if email:
        sub(contact, "ЭлПочта", text=email)


def write_address(el: Element, adr: PlainAddress, tags: tuple[str, str]) -> None:
    """``tags``: (АдрРФ, АдрИнф) in a party's address, (АдресРФ, АдресИнф) in a place's."""
    if adr.is_russian_structured:
        sub(el, tags[0], {"Индекс": adr.postal_code, "КодРегион": adr.region_code, "Район": adr.district,
                          "Город": adr.city, "НаселПункт": adr.locality, "Улица": adr.street, "Дом": adr.house,
                          "Корпус": adr.building, "Кварт": adr.flat})
    else:
        sub(el, tags[1], {"КодСтр": adr.country_code, "АдрТекст": adr.text})


PLACE_TAGS = ("АдресРФ", "АдресИнф")


def read_party(el: Element, path: str) -> EtrnParty:
    if el.find("ИнфДляУчаст") is not None:
        raise InputError("информация для участника (ИнфДляУчаст) не поддерживается", f"{path}/ИнфДляУчаст")
    party, entrepreneur = _read_ident(child(el, "ИдСв", path), f"{path}/ИдСв")
    adr = el.find("Адрес")
    address = read_address(adr, f"{path}/Адрес", ("АдрРФ", "АдрИнф")) if adr is not None else None
    phones, email = read_contact(child(el, "Контакт", path), f"{path}/Контакт")
    return build(path, lambda: EtrnParty(Member(party, address, entrepreneur=entrepreneur), phones, email))


def read_contact(el: Element, path: str) -> tuple[tuple[str, ...], str]:
    emails = [e.text or "" for e in el.findall("ЭлПочта")]
    if len(emails) > 1 or el.find("ИнКонт") is not None:
        raise InputError("поддерживаются телефоны и один адрес электронной почты", path)
    return tuple(t.text or "" for t in el.findall("Тлф")), (emails[0] if emails else "")


def _read_ident(ident: Element, path: str) -> tuple[Party, bool]:
    org = ident.find("СвЮЛУч")
    if org is not None:
        where = f"{path}/СвЮЛУч"
        return build(where, lambda: Party(attr(org, "НаимОрг", where), attr(org, "ИННЮЛ", where),
                                          org.get("КПП", ""))), False
    person_el = ident.find("СвИП")
    entrepreneur = person_el is not None
    if person_el is None:
        person_el = ident.find("СвФЛУчаст")
    if person_el is None or person_el.get("ОГРНИП") or person_el.get("ИныеСвед"):
        raise InputError("поддерживаются СвЮЛУч, СвИП и СвФЛУчаст без ОГРНИП и иных сведений", path)
    where = f"{path}/{person_el.tag}"
    person = read_fio(person_el, where)
    inn = attr(person_el, "ИННФЛ", where)
    return build(where, lambda: Party(person.full, inn, person=person)), entrepreneur


def read_address(el: Element, path: str, tags: tuple[str, str]) -> PlainAddress:
    rf = el.find(tags[0])
    if rf is not None:
        where = f"{path}/{tags[0]}"
        return build(where, lambda: PlainAddress(
            region_code=attr(rf, "КодРегион", where), postal_code=attr(rf, "Индекс", where),
            district=rf.get("Район", ""), city=rf.get("Город", ""), locality=rf.get("НаселПункт", ""),
            street=rf.get("Улица", ""), house=rf.get("Дом", ""), building=rf.get("Корпус", ""),
            flat=rf.get("Кварт", "")))
    info = el.find(tags[1])
    if info is None or el.find("ГЛН") is not None or el.find("Коорд") is not None or el.get("АдрКоммент"):
        raise InputError(f"поддерживаются адреса {tags[0]} и {tags[1]} без ГЛН, координат и комментария", path)
    where = f"{path}/{tags[1]}"
    return build(where, lambda: PlainAddress(attr(info, "АдрТекст", where), attr(info, "КодСтр", where)))


# --- documents, signer, reference ------------------------------------------------------------------

def write_requisite(parent: Element, tag: str, doc: DocRequisite) -> None:
    el = sub(parent, tag, {"НаимДок": doc.name, "НомерДок": doc.number, "ДатаДок": format_date(doc.date)})
    sub(sub(el, "ИдРекСост"), "ИННЮЛ" if len(doc.issuer_inn) == 10 else "ИННФЛ", text=doc.issuer_inn)


def read_requisite(el: Element, path: str) -> DocRequisite:
    ids = el.findall("ИдРекСост")
    inn = ids[0][0] if len(ids) == 1 and len(ids[0]) == 1 else None
    if inn is None or inn.tag not in ("ИННЮЛ", "ИННФЛ") or el.get("ИдДок") or el.get("ДопСведДок"):
        raise InputError("поддерживается документ с наименованием, номером, датой и одним ИНН составителя", path)
    return build(path, lambda: DocRequisite(attr(el, "НаимДок", path), attr(el, "НомерДок", path),
                                            date_attr(el, "ДатаДок", path), inn.text or ""))


def write_signer(body: Element, signer: EtrnSigner) -> None:
    write_fio(sub(body, "Подписант", {"СтатПодп": signer.status, "Должн": signer.position}), signer.name)


def read_signer(body: Element) -> EtrnSigner:
    path = f"{DOC}/Подписант"
    el = child(body, "Подписант", DOC)
    if el.find("СвДовер") is not None or el.get("ИдСистХран"):
        raise InputError("сведения о доверенности подписанта не поддерживаются", path)
    name = read_fio(el, path)
    return build(path, lambda: EtrnSigner(name, el.get("Должн", ""), attr(el, "СтатПодп", path)))


def write_ref(body: Element, tag: str, names: tuple[str, str, str], ref: TitleRef) -> None:
    """``names``: the attributes of ИдФайл, date and time of the answered title (they differ per title)."""
    el = sub(body, tag, {names[0]: ref.file_id})
    set_moment(el, names[1], names[2], ref.created)
    el.set("ЭП", ref.signature)


def read_ref(body: Element, tag: str, names: tuple[str, str, str]) -> TitleRef:
    path = f"{DOC}/{tag}"
    el = child(body, tag, DOC)
    return build(path, lambda: TitleRef(attr(el, names[0], path), read_moment(el, names[1], names[2], path),
                                        attr(el, "ЭП", path)))


def refuse_extras(el: Element, path: str, tags: tuple[str, ...]) -> None:
    for tag in tags:
        if el.find(tag) is not None:
            raise InputError(f"элемент {tag} не поддерживается", f"{path}/{tag}")

"""XML writing and reading of the parts акт and ТОРГ-12 5.01 share (primary_types).

The generic element helpers (sub, attr, child, build, ФИО) come from upd_xml; what is here
is the 5.01 spelling of files, participants, signers, bases and document headers. Each
writer has a reader that is its exact inverse.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from lxml import etree

from edo_app.errors import InputError
from edo_app.model.fileid import FileId
from edo_app.model.money import format_number
from edo_app.model.party import Party
from edo_app.model.vat import VatRate

from .primary_types import FORMAT_VERSION, Basis, Handler, Member, PlainAddress, PrimarySigner, SellerHead
from .upd_model import Correction
from .upd_types import format_date, format_time, parse_time
from .upd_xml import Element, attr, build, child, date_attr, opt_date, opt_date_attr, read_fio, sub, write_fio

DOC = "Файл/Документ"


# --- file -----------------------------------------------------------------------------------

def new_file(file_id: FileId, program: str) -> tuple[Element, Element]:
    """The root Файл with СвУчДокОбор (sender and recipient from the file name) and an empty Документ."""
    root = etree.Element("Файл")
    root.set("ИдФайл", str(file_id))
    root.set("ВерсФорм", FORMAT_VERSION)
    if program:
        root.set("ВерсПрог", program)
    sub(root, "СвУчДокОбор", {"ИдОтпр": file_id.sender, "ИдПол": file_id.recipient})
    return root, sub(root, "Документ")


def read_file(root: Element, knd: str) -> tuple[FileId, str, Element]:
    """(file id, ВерсПрог, Документ) of a 5.01 file with the expected КНД, or InputError."""
    if root.tag != "Файл":
        raise InputError(f"корневой элемент «{root.tag}», ожидается «Файл»", "/")
    if root.get("ВерсФорм") != FORMAT_VERSION:
        raise InputError(f"версия формата «{root.get('ВерсФорм')}», ожидается {FORMAT_VERSION}", "Файл/@ВерсФорм")
    body = child(root, "Документ", "Файл")
    if body.get("КНД") != knd:
        raise InputError(f"КНД «{body.get('КНД')}», ожидается {knd}", f"{DOC}/@КНД")
    file_id = FileId.parse(attr(root, "ИдФайл", "Файл"))
    parties = child(root, "СвУчДокОбор", "Файл")
    path = "Файл/СвУчДокОбор"
    if (attr(parties, "ИдОтпр", path), attr(parties, "ИдПол", path)) != (file_id.sender, file_id.recipient):
        raise InputError("ИдОтпр и ИдПол должны совпадать с отправителем и получателем в имени файла", path)
    if parties.find("СвОЭДОтпр") is not None:
        raise InputError("сведения об операторе (СвОЭДОтпр) не поддерживаются", f"{path}/СвОЭДОтпр")
    return file_id, root.get("ВерсПрог", ""), body


def read_moment(el: Element, date_name: str, time_name: str, path: str) -> datetime:
    return parse_time(date_attr(el, date_name, path), attr(el, time_name, path), f"{path}/@{time_name}")


def set_moment(el: Element, date_name: str, time_name: str, moment: datetime) -> None:
    el.set(date_name, format_date(moment))
    el.set(time_name, format_time(moment))


# --- participants ---------------------------------------------------------------------------

def write_member(parent: Element, tag: str, member: Member, *, foreign_tag: str = "АдрИнф") -> None:
    el = sub(parent, tag, {"ОКПО": member.okpo, "СтруктПодр": member.department})
    ident = sub(el, "ИдСв")
    party = member.party
    if party.is_organisation:
        sub(sub(ident, "СвОрг"), "СвЮЛ", {"НаимОрг": party.name, "ИННЮЛ": party.inn, "КПП": party.kpp})
    else:
        assert party.person is not None
        tag_name = "СвИП" if member.entrepreneur else "СвФЛ"
        write_fio(sub(ident, tag_name, {"ИННФЛ": party.inn}), party.person)
    if member.address is not None:
        write_address(sub(el, "Адрес"), member.address, foreign_tag=foreign_tag)


def write_address(el: Element, adr: PlainAddress, *, foreign_tag: str) -> None:
    """``foreign_tag``: the акт's seller title spells the text address АдрИно, the others АдрИнф."""
    if adr.is_russian_structured:
        sub(el, "АдрРФ", {"Индекс": adr.postal_code, "КодРегион": adr.region_code, "Район": adr.district,
                          "Город": adr.city, "НаселПункт": adr.locality, "Улица": adr.street, "Дом": adr.house,
                          "Корпус": adr.building, "Кварт": adr.flat})
    else:
        sub(el, foreign_tag, {"КодСтр": adr.country_code, "АдрТекст": adr.text})


def read_member(el: Element, path: str, *, foreign_tag: str = "АдрИнф") -> Member:
    ident = child(el, "ИдСв", path)
    party, entrepreneur = _read_party(ident, f"{path}/ИдСв")
    for extra in ("Контакт", "БанкРекв"):
        if el.find(extra) is not None:
            raise InputError(f"элемент {extra} не поддерживается", f"{path}/{extra}")
    adr = el.find("Адрес")
    address = read_address(adr, f"{path}/Адрес", foreign_tag) if adr is not None else None
    return build(path, lambda: Member(party, address, el.get("ОКПО", ""), el.get("СтруктПодр", ""), entrepreneur))


def _read_party(ident: Element, path: str) -> tuple[Party, bool]:
    org = ident.find("СвОрг/СвЮЛ")
    if org is not None:
        where = f"{path}/СвОрг/СвЮЛ"
        return build(where, lambda: Party(attr(org, "НаимОрг", where), attr(org, "ИННЮЛ", where),
                                          org.get("КПП", ""))), False
    person_el = ident.find("СвИП")
    entrepreneur = person_el is not None
    if person_el is None:
        person_el = ident.find("СвФЛ")
    if person_el is not None:
        where = f"{path}/{person_el.tag}"
        person = read_fio(person_el, where)
        inn = attr(person_el, "ИННФЛ", where)
        return build(where, lambda: Party(person.full, inn, person=person)), entrepreneur
    raise InputError("поддерживаются СвОрг/СвЮЛ, СвИП и СвФЛ с ИНН (иностранная организация не читается)", path)


def read_address(el: Element, path: str, foreign_tag: str) -> PlainAddress:
    rf = el.find("АдрРФ")
    if rf is not None:
        where = f"{path}/АдрРФ"
        return build(where, lambda: PlainAddress(
            region_code=attr(rf, "КодРегион", where), postal_code=rf.get("Индекс", ""), district=rf.get("Район", ""),
            city=rf.get("Город", ""), locality=rf.get("НаселПункт", ""), street=rf.get("Улица", ""),
            house=rf.get("Дом", ""), building=rf.get("Корпус", ""), flat=rf.get("Кварт", "")))
    info = el.find(foreign_tag)
    if info is None:
        raise InputError(f"поддерживаются адреса АдрРФ и {foreign_tag}; код ГАР не читается", path)
    where = f"{path}/{foreign_tag}"
    return build(where, lambda: PlainAddress(attr(info, "АдрТекст", where), attr(info, "КодСтр", where)))


# --- bases, people, signers -------------------------------------------------------------------

def write_basis(parent: Element, basis: Basis) -> None:
    sub(parent, "Основание", {"НаимОсн": basis.name, "НомОсн": basis.number, "ДатаОсн": opt_date(basis.date),
                              "ДопСвОсн": basis.extra})


def read_bases(parent: Element, path: str) -> tuple[Basis, ...]:
    return tuple(_read_basis(el, f"{path}/Основание[{i + 1}]") for i, el in enumerate(parent.findall("Основание")))


def _read_basis(el: Element, path: str) -> Basis:
    return build(path, lambda: Basis(attr(el, "НаимОсн", path), el.get("НомОсн", ""),
                                     opt_date_attr(el, "ДатаОсн", path), el.get("ДопСвОсн", "")))


def write_handler(parent: Element, tag: str, person: Handler) -> None:
    write_fio(sub(parent, tag, {"Должность": person.position, "ОснПолн": person.basis}), person.name)


def read_handler(holder: Element | None, tag: str, path: str) -> Handler | None:
    """The employee inside СвЛицОтпГруз / СвЛицПолГруз; other persons (ИнЛицо) are not modelled."""
    if holder is None:
        return None
    el = holder.find(tag)
    if el is None:
        raise InputError(f"поддерживается только работник стороны ({tag})", path)
    where = f"{path}/{tag}"
    return build(where, lambda: Handler(read_fio(el, where), attr(el, "Должность", where), el.get("ОснПолн", "")))


def write_signer(parent: Element, signer: PrimarySigner, basis_attr: str = "ОснПолн") -> None:
    """``basis_attr``: ОснПолнПодп in the акт's seller title, ОснПолн elsewhere."""
    el = sub(parent, "Подписант", {"ОблПолн": signer.scope, "Статус": signer.status, basis_attr: signer.basis,
                                   "ОснПолнОрг": signer.org_basis})
    if signer.kind == "ЮЛ":
        who = sub(el, "ЮЛ", {"ИННЮЛ": signer.inn, "НаимОрг": signer.org_name})
        who.set("Должн", signer.position)  # required, and may be empty
    else:
        who = sub(el, signer.kind, {"ИННФЛ": signer.inn})
    write_fio(who, signer.name)


def read_signers(body: Element, basis_attr: str = "ОснПолн") -> tuple[PrimarySigner, ...]:
    return tuple(_read_signer(el, f"{DOC}/Подписант[{i + 1}]", basis_attr)
                 for i, el in enumerate(body.findall("Подписант")))


def _read_signer(el: Element, path: str, basis_attr: str) -> PrimarySigner:
    who = next((c for c in el if c.tag in ("ЮЛ", "ИП", "ФЛ")), None)
    if who is None:
        raise InputError("ожидается ЮЛ, ИП или ФЛ", path)
    where = f"{path}/{who.tag}"
    inn = attr(who, "ИННЮЛ", where) if who.tag == "ЮЛ" else who.get("ИННФЛ", "")
    return build(path, lambda: PrimarySigner(
        read_fio(who, where), inn, str(who.tag), who.get("НаимОрг", ""), who.get("Должн", ""),
        attr(el, "ОблПолн", path), attr(el, "Статус", path), attr(el, basis_attr, path), el.get("ОснПолнОрг", "")))


# --- the seller titles' document header -------------------------------------------------------

def write_head(parent: Element, head: SellerHead, *, fact: str, suffix: str) -> None:
    """НаимДок, ИдентДок, ИспрДок.., ДенИзм: ``suffix`` is ПРУ (акт) or ПТ (ТОРГ-12)."""
    sub(parent, "НаимДок", {"ПоФактХЖ": fact, "НаимДокОпр": head.doc_name})
    sub(parent, "ИдентДок", {f"НомДок{suffix}": head.number, f"ДатаДок{suffix}": format_date(head.doc_date)})
    if head.correction is not None:
        sub(parent, f"ИспрДок{suffix}", {f"НомИспрДок{suffix}": str(head.correction.number),
                                         f"ДатаИспрДок{suffix}": format_date(head.correction.date)})
    sub(parent, "ДенИзм", {"КодОКВ": head.currency_code, "НаимОКВ": head.currency_name})


def write_operation_kind(parent: Element, head: SellerHead) -> None:
    if head.operation_kind:
        sub(parent, "ВидОперации", text=head.operation_kind)


def read_correction(parent: Element, suffix: str, path: str) -> Correction | None:
    el = parent.find(f"ИспрДок{suffix}")
    if el is None:
        return None
    where = f"{path}/ИспрДок{suffix}"
    number = attr(el, f"НомИспрДок{suffix}", where)
    if not number.isdigit():
        raise InputError(f"«{number}»: ожидается номер исправления", f"{where}/@НомИспрДок{suffix}")
    return build(where, lambda: Correction(int(number), date_attr(el, f"ДатаИспрДок{suffix}", where)))


def read_head(file: tuple[FileId, str, Element], header: Element, header_path: str, *, fact: str, suffix: str,
              created: tuple[str, str], basis_holder: Element, basis_path: str,
              basis_attr: str = "ОснПолн") -> SellerHead:
    """The SellerHead of a seller title (``file`` as read_file gives it); ``created`` names
    Документ's date and time attributes; bases and ВидОперации are read from ``basis_holder``."""
    file_id, program, body = file
    name = child(header, "НаимДок", header_path)
    if name.get("ПоФактХЖ") != fact:
        raise InputError(f"ожидается «{fact}»", f"{header_path}/НаимДок/@ПоФактХЖ")
    ident = child(header, "ИдентДок", header_path)
    currency = child(header, "ДенИзм", header_path)
    kind = basis_holder.findtext("ВидОперации") or ""
    return build(DOC, lambda: SellerHead(
        file_id=file_id, created=read_moment(body, *created, DOC),
        number=ident.get(f"НомДок{suffix}", ""),
        doc_date=date_attr(ident, f"ДатаДок{suffix}", f"{header_path}/ИдентДок"),
        signers=read_signers(body, basis_attr), doc_name=attr(name, "НаимДокОпр", f"{header_path}/НаимДок"),
        economic_entity=attr(body, "НаимЭконСубСост", DOC), bases=read_bases(basis_holder, basis_path),
        correction=read_correction(header, suffix, header_path),
        currency_code=attr(currency, "КодОКВ", f"{header_path}/ДенИзм"), currency_name=currency.get("НаимОКВ", ""),
        operation_kind=kind, program=program))


# --- numbers -----------------------------------------------------------------------------------

def num_text(value: Decimal | None) -> str | None:
    return format_number(value) if value is not None else None


def read_rate(el: Element, path: str) -> VatRate:
    try:
        return VatRate.parse(attr(el, "НалСт", path))
    except InputError as exc:
        raise InputError(exc.message, f"{path}/@НалСт") from None

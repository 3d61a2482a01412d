"""XML writing and reading of the parts of УКД 5.01 that differ from УПД 5.03: a participant
(СвПродПокТип: СвЮЛУч / СвИП, АдрИнф), a signer (Подписант with ЮЛ / ИП), a document (ДокумТип)
and the exchange header (СвУчДокОбор). ФИО, attributes and errors come from upd_xml.

Each writer and its reader are exact inverses on what ukd_model.carried_501 keeps.
"""

from __future__ import annotations

from edo_app.errors import InputError
from edo_app.model.fileid import FileId
from edo_app.model.party import Party

from .ukd_model import RUSSIA, BasisDoc, UkdSigner
from .upd_types import Address, Participant
from .upd_xml import Element, attr, build, child, opt_date, opt_date_attr, read_fio, sub, write_fio


def write_exchange(root: Element, file_id: FileId) -> None:
    """СвУчДокОбор: the sender and recipient ids are the ones in the file name."""
    sub(root, "СвУчДокОбор", {"ИдОтпр": file_id.sender, "ИдПол": file_id.recipient})


def read_file_id(root: Element) -> FileId:
    """ИдФайл, checked against СвУчДокОбор (the model keeps the ids only once)."""
    file_id = build("Файл/@ИдФайл", lambda: FileId.parse(attr(root, "ИдФайл", "Файл")))
    ex = child(root, "СвУчДокОбор", "Файл")
    for name, expected in (("ИдОтпр", file_id.sender), ("ИдПол", file_id.recipient)):
        if attr(ex, name, "Файл/СвУчДокОбор") != expected:
            raise InputError(f"не совпадает с идентификатором в имени файла «{expected}»", f"Файл/СвУчДокОбор/@{name}")
    return file_id


def write_member(parent: Element, tag: str, member: Participant) -> None:
    el = sub(parent, tag, {"ОКПО": member.okpo, "СтруктПодр": member.department})
    ident = sub(el, "ИдСв")
    party = member.party
    assert isinstance(party, Party)  # carried_501 refuses foreign parties
    if party.is_organisation:
        sub(ident, "СвЮЛУч", {"НаимОрг": party.name, "ИННЮЛ": party.inn, "КПП": party.kpp})
    else:
        assert party.person is not None
        write_fio(sub(ident, "СвИП", {"ИННФЛ": party.inn, "СвГосРегИП": party.ogrn}), party.person)
    if member.address is not None:
        sub(sub(el, "Адрес"), "АдрИнф", {"КодСтр": member.address.country_code, "АдрТекст": member.address.text})


def read_member(el: Element, path: str) -> Participant:
    ident = child(el, "ИдСв", path)
    org, person = ident.find("СвЮЛУч"), ident.find("СвИП")
    if org is not None:
        where = f"{path}/ИдСв/СвЮЛУч"
        party = build(where, lambda: Party(attr(org, "НаимОрг", where), attr(org, "ИННЮЛ", where), org.get("КПП", "")))
    elif person is not None:
        where = f"{path}/ИдСв/СвИП"
        name = read_fio(person, where)
        registration = person.get("СвГосРегИП", "")
        ogrn = registration if len(registration) == 15 and registration.isdigit() else ""
        party = build(where, lambda: Party(name.full, attr(person, "ИННФЛ", where), ogrn=ogrn, person=name))
    else:
        raise InputError("поддерживаются участники СвЮЛУч и СвИП; иностранное лицо пока не читается", f"{path}/ИдСв")
    adr = el.find("Адрес")
    address = _read_address(adr, f"{path}/Адрес") if adr is not None else None
    return build(path, lambda: Participant(party, address, el.get("ОКПО", ""), el.get("СтруктПодр", "")))


def _read_address(el: Element, path: str) -> Address:
    """АдрИнф as is; АдрРФ of a foreign file becomes its text (as carried_501 would write it)."""
    info, rf = el.find("АдрИнф"), el.find("АдрРФ")
    if info is not None:
        where = f"{path}/АдрИнф"
        code = attr(info, "КодСтр", where)
        name = RUSSIA[1] if code == RUSSIA[0] else f"код ОКСМ {code}"
        return build(where, lambda: Address(attr(info, "АдрТекст", where), code, name))
    if rf is not None:
        labels = (("Индекс", ""), ("Район", ""), ("Город", ""), ("НаселПункт", ""), ("Улица", ""), ("Дом", "д. "),
                  ("Корпус", "корп. "), ("Кварт", "кв. "))
        text = ", ".join(prefix + rf.get(name, "") for name, prefix in labels if rf.get(name))
        return build(f"{path}/АдрРФ", lambda: Address(text or "Россия"))
    raise InputError("адрес по коду ГАР пока не читается", path)


def write_signer(parent: Element, signer: UkdSigner) -> None:
    el = sub(parent, "Подписант", {"ОблПолн": signer.scope, "Статус": signer.status, "ОснПолн": signer.basis,
                                   "ОснПолнОрг": signer.basis_org})
    if signer.is_organisation:
        body = sub(el, "ЮЛ", {"ИННЮЛ": signer.inn, "НаимОрг": signer.org_name, "Должн": signer.position})
    else:
        body = sub(el, "ИП", {"ИННФЛ": signer.inn, "СвГосРегИП": signer.registration})
    write_fio(body, signer.name)


def read_signer(el: Element, path: str) -> UkdSigner:
    org, ent = el.find("ЮЛ"), el.find("ИП")
    body = org if org is not None else ent
    if body is None:
        raise InputError("поддерживаются подписанты ЮЛ и ИП; физическое лицо (ФЛ) пока не читается", path)
    where = f"{path}/{body.tag}"
    name = read_fio(body, where)
    inn = attr(body, "ИННЮЛ" if org is not None else "ИННФЛ", where)
    return build(path, lambda: UkdSigner(
        name, inn, body.get("Должн", ""), body.get("НаимОрг", ""), attr(el, "ОблПолн", path),
        attr(el, "Статус", path), attr(el, "ОснПолн", path), el.get("ОснПолнОрг", ""), body.get("СвГосРегИП", "")))


def write_basis(parent: Element, tag: str, doc: BasisDoc) -> None:
    sub(parent, tag, {"НаимОсн": doc.name, "НомОсн": doc.number, "ДатаОсн": opt_date(doc.date),
                      "ДопСвОсн": doc.extra, "ИдФайлОсн": doc.file_id})


def read_basis(el: Element, path: str) -> BasisDoc:
    return build(path, lambda: BasisDoc(attr(el, "НаимОсн", path), el.get("НомОсн", ""),
                                        opt_date_attr(el, "ДатаОсн", path), el.get("ИдФайлОсн", ""),
                                        el.get("ДопСвОсн", "")))

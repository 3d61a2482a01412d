"""XML of HR documents: ``hr_to_xml`` writes HR 1.01 (xsd/hr-1.01/hr.xsd) as UTF-8 bytes named
``doc.file_name``, ``hr_from_xml`` reads them back exactly (a round trip gives an equal value).
It reads HR 1.00 files too (xsd/hr-1.00/hr.xsd): their employer is an organisation whose
requisites are attributes of Работодатель, where 1.01 has a choice of ЮЛ and ИП elements.

Readers raise InputError naming the XPath of what is missing or wrong; a value the model
refuses is reported under the XPath of the element it came from.
"""

from __future__ import annotations

from decimal import Decimal

from edo_app.errors import InputError
from edo_app.model import identifiers as ids
from edo_app.model.fileid import FileId
from edo_app.model.money import format_amount, to_decimal
from edo_app.xmlio import parse_bytes, to_bytes

from .hr_model import (
    KIND_BY_CODE,
    KINDS,
    AckBody,
    Body,
    Condition,
    DismissalBody,
    HireBody,
    HrDocument,
    LeaveBody,
    NoticeBody,
    TransferBody,
)
from .hr_types import (
    HR_VERSION,
    HR_VERSIONS,
    HrDocRef,
    HrEmployee,
    HrEmployer,
    HrEntrepreneur,
    HrHead,
    HrOrganisation,
    HrSigner,
)
from .upd_types import format_date, format_time, parse_time
from .upd_xml import Element, attr, build, child, date_attr, file_root, read_fio, sub, write_fio

DOC = "Файл/Документ"
ENCODING = "utf-8"


def hr_to_xml(doc: HrDocument) -> bytes:
    return to_bytes(hr_tree(doc), ENCODING)


def hr_tree(doc: HrDocument) -> Element:
    head = doc.head
    root = file_root(head.file_id, HR_VERSION, head.program)
    sub(root, "СвУчДокОбор", {"ИдОтпр": head.file_id.sender, "ИдПол": head.file_id.recipient})
    body = sub(root, "Документ", {"ВидДок": doc.info.code, "НомДок": head.number,
                                  "ДатаДок": format_date(head.doc_date), "ДатаИнфПр": format_date(head.created),
                                  "ВремИнфПр": format_time(head.created)})
    _write_employer(sub(body, "Работодатель"), head.employer)
    w = head.employee
    write_fio(sub(body, "Работник", {"ТабНом": w.personnel_number, "СНИЛС": ids.format_snils(w.snils),
                                     "Должность": w.position, "Подразделение": w.department}), w.name)
    if doc.basis is not None:
        _write_ref(body, "ДокОсн", doc.basis)
    _write_body(body, doc.body)
    for signer in head.signers:
        write_fio(sub(body, "Подписант", {"Роль": signer.role, "Должн": signer.position}), signer.name)
    return root


def _write_employer(parent: Element, e: HrEmployer) -> None:
    if isinstance(e, HrEntrepreneur):
        write_fio(sub(parent, "ИП", {"ИННФЛ": e.inn, "ОГРНИП": e.ogrnip}), e.person)
    else:
        sub(parent, "ЮЛ", {"НаимОрг": e.name, "ИННЮЛ": e.inn, "КПП": e.kpp, "ОГРН": e.ogrn})


def _write_ref(parent: Element, tag: str, ref: HrDocRef) -> None:
    sub(parent, tag, {"ВидДок": KINDS[ref.kind].code, "НомДок": ref.number, "ДатаДок": format_date(ref.date),
                      "ИдФайл": ref.file_id})


def _money(value: Decimal | None) -> str | None:
    return format_amount(value) if value is not None else None


def _write_body(parent: Element, body: Body) -> None:
    if isinstance(body, LeaveBody):
        sub(parent, "Отпуск", {"ВидОтп": body.leave_type, "ДатаНач": format_date(body.start),
                               "ДатаОконч": format_date(body.end), "КолДн": str(body.days)})
    elif isinstance(body, TransferBody):
        sub(parent, "Перевод", {"ДатаПер": format_date(body.date), "Должность": body.position,
                                "Подразделение": body.department, "Оклад": _money(body.salary)})
    elif isinstance(body, DismissalBody):
        sub(parent, "Увольнение", {"ДатаУв": format_date(body.date), "ОснУв": body.basis})
    elif isinstance(body, NoticeBody):
        el = sub(parent, "ИзмУсловий", {"ДатаВступ": format_date(body.effective), "Причина": body.reason})
        for c in body.conditions:
            sub(el, "Условие", {"Наим": c.name, "Было": c.before, "Стало": c.after})
    elif isinstance(body, HireBody):
        sub(parent, "Прием", {"ДатаПрием": format_date(body.date), "Должность": body.position,
                              "Подразделение": body.department, "Оклад": _money(body.salary),
                              "ИспСрок": str(body.probation_months) if body.probation_months else None,
                              "НомТД": body.contract_number, "ДатаТД": format_date(body.contract_date)})
    else:
        _write_ref(sub(parent, "Ознакомление"), "ДокОзнак", body.document)


# --- reading ---------------------------------------------------------------------------------

def hr_from_xml(data: bytes) -> HrDocument:
    """Any HR 1.00 or 1.01 document; InputError naming the XPath when it is not one or is malformed."""
    return hr_from_tree(parse_bytes(data).getroot())


def hr_from_tree(root: Element) -> HrDocument:
    if root.tag != "Файл" or root.get("ВерсФорм") not in HR_VERSIONS:
        raise InputError(f"это не кадровый документ формата HR ({', '.join(HR_VERSIONS)})", "Файл/@ВерсФорм")
    file_id = build("Файл/@ИдФайл", lambda: FileId.parse(attr(root, "ИдФайл", "Файл")))
    _check_exchange(root, file_id)
    body = child(root, "Документ", "Файл")
    info = KIND_BY_CODE.get(attr(body, "ВидДок", DOC))
    if info is None:
        raise InputError(f"неизвестный вид кадрового документа «{body.get('ВидДок')}»", f"{DOC}/@ВидДок")
    created = parse_time(date_attr(body, "ДатаИнфПр", DOC), attr(body, "ВремИнфПр", DOC), f"{DOC}/@ВремИнфПр")
    signers = tuple(_read_signer(el, f"{DOC}/Подписант[{i + 1}]") for i, el in enumerate(body.findall("Подписант")))
    employer, employee = _read_employer(body, root.get("ВерсФорм")), _read_employee(body)
    head = build(DOC, lambda: HrHead(file_id, attr(body, "НомДок", DOC), date_attr(body, "ДатаДок", DOC), created,
                                     employer, employee, signers, root.get("ВерсПрог", "")))
    basis_el = body.find("ДокОсн")
    basis = _read_ref(basis_el, f"{DOC}/ДокОсн") if basis_el is not None else None
    content = _read_body(body)
    return build(DOC, lambda: HrDocument(info.key, head, content, basis))


def _check_exchange(root: Element, file_id: FileId) -> None:
    path = "Файл/СвУчДокОбор"
    parties = child(root, "СвУчДокОбор", "Файл")
    if (attr(parties, "ИдОтпр", path), attr(parties, "ИдПол", path)) != (file_id.sender, file_id.recipient):
        raise InputError("ИдОтпр и ИдПол должны совпадать с отправителем и получателем в имени файла", path)


def _read_employer(body: Element, version: str | None) -> HrEmployer:
    path = f"{DOC}/Работодатель"
    el = child(body, "Работодатель", DOC)
    if version == "1.00":  # the organisation's requisites are Работодатель's own
        return _read_organisation(el, path)
    found = [part for part in el if part.tag in ("ЮЛ", "ИП")]
    if len(found) != 1:
        raise InputError("ожидается ровно один из элементов ЮЛ, ИП", path)
    part, where = found[0], f"{path}/{found[0].tag}"
    if part.tag == "ЮЛ":
        return _read_organisation(part, where)
    person = read_fio(part, where)
    return build(where, lambda: HrEntrepreneur(person, attr(part, "ИННФЛ", where), attr(part, "ОГРНИП", where)))


def _read_organisation(el: Element, path: str) -> HrOrganisation:
    return build(path, lambda: HrOrganisation(attr(el, "НаимОрг", path), attr(el, "ИННЮЛ", path),
                                              attr(el, "КПП", path), attr(el, "ОГРН", path)))


def _read_employee(body: Element) -> HrEmployee:
    path = f"{DOC}/Работник"
    el = child(body, "Работник", DOC)
    name = read_fio(el, path)
    snils = ids.normalize_snils(attr(el, "СНИЛС", path))
    return build(path, lambda: HrEmployee(name, snils, attr(el, "ТабНом", path), attr(el, "Должность", path),
                                          el.get("Подразделение", "")))


def _read_signer(el: Element, path: str) -> HrSigner:
    name = read_fio(el, path)
    return build(path, lambda: HrSigner(name, attr(el, "Роль", path), el.get("Должн", "")))


def _read_ref(el: Element, path: str) -> HrDocRef:
    code = attr(el, "ВидДок", path)
    if code not in KIND_BY_CODE:
        raise InputError(f"неизвестный вид кадрового документа «{code}»", f"{path}/@ВидДок")
    return build(path, lambda: HrDocRef(KIND_BY_CODE[code].key, attr(el, "НомДок", path),
                                        date_attr(el, "ДатаДок", path), attr(el, "ИдФайл", path)))


def _amount(el: Element, name: str, path: str) -> Decimal | None:
    value = el.get(name)
    return to_decimal(value, f"{path}/@{name}") if value is not None else None


def _integer(el: Element, name: str, path: str, default: str | None = None) -> int:
    value = el.get(name, default) if default is not None else attr(el, name, path)
    if value is None or not (value.isascii() and value.isdigit()):
        raise InputError(f"«{value}»: ожидается целое число", f"{path}/@{name}")
    return int(value)


_BODY_TAGS = ("Отпуск", "Перевод", "Увольнение", "ИзмУсловий", "Прием", "Ознакомление")


def _read_body(body: Element) -> Body:
    found = [el for el in body if el.tag in _BODY_TAGS]
    if len(found) != 1:
        raise InputError(f"ожидается ровно один из элементов {', '.join(_BODY_TAGS)}", DOC)
    el = found[0]
    path = f"{DOC}/{el.tag}"
    return build(path, lambda: _BODY_READERS[str(el.tag)](el, path))


def _leave(el: Element, path: str) -> Body:
    return LeaveBody(attr(el, "ВидОтп", path), date_attr(el, "ДатаНач", path), date_attr(el, "ДатаОконч", path),
                     _integer(el, "КолДн", path))


def _transfer(el: Element, path: str) -> Body:
    return TransferBody(date_attr(el, "ДатаПер", path), attr(el, "Должность", path), attr(el, "Подразделение", path),
                        _amount(el, "Оклад", path))


def _dismissal(el: Element, path: str) -> Body:
    return DismissalBody(date_attr(el, "ДатаУв", path), attr(el, "ОснУв", path))


def _notice(el: Element, path: str) -> Body:
    conditions = tuple(_condition(c, f"{path}/Условие[{i + 1}]") for i, c in enumerate(el.findall("Условие")))
    return NoticeBody(date_attr(el, "ДатаВступ", path), attr(el, "Причина", path), conditions)


def _condition(el: Element, path: str) -> Condition:
    return build(path, lambda: Condition(attr(el, "Наим", path), attr(el, "Было", path), attr(el, "Стало", path)))


def _hire(el: Element, path: str) -> Body:
    salary = _amount(el, "Оклад", path)
    if salary is None:
        raise InputError("обязательный атрибут отсутствует", f"{path}/@Оклад")
    return HireBody(date_attr(el, "ДатаПрием", path), attr(el, "Должность", path), attr(el, "Подразделение", path),
                    salary, attr(el, "НомТД", path), date_attr(el, "ДатаТД", path),
                    _integer(el, "ИспСрок", path, "0"))


def _ack(el: Element, path: str) -> Body:
    return AckBody(_read_ref(child(el, "ДокОзнак", path), f"{path}/ДокОзнак"))


_BODY_READERS = {"Отпуск": _leave, "Перевод": _transfer, "Увольнение": _dismissal, "ИзмУсловий": _notice,
                 "Прием": _hire, "Ознакомление": _ack}

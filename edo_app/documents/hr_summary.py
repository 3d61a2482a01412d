"""Registry columns (DocumentSummary) of HR 1.00 and 1.01 documents, read tolerantly like legacy.py: a value
that cannot be read stays empty, nothing here raises.

The author is the «seller» column and the addressee the «buyer» (statements and acknowledgements:
the employee, then the employer; notices and orders the other way round), so the registry's
counterparty is the other side for both of them. ``function`` holds the ВидДок code.
"""

from __future__ import annotations

from edo_app.model.kinds import DocumentKind
from edo_app.model.summary import DocumentSummary, PartyRef

from .hr_model import KIND_BY_CODE
from .hr_types import EMPLOYEE
from .legacy import Element, _date, _find, _fio, _get


def hr_summary(root: Element) -> DocumentSummary:
    body = _find(root, "Документ")
    code = _get(body, "ВидДок")
    employer_el, employee_el = _find(body, "Работодатель"), _find(body, "Работник")
    employer = _employer(employer_el)
    employee = PartyRef(_fio(employee_el.find("ФИО")) if employee_el is not None else "")
    info = KIND_BY_CODE.get(code)
    by_employee = info is not None and info.author == EMPLOYEE
    return DocumentSummary(
        kind=DocumentKind.HR, file_id=root.get("ИдФайл", ""), format_version=root.get("ВерсФорм", ""),
        function=code, number=_get(body, "НомДок"), doc_date=_date(_get(body, "ДатаДок")),
        seller=employee if by_employee else employer, buyer=employer if by_employee else employee)


def _employer(el: Element | None) -> PartyRef:
    """HR 1.01 has a ЮЛ or an ИП element inside Работодатель; in 1.00 its attributes are the organisation's."""
    entrepreneur = _find(el, "ИП")
    if entrepreneur is not None:
        fio = _fio(entrepreneur.find("ФИО"))
        return PartyRef(f"ИП {fio}" if fio else "", _get(entrepreneur, "ИННФЛ"))
    organisation = _find(el, "ЮЛ")
    if organisation is None:
        organisation = el
    return PartyRef(_get(organisation, "НаимОрг"), _get(organisation, "ИННЮЛ"), _get(organisation, "КПП"))

"""Registry columns (DocumentSummary) of ЭТрН 5.01 files, titles 01–08.

Tolerant like legacy.py: nothing here raises on odd content, a value that cannot be read stays
empty. Title 1 gives the waybill's number and date, the shipper (as seller) and the consignee
(as buyer); the later titles give the date they were formed; every title names itself in
``function`` (``титул 02``) so the registry can tell them apart under the one kind ETRN.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from lxml import etree

from edo_app.model.kinds import DocumentKind
from edo_app.model.summary import DocumentSummary, PartyRef

from .legacy import _date, _decimal, _find, _fio, _get

Element = etree._Element

# КНД -> (title code, Документ's date attribute); 1110343–1110346 are the optional titles 03, 04, 07, 08
TITLE_BY_KND = {"1110339": ("01", "ДатИнфГО"), "1110340": ("02", "ДатИнфПрвПрием"), "1110341": ("05", "ДатИнфГП"),
                "1110342": ("06", "ДатИнфПрвВыд"), "1110343": ("03", "ДатаИнфПА"), "1110344": ("04", "ДатИнфЗамен"),
                "1110345": ("07", "ДатПУДИнфПрв"), "1110346": ("08", "ДатПУДИнфГО")}


def etrn_summary(root: Element) -> DocumentSummary:
    body = _find(root, "Документ")
    knd = _get(body, "КНД")
    code, date_attr = TITLE_BY_KND.get(knd, ("", ""))
    base = DocumentSummary(kind=DocumentKind.ETRN, file_id=root.get("ИдФайл", ""),
                           format_version=root.get("ВерсФорм", ""), knd=knd,
                           function=f"титул {code}" if code else "")
    if code == "07":  # the carrier's cost of the carriage: the registry's total and VAT
        base = _with_cost(base, _find(body, "СодФХЖ1"))
    if code != "01":
        return replace(base, doc_date=_date(_get(body, date_attr)) if date_attr else None)
    content = _find(body, "СодИнфГО")
    return replace(base, number=_get(content, "НомерТрН"), doc_date=_date(_get(content, "ДатаТрН")),
                   seller=_party(_find(_find(content, "СвГО"), "РекИдентГО")),
                   buyer=_party(_find(_find(content, "СвГП"), "РекИдентГП")))


def _with_cost(base: DocumentSummary, content: Element | None) -> DocumentSummary:
    """СтТовУчНал, or СтТовБезНДС + СумНДС when the total is not stated; «без НДС» is VAT 0."""
    tax = _find(content, "СумНал")
    vat = _decimal(tax.findtext("СумНДС")) if tax is not None else None
    if tax is not None and tax.find("БезНДС") is not None:
        vat = Decimal("0.00")
    total = _decimal(_get(content, "СтТовУчНал"))
    without = _decimal(_get(content, "СтТовБезНДС"))
    if total is None and without is not None and vat is not None:
        total = without + vat
    return replace(base, total=total, vat=vat)


def _party(el: Element | None) -> PartyRef | None:
    ident = _find(el, "ИдСв")
    if ident is None or not len(ident):
        return None
    item = ident[0]
    if item.tag == "СвЮЛУч":
        return PartyRef(_get(item, "НаимОрг"), _get(item, "ИННЮЛ"), _get(item, "КПП"))
    prefix = "ИП " if item.tag == "СвИП" else ""
    return PartyRef(f"{prefix}{_fio(item.find('ФИО'))}".strip(), _get(item, "ИННФЛ"))

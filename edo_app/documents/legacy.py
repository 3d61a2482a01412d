"""Read-only, tolerant reading of УПД seller and buyer titles of any version (5.01, 5.02, 5.03)
for the registry: number, date, parties, totals, Функция.

Older incoming documents only need to be shown, not rebuilt, so nothing here raises on
odd content: a value that cannot be read is left empty. The differences that matter:
5.01 writes НомерСчФ/ДатаСчФ and КодОКВ on СвСчФакт; 5.02 and 5.03 write НомерДок/ДатаДок
and a ДенИзм element.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from edo_app.errors import InputError
from edo_app.model.fields import parse_date
from edo_app.model.kinds import DocumentKind
from edo_app.model.summary import DocumentSummary, PartyRef

Element = etree._Element


def seller_summary(root: Element) -> DocumentSummary:
    """Registry columns of a seller title (КНД 1115131) of any version."""
    body = _find(root, "Документ")
    inv = _find(body, "СвСчФакт")
    table = _find(body, "ТаблСчФакт")
    total = _find(table, "ВсегоОпл")
    return DocumentSummary(
        kind=DocumentKind.UPD_SELLER, file_id=root.get("ИдФайл", ""), format_version=root.get("ВерсФорм", ""),
        knd=_get(body, "КНД"), function=_get(body, "Функция"),
        number=_get(inv, "НомерДок") or _get(inv, "НомерСчФ"),
        doc_date=_date(_get(inv, "ДатаДок") or _get(inv, "ДатаСчФ")),
        seller=_party(_find(inv, "СвПрод")), buyer=_party(_find(inv, "СвПокуп")),
        total=_decimal(_get(total, "СтТовУчНалВсего")), vat=_vat(_find(total, "СумНалВсего")),
        currency=_get(_find(inv, "ДенИзм"), "КодОКВ") or _get(inv, "КодОКВ") or "643")


def buyer_summary(root: Element) -> DocumentSummary:
    """Registry columns of a buyer title (КНД 1115132): it names the seller's document."""
    body = _find(root, "Документ")
    content = _find(body, "СодФХЖ4")
    return DocumentSummary(
        kind=DocumentKind.UPD_BUYER, file_id=root.get("ИдФайл", ""), format_version=root.get("ВерсФорм", ""),
        knd=_get(body, "КНД"), function=_get(content, "Функция"), number=_get(content, "ПорНомДокИнфПр"),
        doc_date=_date(_get(content, "ДатаДокИнфПр")))


def _find(el: Element | None, tag: str) -> Element | None:
    return el.find(tag) if el is not None else None


def _get(el: Element | None, name: str) -> str:
    return el.get(name, "") if el is not None else ""


def _date(text: str) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text, "")
    except InputError:
        return None


def _decimal(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _vat(el: Element | None) -> Decimal | None:
    """СумНалВсего: an amount, or «без НДС» (0 for the registry)."""
    if el is None:
        return None
    amount = el.findtext("СумНал")
    if amount is not None:
        return _decimal(amount)
    return Decimal("0.00") if el.find("БезНДС") is not None else None


def _party(el: Element | None) -> PartyRef | None:
    ident = _find(el, "ИдСв")
    if ident is None or not len(ident):
        return None
    item = ident[0]
    if item.tag == "СвЮЛУч":
        return PartyRef(_get(item, "НаимОрг"), _get(item, "ИННЮЛ"), _get(item, "КПП"))
    if item.tag in ("СвИП", "СвФЛУч"):
        fio = _fio(item.find("ФИО"))
        prefix = "ИП " if item.tag == "СвИП" else ""
        return PartyRef(f"{prefix}{fio}".strip(), _get(item, "ИННФЛ"))
    if item.tag == "СвИнНеУч":
        return PartyRef(_get(item, "Наим") or _get(item, "НаимОрг"))
    return PartyRef(_get(item, "НаимОрг") or _get(item, "Наим"))


def _fio(el: Element | None) -> str:
    return " ".join(p for p in (_get(el, "Фамилия"), _get(el, "Имя"), _get(el, "Отчество")) if p)

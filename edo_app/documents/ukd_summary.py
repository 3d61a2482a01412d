"""Registry columns of УКД titles, read tolerantly (never raises on odd content), like legacy.py
does for УПД: a value that cannot be read is left empty.

The total of a УКД is its net change with tax (ВсегоУвел − ВсегоУм, signed), the VAT likewise.
"""

from __future__ import annotations

from decimal import Decimal

from edo_app.model.kinds import DocumentKind
from edo_app.model.summary import DocumentSummary

from .legacy import Element, _date, _decimal, _find, _get, _party


def ukd_seller_summary(root: Element) -> DocumentSummary:
    body = _find(root, "Документ")
    head = _find(body, "СвКСчФ")
    table = _find(body, "ТаблКСчФ")
    up, down = _find(table, "ВсегоУвел"), _find(table, "ВсегоУм")
    return DocumentSummary(
        kind=DocumentKind.UKD_SELLER, file_id=root.get("ИдФайл", ""), format_version=root.get("ВерсФорм", ""),
        knd=_get(body, "КНД"), function=_get(body, "Функция"), number=_get(head, "НомерКСчФ"),
        doc_date=_date(_get(head, "ДатаКСчФ")), seller=_party(_find(head, "СвПрод")),
        buyer=_party(_find(head, "СвПокуп")),
        total=_net(_amount(up, "СтТовУчНалВсего"), _amount(down, "СтТовУчНалВсего")),
        vat=_net(_tax(up), _tax(down)), currency=_get(head, "КодОКВ") or "643")


def ukd_buyer_summary(root: Element) -> DocumentSummary:
    body = _find(root, "ИнфПок")
    content = _find(body, "СодФХЖ4")
    return DocumentSummary(
        kind=DocumentKind.UKD_BUYER, file_id=root.get("ИдФайл", ""), format_version=root.get("ВерсФорм", ""),
        knd=_get(body, "КНД"), function=_get(content, "Функция"), number=_get(content, "НомСчФИнфПр"),
        doc_date=_date(_get(content, "ДатаСчФИнфПр")))


def _amount(total: Element | None, name: str) -> Decimal | None:
    return _decimal(_get(total, name)) if total is not None else None


def _tax(total: Element | None) -> Decimal | None:
    tax = _find(total, "СумНал")
    if tax is None:
        return None
    if tax.find("БезНДС") is not None:
        return Decimal("0.00")
    return _decimal(tax.findtext("СумНДС"))


def _net(up: Decimal | None, down: Decimal | None) -> Decimal | None:
    if up is None and down is None:
        return None
    return (up or Decimal("0.00")) - (down or Decimal("0.00"))

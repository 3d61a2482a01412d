"""Registry columns (DocumentSummary) of акт and ТОРГ-12 5.01 files, both titles.

Tolerant like legacy.py: nothing here raises on odd content, a value that cannot be read
stays empty. Seller titles give number, date, parties (исполнитель/продавец as seller,
заказчик/покупатель as buyer) and totals; answering titles name the answered document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import partial

from lxml import etree

from edo_app.model.kinds import DocumentKind
from edo_app.model.summary import DocumentSummary, PartyRef

from .legacy import _date, _decimal, _find, _fio, _get

Element = etree._Element

# kind -> (path to the header, number/date suffix, seller tag, buyer tag, totals path, totals attrs)
_SELLERS = {
    DocumentKind.ACT_SELLER: ("СвДокПРУ", "ПРУ", "Исполнитель", "Заказчик", "СвДокПРУ/СодФХЖ1/ОписРабот",
                              ("СтУчНДСИт", "СумНДСИт")),
    DocumentKind.TORG12_SELLER: ("СвДокПТПрКроме/СвДокПТПр", "ПТ", "Продавец", "Покупатель",
                                 "СвДокПТПрКроме/СодФХЖ2/Всего", ("СтУчНДСВс", "СумНДСВс")),
}
# kind -> (content element, number attribute, date attribute)
_ANSWERS = {
    DocumentKind.ACT_BUYER: ("СодФХЖ3", "НомДокПРУИсп", "ДатаДокПРУИсп"),
    DocumentKind.TORG12_BUYER: ("СодФХЖ4", "НомДокПТПр", "ДатаДокПТПр"),
}
PRIMARY_KINDS = frozenset((*_SELLERS, *_ANSWERS))


def primary_summary(root: Element, kind: DocumentKind) -> DocumentSummary:
    """Registry columns of an акт / ТОРГ-12 file whose kind registry.identify found."""
    body = _find(root, "Документ")
    base = DocumentSummary(kind=kind, file_id=root.get("ИдФайл", ""), format_version=root.get("ВерсФорм", ""),
                           knd=_get(body, "КНД"))
    if kind in _ANSWERS:
        tag, number, when = _ANSWERS[kind]
        content = _find(body, tag)
        return replace(base, number=_get(content, number), doc_date=_date(_get(content, when)))
    head_path, suffix, seller, buyer, totals_path, (total, vat) = _SELLERS[kind]
    head = body.find(head_path) if body is not None else None
    ident = _find(head, "ИдентДок")
    fact = _find(head, "СодФХЖ1")
    sections = body.findall(totals_path) if body is not None else []
    return replace(
        base, number=_get(ident, f"НомДок{suffix}"), doc_date=_date(_get(ident, f"ДатаДок{suffix}")),
        seller=_party(_find(fact, seller)), buyer=_party(_find(fact, buyer)),
        total=_sum(sections, total), vat=_sum(sections, vat),
        currency=_get(_find(head, "ДенИзм"), "КодОКВ") or "643")


def _sum(sections: list[Element], name: str) -> Decimal | None:
    values = [_decimal(s.get(name)) for s in sections]
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


def _party(el: Element | None) -> PartyRef | None:
    ident = _find(el, "ИдСв")
    if ident is None or not len(ident):
        return None
    item = ident[0]
    if item.tag == "СвОрг":
        org = item[0] if len(item) else item
        return PartyRef(_get(org, "НаимОрг"), _get(org, "ИННЮЛ"), _get(org, "КПП"))
    prefix = "ИП " if item.tag == "СвИП" else ""
    return PartyRef(f"{prefix}{_fio(item.find('ФИО'))}".strip(), _get(item, "ИННФЛ"))


PRIMARY_SUMMARIES: dict[DocumentKind, Callable[[Element], DocumentSummary]] = {
    kind: partial(primary_summary, kind=kind) for kind in PRIMARY_KINDS}

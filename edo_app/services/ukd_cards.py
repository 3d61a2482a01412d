"""The readable view of a stored УКД title for the «Документ» tab (document_cards.ukd_card turns
it into a DocumentCard): the seller title's lines before → after with the increase / decrease the
model computes, its totals; the buyer title's answer. Plain Russian text, nothing formatted in Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from edo_app.documents import REFUSED, UkdBuyer, UkdLine, UkdSeller, UkdSigner, ukd_buyer_from_xml, ukd_from_xml
from edo_app.documents.registry import identify
from edo_app.documents.ukd_model import ChangeTotals, LineState
from edo_app.model.kinds import DocumentKind
from edo_app.printing.text import DASH, address, day, inn_kpp, money, number
from edo_app.xmlio import parse_bytes

Pairs = tuple[tuple[str, str], ...]
LINE_HEADERS = ("№", "Наименование", "Ед. изм.", "Количество: до → после", "Цена: до → после",
                "Ставка НДС: до → после", "Стоимость с НДС: до → после", "Увеличение", "Уменьшение")
NO_VAT = "без НДС"


@dataclass(frozen=True, slots=True)
class UkdCardView:
    title: str
    fields: Pairs
    parties: tuple[tuple[str, str, str, str], ...] = ()  # role, name, ИНН/КПП, address
    rows: tuple[tuple[str, ...], ...] = ()
    totals: Pairs = ()


def ukd_card_view(content: bytes) -> UkdCardView:
    kind = identify(parse_bytes(content))[0]
    if kind is DocumentKind.UKD_BUYER:
        return _buyer(ukd_buyer_from_xml(content))
    return _seller(ukd_from_xml(content))


def _seller(doc: UkdSeller) -> UkdCardView:
    invoices = "; ".join(f"№ {i.number} от {day(i.date)}" for i in doc.invoices)
    fields = [("Функция", doc.function), ("Номер и дата", f"№ {doc.number} от {day(doc.doc_date)}"),
              ("К документам", invoices)]
    if doc.agreement is not None:
        fields.append(("Основание корректировки", "; ".join(
            f"{b.name} № {b.number or DASH} от {day(b.date)}" for b in doc.agreement.basis_docs)))
    fields += [("Валюта", doc.currency_code), ("Подписант", _signers(doc.signers)), ("Файл", doc.file_name)]
    parties = tuple((role, m.name, inn_kpp(m), address(m.address)) for role, m in (("Продавец", doc.seller),
                                                                                  ("Покупатель", doc.buyer)))
    totals = (*_totals("увеличение", doc.increase), *_totals("уменьшение", doc.decrease))
    return UkdCardView(doc.doc_name or "Корректировочный счёт-фактура", tuple(fields), parties,
                       tuple(_row(line) for line in doc.lines), totals)


def _row(line: UkdLine) -> tuple[str, ...]:
    before, after = line.before, line.after
    change = line.total_change
    return (str(line.number), line.name, after.unit_name or DASH,
            _pair(number(before.quantity), number(after.quantity)),
            _pair(number(before.price, min_fraction=2), number(after.price, min_fraction=2)),
            _pair(before.vat_rate.value, after.vat_rate.value),
            _pair(_with_vat(before), _with_vat(after)),
            money(change) if change > 0 else DASH, money(-change) if change < 0 else DASH)


def _pair(before: str, after: str) -> str:
    return before if before == after else f"{before} → {after}"


def _with_vat(state: LineState) -> str:
    return money(state.amount_with_vat)


def _totals(label: str, totals: ChangeTotals) -> Pairs:
    return ((f"Всего {label} без НДС", money(totals.without_vat)),
            (f"Всего {label}: НДС", NO_VAT if totals.vat is None else money(totals.vat)),
            (f"Всего {label} с НДС", money(totals.with_vat)))


def _signers(signers: tuple[UkdSigner, ...]) -> str:
    return "; ".join(f"{s.name.full}, {s.position}" if s.position else s.name.full for s in signers) or DASH


def _buyer(doc: UkdBuyer) -> UkdCardView:
    verdict = "Не согласовано (отказ)" if doc.result == REFUSED else (doc.operation or "Согласовано")
    fields = (("Функция", doc.function),
              ("Ответ на документ", f"{doc.seller_doc_name} № {doc.seller_number} от {day(doc.seller_date)}"),
              ("Файл продавца", doc.seller_file.file_id), ("Итог", verdict),
              ("Дата согласования", day(doc.accepted_on)), ("Подписант", _signers(doc.signers)),
              ("Файл", doc.file_name))
    return UkdCardView("Титул покупателя УКД", fields)

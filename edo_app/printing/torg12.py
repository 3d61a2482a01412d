"""The print form of ТОРГ-12 5.01: landscape A4 in the layout of the unified товарная накладная
(форма ТОРГ-12), with the buyer's answer (груз принял) and signature stamps.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, Spacer

from edo_app.documents import PrimaryAnswer, Torg12Seller

from . import text
from .primary import (
    Column,
    basis_text,
    lines_table,
    member_text,
    money_columns,
    money_totals,
    parties_block,
    render,
    sides_block,
    stamps_block,
    title_block,
    totals_sentence,
)
from .stamp import SignatureStamp
from .styles import Styles

COLUMNS = (
    Column("№", 0.5, lambda ln: str(ln.number)),
    Column("Товар: наименование", 5, lambda ln: ln.name, "LEFT"),
    Column("Код (артикул)", 1.3, lambda ln: ln.code or ln.article or text.DASH, "LEFT"),
    Column("Ед. изм.", 0.9, lambda ln: ln.unit_name, "LEFT"),
    Column("Код по ОКЕИ", 0.8, lambda ln: ln.okei),
    Column("Количество (масса нетто)", 1.3, lambda ln: text.number(ln.quantity)),
    *money_columns(("Цена, руб. коп.", "Сумма без учёта НДС", "НДС: ставка, %", "НДС: сумма", "Сумма с учётом НДС"),
                   1.3),
)


def print_torg12(doc: Torg12Seller, stamps: Sequence[SignatureStamp] = (),
                 answer: PrimaryAnswer | None = None) -> bytes:
    """The PDF of the seller's title (and the buyer's answer when given) with ``stamps``."""
    title = f"Товарная накладная № {doc.head.number} от {text.day(doc.head.doc_date)}"
    return render(landscape(A4), title, doc.head, doc.seller.name,
                  lambda styles, width: _story(styles, width, doc, stamps, answer))


def _story(styles: Styles, width: float, doc: Torg12Seller, stamps: Sequence[SignatureStamp],
           answer: PrimaryAnswer | None) -> list[Flowable]:
    head, totals = doc.head, doc.totals
    rows = [("Грузоотправитель", member_text(doc.shipper)), ("Грузополучатель", member_text(doc.consignee)),
            ("Поставщик", member_text(doc.seller)), ("Плательщик", member_text(doc.buyer)),
            ("Основание", basis_text(head)), ("Вид операции", head.operation_kind or text.DASH)]
    total_cells = {5: text.number(doc.total_quantity), **money_totals(totals, 6)}
    handed = doc.handed_by
    release = f"Отпуск груза произвёл: {handed.position} {handed.name.full}" if handed else ""
    story: list[Flowable] = [
        title_block(styles, "ТОВАРНАЯ НАКЛАДНАЯ", head, width), Spacer(0, 4), parties_block(styles, rows, width),
        Spacer(0, 6), lines_table(styles, COLUMNS, doc.lines, total_cells, width), Spacer(0, 4),
        styles.p(f"Товарная накладная имеет порядковых номеров записей: {len(doc.lines)}", 7.5),
        styles.p(totals_sentence(totals, "Всего отпущено"), 7.5),
        styles.p(f"{doc.operation}. Дата отпуска: {text.day(doc.shipped_on)}. {release}".strip(), 7.5),
        Spacer(0, 8)]
    received = answer.accepted_by if answer is not None else None
    caption = f"Груз принял: {received.position} {received.name.full}" if received else "Груз получил грузополучатель"
    story.append(sides_block(styles, ("Отпуск разрешил (поставщик)", head.signers), answer, caption, width))
    return story + stamps_block(styles, stamps, width)

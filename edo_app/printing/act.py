"""The print form of the акт (передача результатов работ, оказание услуг) 5.01: portrait A4 in
the layout of the paper акт сдачи-приёмки, with the customer's answer and signature stamps.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Spacer

from edo_app.documents import ActSeller, PrimaryAnswer

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
    Column("Наименование работ, услуг", 5, lambda ln: ln.name + (f"\n{ln.description}" if ln.description else ""),
           "LEFT"),
    Column("Ед. изм.", 1, lambda ln: ln.unit_name or text.DASH, "LEFT"),
    Column("Кол-во", 1, lambda ln: text.number(ln.quantity)),
    *money_columns(("Цена", "Сумма без НДС", "Ставка НДС", "Сумма НДС", "Сумма с НДС"), 1.4),
)


def print_act(act: ActSeller, stamps: Sequence[SignatureStamp] = (), answer: PrimaryAnswer | None = None) -> bytes:
    """The PDF of the executor's title (and the customer's answer when given) with ``stamps``."""
    title = f"Акт № {act.head.number} от {text.day(act.head.doc_date)}"
    return render(A4, title, act.head, act.executor.name,
                  lambda styles, width: _story(styles, width, act, stamps, answer))


def _story(styles: Styles, width: float, act: ActSeller, stamps: Sequence[SignatureStamp],
           answer: PrimaryAnswer | None) -> list[Flowable]:
    head, totals = act.head, act.totals
    period = f"с {text.day(act.work_start)} по {text.day(act.work_end)}" if act.work_start or act.work_end \
        else text.DASH
    rows = [("Исполнитель", member_text(act.executor)), ("Заказчик", member_text(act.customer)),
            ("Основание", basis_text(head)), ("Период выполнения работ", period),
            ("Валюта", f"{head.currency_name}, {head.currency_code}")]
    total_cells = money_totals(totals, 4)
    story: list[Flowable] = [title_block(styles, "АКТ", head, width), Spacer(0, 4),
                             parties_block(styles, rows, width), Spacer(0, 6)]
    if act.heading:
        story += [styles.p(act.heading, 7), Spacer(0, 3)]
    story += [lines_table(styles, COLUMNS, act.works, total_cells, width), Spacer(0, 4),
              styles.p(totals_sentence(totals, f"Всего выполнено работ (оказано услуг) {len(act.works)}"), 7.5),
              styles.p(f"{act.operation}. Дата передачи результатов: {text.day(act.transfer_date)}", 7.5),
              Spacer(0, 8),
              sides_block(styles, ("Исполнитель", head.signers), answer, "Заказчик", width)]
    return story + stamps_block(styles, stamps, width)

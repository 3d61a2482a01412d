"""The goods table of the УПД: numbered columns А, Б, 1 … 13 and the «Всего к оплате» row.

The three header rows repeat on every page; names wrap inside their column; amounts are
right-aligned in the ``1 234,56`` form of ``format_rub``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import TableStyle

from edo_app.documents import GoodsLine, UpdSeller

from . import text
from .styles import GRID, Styles, Table

HEADER_ROWS = 3


@dataclass(frozen=True, slots=True)
class Column:
    code: str  # the column's number on the form: «А», «2а» …
    title: str
    width: float
    group: str = ""  # the title spanning this and the next column (единица измерения …)
    numeric: bool = False


COLUMNS = (
    Column("А", "№ п/п", 20),
    Column("Б", "Код товара/ работ, услуг", 54),
    Column("1", "Наименование товара (описание выполненных работ, оказанных услуг), имущественного права", 110),
    Column("1а", "Код вида товара", 26),
    Column("2", "код", 22, "Единица измерения"),
    Column("2а", "условное обозначение (национальное)", 34),
    Column("3", "Коли-чество (объём)", 40, numeric=True),
    Column("4", "Цена (тариф) за единицу измерения", 48, numeric=True),
    Column("5", "Стоимость товаров (работ, услуг), имущественных прав без налога — всего", 58, numeric=True),
    Column("6", "В том числе сумма акциза", 42, numeric=True),
    Column("7", "Нало-говая ставка", 34),
    Column("8", "Сумма налога, предъявляемая покупателю", 52, numeric=True),
    Column("9", "Стоимость товаров (работ, услуг), имущественных прав с налогом — всего", 58, numeric=True),
    Column("10", "циф-ровой код", 22, "Страна происхождения товара"),
    Column("10а", "краткое наименование", 38),
    Column("11", "Регистрационный номер декларации на товары или регистрационный номер партии товара, "
                 "подлежащего прослеживаемости", 54),
    Column("12", "код", 22, "Количественная единица измерения товара, используемая в целях осуществления "
                            "прослеживаемости"),
    Column("12а", "условное обозначение", 32),
    Column("13", "Количество товара, подлежащего прослеживаемости, в количественной единице измерения", 32),
)
LEFT_STRIP_COLUMNS = 2  # А and Б sit under the status strip of the header


def column_widths(total: float) -> list[float]:
    """The column widths scaled to the printable width."""
    scale = total / sum(c.width for c in COLUMNS)
    return [c.width * scale for c in COLUMNS]


def _header(styles: Styles) -> list[list[object]]:
    top: list[object] = []
    sub: list[object] = []
    for i, column in enumerate(COLUMNS):
        grouped = column.group or (i > 0 and COLUMNS[i - 1].group)
        if column.group:
            top.append(styles.center(column.group, 5.2))
        elif not grouped:
            top.append(styles.center(column.title, 5.2))
        else:
            top.append("")
        sub.append(styles.center(column.title, 5.2) if grouped else "")
    numbers: list[object] = [styles.center(c.code, 6, bold=True) for c in COLUMNS]
    return [top, sub, numbers]


def _header_spans() -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    spans = []
    for i, column in enumerate(COLUMNS):
        if column.group:
            spans.append(("SPAN", (i, 0), (i + 1, 0)))
        elif not (i > 0 and COLUMNS[i - 1].group):
            spans.append(("SPAN", (i, 0), (i, 1)))
    return spans


def _customs(line: GoodsLine) -> tuple[str, str, str]:
    if not line.customs:
        return text.DASH, text.DASH, text.DASH
    codes = "\n".join(c.country_code or text.DASH for c in line.customs)
    names = "\n".join(c.country_short_name or text.DASH for c in line.customs)
    declarations = "\n".join(c.declaration or text.DASH for c in line.customs)
    return codes, names, declarations


def _row(styles: Styles, line: GoodsLine) -> list[object]:
    country, country_name, declaration = _customs(line)
    rate = line.vat_rate.value
    tax = text.money(line.vat_amount) if line.vat_amount is not None else rate
    excise = text.money(line.excise) if line.excise is not None else "без акциза"
    cells = [str(line.number), line.code or text.DASH, line.name, text.DASH, line.okei or text.DASH,
             line.unit_name or text.DASH, text.number(line.quantity), text.number(line.price, min_fraction=2),
             text.money(line.amount_without_vat), excise, rate, tax, text.money(line.amount_with_vat),
             country, country_name, declaration, text.DASH, text.DASH, text.DASH]
    return [styles.right(c) if col.numeric else styles.p(c, 6.5) for c, col in zip(cells, COLUMNS, strict=True)]


def _totals_row(styles: Styles, doc: UpdSeller) -> list[object]:
    totals = doc.totals
    row: list[object] = [""] * len(COLUMNS)
    row[0] = styles.p("Всего к оплате (9)", 7, bold=True)
    row[8] = styles.right(text.money(totals.without_vat), 7)
    row[9] = styles.center("Х", 7)
    row[11] = styles.right(text.money(totals.vat) if totals.vat is not None else "без НДС", 7)
    row[12] = styles.right(text.money(totals.with_vat), 7)
    return row


def goods_table(styles: Styles, doc: UpdSeller, widths: Sequence[float]) -> Table:
    rows = _header(styles) + [_row(styles, line) for line in doc.lines] + [_totals_row(styles, doc)]
    table = Table(rows, colWidths=list(widths), repeatRows=HEADER_ROWS)
    last = len(rows) - 1
    table.setStyle(TableStyle([
        *_header_spans(),
        ("GRID", (0, 0), (-1, -1), GRID, "black"),
        ("VALIGN", (0, 0), (-1, HEADER_ROWS - 1), "MIDDLE"),
        ("VALIGN", (0, HEADER_ROWS), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("SPAN", (0, last), (7, last)),
        ("SPAN", (9, last), (10, last)),
        ("LINEABOVE", (0, last), (-1, last), 1, "black"),
        ("SPAN", (13, last), (-1, last)),
        ("LINEBELOW", (0, HEADER_ROWS - 1), (-1, HEADER_ROWS - 1), 1, "black"),
    ]))
    return table

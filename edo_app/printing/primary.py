"""What the акт and ТОРГ-12 print forms share: the page frame, party rows, the table of lines
with its «Итого» row, the signature part of both sides and the electronic signature stamps.

The forms follow the unified paper layouts (акт сдачи-приёмки; ТОРГ-12 of постановление
Госкомстата № 132) as far as the 5.01 file carries their fields. The PDF is built in
reportlab's ``invariant`` mode, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, TableStyle

from edo_app.documents import Member, PrimaryAnswer, PrimarySigner, SellerHead, ValueLine
from edo_app.documents.upd_model import PROGRAM, Totals

from . import text
from .fonts import register_fonts
from .stamp import SignatureStamp, stamps_grid
from .styles import GRID, Styles, Table, field_rows, signature_line

MARGIN = 10 * mm


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the lines table: its caption, share of the width and how a line fills it."""

    caption: str
    share: float
    value: Callable[[ValueLine], str]
    align: str = "RIGHT"


def render(page: tuple[float, float], title: str, head: SellerHead, author: str,
           story: Callable[[Styles, float], list[Flowable]]) -> bytes:
    """The PDF of ``story`` on ``page``, «title — лист N» at the foot of each page."""
    font, bold = register_fonts()
    styles = Styles(font, bold)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=page, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
        invariant=1, initialFontName=font, title=title, author=author, creator=PROGRAM, subject=str(head.file_id))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.setFont(font, 6.5)
        canvas.drawString(MARGIN, MARGIN, title)
        canvas.drawRightString(page[0] - MARGIN, MARGIN, f"Лист {doc.page}")

    template.build(story(styles, page[0] - 2 * MARGIN), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def member_text(member: Member | None) -> str:
    """Name, ИНН/КПП and address in one line, as the paper forms print a party."""
    if member is None:
        return text.DASH
    party = member.party
    ids = f"ИНН {party.inn}" + (f", КПП {party.kpp}" if party.kpp else "")
    where = member.address.line if member.address is not None else ""
    return ", ".join(p for p in (member.name, ids, where) if p)


def basis_text(head: SellerHead) -> str:
    parts = []
    for basis in head.bases:
        number = f" № {basis.number}" if basis.number else ""
        when = f" от {text.day(basis.date)}" if basis.date else ""
        parts.append(f"{basis.name}{number}{when}")
    return "; ".join(parts) or text.DASH


def title_block(styles: Styles, caption: str, head: SellerHead, width: float) -> Table:
    """«ТОВАРНАЯ НАКЛАДНАЯ № … от …» with the correction under it, centred."""
    fix = head.correction
    lines = [styles.center(f"{caption} № {head.number} от {text.day(head.doc_date)}", 11, bold=True),
             styles.center(head.doc_name, 7)]
    if fix is not None:
        lines.append(styles.center(f"Исправление № {fix.number} от {text.day(fix.date)}", 7))
    return Table([[line] for line in lines], colWidths=[width])


def parties_block(styles: Styles, rows: Sequence[tuple[str, str]], width: float) -> Table:
    return field_rows(styles, [(label, value, "") for label, value in rows], [110, width - 116, 6])


def lines_table(styles: Styles, columns: Sequence[Column], lines: Sequence[ValueLine], total_cells: dict[int, str],
                width: float) -> Table:
    """Header, one row per line, and «Итого» with ``total_cells`` (column index → text)."""
    unit = width / sum(c.share for c in columns)
    header = [styles.center(c.caption, 6, bold=True) for c in columns]
    body = [[styles.p(c.value(line), 6.5, align=2 if c.align == "RIGHT" else 0) for c in columns] for line in lines]
    total_row: list[object] = [styles.p("Итого", 6.5, bold=True)] + [""] * (len(columns) - 1)
    for index, value in total_cells.items():
        total_row[index] = styles.p(value, 6.5, bold=True, align=2)
    table = Table([header, *body, total_row], colWidths=[c.share * unit for c in columns], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), GRID, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("SPAN", (0, -1), (1, -1)),
                               ("LEFTPADDING", (0, 0), (-1, -1), 1.5), ("RIGHTPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def money_columns(captions: tuple[str, str, str, str, str], price_share: float) -> tuple[Column, ...]:
    """The columns every lines table ends with: price, amount without VAT, rate, VAT, amount with VAT
    (the price and the VAT take ``price_share`` of the width)."""
    price, without_vat, rate_caption, vat_caption, with_vat = captions
    return (Column(price, price_share, lambda ln: text.number(ln.price, min_fraction=2)),
            Column(without_vat, 1.5, lambda ln: text.money(ln.amount_without_vat)),
            Column(rate_caption, 1, rate), Column(vat_caption, price_share, vat),
            Column(with_vat, 1.5, lambda ln: text.money(ln.amount_with_vat)))


def money_totals(totals: Totals, first: int) -> dict[int, str]:
    """The total row's cells under the ``money_columns`` that start at column ``first``."""
    vat_total = text.money(totals.vat) if totals.vat is not None else "без НДС"
    return {first + 1: text.money(totals.without_vat), first + 3: vat_total, first + 4: text.money(totals.with_vat)}


def rate(line: ValueLine) -> str:
    return line.vat_rate.value


def vat(line: ValueLine) -> str:
    return text.money(line.vat_amount) if line.vat_amount is not None else "без НДС"


def totals_sentence(totals: Totals, what: str) -> str:
    tax = f"в том числе НДС {text.money(totals.vat)} руб." if totals.vat is not None else "без НДС"
    return f"{what} на сумму {text.money(totals.with_vat)} руб., {tax}"


def signer_text(signer: PrimarySigner) -> tuple[str, str]:
    """(position, name) for a signature line."""
    position = signer.position or ("Индивидуальный предприниматель" if signer.kind == "ИП" else "")
    return position or text.DASH, signer.name.full


def sides_block(styles: Styles, seller: tuple[str, Sequence[PrimarySigner]], answer: PrimaryAnswer | None,
                buyer_caption: str, width: float) -> Table:
    """Both sides' signatures; the buyer's half shows the answering title when there is one."""
    half = width / 2 - 6
    widths = [half * 0.36, half * 0.24, half * 0.40]
    left: list[Flowable] = [styles.p(seller[0], 7, bold=True)]
    left += [signature_line(styles, *signer_text(s), widths) for s in seller[1]]
    right: list[Flowable] = [styles.p(buyer_caption, 7, bold=True)]
    if answer is None:
        right.append(signature_line(styles, "", "", widths))
    else:
        right.append(styles.p(f"{answer.operation}; {text.day_words(answer.accepted_on or answer.created.date())}",
                              6.5))
        right += [signature_line(styles, *signer_text(s), widths) for s in answer.signers]
    table = Table([[left, right]], colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEAFTER", (0, 0), (0, 0), 0.8, "black")]))
    return table


def stamps_block(styles: Styles, stamps: Sequence[SignatureStamp], width: float) -> list[Flowable]:
    grid = stamps_grid(stamps, width, styles.font, styles.bold)
    if grid is None:
        return []
    return [Spacer(0, 6), KeepTogether([styles.p("Электронные подписи", 8, bold=True), Spacer(0, 2), grid])]

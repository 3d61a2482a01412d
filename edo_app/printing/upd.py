"""The УПД print form: landscape A4 in the layout of the paper УПД (письмо ФНС от 21.10.2013
№ ММВ-20-3/96@, the invoice part per постановление № 1137), plus electronic signature stamps.

``print_upd(doc, stamps, buyer)`` returns PDF bytes. The PDF is built with reportlab's
``invariant`` mode (no timestamps, fixed ids), so the same input gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, TableStyle

from edo_app.documents import UpdBuyer, UpdSeller
from edo_app.documents.upd_model import PROGRAM

from . import text
from .fonts import register_fonts
from .goods import LEFT_STRIP_COLUMNS, column_widths, goods_table
from .stamp import SignatureStamp, stamps_grid
from .styles import Styles, Table, field_rows
from .transfer import invoice_signatures, transfer_block

PAGE = landscape(A4)
MARGIN = 8 * mm
WIDTH = PAGE[0] - 2 * MARGIN
STATUS = {"СЧФ": "1", "СЧФДОП": "1", "ДОП": "2"}
ANNEX = ("Приложение № 1 к постановлению Правительства Российской Федерации от 26 декабря 2011 г. № 1137 "
         "(в редакции постановления Правительства Российской Федерации от 16 августа 2024 г. № 1096)")


def print_upd(doc: UpdSeller, stamps: Sequence[SignatureStamp] = (), buyer: UpdBuyer | None = None) -> bytes:
    """The print form of a seller title (and the buyer's part when ``buyer`` is given) as PDF."""
    font, bold = register_fonts()
    styles = Styles(font, bold)
    # Two passes: «Документ составлен на N листах» needs the page count of the finished layout.
    pdf, sheets = _render(styles, doc, stamps, buyer, sheets=1)
    if sheets != 1:
        pdf, final = _render(styles, doc, stamps, buyer, sheets=sheets)
        if final != sheets:  # the wider number moved a line over a page boundary: settle on the new count
            pdf, _ = _render(styles, doc, stamps, buyer, sheets=final)
    return pdf


def _render(styles: Styles, doc: UpdSeller, stamps: Sequence[SignatureStamp], buyer: UpdBuyer | None,
            sheets: int) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    title = f"УПД № {doc.number} от {text.day(doc.doc_date)}"
    template = SimpleDocTemplate(
        buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm, invariant=1, initialFontName=styles.font, title=title,
        author=doc.seller.name, creator=PROGRAM, subject=str(doc.file_id))
    pages: list[int] = []
    template.build(_story(styles, doc, stamps, buyer, sheets), canvasmaker=_numbered(styles, title, pages))
    return buffer.getvalue(), pages[0]


def _story(styles: Styles, doc: UpdSeller, stamps: Sequence[SignatureStamp], buyer: UpdBuyer | None,
           sheets: int) -> list[Flowable]:
    widths = column_widths(WIDTH)
    strip = sum(widths[:LEFT_STRIP_COLUMNS])
    story: list[Flowable] = [styles.right(ANNEX, 5.5), _header(styles, doc, strip), Spacer(0, 3)]
    if doc.lines:
        story += [goods_table(styles, doc, widths), Spacer(0, 3)]
    # The invoice signatures may end the table's page; the transfer block stays in one piece.
    story += [invoice_signatures(styles, doc, WIDTH, strip, sheets), Spacer(0, 3),
              KeepTogether(transfer_block(styles, doc, buyer, WIDTH))]
    grid = stamps_grid(stamps, WIDTH, styles.font, styles.bold)
    if grid is not None:
        story += [Spacer(0, 6), KeepTogether([styles.p("Электронные подписи", 8, bold=True), Spacer(0, 2), grid])]
    return story


def _status_strip(styles: Styles, doc: UpdSeller, width: float) -> Table:
    status = STATUS.get(doc.function, text.DASH)
    box = Table([[styles.p("Статус:", 7), styles.center(status, 9, bold=True)]], colWidths=[width * 0.55, 18],
                hAlign="LEFT", style=[("BOX", (1, 0), (1, 0), 0.8, "black"), ("LEFTPADDING", (0, 0), (-1, -1), 1),
                                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    rows = [[styles.p("Универсальный передаточный документ", 7, bold=True)], [box],
            [styles.p("1 – счет-фактура и передаточный документ (акт)\n2 – передаточный документ (акт)", 5.5)]]
    return Table(rows, colWidths=[width], style=[("LEFTPADDING", (0, 0), (-1, -1), 1),
                                                 ("TOPPADDING", (0, 0), (-1, -1), 2)])


def _title_rows(styles: Styles, doc: UpdSeller, width: float) -> Table:
    fix = doc.correction
    rows = [[styles.p("Счет-фактура №", 9, bold=True), styles.p(doc.number, 9, bold=True),
             styles.p("от", 9, bold=True), styles.p(text.day(doc.doc_date), 9, bold=True), styles.code("1")],
            [styles.p("Исправление №", 7), styles.p(str(fix.number) if fix else text.DASH, 7, bold=True),
             styles.p("от", 7), styles.p(text.day(fix.date) if fix else text.DASH, 7, bold=True),
             styles.code("1а")]]
    table = Table(rows, colWidths=[92, width * 0.32, 20, 70, 24], hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, -1), 0.35, "black"),
                               ("LINEBELOW", (3, 0), (3, -1), 0.35, "black"), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 1.5), ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8)]))
    return table


def _party_rows(doc: UpdSeller) -> list[tuple[str, str, str]]:
    seller, buyer = doc.seller, doc.buyer
    shipper = "он же" if doc.shipper_is_seller else "; ".join(map(text.name_and_address, doc.shippers)) or text.DASH
    consignee = "; ".join(map(text.name_and_address, doc.consignees)) or text.DASH
    lines = f"№ п/п 1–{len(doc.lines)}" if doc.lines else ""
    shipment = " ".join(x for x in (lines, text.docs(doc.shipment_docs)) if x)
    return [
        ("Продавец", seller.name, "2"),
        ("Адрес", text.address(seller.address), "2а"),
        ("ИНН/КПП продавца", text.inn_kpp(seller), "2б"),
        ("Грузоотправитель и его адрес", shipper, "3"),
        ("Грузополучатель и его адрес", consignee, "4"),
        ("К платежно-расчетному документу", f"№ {text.DASH} от {text.DASH}", "5"),
        ("Документ об отгрузке", shipment, "5а"),
        ("Покупатель", buyer.name, "6"),
        ("Адрес", text.address(buyer.address), "6а"),
        ("ИНН/КПП покупателя", text.inn_kpp(buyer), "6б"),
        ("Валюта: наименование, код", f"{doc.currency_name}, {doc.currency_code}", "7"),
        ("Идентификатор государственного контракта, договора (соглашения) (при наличии)", text.DASH, "8"),
    ]


def _header(styles: Styles, doc: UpdSeller, strip: float) -> Table:
    right = WIDTH - strip
    parties = field_rows(styles, _party_rows(doc), [150, right - 182, 26])
    body = [_title_rows(styles, doc, right), Spacer(0, 2), parties]
    table = Table([[_status_strip(styles, doc, strip), body]], colWidths=[strip, right], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEAFTER", (0, 0), (0, 0), 1.2, "black"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _numbered(styles: Styles, title: str, pages: list[int]) -> type[Canvas]:
    """A canvas class that writes «Лист i из N» once the page count is known and reports N."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            pages.append(total)
            for state in self._saved:
                self.__dict__.update(state)
                self.setFont(styles.font, 6.5)
                self.drawString(MARGIN, MARGIN, title)
                self.drawRightString(PAGE[0] - MARGIN, MARGIN, f"Лист {self._pageNumber} из {total}")
                super().showPage()
            super().save()

    return NumberedCanvas

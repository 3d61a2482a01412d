"""The УКД print form: landscape A4 in the layout of the paper универсальный корректировочный
документ (письмо ФНС от 17.10.2014 № ММВ-20-15/86@; the invoice part per постановление № 1137,
приложение 2), plus electronic signature stamps like the УПД form.

Every line takes four rows: А — before the change, Б — after, В — increase, Г — decrease; the
table ends with «Всего увеличение» and «Всего уменьшение». ``print_ukd(doc, stamps, buyer)``
returns PDF bytes, built in reportlab's invariant mode (same input, same bytes).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, TableStyle

from edo_app.documents.ukd_buyer import UkdBuyer
from edo_app.documents.ukd_model import ChangeTotals, LineState, UkdLine, UkdSeller, UkdSigner
from edo_app.documents.upd_buyer import REFUSED
from edo_app.documents.upd_model import PROGRAM

from . import text
from .fonts import register_fonts
from .stamp import SignatureStamp, stamps_grid
from .styles import GRID, Styles, Table, field_rows, signature_line

PAGE = landscape(A4)
MARGIN = 8 * mm
WIDTH = PAGE[0] - 2 * MARGIN
STATUS = {"КСЧФДИС": "1", "ДИС": "2"}
ANNEX = ("Приложение № 2 к постановлению Правительства Российской Федерации от 26 декабря 2011 г. № 1137")
HEADINGS = ("Наименование товара (описание выполненных работ, оказанных услуг), имущественного права", "",
            "Единица измерения: код", "условное обозначение", "Количество (объем)", "Цена (тариф) за единицу",
            "Стоимость без налога — всего", "В том числе акциз", "Налоговая ставка", "Сумма налога",
            "Стоимость с налогом — всего")
CODES = ("1", "", "2", "2а", "3", "4", "5", "6", "7", "8", "9")
SHARES = (0.21, 0.08, 0.04, 0.05, 0.08, 0.08, 0.1, 0.07, 0.06, 0.11, 0.12)
ROW_NAMES = ("А (до изменения)", "Б (после изменения)", "В (увеличение)", "Г (уменьшение)")


def print_ukd(doc: UkdSeller, stamps: Sequence[SignatureStamp] = (), buyer: UkdBuyer | None = None) -> bytes:
    """The print form of a УКД seller title (and the buyer's agreement when ``buyer`` is given)."""
    font, bold = register_fonts()
    styles = Styles(font, bold)
    buffer = io.BytesIO()
    title = f"УКД № {doc.number} от {text.day(doc.doc_date)}"
    template = SimpleDocTemplate(
        buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        invariant=1, initialFontName=styles.font, title=title, author=doc.seller.name, creator=PROGRAM,
        subject=str(doc.file_id))
    template.build(_story(styles, doc, stamps, buyer))
    return buffer.getvalue()


def _story(styles: Styles, doc: UkdSeller, stamps: Sequence[SignatureStamp], buyer: UkdBuyer | None) -> list[Flowable]:
    story: list[Flowable] = [styles.right(ANNEX, 5.5), _header(styles, doc), Spacer(0, 3), _table(styles, doc),
                             Spacer(0, 4), _signatures(styles, doc.signers)]
    if doc.agreement is not None:
        story += [Spacer(0, 4), KeepTogether(_agreement(styles, doc, buyer))]
    grid = stamps_grid(stamps, WIDTH, styles.font, styles.bold)
    if grid is not None:
        story += [Spacer(0, 6), KeepTogether([styles.p("Электронные подписи", 8, bold=True), Spacer(0, 2), grid])]
    return story


def _header(styles: Styles, doc: UkdSeller) -> Table:
    strip = WIDTH * 0.14
    status = Table([[styles.p("Универсальный корректировочный документ", 7, bold=True)],
                    [styles.p(f"Статус: {STATUS.get(doc.function, text.DASH)}", 8, bold=True)],
                    [styles.p("1 – корректировочный счет-фактура и документ об изменении стоимости\n"
                              "2 – документ об изменении стоимости", 5.5)]], colWidths=[strip])
    fix = doc.correction
    invoices = "; ".join(f"№ {i.number} от {text.day(i.date)}" for i in doc.invoices)
    fixes = "; ".join(f"№ {c.number} от {text.day(c.date)}" for i in doc.invoices for c in i.corrections)
    rows = [("Корректировочный счет-фактура", f"№ {doc.number} от {text.day(doc.doc_date)}", "1"),
            ("Исправление", f"№ {fix.number} от {text.day(fix.date)}" if fix else text.DASH, "1а"),
            ("к счету-фактуре (документу об отгрузке)", invoices, "1б"),
            ("с учетом исправления", fixes or text.DASH, "1б"),
            ("Продавец", doc.seller.name, "2"), ("Адрес", text.address(doc.seller.address), "2а"),
            ("ИНН/КПП продавца", text.inn_kpp(doc.seller), "2б"),
            ("Покупатель", doc.buyer.name, "3"), ("Адрес", text.address(doc.buyer.address), "3а"),
            ("ИНН/КПП покупателя", text.inn_kpp(doc.buyer), "3б"),
            ("Валюта: наименование, код", _currency(doc.currency_code), "4")]
    right = WIDTH - strip
    table = Table([[status, field_rows(styles, rows, [150, right - 182, 26])]], colWidths=[strip, right])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEAFTER", (0, 0), (0, 0), 1.2, "black")]))
    return table


def _currency(code: str) -> str:
    return f"Российский рубль, {code}" if code == "643" else code


def _state_cells(state: LineState) -> list[str]:
    tax = text.money(state.vat_amount) if state.vat_amount is not None else "без НДС"
    return [state.okei or text.DASH, state.unit_name or text.DASH, text.number(state.quantity),
            text.number(state.price), text.money(state.amount_without_vat),
            text.money(state.excise) if state.excise is not None else "без акциза", state.vat_rate.value, tax,
            text.money(state.amount_with_vat)]


def _change_cells(line: UkdLine, sign: int) -> list[str]:
    def part(value: Decimal) -> str:
        return text.money(value * sign) if value * sign > 0 else text.DASH

    excise = line.excise_change
    return ["", "", text.DASH, text.DASH, part(line.cost_change), part(excise) if excise is not None else text.DASH,
            "", part(line.tax_change), part(line.total_change)]


def _total_row(label: str, totals: ChangeTotals) -> list[object]:
    tax = text.money(totals.vat) if totals.vat is not None else "без НДС"
    return [label, "", "", "", "", "", text.money(totals.without_vat), "", "", tax, text.money(totals.with_vat)]


def _table(styles: Styles, doc: UkdSeller) -> Table:
    data: list[list[object]] = [[styles.center(h, 5.5) for h in HEADINGS], list(CODES)]
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    for line in doc.lines:
        first = len(data)
        sides = (_state_cells(line.before), _state_cells(line.after), _change_cells(line, +1), _change_cells(line, -1))
        for name, cells in zip(ROW_NAMES, sides, strict=True):
            data.append(["", name, *cells])
        data[first][0] = styles.p(f"{line.number}. {line.name}", 6)
        spans.append(("SPAN", (0, first), (0, first + 3)))
    for label, totals in (("Всего увеличение (сумма строк В)", doc.increase),
                          ("Всего уменьшение (сумма строк Г)", doc.decrease)):
        data.append(_total_row(label, totals))
        spans.append(("SPAN", (0, len(data) - 1), (5, len(data) - 1)))
    table = Table(data, colWidths=[WIDTH * s for s in SHARES], repeatRows=2)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), GRID, "black"), ("FONTSIZE", (0, 1), (-1, -1), 6),
                               ("ALIGN", (4, 2), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("ALIGN", (0, 1), (-1, 1), "CENTER"), *spans]))
    return table


def _signer_names(signer: UkdSigner) -> tuple[str, str]:
    name = signer.name
    initials = f"{name.last} {name.first[:1]}." + (f" {name.middle[:1]}." if name.middle else "")
    return signer.position or "Индивидуальный предприниматель", initials


def _signatures(styles: Styles, signers: Sequence[UkdSigner]) -> Table:
    rows = [[styles.p("Руководитель организации или иное уполномоченное лицо", 6.5),
             signature_line(styles, *_signer_names(s), [110, 70, 120])] for s in signers]
    return Table(rows, colWidths=[WIDTH * 0.3, WIDTH * 0.7], hAlign="LEFT")


def _agreement(styles: Styles, doc: UkdSeller, buyer: UkdBuyer | None) -> list[Flowable]:
    agreement = doc.agreement
    assert agreement is not None
    docs = "; ".join(f"{d.name} № {d.number or text.DASH} от {text.day(d.date)}" for d in agreement.transfer_docs)
    basis = "; ".join(f"{d.name} № {d.number or text.DASH} от {text.day(d.date)}" for d in agreement.basis_docs)
    rows = [("Основание передачи (сдачи) / получения (приемки)", docs, "8"),
            ("Основание корректировки", basis, "9"), ("Содержание операции", agreement.operation, "10")]
    if buyer is not None:
        verdict = "Не согласовано" if buyer.result == REFUSED else (buyer.operation or "Согласовано")
        rows.append(("Покупатель: результат рассмотрения", f"{verdict}, {text.day_words(buyer.accepted_on)}", "15"))
    return [styles.p("Сведения о согласовании изменения стоимости", 7, bold=True),
            field_rows(styles, rows, [200, WIDTH - 236, 26])]

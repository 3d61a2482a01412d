"""Paragraph styles and small table builders shared by the parts of the form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle
from reportlab.platypus import Table as _Table

from .fonts import REGULAR

GRID = 0.5
THIN = 0.35


class Table(_Table):  # type: ignore[misc]  # reportlab ships no types
    """A reportlab Table whose plain-string cells use DejaVu too: the default Helvetica would
    print Cyrillic as boxes and embed a second, unused font."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.setStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR)])


@dataclass(frozen=True)
class Styles:
    font: str
    bold: str

    def style(self, size: float = 7, *, bold: bool = False, align: int = 0, leading: float | None = None
              ) -> ParagraphStyle:
        return ParagraphStyle(f"s{size}{bold}{align}", fontName=self.bold if bold else self.font, fontSize=size,
                              leading=leading or size * 1.2, alignment=align)

    def p(self, text: str, size: float = 7, *, bold: bool = False, align: int = 0) -> Paragraph:
        """A paragraph of plain text (escaped; ``\\n`` breaks the line)."""
        return Paragraph(escape(text).replace("\n", "<br/>"), self.style(size, bold=bold, align=align))

    def center(self, text: str, size: float = 6, *, bold: bool = False) -> Paragraph:
        return self.p(text, size, bold=bold, align=TA_CENTER)

    def right(self, text: str, size: float = 6.5) -> Paragraph:
        return self.p(text, size, align=TA_RIGHT)

    def code(self, text: str) -> Paragraph:
        """The row number of the paper form: «(2а)»."""
        return self.p(f"({text})", 6.5, align=TA_RIGHT)


def field_rows(styles: Styles, rows: Sequence[tuple[str, str, str]], widths: Sequence[float],
               size: float = 7) -> Table:
    """Rows «label: value (code)» with the value underlined, as the paper form draws them."""
    data = [[styles.p(label + ":", size), styles.p(value, size, bold=True), styles.code(code) if code else ""]
            for label, value, code in rows]
    table = Table(data, colWidths=list(widths), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LINEBELOW", (1, 0), (1, -1), THIN, "black"),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, -1), 0.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8),
    ]))
    return table


def signature_line(styles: Styles, position: str, person: str, widths: Sequence[float]) -> Table:
    """Должность | подпись | ФИО over their captions, the way the paper form lays them out."""
    data = [[styles.center(position, 6.5, bold=True), styles.center(""), styles.center(person, 6.5, bold=True)],
            [styles.center("(должность)", 5), styles.center("(подпись)", 5),
             styles.center("(ф.и.о.)", 5)]]
    table = Table(data, colWidths=list(widths), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), THIN, "black"),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
    ]))
    return table

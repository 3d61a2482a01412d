"""The electronic signature stamp: the framed box EDO operators print on a signed document.

The data arrives as a plain SignatureStamp: printing sits below crypto and storage in the
layers (DESIGN.md), so services turn certificates and stored verdicts into stamps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, TableStyle

from .styles import Table

STAMP_TITLE = "Документ подписан электронной подписью"
STAMP_BLUE = colors.HexColor("#1F3F8F")
STAMP_RED = colors.HexColor("#B00020")


@dataclass(frozen=True, slots=True)
class SignatureStamp:
    """What one stamp shows. ``valid``: the verdict (None — not checked), coloured in the box."""

    owner: str
    organization: str = ""
    inn: str = ""
    certificate_serial: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    signed_at: datetime | None = None
    poa_number: str | None = None
    verdict_text: str = ""
    valid: bool | None = None
    role: str = ""  # «Продавец», «Покупатель»: whose title the signature is on


def _date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


def _moment(value: datetime | None) -> str:
    if value is None:
        return "—"
    offset = value.utcoffset()
    zone = "" if offset is None else " UTC" if not offset else value.strftime(" (UTC%z)")
    return value.strftime("%d.%m.%Y %H:%M:%S") + zone


def stamp_rows(stamp: SignatureStamp) -> list[tuple[str, str]]:
    """Label/value rows of the stamp, in print order (also what a screen shows)."""
    owner = stamp.owner or "—"
    company = ", ".join(p for p in (stamp.organization, f"ИНН {stamp.inn}" if stamp.inn else "") if p)
    rows = [("Владелец", owner)]
    if company:
        rows.append(("Организация", company))
    rows += [("Сертификат", stamp.certificate_serial or "—"),
             ("Действителен", f"с {_date(stamp.valid_from)} по {_date(stamp.valid_to)}"),
             ("Подписан", _moment(stamp.signed_at))]
    if stamp.poa_number:
        rows.append(("Полномочия", f"по МЧД № {stamp.poa_number}"))
    if stamp.verdict_text:
        rows.append(("Проверка", stamp.verdict_text))
    return rows


def stamp_flowable(stamp: SignatureStamp, width: float, font: str, bold: str) -> Flowable:
    """One framed stamp ``width`` points wide; rows wrap, the box grows with them."""
    color = STAMP_BLUE if stamp.valid is not False else STAMP_RED
    label = ParagraphStyle("stamp-label", fontName=font, fontSize=6.5, leading=8, textColor=color)
    value = ParagraphStyle("stamp-value", parent=label, fontName=bold)
    title = ParagraphStyle("stamp-title", parent=label, fontName=bold, fontSize=7.5, leading=9, alignment=1)
    heading = STAMP_TITLE.upper() + (f" — {stamp.role.upper()}" if stamp.role else "")
    data: list[list[object]] = [[Paragraph(escape(heading), title), ""]]
    data += [[Paragraph(escape(k), label), Paragraph(escape(v), value)] for k, v in stamp_rows(stamp)]
    table = Table(data, colWidths=[width * 0.24, width * 0.76])
    table.setStyle(TableStyle([
        ("SPAN", (0, 0), (1, 0)),
        ("BOX", (0, 0), (-1, -1), 1.2, color),
        ("LINEBELOW", (0, 0), (1, 0), 0.6, color),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("TOPPADDING", (0, 0), (1, 0), 3),
        ("BOTTOMPADDING", (0, 0), (1, 0), 3),
    ]))
    return table


def stamps_grid(stamps: Sequence[SignatureStamp], width: float, font: str, bold: str,
                per_row: int = 2) -> Table | None:
    """Stamps side by side, ``per_row`` to a row (None when there are none)."""
    if not stamps:
        return None
    gap = 12.0
    cell = (width - gap * (per_row - 1)) / per_row
    flows = [stamp_flowable(s, cell, font, bold) for s in stamps]
    rows: list[list[object]] = []
    for start in range(0, len(flows), per_row):
        chunk: list[object] = list(flows[start:start + per_row])
        chunk += [""] * (per_row - len(chunk))
        rows.append([x for pair in zip(chunk, [""] * per_row, strict=True) for x in pair][:-1])
    widths = [w for _ in range(per_row) for w in (cell, gap)][:-1]
    grid = Table(rows, colWidths=widths, hAlign="LEFT")
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return grid

"""Arithmetic of the акт (ОписРабот/Работа) and ТОРГ-12 (СодФХЖ2/СвТов) tables of format 5.01.

The same checks as business_lines does for УПД, with the same codes (biz.line.cost,
biz.line.tax, biz.line.total, biz.total.cost, biz.total.tax, biz.total.total, biz.total.qty),
over the attribute names these formats use. In 5.01 every amount is an optional attribute:
a check runs only when the values it needs are there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lxml import etree

from edo_app.model.money import round_money
from edo_app.model.report import Issue, Source
from edo_app.schemas.business_lines import KOPECK, ZERO, parse_rate, source_line


@dataclass(frozen=True, slots=True)
class TableShape:
    """Where a format keeps its lines and totals and how it names their attributes."""

    sections: str  # XPath from Документ to each element holding lines
    line: str
    qty: str
    price: str
    cost: str
    tax: str
    gross: str
    totals: str  # "." when the totals sit on the section itself
    total_cost: str
    total_tax: str
    total_gross: str
    total_qty: str = ""


ACT_SHAPE = TableShape("СвДокПРУ/СодФХЖ1/ОписРабот", "Работа", "Количество", "Цена", "СтоимБезНДС", "СумНДС",
                       "СтоимУчНДС", ".", "СтБезНДСИт", "СумНДСИт", "СтУчНДСИт")
TORG12_SHAPE = TableShape("СвДокПТПрКроме/СодФХЖ2", "СвТов", "НеттоПередано", "Цена", "СтБезНДС", "СумНДС",
                          "СтУчНДС", "Всего", "СтБезНДСВс", "СумНДСВс", "СтУчНДСВс", "НеттоВс")
SHAPES = {"1175012": ACT_SHAPE, "1175010": TORG12_SHAPE}


def check_primary_tables(tree: etree._ElementTree, document: etree._Element) -> list[Issue]:
    """Line arithmetic and totals of an акт or ТОРГ-12 seller title; other documents: nothing."""
    shape = SHAPES.get(document.get("КНД", ""))
    if shape is None:
        return []
    issues: list[Issue] = []
    for section in document.iterfind(shape.sections):
        issues.extend(_Section(tree, section, shape).run())
    return issues


def _number(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None  # the XSD reports it
    return value if value.is_finite() else None


class _Section:
    def __init__(self, tree: etree._ElementTree, section: etree._Element, shape: TableShape) -> None:
        self.tree, self.section, self.shape = tree, section, shape
        self.issues: list[Issue] = []

    def _issue(self, node: etree._Element, attr: str, code: str, message: str) -> None:
        self.issues.append(Issue(message, xpath=f"{self.tree.getpath(node)}/@{attr}", code=code,
                                 line=source_line(node), source=Source.BUSINESS))

    def run(self) -> list[Issue]:
        sums = {"cost": ZERO, "tax": ZERO, "gross": ZERO, "qty": ZERO}
        complete = dict.fromkeys(sums, True)
        for line in self.section.iterchildren(self.shape.line):
            for key, value in self._check_line(line):
                if value is None:
                    complete[key] = complete[key] and key == "tax"
                else:
                    sums[key] += value
        totals = self.section if self.shape.totals == "." else self.section.find(self.shape.totals)
        if totals is not None:
            self._check_totals(totals, sums, complete)
        return self.issues

    def _check_line(self, line: etree._Element) -> Iterator[tuple[str, Decimal | None]]:
        s = self.shape
        qty, price, cost = _number(line.get(s.qty)), _number(line.get(s.price)), _number(line.get(s.cost))
        tax, gross = _number(line.get(s.tax)), _number(line.get(s.gross))
        if qty is not None and price is not None and cost is not None:
            expected = round_money(qty * price)
            if abs(expected - cost) > KOPECK:
                self._issue(line, s.cost, "biz.line.cost", f"Стоимость без налога {cost:f} не равна количеству × "
                            f"цену: {qty:f} × {price:f} = {expected:f}")
        self._check_tax(line, cost, tax, gross)
        if cost is not None and gross is not None and cost + (tax or ZERO) != gross:
            self._issue(line, s.gross, "biz.line.total", f"Стоимость с налогом {gross:f} не равна стоимости без "
                        f"налога плюс налог: {cost:f} + {tax or ZERO:f} = {cost + (tax or ZERO):f}")
        yield from (("cost", cost), ("tax", tax), ("gross", gross), ("qty", qty))

    def _check_tax(self, line: etree._Element, cost: Decimal | None, tax: Decimal | None,
                   gross: Decimal | None) -> None:
        text = line.get("НалСт") or ""
        rate = parse_rate(text) if text else None
        if rate is None:
            return
        if not rate.taxed or rate.fraction == 0:
            if tax:
                self._issue(line, self.shape.tax, "biz.line.tax",
                            f"При ставке «{text}» сумма налога должна быть нулевой или не указываться, указано {tax:f}")
            return
        base = gross if rate.estimated else cost
        if base is None or tax is None:
            return
        expected = round_money(base * rate.fraction)
        if abs(expected - tax) > KOPECK:
            self._issue(line, self.shape.tax, "biz.line.tax",
                        f"Сумма налога {tax:f} не соответствует ставке {text}: ожидается {expected:f}")

    def _check_totals(self, totals: etree._Element, sums: dict[str, Decimal], complete: dict[str, bool]) -> None:
        s = self.shape
        for attr, key, code in ((s.total_cost, "cost", "biz.total.cost"), (s.total_tax, "tax", "biz.total.tax"),
                                (s.total_gross, "gross", "biz.total.total"), (s.total_qty, "qty", "biz.total.qty")):
            stated = _number(totals.get(attr)) if attr else None
            if stated is not None and complete[key] and stated != sums[key]:
                self._issue(totals, attr, code, f"Итог {attr} = {stated:f} не равен сумме по строкам {sums[key]:f}")

"""Arithmetic and dates of the УКД table (ТаблКСчФ) that neither its XSD nor its rules check.

Per line and per column: the written increase (СтоимУвел, СумУвел) or decrease (СтоимУм, СумУм)
must be after − before (biz.ukd.change); each side must hold together like a УПД line: Кол×Цена =
cost (biz.line.cost), tax by the rate (biz.line.tax), cost + tax = cost with tax (biz.line.total).
ВсегоУвел / ВсегоУм must add up the increases / decreases of the lines (biz.total.cost,
biz.total.tax, biz.total.total). A corrected document (СчФ) dated after the УКД is an error
(biz.ukd.date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from lxml import etree

from edo_app.model.money import round_money
from edo_app.model.report import Issue, Source
from edo_app.schemas.business_lines import KOPECK, ZERO, parse_rate, source_line

_SIDES = (("До", "СтоимДоИзм"), ("После", "СтоимПослеИзм"))


def _number(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None  # the XSD reports it
    return value if value.is_finite() else None


def _fns_date(text: str | None) -> tuple[int, int, int] | None:
    if not text or len(text) != 10:
        return None
    try:
        return int(text[6:]), int(text[3:5]), int(text[:2])
    except ValueError:
        return None


@dataclass(slots=True)
class _Sums:
    """Increases (index 0) and decreases (index 1) per column."""

    cost: list[Decimal] = field(default_factory=lambda: [ZERO, ZERO])
    gross: list[Decimal] = field(default_factory=lambda: [ZERO, ZERO])
    tax: list[Decimal] = field(default_factory=lambda: [ZERO, ZERO])


class _UkdCheck:
    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree
        self.issues: list[Issue] = []
        self.sums = _Sums()

    def issue(self, code: str, node: etree._Element, where: str, message: str) -> None:
        self.issues.append(Issue(message, xpath=self.tree.getpath(node) + where, code=code, line=source_line(node),
                                 source=Source.BUSINESS))

    def line(self, el: etree._Element) -> None:
        for tag, column in (("СтТовБезНДС", self.sums.cost), ("СтТовУчНал", self.sums.gross)):
            cost = el.find(tag)
            if cost is not None:
                self.cost_change(cost, column)
        taxes = [self.tax(el.find(f"СумНал{side}")) for side, _ in _SIDES]
        diff = el.find("СумНалРазн")
        if diff is not None:
            before, after = taxes
            self.sum_change(diff, after - before if before is not None and after is not None else None,
                            self.sums.tax)
        for (side, attr), tax in zip(_SIDES, taxes, strict=True):
            self.side(el, side, attr, tax)

    def cost_change(self, cost: etree._Element, column: list[Decimal]) -> None:
        before, after = _number(cost.get("СтоимДоИзм")), _number(cost.get("СтоимПослеИзм"))
        up, down = _number(cost.get("СтоимУвел")), _number(cost.get("СтоимУм"))
        self.add(column, up, down)
        if before is None or after is None or (up is None and down is None):
            return
        written = (up or ZERO) - (down or ZERO)
        if written != after - before:
            self.issue("biz.ukd.change", cost, "/@" + ("СтоимУвел" if up is not None else "СтоимУм"),
                       f"Изменение {written:f} не равно разнице «после − до»: {after:f} − {before:f} = "
                       f"{after - before:f}")

    def sum_change(self, diff: etree._Element, expected: Decimal | None, column: list[Decimal]) -> None:
        """The written tax change counts into the totals even when a side is missing (the rules
        report that); it is compared with after − before when both sides are there."""
        up, down = _number(diff.findtext("СумУвел")), _number(diff.findtext("СумУм"))
        self.add(column, up, down)
        written = (up or ZERO) - (down or ZERO)
        if expected is not None and (up is not None or down is not None) and written != expected:
            self.issue("biz.ukd.change", diff, "", f"Изменение налога {written:f} не равно разнице «после − до» "
                                                   f"{expected:f}")

    @staticmethod
    def add(column: list[Decimal], up: Decimal | None, down: Decimal | None) -> None:
        column[0] += up or ZERO
        column[1] += down or ZERO

    @staticmethod
    def tax(el: etree._Element | None) -> Decimal | None:
        if el is None:
            return None
        if el.find("БезНДС") is not None:
            return ZERO
        return _number(el.findtext("СумНДС"))

    def side(self, el: etree._Element, side: str, attr: str, tax: Decimal | None) -> None:
        cost_el, gross_el = el.find("СтТовБезНДС"), el.find("СтТовУчНал")
        cost = _number(cost_el.get(attr)) if cost_el is not None else None
        gross = _number(gross_el.get(attr)) if gross_el is not None else None
        qty, price = _number(el.get(f"КолТов{side}")), _number(el.get(f"ЦенаТов{side}"))
        if qty is not None and price is not None and cost is not None and abs(round_money(qty * price) - cost) > KOPECK:
            self.issue("biz.line.cost", el, f"/СтТовБезНДС/@{attr}",
                       f"Стоимость {cost:f} не равна количеству × цену: {qty:f} × {price:f}")
        rate = parse_rate(el.get(f"НалСт{side}", ""))
        if rate is not None and rate.taxed and tax is not None:
            base = gross if rate.estimated else cost
            if base is not None and abs(round_money(base * rate.fraction) - tax) > KOPECK:
                self.issue("biz.line.tax", el, f"/СумНал{side}",
                           f"Сумма налога {tax:f} не соответствует ставке {el.get(f'НалСт{side}')}")
        if cost is not None and gross is not None and tax is not None and cost + tax != gross:
            self.issue("biz.line.total", el, f"/СтТовУчНал/@{attr}",
                       f"Стоимость с налогом {gross:f} не равна {cost:f} + {tax:f}")

    def totals(self, table: etree._Element) -> None:
        for index, tag in enumerate(("ВсегоУвел", "ВсегоУм")):
            total = table.find(tag)
            if total is None:
                continue
            for attr, column, code in (("СтТовБезНДСВсего", self.sums.cost, "biz.total.cost"),
                                       ("СтТовУчНалВсего", self.sums.gross, "biz.total.total")):
                stated = _number(total.get(attr))
                if stated is not None and stated != column[index]:
                    self.issue(code, total, f"/@{attr}", f"Итог {stated:f} не равен сумме по строкам "
                                                         f"{column[index]:f}")
            stated_tax = self.tax(total.find("СумНал"))
            if stated_tax is not None and stated_tax != self.sums.tax[index]:
                self.issue("biz.total.tax", total, "/СумНал", f"Итог налога {stated_tax:f} не равен сумме по строкам "
                                                              f"{self.sums.tax[index]:f}")

    def dates(self, document: etree._Element) -> None:
        head = document.find("СвКСчФ")
        own = _fns_date(head.get("ДатаКСчФ")) if head is not None else None
        if head is None or own is None:
            return
        for invoice in head.findall("СчФ"):
            day = _fns_date(invoice.get("ДатаСчФ"))
            if day is not None and day > own:
                self.issue("biz.ukd.date", invoice, "/@ДатаСчФ",
                           f"Корректируемый документ датирован {invoice.get('ДатаСчФ')}, позже самого УКД "
                           f"({head.get('ДатаКСчФ')})")


def check_ukd(tree: etree._ElementTree, document: etree._Element) -> list[Issue]:
    """All УКД checks of ``document`` (the Документ element of a ON_NKORSCHFDOPPR file)."""
    check = _UkdCheck(tree)
    table = document.find("ТаблКСчФ")
    if table is not None:
        for line in table.iterfind("СведТов"):
            check.line(line)
        check.totals(table)
    check.dates(document)
    return check.issues

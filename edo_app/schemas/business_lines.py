"""Arithmetic of the goods table (ТаблСчФакт) of УПД seller titles 5.01–5.03.

Neither the XSD nor its rules check that quantity × price gives the cost, that the tax fits
the rate, or that ВсегоОпл adds up (it even accepts negative totals). One pass over СведТов
with cached number parsing keeps a 10,000-line document cheap next to its XSD validation.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from lxml import etree

from edo_app.model.money import round_money
from edo_app.model.report import Issue, Source

KOPECK = Decimal("0.01")
ZERO = Decimal(0)
# Old spellings of the estimated rates: 10/110, 20/120 and 22/122 written as percents.
_PERCENT_ALIASES = {"9,09%": "10/110", "16,67%": "20/120", "18,03%": "22/122"}
_NO_TAX = frozenset({"без НДС", "НДС исчисляется налоговым агентом"})


def source_line(node: etree._Element) -> int | None:
    """``sourceline`` typed: the lxml stubs leave it untyped."""
    line: object = node.sourceline
    return line if isinstance(line, int) else None


@dataclass(frozen=True, slots=True)
class Rate:
    """How a НалСт value computes the tax: share of the base, or of the gross amount."""

    fraction: Decimal
    estimated: bool = False  # x/1xx: the tax is inside the amount that includes it
    taxed: bool = True  # False for «без НДС» and the tax agent case


@functools.lru_cache(maxsize=64)
def parse_rate(text: str) -> Rate | None:
    """A НалСт value, or None when it is not one the checks understand (then they skip)."""
    text = _PERCENT_ALIASES.get(text.strip(), text.strip())
    if text in _NO_TAX:
        return Rate(ZERO, taxed=False)
    try:
        if text.endswith("%"):
            return Rate(Decimal(text[:-1].replace(",", ".")) / 100)
        num, sep, den = text.partition("/")
        if sep:
            return Rate(Decimal(num) / Decimal(den), estimated=True)
    except (InvalidOperation, ZeroDivisionError):
        return None
    return None


@dataclass(slots=True)
class _Line:
    index: int
    element: etree._Element
    qty: Decimal | None
    price: Decimal | None
    cost: Decimal | None  # СтТовБезНДС
    gross: Decimal | None  # СтТовУчНал
    rate_text: str
    tax: Decimal | None  # СумНал/СумНал; None with the «без НДС» marker or when absent
    tax_child: etree._Element | None  # СумНал/СумНал or СумНал/БезНДС
    no_tax_marker: bool


@dataclass(slots=True)
class _Sums:
    cost: Decimal = ZERO
    tax: Decimal = ZERO
    gross: Decimal = ZERO
    qty: Decimal = ZERO
    complete: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(("cost", "gross", "qty"), True))

    def add(self, line: _Line) -> None:
        if line.cost is None:
            self.complete["cost"] = False
        else:
            self.cost += line.cost
        if line.gross is None:
            self.complete["gross"] = False
        else:
            self.gross += line.gross
        if line.qty is None:
            self.complete["qty"] = False
        else:
            self.qty += line.qty
        if line.tax is not None:
            self.tax += line.tax


def check_table(tree: etree._ElementTree, table: etree._Element) -> list[Issue]:
    """Line arithmetic and totals of one ТаблСчФакт; every issue names the exact attribute."""
    return _TableCheck(tree, table).run()


class _TableCheck:
    """One pass over СведТов. XPaths and line numbers are worked out only for lines with issues."""

    def __init__(self, tree: etree._ElementTree, table: etree._Element) -> None:
        self.tree, self.table = tree, table
        self.lines = list(table.iterchildren("СведТов"))
        self.base = f"{tree.getpath(table)}/СведТов"
        self.parse = _number_parser()
        self.issues: list[Issue] = []
        # The tax of every line in two libxml2 queries instead of three lookups per line.
        self.amounts = _by_line(table.xpath("СведТов/СумНал/СумНал"))
        self.markers = _by_line(table.xpath("СведТов/СумНал/БезНДС"))

    def run(self) -> list[Issue]:
        sums = _Sums()
        with decimal.localcontext(prec=80):  # 26-digit quantities × 26-digit prices stay exact
            for index, element in enumerate(self.lines, 1):
                line = self._read(index, element)
                self._check_line(line)
                sums.add(line)
            total = next(self.table.iterchildren("ВсегоОпл"), None)
            if total is not None and self.lines:
                _check_totals(self.tree, total, sums, self.parse, self.issues)
        return self.issues

    def _read(self, index: int, el: etree._Element) -> _Line:
        get, parse = el.get, self.parse
        amount = self.amounts.get(el)
        marker = self.markers.get(el) if amount is None else None
        return _Line(
            index, el, parse(get("КолТов")), parse(get("ЦенаТов")), parse(get("СтТовБезНДС")),
            parse(get("СтТовУчНал")), get("НалСт") or "",
            parse((amount.text or "").strip()) if amount is not None else None,
            amount if amount is not None else marker, marker is not None,
        )

    def _issue(self, line: _Line, code: str, where: str, message: str) -> None:
        path = f"{self.base}[{line.index}]" if len(self.lines) > 1 else self.base
        if where == "tax":
            node = line.tax_child if line.tax_child is not None else line.element
            where = f"/СумНал/{etree.QName(node).localname}" if line.tax_child is not None else "/СумНал"
        else:
            node = line.element
        self.issues.append(Issue(message, xpath=path + where, code=code, line=source_line(node),
                                 source=Source.BUSINESS))

    def _check_line(self, line: _Line) -> None:
        if line.qty is not None and line.price is not None and line.cost is not None:
            expected = round_money(line.qty * line.price)
            if abs(expected - line.cost) > KOPECK:
                self._issue(line, "biz.line.cost", "/@СтТовБезНДС",
                            f"Стоимость без налога {line.cost:f} не равна количеству × цену: "
                            f"{line.qty:f} × {line.price:f} = {expected:f}")
        rate = parse_rate(line.rate_text)
        if rate is not None:
            self._check_tax(line, rate)
            self._check_gross(line)

    def _check_tax(self, line: _Line, rate: Rate) -> None:
        if not rate.taxed or rate.fraction == 0:
            if line.tax:  # a non-zero amount where the rate has none
                self._issue(line, "biz.line.tax", "tax",
                            f"При ставке «{line.rate_text}» сумма налога должна быть нулевой или «без НДС», "
                            f"указано {line.tax:f}")
            return
        base = line.gross if rate.estimated else line.cost
        if base is None:
            return
        expected = round_money(base * rate.fraction)
        if line.no_tax_marker:
            self._issue(line, "biz.line.tax", "tax",
                        f"При ставке {line.rate_text} должна быть указана сумма налога {expected:f}, "
                        "указано «без НДС»")
        elif line.tax is not None and abs(expected - line.tax) > KOPECK:
            what = "стоимость с налогом" if rate.estimated else "стоимость без налога"
            self._issue(line, "biz.line.tax", "tax",
                        f"Сумма налога {line.tax:f} не соответствует ставке {line.rate_text}: "
                        f"ожидается {expected:f} ({what} {base:f} × {line.rate_text})")

    def _check_gross(self, line: _Line) -> None:
        if line.cost is None or line.gross is None or (line.tax is None and not line.no_tax_marker):
            return
        expected = line.cost + (line.tax or ZERO)
        if expected != line.gross:
            self._issue(line, "biz.line.total", "/@СтТовУчНал",
                        f"Стоимость с налогом {line.gross:f} не равна стоимости без налога плюс налог: "
                        f"{line.cost:f} + {line.tax or ZERO:f} = {expected:f}")


def _by_line(found: object) -> dict[etree._Element, etree._Element]:
    """СведТов → its СумНал/* child. Keys are lxml proxies kept alive here, so lookups hit."""
    result: dict[etree._Element, etree._Element] = {}
    if isinstance(found, list):
        for node in found:
            tax = node.getparent() if isinstance(node, etree._Element) else None
            line = tax.getparent() if tax is not None else None
            if line is not None and isinstance(node, etree._Element):
                result.setdefault(line, node)
    return result


def _number_parser() -> Callable[[str | None], Decimal | None]:
    """Decimal from attribute text, cached: prices, quantities and rates repeat across lines."""
    cache: dict[str, Decimal | None] = {}

    def parse(text: str | None) -> Decimal | None:
        if not text:
            return None
        if text not in cache:
            try:
                value: Decimal | None = Decimal(text)
            except InvalidOperation:
                value = None  # the XSD reports the malformed number
            cache[text] = value if value is None or value.is_finite() else None
        return cache[text]

    return parse


def _issue(issues: list[Issue], code: str, xpath: str, line: int | None, message: str) -> None:
    issues.append(Issue(message, xpath=xpath, code=code, line=line, source=Source.BUSINESS))


def _check_totals(
    tree: etree._ElementTree, total: etree._Element, sums: _Sums,
    parse: Callable[[str | None], Decimal | None], issues: list[Issue],
) -> None:
    path = tree.getpath(total)
    for attr, name, code in (
        ("СтТовБезНДСВсего", "cost", "biz.total.cost"),
        ("СтТовУчНалВсего", "gross", "biz.total.total"),
        ("КолНеттоВс", "qty", "biz.total.qty"),
    ):
        stated = parse(total.get(attr))
        summed: Decimal = getattr(sums, name)
        if stated is not None and sums.complete[name] and stated != summed:
            _issue(issues, code, f"{path}/@{attr}", source_line(total),
                   f"Итог {attr} = {stated:f} не равен сумме по строкам {summed:f}")
    _check_total_tax(tree, total, sums.tax, parse, issues)


def _check_total_tax(
    tree: etree._ElementTree, total: etree._Element, summed: Decimal,
    parse: Callable[[str | None], Decimal | None], issues: list[Issue],
) -> None:
    amount = total.find("СумНалВсего/СумНал")
    marker = total.find("СумНалВсего/БезНДС")
    if amount is not None:
        stated = parse((amount.text or "").strip())
        if stated is not None and stated != summed:
            _issue(issues, "biz.total.tax", tree.getpath(amount), source_line(amount),
                   f"Итог суммы налога {stated:f} не равен сумме налога по строкам {summed:f}")
    elif marker is not None and summed:
        _issue(issues, "biz.total.tax", tree.getpath(marker), source_line(marker),
               f"Итог суммы налога указан «без НДС», а по строкам налог составляет {summed:f}")

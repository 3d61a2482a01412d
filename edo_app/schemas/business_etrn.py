"""Arithmetic of the cost of the carriage in ЭТрН 5.01 title 07 (КНД 1110345, СодФХЖ1).

Neither the official schema nor its rules check that the tax fits the rate or that the cost
with tax is the cost without tax plus the tax. The same codes as the tables of УПД, акт and
ТОРГ-12 (biz.line.tax, biz.line.total): the cost is the title's single "line".
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from edo_app.model.money import round_money
from edo_app.model.report import Issue, Source
from edo_app.schemas.business_lines import KOPECK, ZERO, parse_rate, source_line
from edo_app.schemas.business_primary import _number

PUD_CARRIER_KND = "1110345"


def check_etrn_cost(tree: etree._ElementTree, document: etree._Element) -> list[Issue]:
    """Title 07: СумНДС against НалСт, and СтТовБезНДС + СумНДС = СтТовУчНал; other documents: nothing."""
    content = document.find("СодФХЖ1")
    if document.get("КНД") != PUD_CARRIER_KND or content is None:
        return []
    issues: list[Issue] = []
    cost, gross = _number(content.get("СтТовБезНДС")), _number(content.get("СтТовУчНал"))
    amount = content.find("СумНал/СумНДС")
    tax = _number((amount.text or "").strip()) if amount is not None else None
    _check_rate(tree, content, amount, (cost, tax, gross), issues)
    known = amount is not None or content.find("СумНал/БезНДС") is not None  # else the XSD reports the tax missing
    if known and cost is not None and gross is not None and cost + (tax or ZERO) != gross:
        issues.append(_issue(tree, content, "@СтТовУчНал", "biz.line.total",
                             f"Стоимость перевозки с налогом {gross:f} не равна стоимости без налога плюс налог: "
                             f"{cost:f} + {tax or ZERO:f} = {cost + (tax or ZERO):f}"))
    return issues


def _check_rate(tree: etree._ElementTree, content: etree._Element, amount: etree._Element | None,
                values: tuple[Decimal | None, Decimal | None, Decimal | None], issues: list[Issue]) -> None:
    cost, tax, gross = values
    text = content.get("НалСт") or ""
    rate = parse_rate(text) if text else None
    if rate is None or amount is None or tax is None:
        return
    if not rate.taxed or rate.fraction == 0:
        if tax:
            issues.append(_issue(tree, amount, "", "biz.line.tax",
                                 f"При ставке «{text}» сумма налога должна быть нулевой, указано {tax:f}"))
        return
    base = gross if rate.estimated else cost
    if base is None:
        return
    expected = round_money(base * rate.fraction)
    if abs(expected - tax) > KOPECK:
        issues.append(_issue(tree, amount, "", "biz.line.tax",
                             f"Сумма НДС {tax:f} не соответствует ставке {text}: ожидается {expected:f}"))


def _issue(tree: etree._ElementTree, node: etree._Element, attr: str, code: str, message: str) -> Issue:
    xpath = tree.getpath(node) + (f"/{attr}" if attr else "")
    return Issue(message, xpath=xpath, code=code, line=source_line(node), source=Source.BUSINESS)

"""Arithmetic of ТаблСчФакт: cost = quantity × price, tax by rate, cost with tax, totals, prices."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from edo_app.model.report import Issue, Severity, Source
from edo_app.schemas.business import check_business
from edo_app.schemas.business_lines import Rate, parse_rate

TABLE = "/Файл/Документ/ТаблСчФакт"


def line(
    *, qty: str | None = "12", price: str | None = "3450.00", cost: str | None = "41400.00", rate: str = "20%",
    gross: str | None = "49680.00", tax: str | None = "8280.00",
) -> str:
    attrs = {"КолТов": qty, "ЦенаТов": price, "СтТовБезНДС": cost, "НалСт": rate, "СтТовУчНал": gross}
    text = " ".join(f'{k}="{v}"' for k, v in attrs.items() if v is not None)
    amount = "<БезНДС>без НДС</БезНДС>" if tax is None else f"<СумНал>{tax}</СумНал>"
    return f"<СведТов {text}>\n<СумНал>{amount}</СумНал>\n</СведТов>\n"


def total(*, cost: str | None = None, gross: str | None = None, tax: str | None = None, qty: str | None = None) -> str:
    attrs = {"СтТовБезНДСВсего": cost, "СтТовУчНалВсего": gross, "КолНеттоВс": qty}
    text = " ".join(f'{k}="{v}"' for k, v in attrs.items() if v is not None)
    amount = "<БезНДС>без НДС</БезНДС>" if tax == "без НДС" else f"<СумНал>{tax or '0.00'}</СумНал>"
    return f"<ВсегоОпл {text}>\n<СумНалВсего>{amount}</СумНалВсего>\n</ВсегоОпл>\n"


def check(*lines: str, total_xml: str | None = None, function: str = "СЧФДОП") -> list[Issue]:
    table = "".join(lines) + (total_xml or "")
    xml = f'<Файл>\n<Документ Функция="{function}">\n<ТаблСчФакт>\n{table}</ТаблСчФакт></Документ></Файл>'
    issues = check_business(etree.ElementTree(etree.fromstring(xml.encode())))
    assert all(i.source is Source.BUSINESS and i.severity is Severity.ERROR for i in issues)
    return issues


def codes(issues: list[Issue]) -> list[str]:
    return [i.code for i in issues]


def test_a_consistent_line_passes() -> None:
    assert check(line(), total_xml=total(cost="41400.00", gross="49680.00", tax="8280.00", qty="12")) == []


# --- quantity × price ---------------------------------------------------------------------


def test_cost_must_be_quantity_times_price() -> None:
    (issue,) = check(line(price="3500.00"))
    assert (issue.code, issue.xpath, issue.line) == ("biz.line.cost", f"{TABLE}/СведТов/@СтТовБезНДС", 4)
    assert issue.message == "Стоимость без налога 41400.00 не равна количеству × цену: 12 × 3500.00 = 42000.00"


def test_a_price_with_more_decimals_may_differ_by_a_kopeck() -> None:
    # 3 × 33.333 = 99.999 → 100.00; the seller wrote 99.99 (the rounding of a rounded price)
    assert check(line(qty="3", price="33.333", cost="99.99", gross="119.99", tax="20.00")) == []
    assert codes(check(line(qty="3", price="33.333", cost="99.98", gross="119.98", tax="20.00"))) == ["biz.line.cost"]


def test_the_longest_quantities_and_prices_raise_no_false_alarm() -> None:
    qty, price = "123456789012345.12345678901", "98765432.12345678901"  # 26 digits each, as the XSD allows
    exact = (Decimal(qty) * Decimal(price)).quantize(Decimal("0.01"))
    assert check(line(qty=qty, price=price, cost=str(exact), rate="без НДС", gross=str(exact), tax=None)) == []
    off = str(exact + Decimal("0.02"))
    assert codes(check(line(qty=qty, price=price, cost=off, rate="без НДС", gross=off, tax=None))) == ["biz.line.cost"]


def test_the_index_appears_only_when_there_are_several_lines() -> None:
    issues = check(line(), line(price="1.00"))
    assert [i.xpath for i in issues] == [f"{TABLE}/СведТов[2]/@СтТовБезНДС"]


# --- tax ----------------------------------------------------------------------------------


def test_tax_by_percent_rate() -> None:
    assert check(line(cost="38999.97", qty="3", price="12999.99", tax="7799.99", gross="46799.96")) == []
    (issue,) = check(line(tax="8281.00", gross="49681.00"))
    assert (issue.code, issue.xpath, issue.line) == ("biz.line.tax", f"{TABLE}/СведТов/СумНал/СумНал", 5)
    assert "8281.00" in issue.message and "ожидается 8280.00" in issue.message and "20%" in issue.message


def test_tax_may_differ_by_a_kopeck() -> None:
    assert check(line(tax="8280.01", gross="49680.01")) == []


@pytest.mark.parametrize("rate", ["20/120", "16,67%"])
def test_estimated_rates_take_the_tax_out_of_the_gross_amount(rate: str) -> None:
    advance = {"qty": None, "price": None, "rate": rate}
    assert check(line(cost="10000.00", gross="12000.00", tax="2000.00", **advance)) == []
    (issue,) = check(line(cost="9800.00", gross="12000.00", tax="2200.00", **advance))
    assert issue.code == "biz.line.tax" and "ожидается 2000.00" in issue.message and "с налогом" in issue.message


@pytest.mark.parametrize("rate", ["без НДС", "НДС исчисляется налоговым агентом", "0%"])
def test_rates_without_tax_accept_the_marker_or_zero_and_refuse_an_amount(rate: str) -> None:
    assert check(line(rate=rate, gross="41400.00", tax=None)) == []
    assert check(line(rate=rate, gross="41400.00", tax="0.00")) == []
    (issue,) = check(line(rate=rate, gross="41500.00", tax="100.00"))
    assert issue.code == "biz.line.tax" and "указано 100.00" in issue.message


def test_a_taxed_rate_with_the_without_vat_marker_fails() -> None:
    (issue,) = check(line(tax=None, gross="41400.00"))
    assert issue.code == "biz.line.tax" and issue.xpath == f"{TABLE}/СведТов/СумНал/БезНДС"
    assert "должна быть указана сумма налога 8280.00" in issue.message


def test_an_unknown_rate_skips_the_tax_checks() -> None:
    assert check(line(rate="33 попугая", tax="1.00", gross="1.00")) == []


def test_parse_rate() -> None:
    assert parse_rate("20%") == Rate(Decimal("0.2"))
    assert parse_rate("10/110") == Rate(Decimal(10) / Decimal(110), estimated=True)
    assert parse_rate("9,09%") == parse_rate("10/110")
    assert parse_rate("без НДС") == Rate(Decimal(0), taxed=False)
    assert parse_rate("x/0") is None and parse_rate("") is None


# --- cost with tax ------------------------------------------------------------------------


def test_cost_with_tax_is_cost_plus_tax() -> None:
    (issue,) = check(line(gross="49680.01"))
    assert (issue.code, issue.xpath) == ("biz.line.total", f"{TABLE}/СведТов/@СтТовУчНал")
    assert issue.message.endswith("41400.00 + 8280.00 = 49680.00")
    assert check(line(rate="без НДС", tax=None, gross="41400.00")) == []
    assert codes(check(line(rate="без НДС", tax=None, gross="41400.01"))) == ["biz.line.total"]


# --- prices -------------------------------------------------------------------------------


def test_zero_prices_are_left_to_the_format_rules() -> None:
    # 5.03 forbids them on invoices by its own rule (0400300003); 5.01/5.02 allowed them.
    free = line(qty="1", price="0", cost="0.00", gross="0.00", tax="0.00")
    assert check(free, function="СЧФ") == []


# --- totals -------------------------------------------------------------------------------

LINES = (
    line(),
    line(qty="3", price="12999.99", cost="38999.97", tax="7799.99", gross="46799.96"),
    line(qty="7", price="455.50", cost="3188.50", rate="10%", tax="318.85", gross="3507.35"),
)
RIGHT = {"cost": "83588.47", "gross": "99987.31", "tax": "16398.84", "qty": "22"}


def test_right_totals_pass() -> None:
    assert check(*LINES, total_xml=total(**RIGHT)) == []


@pytest.mark.parametrize(
    ("field", "value", "code", "xpath"),
    [
        ("cost", "83588.74", "biz.total.cost", "/ВсегоОпл/@СтТовБезНДСВсего"),
        ("gross", "-99987.31", "biz.total.total", "/ВсегоОпл/@СтТовУчНалВсего"),
        ("tax", "16398.48", "biz.total.tax", "/ВсегоОпл/СумНалВсего/СумНал"),
        ("tax", "без НДС", "biz.total.tax", "/ВсегоОпл/СумНалВсего/БезНДС"),
        ("qty", "23", "biz.total.qty", "/ВсегоОпл/@КолНеттоВс"),
    ],
)
def test_wrong_totals_fail(field: str, value: str, code: str, xpath: str) -> None:
    (issue,) = check(*LINES, total_xml=total(**{**RIGHT, field: value}))
    assert (issue.code, issue.xpath) == (code, TABLE + xpath)
    assert issue.line is not None and issue.line > 4
    assert RIGHT[field] in issue.message or field == "tax"


def test_the_without_vat_total_is_fine_when_no_line_has_tax() -> None:
    free = line(rate="без НДС", tax=None, gross="41400.00")
    assert check(free, total_xml=total(cost="41400.00", gross="41400.00", tax="без НДС")) == []


def test_totals_are_skipped_when_a_line_lacks_the_value() -> None:
    advance = line(qty=None, price=None, cost="100.00", gross="120.00", tax="20.00")
    assert check(line(), advance, total_xml=total(qty="999", cost="41500.00", gross="49800.00", tax="8300.00")) == []
    no_cost = line(qty=None, price=None, cost=None, gross="120.00", tax="20.00", rate="20/120")
    assert check(no_cost, total_xml=total(cost="1.00", gross="120.00", tax="20.00")) == []


def test_many_bad_lines_are_all_reported() -> None:
    issues = check(*[line(price="1.00")] * 50)
    assert len(issues) == 50
    assert issues[-1].xpath == f"{TABLE}/СведТов[50]/@СтТовБезНДС"

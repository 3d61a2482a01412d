from __future__ import annotations

from decimal import Decimal

import pytest

from edo_app.errors import InputError
from edo_app.model.money import format_amount, format_number, format_rub, round_money, to_decimal, to_kopecks
from edo_app.model.vat import VatRate


def test_rounding_is_half_up() -> None:
    assert round_money(Decimal("0.005")) == Decimal("0.01")
    assert round_money(Decimal("2.675")) == Decimal("2.68")
    assert round_money(Decimal("-0.005")) == Decimal("-0.01")
    assert to_kopecks(Decimal("12.345")) == 1235


def test_to_decimal_accepts_comma_and_rejects_floats_and_garbage() -> None:
    assert to_decimal("1 234,50") == Decimal("1234.50")
    with pytest.raises(InputError) as err:
        to_decimal(1.1, "lines[0].price")
    assert err.value.field == "lines[0].price"
    with pytest.raises(InputError):
        to_decimal("abc")
    with pytest.raises(InputError):
        to_decimal("NaN")


def test_formats() -> None:
    assert format_amount(Decimal("5")) == "5.00"
    assert format_number(Decimal("1.2500")) == "1.25"
    assert format_number(Decimal("100")) == "100"
    assert format_number(Decimal("1E+2")) == "100"
    assert format_rub(Decimal("1234567.891")) == "1\u00a0234\u00a0567,89"
    assert format_rub(Decimal("-5")) == "-5,00"


def test_vat_rates() -> None:
    assert VatRate.parse("20%").tax_on(Decimal("100.00")) == Decimal("20.00")
    assert VatRate.parse("22%").tax_on(Decimal("10.00")) == Decimal("2.20")
    assert VatRate.parse("20/120").tax_on(Decimal("120.00")) == Decimal("20.00")
    assert VatRate.parse("без НДС").tax_on(Decimal("120.00")) == Decimal("0.00")
    assert not VatRate.AGENT.is_calculated
    assert VatRate.R10_110.is_estimated
    with pytest.raises(InputError) as err:
        VatRate.parse("18%")
    assert "18%" in str(err.value)

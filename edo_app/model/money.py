"""Money and quantities as Decimal. FNS amounts have two decimals, rounded half up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

KOPECK = Decimal("0.01")
NBSP = "\u00a0"


def to_decimal(value: object, field: str = "") -> Decimal:
    """Parse user input (str/int/Decimal; a comma as decimal separator is accepted)."""
    from edo_app.errors import InputError

    if isinstance(value, float):
        raise InputError("дробные числа передавайте строкой, например \"12.50\"", field or None)
    text = str(value).strip().replace(",", ".").replace("\u00a0", "").replace(" ", "")
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise InputError(f"«{value}» не является числом", field or None) from None
    if not result.is_finite():
        raise InputError(f"«{value}» не является числом", field or None)
    return result


def round_money(value: Decimal) -> Decimal:
    """Round to kopecks, half up, as accounting does."""
    return value.quantize(KOPECK, rounding=ROUND_HALF_UP)


def to_kopecks(value: Decimal) -> int:
    return int(round_money(value) * 100)


def from_kopecks(kopecks: int) -> Decimal:
    return (Decimal(kopecks) / 100).quantize(KOPECK)


def format_amount(value: Decimal) -> str:
    """Format for XML: plain notation, two decimals for money."""
    return f"{round_money(value):f}"


def format_number(value: Decimal) -> str:
    """Format a quantity or price for XML: plain notation, no trailing zeros, no exponent."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def format_rub(value: Decimal) -> str:
    """Human form for the UI and print: ``1 234 567,89``."""
    whole, _, frac = f"{round_money(value):f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return f"{sign}{NBSP.join(groups) or '0'},{frac or '00'}"

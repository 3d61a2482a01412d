"""VAT rates (НалСт) of УПД 5.03 and how each one computes the tax."""

from __future__ import annotations

import enum
from decimal import Decimal

from edo_app.model.money import round_money


class VatRate(enum.Enum):
    """Values of НалСт exactly as the format writes them."""

    R0 = "0%"
    R5 = "5%"
    R7 = "7%"
    R10 = "10%"
    R20 = "20%"
    R22 = "22%"
    R5_105 = "5/105"
    R7_107 = "7/107"
    R10_110 = "10/110"
    R20_120 = "20/120"
    R22_122 = "22/122"
    WITHOUT = "без НДС"
    AGENT = "НДС исчисляется налоговым агентом"

    @classmethod
    def parse(cls, text: str) -> VatRate:
        from edo_app.errors import InputError

        for rate in cls:
            if rate.value == text.strip():
                return rate
        allowed = ", ".join(r.value for r in cls)
        raise InputError(f"ставка НДС «{text}» не предусмотрена форматом; допустимы: {allowed}", "vat_rate")

    @property
    def is_calculated(self) -> bool:
        """Rates for which the document states a tax amount (not «без НДС» / агент)."""
        return self not in (VatRate.WITHOUT, VatRate.AGENT)

    @property
    def fraction(self) -> Decimal:
        """Share of the base: 20% → 0.20; 20/120 → 20/120 of an amount that includes VAT."""
        if not self.is_calculated:
            return Decimal(0)
        if "/" in self.value:
            num, den = self.value.split("/")
            return Decimal(num) / Decimal(den)
        return Decimal(self.value.rstrip("%")) / 100

    @property
    def is_estimated(self) -> bool:
        """Calculated rates (20/120 ...) apply to an amount that already includes VAT."""
        return "/" in self.value

    def tax_on(self, amount: Decimal) -> Decimal:
        """Tax on a base (for %) or extracted from a gross amount (for x/1xx), in kopecks."""
        return round_money(amount * self.fraction)

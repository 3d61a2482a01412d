"""What differs between the акт and ТОРГ-12 editors, in one place: titles, roles, JSON keys,
the VAT rates the format allows and the unit a new line starts with."""

from __future__ import annotations

from dataclasses import dataclass

from edo_app.documents.act_model import ACT_RATES
from edo_app.documents.torg12_model import TORG12_RATES
from edo_app.model.vat import VatRate


@dataclass(frozen=True, slots=True)
class PrimaryKind:
    key: str  # the builder's kind: "act" | "torg12"
    title: str  # the window's title
    roles: tuple[str, str]  # who issues the title, who answers it
    party_keys: tuple[str, str]  # their keys in the JSON input
    lines_key: str
    rates: tuple[VatRate, ...]
    unit: tuple[str, str]  # ОКЕИ code and name of a new line («», «» for a work: no unit)
    new_action: str  # «Документ → …»
    drafts_action: str
    drafts_title: str


ACT = PrimaryKind("act", "Акт", ("Исполнитель", "Заказчик"), ("executor", "customer"), "works", ACT_RATES,
                  ("", ""), "Новый акт…", "Черновики актов…", "Черновики актов")
TORG12 = PrimaryKind("torg12", "ТОРГ-12", ("Продавец (поставщик)", "Покупатель (плательщик)"), ("seller", "buyer"),
                     "lines", TORG12_RATES, ("796", "шт"), "Новая ТОРГ-12…", "Черновики ТОРГ-12…",
                     "Черновики ТОРГ-12")

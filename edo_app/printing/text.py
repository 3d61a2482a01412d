"""How values of the УПД read on paper: parties, addresses, dates in words, numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from edo_app.documents import Address, DocRef, ForeignParty, Participant
from edo_app.model.money import format_number, format_rub

DASH = "—"
MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря")


def day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else DASH


def day_words(value: date | None) -> str:
    """«14» марта 2025 г. — how the paper form writes dates in the signature part."""
    if value is None:
        return "«__» ____________ 20__ г."
    return f"«{value.day:02d}» {MONTHS[value.month - 1]} {value.year} г."


def address(value: Address | None) -> str:
    if value is None:
        return DASH
    if not value.is_russian_structured:
        prefix = "" if value.country_code == "643" else f"{value.country_name}, "
        return prefix + value.text
    parts = (value.postal_code, value.region_name, value.district, value.city, value.locality, value.street,
             f"д. {value.house}" if value.house else "", f"корп. {value.building}" if value.building else "",
             f"кв. {value.flat}" if value.flat else "")
    return ", ".join(p for p in parts if p)


def name_and_address(member: Participant) -> str:
    return f"{member.name}, {address(member.address)}"


def inn_kpp(member: Participant) -> str:
    party = member.party
    if isinstance(party, ForeignParty):
        return party.identifier or party.other or DASH
    return f"{party.inn}/{party.kpp}" if party.kpp else party.inn


def docs(refs: tuple[DocRef, ...]) -> str:
    return "; ".join(f"{r.name} № {r.number} от {day(r.date)}" for r in refs) or DASH


def number(value: Decimal | None, *, min_fraction: int = 0) -> str:
    """A quantity or price: all its decimals (at least ``min_fraction``), comma as separator,
    grouped like money."""
    if value is None:
        return DASH
    text = format_number(value)
    whole, _, fraction = text.partition(".")
    fraction = fraction.ljust(min_fraction, "0")
    grouped = format_rub(Decimal(whole))[:-3]  # format_rub groups the whole part; drop «,00»
    return f"{grouped},{fraction}" if fraction else grouped


def money(value: Decimal | None) -> str:
    return DASH if value is None else format_rub(value)

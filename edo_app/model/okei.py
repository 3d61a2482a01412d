"""The units of measure (ОКЕИ) a document most often needs, for pickers: code and short name.

Any other ОКЕИ code may still be typed; this list only spares looking up the common ones.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    code: str  # ОКЕИ_Тов
    name: str  # НаимЕдИзм

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


COMMON_UNITS: tuple[Unit, ...] = (
    Unit("796", "шт"),
    Unit("166", "кг"),
    Unit("112", "л"),
    Unit("006", "м"),
    Unit("055", "м²"),
    Unit("113", "м³"),
    Unit("168", "т"),
    Unit("356", "ч"),
    Unit("839", "компл"),
    Unit("778", "упак"),
)


def unit_name(code: str) -> str:
    """The short name of a common unit, or "" for a code not in the list."""
    return next((unit.name for unit in COMMON_UNITS if unit.code == code), "")

"""Where an ЭТрН stands: the furthest step of its chain of titles known in this registry.

Every stored ЭТрН title keeps a stage (storage: ``documents.stage``): its own step, or the
furthest step among the titles that answer it, directly or through others. Title 1 (the waybill)
thus shows where the carriage stands once the carrier's 02, the consignee's 05, the carrier's 06,
a change (04), a readdressing (03) or the cost titles (07, 08) are stored, formed here or received.

Steps are ranked by the flow 01 → 02 → 03/04 → 05 → 06 → 07 → 08 (etrn_flow, etrn_pud_flow); a
title of a lower rank arriving late never moves a stage back. 03 and 04 share a rank: the one
stored last is shown.
"""

from __future__ import annotations

import enum

from edo_app.model.kinds import DocumentKind

TITLE_PREFIX = "титул "  # DocumentSummary.function of an ЭТрН title: «титул 02» (documents.etrn_summary)


class EtrnStage(enum.Enum):
    """Stored values are stable: they go into the database."""

    ISSUED = "01"
    CARRIER_ACCEPTED = "02"
    READDRESSED = "03"
    CHANGED = "04"
    DELIVERED = "05"
    REFUSED = "05r"  # the consignee's title 05 refusing the cargo
    HANDED_OVER = "06"
    COST_CLAIMED = "07"
    COST_AGREED = "08"

    @property
    def title(self) -> str:
        return _TITLES[self]

    @property
    def rank(self) -> int:
        return _RANKS[self]


_TITLES = {
    EtrnStage.ISSUED: "Оформлен титул 1",
    EtrnStage.CARRIER_ACCEPTED: "Груз принят перевозчиком",
    EtrnStage.READDRESSED: "Переадресовка",
    EtrnStage.CHANGED: "Замена водителя или ТС",
    EtrnStage.DELIVERED: "Груз принят грузополучателем",
    EtrnStage.REFUSED: "Отказ грузополучателя",
    EtrnStage.HANDED_OVER: "Груз выдан перевозчиком",
    EtrnStage.COST_CLAIMED: "Предъявлена стоимость перевозки",
    EtrnStage.COST_AGREED: "Стоимость перевозки согласована",
}
_RANKS = {
    EtrnStage.ISSUED: 0, EtrnStage.CARRIER_ACCEPTED: 1, EtrnStage.READDRESSED: 2, EtrnStage.CHANGED: 2,
    EtrnStage.DELIVERED: 3, EtrnStage.REFUSED: 3, EtrnStage.HANDED_OVER: 4, EtrnStage.COST_CLAIMED: 5,
    EtrnStage.COST_AGREED: 6,
}
_BY_VALUE = {stage.value: stage for stage in EtrnStage}


def own_stage(kind: DocumentKind, function: str, refuses: bool = False) -> EtrnStage | None:
    """The step an ЭТрН title records by itself; None for other kinds or an unreadable title code."""
    if kind is not DocumentKind.ETRN or not function.startswith(TITLE_PREFIX):
        return None
    code = function.removeprefix(TITLE_PREFIX)
    if code == EtrnStage.DELIVERED.value and refuses:
        return EtrnStage.REFUSED
    return _BY_VALUE.get(code)


def stage_of(value: str | None) -> EtrnStage | None:
    """The stage a stored value names; None for none or an unknown one (never raises)."""
    return _BY_VALUE.get(value or "")


def furthest(current: str | None, new: str | None) -> str | None:
    """The stored value to keep when ``new`` is learnt after ``current``: the later step of the
    flow; at an equal rank the newer one."""
    old_stage, new_stage = stage_of(current), stage_of(new)
    if new_stage is None:
        return current
    if old_stage is None or new_stage.rank >= old_stage.rank:
        return new_stage.value
    return current


def stage_title(value: str | None) -> str:
    """What the registry shows of a stored stage: "" when it tells nothing beyond title 1 itself."""
    stage = stage_of(value)
    return "" if stage is None or stage is EtrnStage.ISSUED else stage.title

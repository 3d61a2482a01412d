"""Why «Следующий титул ЭТрН…» asks the carrier's title 02 for no vehicle and no driver: the official
title 02 (Файл/Документ/СодИнфПрвПрием: remarks ЗамПрвПрием, marks ОтметПрвПрием, ИнфПол, УИД_ТрН,
СодОпер) has no place for them. The vehicle and the drivers are the shipper's title 1 (СодИнфГО/СвТС,
СвВодит) and, when they change, the carrier's title 04 (СодИнфЗамен/ЗаменТС, ЗаменВодит). Should a
revision of the format add them to title 02, this test says so.
"""

from __future__ import annotations

from tests.integration.etrn_oracle import OFFICIAL_DIR, names
from tests.oracles import require

TRANSPORT = {"СвТС", "ТС", "Прицеп", "СвВодит", "НовВодит", "ЗаменТС", "ЗаменВодит", "ПутевойЛист"}


def _elements(prefix: str) -> set[str]:
    [path] = sorted(require(OFFICIAL_DIR).glob(f"{prefix}_1_*.xsd"))[-1:]
    return names(path, "element")


def test_the_carrier_s_acceptance_title_02_carries_no_vehicle_and_no_driver() -> None:
    assert _elements("ON_TRNACLPPRIN") & TRANSPORT == set()


def test_the_vehicle_and_the_driver_live_in_title_1_and_the_replacement_title_04() -> None:
    assert {"СвТС", "ТС", "СвВодит"} <= _elements("ON_TRNACLGROT")
    assert {"ЗаменТС", "ЗаменВодит", "НовВодит"} <= _elements("ON_TRNZAMEN")

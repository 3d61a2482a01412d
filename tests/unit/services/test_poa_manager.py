"""services.poa_manager: the status the manager shows, and the form's problems under form fields."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from edo_app.model.problems import InputErrors
from edo_app.services.events import EventBus
from edo_app.services.poa_manager import (
    ACTIVE,
    EXPIRED,
    NOT_STARTED,
    REVOKED,
    UNSIGNED,
    PoaForm,
    create_from_form,
    form_json,
    state_of,
)
from edo_app.services.poa_registry import PoaRegistryService
from edo_app.storage.database import open_database
from edo_app.storage.records import PoaFacts, PoaPerson, PoaRow

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def row(*, issued: date = date(2026, 1, 1), valid_to: date = date(2026, 12, 31), signed: bool = True,
        revoked_at: datetime | None = None) -> PoaRow:
    facts = PoaFacts("a6a3a450-6513-470e-a69e-0d37f2a74de4", "ON_EMCHD", issued, valid_to, "5016281941",
                     "501601001", "ООО «Зелёный мыс-88»", (PoaPerson("Чижов Аркадий Захарович"),))
    return PoaRow(1, facts, "0" * 64, NOW, revoked_at, signed)


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, ACTIVE),
    ({"signed": False}, UNSIGNED),
    ({"valid_to": date(2026, 5, 31)}, EXPIRED),
    ({"valid_to": date(2026, 6, 1)}, ACTIVE),  # the last day counts, in Moscow time
    ({"issued": date(2026, 6, 2)}, NOT_STARTED),
    ({"revoked_at": datetime(2026, 5, 1, tzinfo=UTC), "signed": False}, REVOKED),
    ({"revoked_at": datetime(2026, 7, 1, tzinfo=UTC)}, ACTIVE),  # a revocation from a later day
])
def test_state_of(kwargs: dict[str, object], expected: str) -> None:
    assert state_of(row(**kwargs), NOW) == expected  # type: ignore[arg-type]


FORM = PoaForm("ООО «Зелёный мыс-88»", "5016281941", "501601001", "Кузнечиков Фёдор Романович",
               "Генеральный директор", "Чижов Аркадий Захарович", date(2026, 1, 1), date(2026, 12, 31), "Д-1",
               rep_snils="50603082433", powers_text="Подписывать УПД")


def test_form_json_is_the_documented_input() -> None:
    data = form_json(FORM)
    assert data["principals"][0]["heads"][0] == {"last": "Кузнечиков", "first": "Фёдор", "middle": "Романович",
                                                 "position": "Генеральный директор"}
    assert data["representatives"][0]["snils"] == "50603082433"
    assert data["powers"] == {"text": "Подписывать УПД"}
    assert data["issued"] == "2026-01-01"


def test_form_problems_name_form_fields(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        poas = PoaRegistryService(database, EventBus())
        bad = PoaForm("", "5016281941", "501601001", "Кузнечиков", "", "Чижов Аркадий", date(2026, 1, 1),
                      date(2026, 12, 31), "Д-1", power_codes=("КОД; ",))
        with pytest.raises(InputErrors) as caught:
            create_from_form(poas, bad)
        fields = {where for where, _ in caught.value.problems}
        assert {"principal_name", "head_name", "power_codes"} <= fields
        assert poas.list() == []
    finally:
        database.close()

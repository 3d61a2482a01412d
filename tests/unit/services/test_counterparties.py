"""The counterparty directory service: checks before storing, one transaction per change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.errors import InputError, StorageError
from edo_app.model.problems import InputErrors
from edo_app.services.counterparties import CounterpartyInput, CounterpartyService, check_counterparty
from edo_app.storage import open_database
from edo_app.storage.database import Database

NORTH = CounterpartyInput("ООО «Северный ветер»", "7711043325", "771101001", "2AE7711043325", own=True)
COPPER = CounterpartyInput("АО «Медный бор»", "6611819605", "661101001", "2AE6611819605")
PERSON = CounterpartyInput("ИП Журавлёв Семён Глебович", "500013389010")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(f"sqlite:///{tmp_path / 'edo.sqlite3'}")
    yield opened
    opened.close()


@pytest.fixture
def directory(database: Database) -> CounterpartyService:
    return CounterpartyService(database)


def test_add_search_edit_delete(directory: CounterpartyService) -> None:
    north, copper, person = (directory.add(v) for v in (NORTH, COPPER, PERSON))
    assert (north.own, copper.own, person.kpp) == (True, False, "")
    assert [c.name for c in directory.search()] == [COPPER.name, PERSON.name, NORTH.name]
    assert [c.id for c in directory.search("медный")] == [copper.id]
    assert [c.id for c in directory.search(" 661181 ")] == [copper.id]  # by ИНН, blanks ignored
    assert [c.id for c in directory.search("журавлев")] == [person.id]  # ё is е
    assert directory.own_organisations() == [north]
    changed = directory.update(copper.id, CounterpartyInput(" АО «Медный бор-2» ", COPPER.inn, "661101002"))
    assert (changed.id, changed.name, changed.kpp, changed.edo_id) == (copper.id, "АО «Медный бор-2»", "661101002", "")
    assert directory.get(copper.id) == changed
    directory.delete(copper.id)
    assert [c.id for c in directory.search()] == [person.id, north.id]
    with pytest.raises(StorageError, match="не найден"):
        directory.delete(copper.id)


def test_every_bad_field_is_named(directory: CounterpartyService) -> None:
    bad = CounterpartyInput("", "7711043326", "77110100", "ид ЭДО")
    with pytest.raises(InputErrors) as caught:
        directory.add(bad)
    fields = [field for field, _ in caught.value.problems]
    assert fields == ["name", "inn", "kpp", "edo_id"]
    assert "неверное контрольное число" in dict(caught.value.problems)["inn"]
    assert directory.search() == []


@pytest.mark.parametrize(("value", "field", "words"), [
    (CounterpartyInput("ООО", "7711043325"), "kpp", "укажите КПП"),
    (CounterpartyInput("ИП", "500013389010", "771101001"), "kpp", "КПП не бывает"),
    (CounterpartyInput("ООО", "", "771101001"), "inn", "укажите ИНН"),
])
def test_kpp_goes_with_an_organisation_only(value: CounterpartyInput, field: str, words: str) -> None:
    problems = check_counterparty(value)
    assert [f for f, _ in problems] == [field] and words in problems[0][1]


def test_duplicate_inn_and_kpp_is_refused_and_nothing_changes(directory: CounterpartyService) -> None:
    directory.add(NORTH)
    copper = directory.add(COPPER)
    with pytest.raises(InputError, match="уже есть в справочнике") as caught:
        directory.add(CounterpartyInput("Другое имя", NORTH.inn, NORTH.kpp))
    assert caught.value.field == "kpp"
    with pytest.raises(InputError, match="уже есть"):
        directory.update(copper.id, CounterpartyInput(COPPER.name, NORTH.inn, NORTH.kpp))
    assert directory.get(copper.id).inn == COPPER.inn  # the failed update left the row as it was
    assert len(directory.search()) == 2
    branch = directory.add(CounterpartyInput("ООО «Северный ветер», филиал", NORTH.inn, "771102001"))
    assert branch.inn == NORTH.inn  # another КПП of the same ИНН is a separate entry

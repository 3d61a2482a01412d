"""Column types and value conversions that keep money exact and times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from edo_app.errors import InputError
from edo_app.model.kinds import Direction
from edo_app.storage.mapping import SEARCH_LIMIT, counterparty_of, exact_money, fold, new_record
from edo_app.storage.models import Money, UtcDateTime
from tests.unit.storage.factories import LYUTIK, REPORT_OK, ROMASHKA, summary


def test_money_is_integer_kopecks_on_sqlite_and_numeric_on_postgresql() -> None:
    money = Money()
    lite, pg = sqlite.dialect(), postgresql.dialect()
    assert money.process_bind_param(Decimal("-1234.56"), lite) == -123456
    assert money.process_result_value(-123456, lite) == Decimal("-1234.56")
    assert str(money.process_result_value(0, lite)) == "0.00"
    assert money.process_bind_param(Decimal("1234.56"), pg) == Decimal("1234.56")
    assert money.load_dialect_impl(pg).compile(dialect=pg) == "NUMERIC(19, 2)"


def test_utc_datetime_stores_utc_and_refuses_naive_values() -> None:
    column = UtcDateTime()
    moscow = datetime(2026, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    stored = column.process_bind_param(moscow, sqlite.dialect())
    assert stored == datetime(2026, 3, 1, 9, 0)
    assert column.process_result_value(stored, sqlite.dialect()) == moscow
    assert column.process_result_value(stored, sqlite.dialect()).tzinfo is UTC
    with pytest.raises(ValueError, match="naive"):
        column.process_bind_param(datetime(2026, 3, 1), sqlite.dialect())


def test_exact_money_never_rounds() -> None:
    assert exact_money(Decimal("10"), "total") == Decimal("10")
    assert exact_money(None, "total") is None
    for bad in ("0.001", "NaN", "Infinity", "1E+16"):
        with pytest.raises(InputError):
            exact_money(Decimal(bad), "total")


def test_fold_makes_search_text_case_and_yo_blind() -> None:
    assert fold("  ООО «Василёк»\tИНН ") == "ооо «василек» инн"
    assert fold("ЁЛКА") == "елка"


def test_search_text_is_bounded_and_keeps_number_and_inn() -> None:
    long_name = LYUTIK.__class__("Ж" * 1000, LYUTIK.inn, LYUTIK.kpp)
    values = new_record(summary(buyer=long_name), b"x", Direction.OUTGOING, REPORT_OK, datetime.now(UTC))
    assert len(values["search_text"]) == SEARCH_LIMIT
    assert values["search_text"].startswith(f"упд-1 {LYUTIK.inn} жжж")


def test_counterparty_is_the_other_side() -> None:
    s = summary()
    assert counterparty_of(s, Direction.OUTGOING) == LYUTIK
    assert counterparty_of(s, Direction.DRAFT) == LYUTIK
    assert counterparty_of(s, Direction.INCOMING) == ROMASHKA

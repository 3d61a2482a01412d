"""The migrated SQLite schema equals the models; downgrade and upgrade again work."""

from __future__ import annotations

import sqlite3

from tests.unit.storage.migrations_check import altered_metadata, packages_survive_the_move, run_alembic, schema_diff


def test_migrated_schema_matches_the_models(sqlite_url: str) -> None:
    assert schema_diff(sqlite_url) == []


def test_the_comparison_notices_a_difference(sqlite_url: str) -> None:
    diff = schema_diff(sqlite_url, altered_metadata())
    assert [(d[0], d[3].name) for d in diff] == [("add_column", "extra")]


def test_downgrade_to_base_then_open_again(sqlite_url: str) -> None:
    run_alembic(sqlite_url, "downgrade", "base")
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
    assert tables == {"alembic_version"}
    assert schema_diff(sqlite_url) == []  # open_database upgrades it again


def test_events_guard_triggers_exist(sqlite_url: str) -> None:
    schema_diff(sqlite_url)
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as raw:
        triggers = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert triggers == {"events_no_update", "events_no_delete"}


def test_the_packages_move_to_their_own_tables_and_back(sqlite_url: str) -> None:
    packages_survive_the_move(sqlite_url)

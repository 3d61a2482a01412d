"""open_database skips alembic (and its imports) when the schema is at the newest migration."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from edo_app.storage import database, open_database
from tests.unit.storage.migrations_check import run_alembic, schema_diff

ROOT = Path(__file__).resolve().parents[3]
# Opens the database in a fresh interpreter and tells whether alembic had to be imported.
OPEN_AND_REPORT = (
    "import json, sys\n"
    "from edo_app.storage import open_database\n"
    "open_database(sys.argv[1]).close()\n"
    "print(json.dumps({'alembic': 'alembic' in sys.modules}))\n"
)


def alembic_imported_to_open(url: str) -> bool:
    done = subprocess.run([sys.executable, "-c", OPEN_AND_REPORT, url], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    return bool(json.loads(done.stdout)["alembic"])


def stored_revisions(url: str) -> set[str]:
    """The recorded revisions read with sqlite3 itself (open_database would migrate first)."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as raw:
        return {row[0] for row in raw.execute("SELECT version_num FROM alembic_version")}


def test_the_known_heads_are_alembics_heads() -> None:
    config = Config()
    config.set_main_option("script_location", database.MIGRATIONS)
    assert database.known_heads() == frozenset(ScriptDirectory.from_config(config).get_heads())


def test_a_database_at_head_opens_without_alembic(sqlite_url: str) -> None:
    open_database(sqlite_url).close()  # created and migrated here
    assert alembic_imported_to_open(sqlite_url) is False


def test_a_new_database_is_migrated_by_alembic(sqlite_url: str) -> None:
    assert alembic_imported_to_open(sqlite_url) is True
    assert stored_revisions(sqlite_url) == set(database.known_heads())
    assert schema_diff(sqlite_url) == []


def test_an_older_schema_is_migrated_to_head(sqlite_url: str) -> None:
    older = sorted(database.known_heads())[0]
    previous = f"{int(older) - 1:04d}"
    run_alembic(sqlite_url, "downgrade", previous)
    assert stored_revisions(sqlite_url) == {previous}
    open_database(sqlite_url).close()
    assert stored_revisions(sqlite_url) == set(database.known_heads())
    assert schema_diff(sqlite_url) == []

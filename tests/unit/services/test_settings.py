"""services.settings: validation with field names, atomic save, and the «Проверить» probes against
a real folder, a closed port, official XSDs in ../shared, SQLite and a PostgreSQL server."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from edo_app import config
from edo_app.errors import ConfigError
from edo_app.model.problems import InputErrors
from edo_app.services.settings import (
    UNREACHABLE,
    check_database,
    check_folder,
    check_operator,
    list_schemas,
    load_settings,
    mask_url,
    problems_of,
    save_settings,
    settings_path,
)
from edo_app.transport.folder import FOLDERS
from tests.integration.postgres import PgServer
from tests.oracles import FNS_XSD, require

PARTICIPANT = "2AE-TEST-0001"


def closed_port() -> int:
    """A local port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fields(settings: config.Settings) -> dict[str, str]:
    return dict(problems_of(settings))


def test_round_trip_through_settings_toml(tmp_path: Path) -> None:
    folder = tmp_path / "exchange"
    folder.mkdir()
    settings = config.Settings(participant_id=PARTICIPANT, exchange_folder=str(folder),
                               exchange_signer="Петров Иван Сергеевич", exchange_signer_position="Бухгалтер",
                               sync_interval_minutes=15, database_url=f"sqlite:///{tmp_path / 'a.sqlite3'}")
    path = save_settings(settings, tmp_path / "data")
    assert path == settings_path(tmp_path / "data")
    assert load_settings(tmp_path / "data") == settings
    assert "sync_interval_minutes = 15" in path.read_text("utf-8")


def test_every_problem_names_its_field_and_nothing_is_written(tmp_path: Path) -> None:
    bad = config.Settings(participant_id="не id!", operator_url="ftp://x", operator_token="",
                          exchange_signer="Петров", sync_interval_minutes=5000, database_url="mysql://x/y",
                          official_xsd_dir=str(tmp_path / "нет"))
    found = fields(bad)
    assert set(found) == {"participant_id", "operator_url", "operator_token", "exchange_signer",
                          "sync_interval_minutes", "database_url", "official_xsd_dir"}
    assert "идентификатор участника ЭДО" in found["participant_id"]
    assert "http(s)://" in found["operator_url"]
    assert "фамилию и имя" in found["exchange_signer"]
    with pytest.raises(InputErrors):
        save_settings(bad, tmp_path / "data")
    assert not settings_path(tmp_path / "data").exists()


def test_one_way_of_exchange_at_a_time(tmp_path: Path) -> None:
    both = config.Settings(participant_id=PARTICIPANT, operator_url="http://127.0.0.1:8080", operator_token="t",
                           exchange_folder=str(tmp_path))
    assert "не оба" in fields(both)["exchange_folder"]


@pytest.fixture
def unwritable_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write to: chmod 500, or (as root, who ignores modes) /proc."""
    if os.geteuid() == 0:
        if not Path("/proc").is_dir():
            pytest.skip("as root a read-only folder needs /proc")
        yield Path("/proc")
        return
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


def test_a_read_only_exchange_folder_is_refused(unwritable_folder: Path) -> None:
    settings = config.Settings(participant_id=PARTICIPANT, exchange_folder=str(unwritable_folder))
    assert "нельзя записывать" in fields(settings)["exchange_folder"]
    result = check_folder(unwritable_folder, PARTICIPANT)
    assert not result.ok and "нельзя записывать" in result.message


def test_a_missing_exchange_folder_is_refused(tmp_path: Path) -> None:
    settings = config.Settings(participant_id=PARTICIPANT, exchange_folder=str(tmp_path / "нет"))
    assert "не найдена" in fields(settings)["exchange_folder"]


def test_folder_check_prepares_the_box(tmp_path: Path) -> None:
    result = check_folder(tmp_path, PARTICIPANT)
    assert result.ok, result.message
    assert all((tmp_path / PARTICIPANT / name).is_dir() for name in FOLDERS)
    assert PARTICIPANT in result.message


def test_operator_on_a_closed_port_is_unreachable() -> None:
    result = check_operator(f"http://127.0.0.1:{closed_port()}", "token-1", timeout=2)
    assert not result.ok
    assert result.message.startswith(UNREACHABLE)


def test_operator_check_refuses_a_bad_address_before_connecting() -> None:
    result = check_operator("127.0.0.1:80", "token-1")
    assert not result.ok and "http(s)://" in result.message


def test_official_schemas_are_listed() -> None:
    folder = require(FNS_XSD / "upd-5.03")
    listing = list_schemas(folder)
    files = {schema.file for schema in listing.schemas}
    assert {"ON_NSCHFDOPPR_1_997_01_05_03_05.xsd", "ON_NSCHFDOPPOK_1_997_02_05_03_01.xsd"} <= files
    assert all(schema.version == "5.03" for schema in listing.schemas)


def test_schema_folder_that_is_missing_is_a_field_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        list_schemas(tmp_path / "нет")
    assert "не найдена" in str(caught.value)


def test_a_non_schema_file_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "readme.xsd").write_text("это не схема", "utf-8")
    listing = list_schemas(tmp_path)
    assert listing.schemas == ()
    assert any("readme.xsd" in problem for problem in listing.problems)


def test_sqlite_check_reports_version_and_revision(tmp_path: Path) -> None:
    result = check_database(f"sqlite:///{tmp_path / 'edo.sqlite3'}")
    assert result.ok, result.message
    assert "SQLite 3." in result.message and "ревизия" in result.message


def test_unreachable_postgres_never_shows_the_password() -> None:
    url = f"postgresql://edo:ОченьСекретно@127.0.0.1:{closed_port()}/edo"
    result = check_database(url)
    assert not result.ok
    assert "ОченьСекретно" not in result.message
    assert "***" in result.message and "подключиться" in result.message
    assert "ОченьСекретно" not in mask_url(url)


def test_settings_keep_other_fields_when_the_exchange_changes(tmp_path: Path) -> None:
    base = tmp_path / "data"
    save_settings(config.Settings(max_xml_bytes=1234), base)
    save_settings(replace(load_settings(base), participant_id=PARTICIPANT, exchange_folder=str(tmp_path)), base)
    assert load_settings(base).max_xml_bytes == 1234


@pytest.mark.postgres
def test_postgres_check_reports_the_server(pg_server: PgServer) -> None:
    url = pg_server.url().replace("postgres@", "postgres:пароль-1@", 1)  # trust auth ignores it
    result = check_database(url)
    assert result.ok, result.message
    assert "PostgreSQL" in result.message and "ревизия" in result.message
    assert "пароль-1" not in result.message

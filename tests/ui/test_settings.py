"""The settings dialog: pages over settings.toml, errors beside fields with nothing saved, and the
checks of an operator (a real server process, then a closed port), folder, XSD folder and database."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from edo_app import config
from edo_app.services import Services
from edo_app.services.settings import UNREACHABLE, settings_path
from tests.integration.operator_server import OperatorServer
from tests.oracles import FNS_XSD, require
from tests.ui.conftest import Shown
from tests.unit.services.test_settings import closed_port, unwritable_folder
from ui.main_window import MainWindow
from ui.ops import SyncExecutor
from ui.settings import SettingsDialog
from ui.settings.exchange_page import FOLDER, OPERATOR

__all__ = ["unwritable_folder"]  # the fixture, shared with the service tests
PARTICIPANT = "2AE-UI-0001"


@pytest.fixture
def dialog(qtbot: QtBot, services: Services, shown: Shown) -> SettingsDialog:
    opened = SettingsDialog(services.data_dir, SyncExecutor())
    qtbot.addWidget(opened)
    return opened


def use_folder(dialog: SettingsDialog, folder: Path, participant: str = PARTICIPANT) -> None:
    page = dialog.exchange
    page.mode.setCurrentIndex(FOLDER)
    page.participant.setText(participant)
    page.folder.setText(str(folder))


def use_operator(dialog: SettingsDialog, url: str, token: str, participant: str = PARTICIPANT) -> None:
    page = dialog.exchange
    page.mode.setCurrentIndex(OPERATOR)
    page.participant.setText(participant)
    page.operator_url.setText(url)
    page.token.setText(token)


def test_the_service_menu_opens_the_settings(window: MainWindow) -> None:
    titles = [action.text() for action in window.menu("Сервис").actions()]
    assert "&Настройки…" in titles


def test_an_unreadable_settings_file_is_explained(window: MainWindow, shown: Shown) -> None:
    settings_path(window.services.data_dir).write_text("participant_id = [", "utf-8")
    action = next(a for a in window.menu("Сервис").actions() if a.text() == "&Настройки…")
    action.trigger()
    assert "не читается" in shown.boxes[-1].text()


def test_saved_settings_round_trip_through_settings_toml(dialog: SettingsDialog, tmp_path: Path,
                                                          shown: Shown) -> None:
    use_folder(dialog, tmp_path)
    dialog.exchange.signer.setText("Петров  Иван Сергеевич")
    dialog.exchange.position.setText("Бухгалтер")
    dialog.exchange.interval.setValue(10)
    dialog.save()
    stored = config.load(settings_path(dialog.data_dir))
    assert (stored.participant_id, stored.exchange_folder, stored.operator_url) == (PARTICIPANT, str(tmp_path), "")
    assert (stored.exchange_signer, stored.sync_interval_minutes) == ("Петров Иван Сергеевич", 10)
    assert "перезапуска" in shown.boxes[-1].text()
    reopened = SettingsDialog(dialog.data_dir, SyncExecutor())
    assert reopened.edited() == stored
    assert reopened.exchange.mode.currentIndex() == FOLDER


def test_a_bad_participant_id_is_shown_at_its_field_and_nothing_saved(dialog: SettingsDialog, tmp_path: Path) -> None:
    use_folder(dialog, tmp_path, participant="ящик №1")
    dialog.save()
    assert "идентификатор участника ЭДО" in dialog.errors.text("participant_id")
    assert dialog.errors.labels["participant_id"].isVisibleTo(dialog)
    assert not settings_path(dialog.data_dir).exists()
    assert dialog.result() == 0  # still open


def test_a_bad_operator_url_is_shown_at_its_field(dialog: SettingsDialog) -> None:
    use_operator(dialog, "edo.example.ru", "")
    dialog.save()
    assert "адресом API оператора" in dialog.errors.text("operator_url")
    assert "токен" in dialog.errors.text("operator_token")
    assert not settings_path(dialog.data_dir).exists()


def test_an_unwritable_exchange_folder_is_shown_at_its_field(dialog: SettingsDialog, unwritable_folder: Path) -> None:
    use_folder(dialog, unwritable_folder)
    dialog.save()
    assert "нельзя записывать" in dialog.errors.text("exchange_folder")
    assert not settings_path(dialog.data_dir).exists()
    dialog.exchange.check_connection()
    assert "нельзя записывать" in dialog.exchange.result.text()


def test_folder_check_reports_the_box(dialog: SettingsDialog, tmp_path: Path) -> None:
    use_folder(dialog, tmp_path)
    dialog.exchange.check_connection()
    assert "доступна для записи" in dialog.exchange.result.text()
    assert (tmp_path / PARTICIPANT / "incoming").is_dir()


def test_operator_check_against_a_real_operator_then_a_closed_port(dialog: SettingsDialog, tmp_path: Path) -> None:
    server = OperatorServer(tmp_path / "operator").start()
    try:
        token = server.add(PARTICIPANT)
        use_operator(dialog, server.url, token)
        dialog.exchange.check_connection()
        assert "Соединение установлено" in dialog.exchange.result.text()
        use_operator(dialog, server.url, "wrong-token")
        dialog.exchange.check_connection()
        assert "токен" in dialog.exchange.result.text()
    finally:
        server.stop()
    use_operator(dialog, f"http://127.0.0.1:{closed_port()}", token)
    dialog.exchange.check_connection()
    assert dialog.exchange.result.text().startswith(UNREACHABLE)


def test_the_official_schemas_of_a_folder_are_listed(dialog: SettingsDialog) -> None:
    folder = require(FNS_XSD / "upd-5.03")
    dialog.schemas.folder.setText(str(folder))
    dialog.schemas.refresh()
    assert dialog.schemas.count.text().startswith("Найдено схем: 2")
    listed = [dialog.schemas.schemas.item(i).text() for i in range(dialog.schemas.schemas.count())]
    assert any(text.startswith("ON_NSCHFDOPPR_1_997_01_05_03_05.xsd") for text in listed)


def test_a_missing_schema_folder_is_a_russian_error(dialog: SettingsDialog, tmp_path: Path) -> None:
    dialog.schemas.folder.setText(str(tmp_path / "нет"))
    dialog.schemas.refresh()
    assert "не найдена" in dialog.schemas.count.text()
    dialog.save()
    assert "не найдена" in dialog.errors.text("official_xsd_dir")
    assert dialog.tabs.currentWidget() is dialog.schemas


def test_database_checks_sqlite_and_masks_a_postgres_password(dialog: SettingsDialog) -> None:
    dialog.database.check()
    assert "SQLite" in dialog.database.result.text()
    dialog.database.postgres.setChecked(True)
    dialog.database.url.setText(f"postgresql://edo:Секрет-42@127.0.0.1:{closed_port()}/edo")
    dialog.database.check()
    text = dialog.database.result.text()
    assert "Секрет-42" not in text and "***" in text and "подключиться" in text


def test_default_sqlite_file_keeps_the_url_empty(dialog: SettingsDialog, tmp_path: Path) -> None:
    assert dialog.database.database_url() == ""
    dialog.database.file.setText(str(tmp_path / "other.sqlite3"))
    assert dialog.database.database_url() == f"sqlite:///{tmp_path / 'other.sqlite3'}"

"""main(): opens the data dir from EDO_APP_DATA_DIR, or explains in Russian why it cannot."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Shown
from ui import app as app_module
from ui.app import install_translations, main
from ui.first_start import FirstStartDialog
from ui.main_window import MainWindow

CYRILLIC = re.compile("[А-Яа-яЁё]")


def test_main_opens_the_window_on_the_data_dir(
    qapp: QApplication, qtbot: QtBot, data_dir: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[MainWindow] = []
    offered: list[FirstStartDialog] = []
    monkeypatch.setattr(FirstStartDialog, "exec", lambda dialog: offered.append(dialog) or 0)  # postponed

    def windows(app: QApplication) -> list[MainWindow]:
        return [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]

    def fake_exec(app: QApplication) -> int:  # the shell is shown; the services attach after its first paint
        qtbot.waitUntil(lambda: bool(offered))  # a new data dir: no own organisation yet
        seen.extend(windows(app))
        for w in seen:
            w.close()
        return 0

    opened_on: list[threading.Thread] = []
    real_open = app_module._open_services
    monkeypatch.setattr(app_module, "_open_services", lambda: opened_on.append(threading.current_thread())
                        or real_open())
    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert main([]) == 0
    assert opened_on and opened_on[0] is not threading.main_thread()  # the GUI thread kept answering meanwhile
    assert len(seen) == 1
    assert seen[0].attached and offered[0].parent() is seen[0]
    assert seen[0].windowTitle() == "ЭДО — реестр документов"
    assert (data_dir / "edo.sqlite3").exists()
    assert shown.boxes == []


def test_bad_settings_show_an_error_and_exit(qapp: QApplication, data_dir: Path, shown: Shown) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text('colour = "red"\n', encoding="utf-8")
    assert main([]) == 1
    [box] = shown.boxes
    assert box.windowTitle() == "Неверные данные"
    assert "colour" in box.text()


def test_unopenable_database_shows_an_error_and_exit(qapp: QApplication, data_dir: Path, shown: Shown) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "edo.sqlite3").write_bytes(b"this is not a database file" * 100)
    assert main([]) == 1
    [box] = shown.boxes
    assert CYRILLIC.search(box.text())
    assert box.windowTitle() == "Ошибка базы данных"


def test_qt_texts_are_russian(qapp: QApplication) -> None:
    translator = install_translations(qapp)
    assert translator is not None, "qtbase_ru.qm is missing from the PySide6 install"
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    finally:
        qapp.removeTranslator(translator)

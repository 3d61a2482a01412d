"""edo-app paints its window before the services load, then attaches the registry and, once its
first page is shown, the features (issue 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from edo_app.config import ENV_DATA_DIR
from tests.ui.conftest import Shown
from ui import app as app_module
from ui.app import PAGE_MARKER, QUIT_WHEN_SHOWN_ENV, READY_MARKER, SHOWN_MARKER
from ui.first_start import FirstStartDialog
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("edo_app.services", "sqlalchemy", "lxml", "ui.features")
# Runs the app in the bench's quit-when-shown mode and records, at each marker, which heavy
# modules were loaded and whether the registry was attached.
RUN_APP = f"""
import builtins, json, sys
from ui import app
seen = {{}}
def record(*args, **kwargs):
    loaded = [name for name in {HEAVY!r} if name in sys.modules]
    windows = [w for w in app.QApplication.topLevelWidgets() if isinstance(w, app.MainWindow)]
    seen[str(args[0])] = {{"loaded": loaded, "attached": [w.attached for w in windows]}}
builtins.print = record
code = app.main(["edo-app"])
sys.stdout.write(json.dumps({{"code": code, "seen": seen}}))
"""


def test_the_window_is_painted_before_the_services_load(tmp_path: Path) -> None:
    env = {**os.environ, ENV_DATA_DIR: str(tmp_path / "data"), QUIT_WHEN_SHOWN_ENV: "1", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", RUN_APP], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    result = json.loads(done.stdout)
    assert result["code"] == 0
    assert list(result["seen"]) == [SHOWN_MARKER, PAGE_MARKER, READY_MARKER]
    assert result["seen"][SHOWN_MARKER] == {"loaded": [], "attached": [False]}
    assert result["seen"][PAGE_MARKER] == {"loaded": list(HEAVY[:-1]), "attached": [True]}  # features next
    assert result["seen"][READY_MARKER] == {"loaded": list(HEAVY), "attached": [True]}
    assert (tmp_path / "data" / "edo.sqlite3").exists()


def test_a_window_never_painted_still_gets_its_services(
    qapp: QApplication, qtbot: QtBot, data_dir: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window started minimized gets no paint: the services load after PAINT_WAIT_MS anyway."""
    windows: list[MainWindow] = []
    monkeypatch.setattr(app_module, "PAINT_WAIT_MS", 50)
    def hidden_show(window: MainWindow) -> None:  # the window is never on screen
        windows.append(window)

    monkeypatch.setattr(MainWindow, "show", hidden_show)
    monkeypatch.setattr(FirstStartDialog, "exec", lambda dialog: 0)

    def fake_exec(_app: QApplication) -> int:
        qtbot.waitUntil(lambda: bool(windows) and windows[0].attached)
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert app_module.main([]) == 0
    assert windows[0].model.rowCount() == 0 and (data_dir / "edo.sqlite3").exists()

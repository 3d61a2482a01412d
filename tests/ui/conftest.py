"""Qt tests run offscreen, one QApplication per session (pytest-qt's qapp), a temp data dir
and a synchronous executor, so every service call finishes before the next line (Picard style)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from edo_app.config import ENV_DATA_DIR
from edo_app.services import Services
from ui.dialogs.report import ReportDialog
from ui.main_window import MainWindow
from ui.ops import SyncExecutor


@dataclass
class Shown:
    """Dialogs that would have been shown modally; exec() is patched to return at once."""

    reports: list[ReportDialog] = field(default_factory=list)
    boxes: list[QMessageBox] = field(default_factory=list)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Shown:
    record = Shown()

    def report_exec(dialog: ReportDialog) -> int:
        record.reports.append(dialog)
        return 0

    def box_exec(box: QMessageBox) -> int:
        record.boxes.append(box)
        return 0

    monkeypatch.setattr(ReportDialog, "exec", report_exec)
    monkeypatch.setattr(QMessageBox, "exec", box_exec)
    return record


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "edo-data"
    monkeypatch.setenv(ENV_DATA_DIR, str(path))
    return path


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    opened = Services.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot: QtBot, services: Services, shown: Shown) -> Iterator[MainWindow]:
    win = MainWindow(services, SyncExecutor())
    qtbot.addWidget(win)
    yield win
    win.close()  # before the services fixture closes the database

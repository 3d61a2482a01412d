"""First start: the own organisation dialog, demo data, and `edo-app --self-test`'s Qt part."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from edo_app.model.kinds import Direction
from edo_app.printing.fonts import FONTS_ENV
from edo_app.services import DocumentQuery, Services
from edo_app.services.demo import DEMO_SET
from tests.ui.conftest import Shown
from ui.app import main
from ui.first_start import FirstStartDialog, needs_first_start, offer_first_start
from ui.main_window import MainWindow
from ui.self_test import check_qt


def _fill(dialog: FirstStartDialog, inn: str = "7707083893", kpp: str = "770701001") -> None:
    values = {"name": "ООО «Пример учёта»", "inn": inn, "kpp": kpp, "edo_id": "2AE7707083893"}
    for key, text in values.items():
        dialog.fields[key].setText(text)


def _answer(monkeypatch: pytest.MonkeyPatch, *, demo: bool) -> list[FirstStartDialog]:
    """FirstStartDialog.exec fills the form and presses «Сохранить»; returns the dialogs shown."""
    shown: list[FirstStartDialog] = []

    def fake_exec(dialog: FirstStartDialog) -> int:
        shown.append(dialog)
        _fill(dialog)
        dialog.demo.setChecked(demo)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(FirstStartDialog, "exec", fake_exec)
    return shown


def _census(services: Services) -> Counter[Direction]:
    rows = services.library.list_documents(DocumentQuery(archived=None), 0, 500)
    return Counter(row.direction for row in rows)


def test_first_start_creates_the_company_and_loads_the_demo(
        window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _answer(monkeypatch, demo=True)
    assert needs_first_start(services)
    assert offer_first_start(window) is False  # not shown yet (closed before the loop ran): not asked
    window.show()
    assert offer_first_start(window) is True
    own = services.counterparties.own_organisations()
    assert [(c.name, c.inn, c.kpp, c.edo_id, c.own) for c in own] == [
        ("ООО «Пример учёта»", "7707083893", "770701001", "2AE7707083893", True)]
    assert _census(services) == {Direction.DRAFT: 2, Direction.OUTGOING: 5, Direction.INCOMING: 4}
    assert f"демонстрационных документов добавлено: {len(DEMO_SET)}" in window.statusBar().currentMessage()
    assert "ДЕМО" in window.statusBar().currentMessage()
    assert len(shown) == 1
    assert offer_first_start(window) is False and len(shown) == 1  # not asked again
    assert not needs_first_start(services)


def test_without_demo_only_the_company_is_stored(
        window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    _answer(monkeypatch, demo=False)
    window.show()
    offer_first_start(window)
    assert len(services.counterparties.own_organisations()) == 1
    assert sum(_census(services).values()) == 0


def test_postponing_stores_nothing(window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FirstStartDialog, "exec", lambda dialog: int(QDialog.DialogCode.Rejected))
    window.show()
    assert offer_first_start(window) is False
    assert needs_first_start(services)


def test_the_dialog_names_every_bad_field(qtbot: QtBot) -> None:
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, inn="7707083890", kpp="")
    dialog.fields["name"].setText("  ")
    dialog.accept()
    assert dialog.result() == 0
    text = dialog.problems.text()
    assert "Наименование:" in text and "ИНН:" in text
    _fill(dialog)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_qt_check_renders_cyrillic(qtbot: QtBot) -> None:
    check = check_qt()
    assert check.ok, check.detail
    assert "кириллица отрисована" in check.detail


def test_self_test_flag_exits_0_here_and_1_without_fonts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], shown: Shown) -> None:
    assert main(["edo-app", "--self-test"]) == 0
    out = capsys.readouterr().out
    assert "Самопроверка edo-app" in out and "[ОК] Qt и кириллица" in out
    monkeypatch.setenv(FONTS_ENV, str(tmp_path / "fonts-missing"))
    assert main(["edo-app", "--self-test"]) == 1
    assert "[ОШИБКА] Шрифты" in capsys.readouterr().out

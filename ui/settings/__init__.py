"""Settings of the app (menu «Сервис» → «Настройки…»)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from edo_app.errors import EdoError
from ui.errors import show_error
from ui.settings.dialog import SettingsDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow

__all__ = ["SettingsDialog", "install"]


def install(window: MainWindow) -> None:
    action = QAction("&Настройки…", window)
    action.setObjectName("settings_action")
    action.setStatusTip("Обмен, схемы ФНС и база данных")

    def open_settings() -> None:
        try:  # a settings.toml edited by hand may not read: say why instead of opening
            dialog = SettingsDialog(window.services.data_dir, window.executor, window)
        except EdoError as exc:
            show_error(window, exc)
            return
        dialog.exec()

    action.triggered.connect(open_settings)
    window.menu("Сервис").addAction(action)

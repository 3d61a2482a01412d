"""The settings dialog: «Обмен», «Схемы ФНС», «База данных»; «Сохранить» validates everything and
writes settings.toml atomically, or shows each problem beside its field and writes nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from edo_app.config import Settings
from edo_app.model.problems import InputErrors
from edo_app.services.settings import load_settings, save_settings
from ui.errors import show_error
from ui.ops import Executor
from ui.settings.database_page import DatabasePage
from ui.settings.exchange_page import ExchangePage
from ui.settings.fields import FieldErrors, result_label, show_result
from ui.settings.schemas_page import SchemasPage

# Services are built from these when the app starts: a change takes effect after a restart.
RESTART_FIELDS = ("database_url", "official_xsd_dir", "participant_id", "operator_url", "operator_token",
                  "exchange_folder", "exchange_signer", "exchange_signer_position")


class SettingsDialog(QDialog):
    def __init__(self, data_dir: Path, executor: Executor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Настройки")
        self.resize(720, 520)
        self.data_dir = data_dir
        self._executor = executor
        self.current = load_settings(data_dir)
        self.saved: Settings | None = None
        self.errors = FieldErrors()
        self.exchange = ExchangePage(self.current, executor, self.errors, self)
        self.schemas = SchemasPage(self.current, self.current.official_xsd_path(data_dir), executor, self.errors, self)
        self.database = DatabasePage(self.current, data_dir, executor, self.errors, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.exchange, "Обмен")
        self.tabs.addTab(self.schemas, "Схемы ФНС")
        self.tabs.addTab(self.database, "База данных")
        self.general = result_label("general_errors")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Сохранить")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

    def edited(self) -> Settings:
        """The settings as the pages show them (fields without a page keep their values)."""
        return replace(self.current, **self.exchange.values(), **self.schemas.values(), **self.database.values())

    def save(self) -> None:
        self.errors.clear()
        self.general.clear()
        edited = self.edited()
        self._executor.submit(lambda: save_settings(edited, self.data_dir), lambda _: self._saved(edited),
                              self._failed)

    def _saved(self, edited: Settings) -> None:
        changed = [name for name in RESTART_FIELDS if getattr(edited, name) != getattr(self.current, name)]
        self.current = self.saved = edited
        if changed:
            box = QMessageBox(QMessageBox.Icon.Information, "Настройки сохранены",
                              "Настройки сохранены. Изменения базы данных, схем и обмена вступят в силу "
                              "после перезапуска программы.", QMessageBox.StandardButton.Ok, self)
            box.exec()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, InputErrors):
            show_error(self, exc)
            return
        orphans = self.errors.show(list(exc.problems))
        if orphans:
            show_result(self.general, False, "\n".join(f"{name}: {message}" for name, message in orphans))
        self._show_first_problem_tab()

    def _show_first_problem_tab(self) -> None:
        for page in (self.exchange, self.schemas, self.database):
            if any(label.text() and page.isAncestorOf(label) for label in self.errors.labels.values()):
                self.tabs.setCurrentWidget(page)
                return

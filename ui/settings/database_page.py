"""«База данных»: a SQLite file (by default in the data folder) or a PostgreSQL URL, and «Проверить»."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from edo_app.config import Settings
from edo_app.services.settings import ProbeResult, check_database, mask_url
from ui.ops import Executor
from ui.settings.fields import FieldErrors, add_field, result_label, show_result

SQLITE_PREFIX = "sqlite:///"


class DatabasePage(QWidget):
    def __init__(self, settings: Settings, data_dir: Path, executor: Executor, errors: FieldErrors,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self.default_file = data_dir / "edo.sqlite3"
        url = settings.database_url
        self.sqlite = QRadioButton("SQLite — файл на этом компьютере", self)
        self.postgres = QRadioButton("PostgreSQL — общая база на сервере", self)
        is_sqlite = not url or url.startswith(SQLITE_PREFIX)
        self.sqlite.setChecked(is_sqlite)
        self.postgres.setChecked(not is_sqlite)
        self.file = QLineEdit(url.removeprefix(SQLITE_PREFIX) if url and is_sqlite else str(self.default_file), self)
        self.url = QLineEdit("" if is_sqlite else url, self)
        self.url.setPlaceholderText("postgresql://пользователь:пароль@сервер:5432/база")
        self.check_button = QPushButton("Проверить", self)
        self.check_button.clicked.connect(self.check)
        self.result = result_label("database_result")
        self._layout(errors)
        self.sqlite.toggled.connect(self._enable)
        self._enable()

    def _layout(self, errors: FieldErrors) -> None:
        form = QFormLayout()
        form.addRow(self.sqlite)
        self.file_row = self._file_row()
        form.addRow("Файл базы данных:", self.file_row)
        form.addRow(self.postgres)
        add_field(form, "Адрес PostgreSQL:", self.url, errors, "database_url")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Новая база данных начнёт использоваться после перезапуска программы."))
        layout.addWidget(self.check_button)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def _file_row(self) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file)
        button = QPushButton("Выбрать…", row)
        button.clicked.connect(self._choose_file)
        layout.addWidget(button)
        return row

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Файл базы данных", self.file.text(),
                                              "База SQLite (*.sqlite3 *.db);;Все файлы (*)")
        if name:
            self.file.setText(name)

    def _enable(self) -> None:
        self.file_row.setEnabled(self.sqlite.isChecked())
        self.url.setEnabled(self.postgres.isChecked())

    def database_url(self) -> str:
        """"" for the default file in the data folder (it moves with the folder), else the URL."""
        if self.postgres.isChecked():
            return self.url.text().strip()
        chosen = self.file.text().strip()
        return "" if not chosen or Path(chosen) == self.default_file else SQLITE_PREFIX + chosen

    def values(self) -> dict[str, Any]:
        return {"database_url": self.database_url()}

    def check(self) -> None:
        url = self.database_url() or SQLITE_PREFIX + str(self.default_file)
        if not self.url.text().strip() and self.postgres.isChecked():
            show_result(self.result, False, "Укажите адрес PostgreSQL")
            return
        show_result(self.result, True, f"Подключение к {mask_url(url)}…")
        self._executor.submit(lambda: check_database(url), self._checked, self._failed)

    def _checked(self, result: ProbeResult) -> None:
        show_result(self.result, result.ok, result.message)

    def _failed(self, exc: BaseException) -> None:
        show_result(self.result, False, f"Проверка не выполнена: {exc}")

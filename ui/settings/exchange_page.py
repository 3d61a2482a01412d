"""«Обмен»: an operator (URL, token) or an exchange folder, our participant id, who signs the
service documents, the automatic sync interval, and «Проверить соединение»."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from edo_app.config import Settings
from edo_app.services.settings import MAX_SYNC_INTERVAL, ProbeResult, check_folder, check_operator
from ui.ops import Executor
from ui.settings.fields import FieldErrors, add_field, folder_row, result_label, show_result

NONE, OPERATOR, FOLDER = 0, 1, 2
MODES = ("Не настроен", "Оператор ЭДО (API)", "Папка обмена")


class ExchangePage(QWidget):
    def __init__(self, settings: Settings, executor: Executor, errors: FieldErrors,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self.mode = QComboBox(self)
        self.mode.addItems(MODES)
        self.participant = QLineEdit(settings.participant_id, self)
        self.participant.setPlaceholderText("например, 2AE-1234-5678")
        self.operator_url = QLineEdit(settings.operator_url, self)
        self.operator_url.setPlaceholderText("https://edo.example.ru/api")
        self.token = QLineEdit(settings.operator_token, self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.folder = QLineEdit(settings.exchange_folder, self)
        self.signer = QLineEdit(settings.exchange_signer, self)
        self.signer.setPlaceholderText("Фамилия Имя Отчество")
        self.position = QLineEdit(settings.exchange_signer_position, self)
        self.interval = QSpinBox(self)
        self.interval.setRange(0, MAX_SYNC_INTERVAL)
        self.interval.setSuffix(" мин")
        self.interval.setSpecialValueText("выключена")
        self.interval.setValue(min(max(settings.sync_interval_minutes, 0), MAX_SYNC_INTERVAL))
        self.check_button = QPushButton("Проверить соединение", self)
        self.check_button.clicked.connect(self.check_connection)
        self.result = result_label("exchange_result")
        self._layout(errors)
        self.mode.currentIndexChanged.connect(self._enable)
        self.mode.setCurrentIndex(OPERATOR if settings.operator_url else FOLDER if settings.exchange_folder else NONE)
        self._enable()

    def _layout(self, errors: FieldErrors) -> None:
        form = QFormLayout()
        form.addRow("Способ обмена:", self.mode)
        add_field(form, "Идентификатор участника ЭДО:", self.participant, errors, "participant_id")
        add_field(form, "Адрес API оператора:", self.operator_url, errors, "operator_url")
        add_field(form, "Токен доступа:", self.token, errors, "operator_token")
        self.folder_row = folder_row(self.folder, "Папка обмена")
        add_field(form, "Папка обмена:", self.folder_row, errors, "exchange_folder")
        add_field(form, "Подписант служебных документов:", self.signer, errors, "exchange_signer")
        add_field(form, "Должность подписанта:", self.position, errors, "exchange_signer_position")
        add_field(form, "Автоматическая синхронизация:", self.interval, errors, "sync_interval_minutes")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check_button)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def _enable(self) -> None:
        mode = self.mode.currentIndex()
        for widget in (self.operator_url, self.token):
            widget.setEnabled(mode == OPERATOR)
        self.folder_row.setEnabled(mode == FOLDER)
        self.check_button.setEnabled(mode != NONE)

    def values(self) -> dict[str, Any]:
        """The Settings fields of this page; the unused way of exchange is cleared."""
        mode = self.mode.currentIndex()
        return {
            "participant_id": self.participant.text().strip() if mode != NONE else "",
            "operator_url": self.operator_url.text().strip() if mode == OPERATOR else "",
            "operator_token": self.token.text().strip() if mode == OPERATOR else "",
            "exchange_folder": self.folder.text().strip() if mode == FOLDER else "",
            "exchange_signer": " ".join(self.signer.text().split()),
            "exchange_signer_position": self.position.text().strip(),
            "sync_interval_minutes": self.interval.value(),
        }

    def check_connection(self) -> None:
        values = self.values()
        show_result(self.result, True, "Проверка…")
        if self.mode.currentIndex() == OPERATOR:
            url, token = values["operator_url"], values["operator_token"]
            self._executor.submit(lambda: check_operator(url, token), self._checked, self._failed)
        elif self.mode.currentIndex() == FOLDER and not values["exchange_folder"]:
            show_result(self.result, False, "Выберите папку обмена")
        elif self.mode.currentIndex() == FOLDER:
            folder, participant = Path(values["exchange_folder"]), values["participant_id"]
            self._executor.submit(lambda: check_folder(folder, participant), self._checked, self._failed)

    def _checked(self, result: ProbeResult) -> None:
        show_result(self.result, result.ok, result.message)

    def _failed(self, exc: BaseException) -> None:
        show_result(self.result, False, f"Проверка не выполнена: {exc}")

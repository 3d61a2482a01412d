"""«Создать МЧД»: a simple form — the user's organisation as principal with its head, one person
as representative, powers as text or classifier codes, the term. Problems show beside fields."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from edo_app.model.problems import InputErrors
from edo_app.services.poa_manager import PoaForm, create_from_form
from edo_app.services.poa_registry import PoaRegistryService
from ui.errors import show_error
from ui.ops import Executor
from ui.settings.fields import FieldErrors, add_field, result_label, show_result

# (PoaForm field, label) of the one-line text fields, in the order of the form.
TEXT_FIELDS = (
    ("principal_name", "Организация-доверитель:"), ("principal_inn", "ИНН организации:"),
    ("principal_kpp", "КПП:"), ("principal_ogrn", "ОГРН:"),
    ("head_name", "Руководитель (ФИО):"), ("head_position", "Должность руководителя:"),
    ("head_inn", "ИНН руководителя:"), ("head_snils", "СНИЛС руководителя:"),
    ("rep_name", "Представитель (ФИО):"), ("rep_snils", "СНИЛС представителя:"),
    ("rep_inn", "ИНН представителя:"), ("rep_position", "Должность представителя:"),
    ("internal_number", "Внутренний номер:"),
)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PoaFormDialog(QDialog):
    def __init__(self, poas: PoaRegistryService, executor: Executor, defaults: PoaForm,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Новая доверенность (МЧД)")
        self.resize(640, 680)
        self._poas = poas
        self._executor = executor
        self.created_id: int | None = None
        self.errors = FieldErrors()
        self.edits = {name: QLineEdit(str(getattr(defaults, name)), self) for name, _ in TEXT_FIELDS}
        self.powers = QPlainTextEdit(defaults.powers_text, self)
        self.codes = QPlainTextEdit("\n".join(defaults.power_codes), self)
        self.codes.setPlaceholderText("по одному в строке: КОД; наименование полномочия")
        self.issued = QDateEdit(_qdate(defaults.issued), self)
        self.valid_to = QDateEdit(_qdate(defaults.valid_to), self)
        for edit in (self.issued, self.valid_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
        self.general = result_label("form_errors")
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        for name, title in TEXT_FIELDS:
            add_field(form, title, self.edits[name], self.errors, name)
        add_field(form, "Полномочия (текст):", self.powers, self.errors, "powers_text")
        add_field(form, "Коды полномочий:", self.codes, self.errors, "power_codes")
        add_field(form, "Дата выдачи:", self.issued, self.errors, "issued")
        add_field(form, "Действует по:", self.valid_to, self.errors, "valid_to")
        body = QWidget(self)
        body.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Создать")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
        buttons.accepted.connect(self.submit_form)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

    def form(self) -> PoaForm:
        text = {name: edit.text().strip() for name, edit in self.edits.items()}
        codes = tuple(line.strip() for line in self.codes.toPlainText().splitlines() if line.strip())
        return PoaForm(**text, powers_text=self.powers.toPlainText().strip(), power_codes=codes,
                       issued=_pydate(self.issued.date()), valid_to=_pydate(self.valid_to.date()))

    def submit_form(self) -> None:
        self.errors.clear()
        self.general.clear()
        form = self.form()
        self._executor.submit(lambda: create_from_form(self._poas, form), self._created, self._failed)

    def _created(self, poa_id: int) -> None:
        self.created_id = poa_id
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, InputErrors):
            show_error(self, exc)
            return
        orphans = self.errors.show(list(exc.problems))
        if orphans:
            show_result(self.general, False, "\n".join(f"{where}: {message}" for where, message in orphans))

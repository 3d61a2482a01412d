"""First start: when the database has no own organisation, ask for it (and offer demo data).

The organisation goes into the counterparty directory marked as own; the УПД editor offers it
as the seller and the exchange uses its participant id. With «Загрузить демонстрационные
данные» a few documents of every folder and status are added, signed with a ДЕМО test key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from edo_app.services import Services
from edo_app.services.counterparties import Counterparty, CounterpartyInput, check_counterparty
from edo_app.services.demo import DemoResult, load_demo

if TYPE_CHECKING:
    from ui.main_window import MainWindow

FIELD_TITLES = {"name": "Наименование", "inn": "ИНН", "kpp": "КПП", "edo_id": "Идентификатор участника ЭДО"}
DEMO_TEXT = "Загрузить демонстрационные данные"
LOADING = "Сохранение организации и загрузка демонстрационных данных…"


@dataclass(frozen=True, slots=True)
class FirstStartResult:
    own: Counterparty
    demo: DemoResult | None


def needs_first_start(services: Services) -> bool:
    return not services.counterparties.own_organisations()


def set_up(services: Services, value: CounterpartyInput, with_demo: bool) -> FirstStartResult:
    """Store the organisation as own; then the demo data when asked (slow: run off the GUI thread)."""
    own = services.counterparties.add(replace(value, own=True))
    return FirstStartResult(own, load_demo(services, own) if with_demo else None)


class FirstStartDialog(QDialog):
    """Name, ИНН, КПП and EDO id of the user's organisation; every bad field is named at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Первый запуск — ваша организация")
        self.fields = {key: QLineEdit(self) for key in FIELD_TITLES}
        self.fields["inn"].setMaxLength(12)
        self.fields["kpp"].setMaxLength(9)
        self.fields["edo_id"].setPlaceholderText("выдаёт оператор ЭДО, например 2AE…; можно указать позже")
        self.demo = QCheckBox(DEMO_TEXT + " (документы и тестовый ключ «ДЕМО»)", self)
        self.problems = QLabel(self)
        self.problems.setStyleSheet("color: #b00020")
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Сохранить")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Позже")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel("Укажите организацию, от имени которой вы работаете в ЭДО."))
        for key, title in FIELD_TITLES.items():
            form.addRow(title + ":", self.fields[key])
        form.addRow(self.demo)
        form.addRow(self.problems)
        form.addRow(buttons)

    def value(self) -> CounterpartyInput:
        text = {key: edit.text() for key, edit in self.fields.items()}
        return CounterpartyInput(text["name"], text["inn"], text["kpp"], text["edo_id"], own=True).cleaned()

    def accept(self) -> None:
        problems = check_counterparty(self.value())
        if problems:
            self.problems.setText("\n".join(f"{FIELD_TITLES.get(f, f)}: {message}" for f, message in problems))
            return
        super().accept()


def offer_first_start(window: MainWindow) -> bool:
    """Show the dialog when there is no own organisation; False when not needed or postponed."""
    services = window.services
    if not window.isVisible() or not needs_first_start(services):
        return False  # a window closed before the event loop ran has nothing to ask for
    dialog = FirstStartDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False  # asked again at the next start
    value, with_demo = dialog.value(), dialog.demo.isChecked()
    window.statusBar().showMessage(LOADING)
    window.executor.submit(lambda: set_up(services, value, with_demo), lambda done: _done(window, done),
                           window.show_error)
    return True


def _done(window: MainWindow, result: FirstStartResult) -> None:
    text = f"Организация «{result.own.name}» сохранена"
    if result.demo is not None:
        text += (f"; демонстрационных документов добавлено: {result.demo.added}, "
                 f"подписаны тестовым ключом «{result.demo.key.certificate.common_name}»")
    window.statusBar().showMessage(text, 15_000)

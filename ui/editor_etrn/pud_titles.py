"""«Документ → Стоимость перевозки ЭТрН (титулы 07, 08)…»: the ПУД of the carriage for the title
selected in the registry.

On its own signed title 06 the carrier states the cost of the carriage (title 07: the amount without
VAT, the rate, the VAT computed unless typed, how the fee was reckoned, its bank account); on a
received title 07 the shipper answers with title 08: agreement, or disagreement with its reason, and
optionally a third party who pays. ui.editor_etrn.pud_forming builds the title through
services.etrn_pud_flow on the window's executor and stores it as outgoing only when valid; a problem
is shown beside its field and nothing is stored. Sign and send it as any document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from edo_app.errors import InputError
from edo_app.model.money import format_rub
from edo_app.model.vat import VatRate
from edo_app.services import Services
from ui.directories.counterparties import ERROR_STYLE
from ui.editor_etrn.pud_forming import (
    ACCOUNT,
    NO_TITLE,
    Selected,
    cost_of,
    form_answer,
    form_cost,
    selected_title,
)
from ui.editor_etrn.title_fields import SIGNER, field_values, show_problems
from ui.editor_hr.fields import date_edit
from ui.errors import show_error
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TITLE = "Стоимость перевозки ЭТрН"
DEFAULT_RATE = VatRate.R22  # the general VAT rate since 2026
COST = (("without_vat", "Стоимость без НДС"), ("vat", "Сумма НДС"), ("currency", "Код валюты (ОКВ)"),
        ("calculation", "Расчёт стоимости"))
PARTIES_07 = (("shipper", "Идентификатор ЭДО грузоотправителя"), ("economic_entity", "Перевозчик (наименование)"))
PAYER = (("name", "Плательщик, если платит не грузоотправитель"), ("basis.name", "Основание оплаты: документ"),
         ("basis.number", "Номер документа"))


def open_for_selection(window: MainWindow) -> None:
    index = window.table.currentIndex()
    if not index.isValid():
        QMessageBox(QMessageBox.Icon.Information, TITLE, NO_TITLE, QMessageBox.StandardButton.Ok, window).exec()
        return
    PudTitlesDialog(window.services, window.executor, window.model.row_at(index.row()).id, window).exec()


class PudTitlesDialog(QDialog):
    formed = Signal(int)  # the id of the stored title

    def __init__(self, services: Services, executor: Executor, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._executor, self._document_id = services, executor, document_id
        self._selected: Selected | None = None
        self.setWindowTitle(TITLE)
        self.resize(640, 600)
        self.about, self.problems, self.total = QLabel("Титул читается…"), QLabel(), QLabel()
        self.about.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.setWordWrap(True)
        self.fields: dict[str, QWidget] = {}
        self.rows = QFormLayout()
        self.form_button = QPushButton("Сформировать")
        self.form_button.setEnabled(False)
        self.form_button.clicked.connect(self.form_title)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.form_button)
        layout = QVBoxLayout(self)
        for part in (self.about, self.problems):
            layout.addWidget(part)
        layout.addLayout(self.rows)
        layout.addStretch(1)
        layout.addLayout(buttons)
        executor.submit(lambda: selected_title(services, document_id), self._loaded, self._not_loaded)

    def _add(self, key: str, title: str, widget: QWidget) -> QWidget:
        self.fields[key] = widget
        self.rows.addRow(title, widget)
        return widget

    def _line(self, key: str, title: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        self._add(key, title, edit)
        return edit

    def _loaded(self, selected: Selected) -> None:
        self._selected = selected
        self.about.setText(selected.about)
        for key, title in SIGNER:
            self._line(f"signer.{key}", title)
        if selected.step == "07":
            self._cost_rows(selected.known)
        else:
            self._answer_rows()
        self.form_button.setEnabled(True)

    def _cost_rows(self, known: dict[str, str]) -> None:
        for key, title in PARTIES_07:
            self._line(key, title, known.get(key, ""))
        rate = QComboBox()
        for choice in VatRate:
            rate.addItem(choice.value, choice)
        rate.setCurrentIndex(rate.findData(DEFAULT_RATE))
        self._add("cost.rate", "Ставка НДС", rate)
        for key, title in COST:
            self._line(f"cost.{key}", title, "643" if key == "currency" else "")
        self.rows.addRow("", self.total)
        vat = self.fields["cost.vat"]
        assert isinstance(vat, QLineEdit)
        vat.setPlaceholderText("по ставке, если не указана")
        rate.currentIndexChanged.connect(self._show_total)
        for key in ("cost.without_vat", "cost.vat"):
            edit = self.fields[key]
            assert isinstance(edit, QLineEdit)
            edit.textChanged.connect(self._show_total)
        for key, title in ACCOUNT:
            self._line(f"account.{key}", title)

    def _show_total(self) -> None:
        """The VAT and the total of what is typed so far, as title 07 will state them."""
        try:
            cost = cost_of(field_values(self.fields))
        except InputError:
            self.total.setText("")
            return
        tax = f"НДС {format_rub(cost.vat)}" if cost.vat is not None else "без НДС"
        self.total.setText(f"Итого с НДС: {format_rub(cost.total)} ({tax})")

    def _answer_rows(self) -> None:
        agreed = QCheckBox("Со стоимостью перевозки согласен (снимите отметку, если не согласны)")
        agreed.setChecked(True)
        self._add("agreed", "", agreed)
        reason = self._line("reason", "Причина несогласия")
        reason.setEnabled(False)
        agreed.toggled.connect(lambda checked: reason.setEnabled(not checked))
        self._line("economic_entity", "Грузоотправитель (наименование)")
        for key, title in PAYER:
            self._line(f"payer.{key}", title)
        self._add("payer.basis.date", "Дата документа", date_edit())
        self._line("payer.basis.issuer_inn", "ИНН составившего документ")

    def _not_loaded(self, exc: BaseException) -> None:
        self.about.setText(NO_TITLE)
        if isinstance(exc, InputError):
            self.problems.setText(exc.message)
        else:
            show_error(self, exc)

    def form_title(self) -> None:
        selected = self._selected
        if selected is None:
            return
        values, services, document_id = field_values(self.fields), self._services, self._document_id
        form = form_cost if selected.step == "07" else form_answer
        self._executor.submit(lambda: form(services, document_id, values), self._formed, self._refused)

    def _formed(self, document_id: int) -> None:
        self.formed.emit(document_id)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        show_problems(self, self.fields, self.problems, exc)

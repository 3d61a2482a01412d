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

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from edo_app.errors import InputError
from edo_app.model.money import format_rub
from edo_app.model.vat import VatRate
from edo_app.services import Services
from ui.editor_etrn.pud_forming import (
    ACCOUNT,
    NO_TITLE,
    Selected,
    cost_of,
    form_answer,
    form_cost,
    selected_title,
)
from ui.editor_etrn.title_dialog import TitleDialog
from ui.editor_etrn.title_fields import SIGNER, field_values, selected_document
from ui.editor_hr.fields import date_edit
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
    document_id = selected_document(window, TITLE, NO_TITLE)
    if document_id is not None:
        PudTitlesDialog(window.services, window.executor, document_id, window).exec()


class PudTitlesDialog(TitleDialog):
    def __init__(self, services: Services, executor: Executor, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, executor, document_id, parent, title=TITLE, no_title=NO_TITLE)
        self._selected: Selected | None = None
        self.total = QLabel()
        self.load(lambda: selected_title(services, document_id), self._loaded)

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

    def form_title(self) -> None:
        selected = self._selected
        if selected is not None:
            self.submit_form(form_cost if selected.step == "07" else form_answer)

"""The editor's header: function, number, date, seller, buyer and the signer.

The seller is one of the user's own organisations, the buyer is picked from the counterparty
directory with a search box; both keep what a reopened draft names even when the directory
no longer holds it. ``mark`` paints a field red with its problem as the tooltip.
Other kinds pass their own ``functions`` (none: no function row) and ``roles`` (the акт's
«Исполнитель» and «Заказчик»).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QWidget,
)

from edo_app.services import Counterparty
from ui.editor.form_data import EditorForm, PartyInput
from ui.editor.issue_targets import Field
from ui.editor.signer_box import SignerBox

FUNCTIONS = (("СЧФДОП", "СЧФДОП — счёт-фактура и передаточный документ"), ("СЧФ", "СЧФ — только счёт-фактура"),
             ("ДОП", "ДОП — только передаточный документ"))
ROLES = ("Продавец", "Покупатель")
SEARCH_DELAY_MS = 300  # look buyers up after a pause in typing
ISSUE_STYLE = "{kind} {{ border: 2px solid #c00020; }}"


def party_label(party: PartyInput) -> str:
    kpp = f", КПП {party.kpp}" if party.kpp else ""
    return f"{party.name} (ИНН {party.inn}{kpp})"


def party_of(entry: Counterparty) -> PartyInput:
    return PartyInput(entry.name, entry.inn, entry.kpp, entry.edo_id)


class HeaderForm(QWidget):
    changed = Signal()  # any value the document depends on
    buyer_search = Signal(str)  # the text to look buyers up by

    def __init__(self, parent: QWidget | None = None, functions: tuple[tuple[str, str], ...] = FUNCTIONS,
                 roles: tuple[str, str] = ROLES) -> None:
        super().__init__(parent)
        self._roles = roles
        self.function = QComboBox()
        for value, label in functions:
            self.function.addItem(label, value)
        self.number = QLineEdit()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd.MM.yyyy")
        self.seller, self.buyer = QComboBox(), QComboBox()
        self.seller_address, self.buyer_address = QLineEdit(), QLineEdit()
        self.buyer_filter = QLineEdit()
        self.buyer_filter.setPlaceholderText(f"Поиск: {roles[1].lower()} по наименованию или ИНН")
        self.buyer_filter.setClearButtonEnabled(True)
        self.signer_box = SignerBox()
        self.signer = self.signer_box.edits
        self._widgets: dict[Field, QWidget] = {
            Field.FUNCTION: self.function, Field.NUMBER: self.number, Field.DATE: self.date,
            Field.SELLER: self.seller, Field.SELLER_ADDRESS: self.seller_address, Field.BUYER: self.buyer,
            Field.BUYER_ADDRESS: self.buyer_address, **self.signer}
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        document = QFormLayout()
        if self.function.count():
            document.addRow("Функция", self.function)
        else:
            self.function.setParent(self)  # kept for fill/load, never shown
            self.function.hide()
        document.addRow("Номер", self.number)
        document.addRow("Дата", self.date)
        seller = QFormLayout()
        seller.addRow("Организация", self.seller)
        seller.addRow("Адрес", self.seller_address)
        buyer = QFormLayout()
        buyer.addRow("Найти", self.buyer_filter)
        buyer.addRow("Контрагент", self.buyer)
        buyer.addRow("Адрес", self.buyer_address)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        places = (("Документ", document, 0, 0), (self._roles[0], seller, 0, 1), (self._roles[1], buyer, 1, 1))
        for title, form, row, column in places:
            box = QGroupBox(title)
            box.setLayout(form)
            grid.addWidget(box, row, column)
        grid.addWidget(self.signer_box, 1, 0)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(0, 1)

    def _connect(self) -> None:
        for widget in self._widgets.values():
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.changed)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.changed)
        self.date.dateChanged.connect(self.changed)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.buyer_search.emit(self.buyer_filter.text()))
        self.buyer_filter.textChanged.connect(self._search_timer.start)

    # --- parties ------------------------------------------------------------------------------
    def set_sellers(self, entries: list[Counterparty]) -> None:
        fill_parties(self.seller, [party_of(e) for e in entries])

    def set_buyers(self, entries: list[Counterparty]) -> None:
        fill_parties(self.buyer, [party_of(e) for e in entries])

    # --- values -------------------------------------------------------------------------------
    def fill(self, form: EditorForm) -> None:
        """Copy the header's values into ``form``."""
        form.function = str(self.function.currentData() or "")
        form.number = self.number.text()
        chosen = self.date.date()
        form.date = date(chosen.year(), chosen.month(), chosen.day())
        form.seller = _party(self.seller, self.seller_address)
        form.buyer = _party(self.buyer, self.buyer_address)
        form.signer = self.signer_box.value()

    def load(self, form: EditorForm) -> None:
        self.function.setCurrentIndex(max(0, self.function.findData(form.function)))
        self.number.setText(form.number)
        self.date.setDate(QDate(form.date or date.today()))
        select_party(self.seller, form.seller)
        select_party(self.buyer, form.buyer)
        self.seller_address.setText(form.seller.address)
        self.buyer_address.setText(form.buyer.address)
        self.signer_box.load(form.signer)

    # --- issues -------------------------------------------------------------------------------
    def widget(self, field: Field) -> QWidget | None:
        return self._widgets.get(field)

    def mark(self, field: Field, message: str) -> None:
        widget = self._widgets.get(field)
        if widget is not None:
            mark_widget(widget, message)

    def clear_marks(self) -> None:
        for widget in self._widgets.values():
            clear_mark(widget)


def mark_widget(widget: QWidget, message: str) -> None:
    """Paint ``widget`` red with ``message`` added to its tooltip."""
    shown = widget.property("issue")
    text = f"{shown}\n{message}" if shown else message
    widget.setProperty("issue", text)
    widget.setToolTip(text)
    widget.setStyleSheet(ISSUE_STYLE.format(kind=type(widget).__name__))


def clear_mark(widget: QWidget) -> None:
    if widget.property("issue"):
        widget.setProperty("issue", "")
        widget.setToolTip("")
        widget.setStyleSheet("")


def fill_parties(combo: QComboBox, parties: list[PartyInput]) -> None:
    """New choices; the current party stays chosen (kept as an extra item when not among them)."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for party in parties:
        combo.addItem(party_label(party), party)
    combo.blockSignals(False)
    if isinstance(current, PartyInput):
        select_party(combo, current)
    else:
        combo.setCurrentIndex(0 if parties else -1)
        combo.currentIndexChanged.emit(combo.currentIndex())


def select_party(combo: QComboBox, party: PartyInput) -> None:
    if not party.inn:
        combo.setCurrentIndex(-1)
        return
    for position in range(combo.count()):
        item = combo.itemData(position)
        if isinstance(item, PartyInput) and (item.inn, item.kpp) == (party.inn, party.kpp):
            combo.setCurrentIndex(position)
            return
    combo.addItem(party_label(party), PartyInput(party.name, party.inn, party.kpp, party.edo_id))
    combo.setCurrentIndex(combo.count() - 1)


def _party(combo: QComboBox, address: QLineEdit) -> PartyInput:
    chosen = combo.currentData()
    if not isinstance(chosen, PartyInput):
        return PartyInput(address=address.text())
    return PartyInput(chosen.name, chosen.inn, chosen.kpp, chosen.edo_id, address.text())

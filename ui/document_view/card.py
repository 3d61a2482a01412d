"""The «Документ» tab: a DocumentCard drawn as fields, parties, the goods table and totals.

Cards of every kind have the same shape (services.document_cards builds them per kind), so
this one widget draws them all; a kind gets its full view by adding a card builder there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QTableView, QVBoxLayout, QWidget

from edo_app.services.document_cards import CardField, DocumentCard
from ui.document_view.table import TextTableModel, model_of, text_table

PARTY_HEADERS = ("Роль", "Наименование", "ИНН/КПП", "Адрес")


def _value_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _form(fields: tuple[CardField, ...]) -> QFormLayout:
    form = QFormLayout()
    for item in fields:
        form.addRow(f"{item.label}:", _value_label(item.value))
    return form


class CardView(QWidget):
    """Shows one card; ``show_card`` replaces what was shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a5a00;")
        self.fields = QGroupBox("Реквизиты", self)
        self.parties = text_table(PARTY_HEADERS, self, stretch=3)
        self.lines = text_table((), self, stretch=1)
        self.totals = QGroupBox("Итого", self)
        for widget in (self.title, self.note, self.fields, self.parties, self.lines, self.totals):
            self._layout.addWidget(widget)

    def show_card(self, card: DocumentCard) -> None:
        self.title.setText(card.title)
        self.note.setText(card.note)
        self.note.setVisible(bool(card.note))
        _replace_form(self.fields, card.fields)
        model_of(self.parties).set_rows([(p.role, p.name, p.inn_kpp, p.address) for p in card.parties])
        self.parties.setVisible(bool(card.parties))
        _fit_rows(self.parties)
        if card.table is not None:
            old = self.lines.model()
            self.lines.setModel(TextTableModel(card.table.headers, card.table.rows, self.lines))
            old.deleteLater()
        self.lines.setVisible(card.table is not None)
        _replace_form(self.totals, card.totals)
        self.totals.setVisible(bool(card.totals))

    def field_text(self) -> str:
        """Every label and value shown in the field and total boxes (tests, copying)."""
        return "\n".join(label.text() for box in (self.fields, self.totals) for label in box.findChildren(QLabel))


def _replace_form(box: QGroupBox, fields: tuple[CardField, ...]) -> None:
    old = box.layout()
    if old is not None:
        QWidget().setLayout(old)  # re-parent the old layout (and its labels) to a throwaway widget
    box.setLayout(_form(fields))


def _fit_rows(table: QTableView) -> None:
    """A short table (parties) as tall as its rows, so the goods table gets the room."""
    rows = table.model().rowCount()
    height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(rows)) + 4
    table.setMaximumHeight(max(height, 40))

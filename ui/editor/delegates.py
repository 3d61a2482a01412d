"""Cell editors of the goods table: text that commits on every keystroke (so amounts follow
the typing), the ОКЕИ unit as an editable list of the common codes, the VAT rate as a list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from edo_app.model.okei import COMMON_UNITS
from edo_app.model.vat import VatRate
from ui.editor.issue_targets import LineColumn

Index = QModelIndex | QPersistentModelIndex


class LiveTextDelegate(QStyledItemDelegate):
    """A line edit whose every change reaches the model at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.textEdited.connect(lambda _text: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if editor.text() != text:  # the model echoes our own commit: keep the cursor where it is
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of fixed choices; ``editable`` lets the user type a value not in the list."""

    def __init__(self, choices: list[tuple[str, str]], editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices  # (value stored, label shown)
        self._editable = editable

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        editor.setEditable(self._editable)
        for value, label in self._choices:
            editor.addItem(label, value)
        editor.activated.connect(lambda _i: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = str(index.data(Qt.ItemDataRole.EditRole) or "")
        position = editor.findData(value)
        if position >= 0:
            editor.setCurrentIndex(position)
        else:
            editor.setEditText(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        # a listed unit goes in as its label «796 шт», so its name comes with the code
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


def unit_delegate(parent: QWidget) -> ChoiceDelegate:
    return ChoiceDelegate([(unit.code, unit.label) for unit in COMMON_UNITS], editable=True, parent=parent)


def rate_delegate(parent: QWidget, rates: Sequence[VatRate] = tuple(VatRate)) -> ChoiceDelegate:
    return ChoiceDelegate([(rate.value, rate.value) for rate in rates], editable=False, parent=parent)


def apply_delegates(view: QTableView, rates: Sequence[VatRate] = tuple(VatRate)) -> None:
    """``rates``: the VAT rates the document's format allows (the 5.01 formats list fewer)."""
    view.setItemDelegate(LiveTextDelegate(view))
    view.setItemDelegateForColumn(LineColumn.UNIT, unit_delegate(view))
    view.setItemDelegateForColumn(LineColumn.RATE, rate_delegate(view, rates))

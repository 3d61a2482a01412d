"""The one place where an exception becomes a message box (Anki style).

Every view hands failures to :func:`show_error`. A cancelled action shows nothing; an error of
the core shows its Russian message (and the field, for bad input); anything unexpected shows a
generic Russian message with the technical details folded away.
"""

from __future__ import annotations

import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from edo_app.errors import (
    CryptoError,
    EdoError,
    InputError,
    PoaError,
    SchemaError,
    StorageError,
    TransportError,
    UserCancelled,
)

# Most specific first: isinstance picks the first match.
_TITLES: tuple[tuple[type[EdoError], str], ...] = (
    (InputError, "Неверные данные"),
    (SchemaError, "Документ не прошёл проверку"),
    (CryptoError, "Ошибка подписи"),
    (PoaError, "Ошибка доверенности (МЧД)"),
    (TransportError, "Ошибка обмена с оператором"),
    (StorageError, "Ошибка базы данных"),
)
GENERIC_TITLE = "Непредвиденная ошибка"
GENERIC_TEXT = "Произошла непредвиденная ошибка. Действие не выполнено.\nПодробности для разработчиков — ниже."


def error_box(parent: QWidget | None, exc: BaseException) -> QMessageBox | None:
    """Build (without showing) the message box for ``exc``; None when nothing is to be shown."""
    if isinstance(exc, UserCancelled):
        return None
    box = QMessageBox(parent)
    if isinstance(exc, EdoError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_title(exc))
        box.setText(_text(exc))
        _add_details(box, exc)
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(GENERIC_TITLE)
        box.setText(GENERIC_TEXT)
        box.setDetailedText("".join(traceback.format_exception(exc)))
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    box = error_box(parent, exc)
    if box is not None:
        box.exec()


def _title(exc: EdoError) -> str:
    return next((title for cls, title in _TITLES if isinstance(exc, cls)), "Ошибка")


def _text(exc: EdoError) -> str:
    if isinstance(exc, InputError):
        return exc.message
    return str(exc) or _title(exc)


def _add_details(box: QMessageBox, exc: EdoError) -> None:
    if isinstance(exc, InputError) and exc.field:
        box.setInformativeText(f"Поле: {exc.field}")
    elif isinstance(exc, SchemaError):
        box.setDetailedText("\n".join(issue.describe() for issue in exc.report.issues))

"""show_error: the one mapping from exceptions to message boxes."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QMessageBox

from edo_app.errors import (
    CryptoError,
    InputError,
    SchemaError,
    StorageError,
    TransportError,
    UserCancelled,
    XmlInputError,
)
from edo_app.model.report import Issue, Report
from tests.ui.conftest import Shown
from ui.errors import GENERIC_TEXT, GENERIC_TITLE, error_box, show_error

CYRILLIC = re.compile("[А-Яа-яЁё]")


def test_cancel_shows_nothing(qapp: object, shown: Shown) -> None:
    assert error_box(None, UserCancelled()) is None
    show_error(None, UserCancelled())
    assert shown.boxes == []


def test_input_error_shows_message_and_field(qapp: object) -> None:
    box = error_box(None, InputError("цена не может быть отрицательной", "lines[2].price"))
    assert box is not None
    assert box.windowTitle() == "Неверные данные"
    assert box.text() == "цена не может быть отрицательной"
    assert box.informativeText() == "Поле: lines[2].price"
    assert box.icon() == QMessageBox.Icon.Warning


def test_xml_input_error_is_an_input_error_without_field(qapp: object) -> None:
    box = error_box(None, XmlInputError("Файл a.xml пуст"))
    assert box is not None
    assert (box.windowTitle(), box.text(), box.informativeText()) == ("Неверные данные", "Файл a.xml пуст", "")


@pytest.mark.parametrize(
    ("exc", "title"),
    [
        (CryptoError("КриптоПро не найден"), "Ошибка подписи"),
        (TransportError("оператор недоступен"), "Ошибка обмена с оператором"),
        (StorageError("База данных закрыта"), "Ошибка базы данных"),
    ],
)
def test_core_errors_get_their_title(qapp: object, exc: Exception, title: str) -> None:
    box = error_box(None, exc)
    assert box is not None
    assert box.windowTitle() == title
    assert box.text() == str(exc)


def test_schema_error_lists_issues_in_details(qapp: object) -> None:
    report = Report("f", "s", (Issue("значение не соответствует шаблону", "/Файл/@ИдФайл", "0100100"),))
    box = error_box(None, SchemaError(report))
    assert box is not None
    assert box.text().startswith("Документ не прошёл проверку")
    assert "[0100100] /Файл/@ИдФайл значение не соответствует шаблону" in box.detailedText()


def test_unknown_error_shows_generic_russian_text_and_traceback(qapp: object, shown: Shown) -> None:
    try:
        raise KeyError("oops")
    except KeyError as exc:
        show_error(None, exc)
    [box] = shown.boxes
    assert box.windowTitle() == GENERIC_TITLE
    assert box.text() == GENERIC_TEXT
    assert CYRILLIC.search(box.text())
    assert "KeyError" in box.detailedText()
    assert "Traceback" in box.detailedText()
    assert box.icon() == QMessageBox.Icon.Critical

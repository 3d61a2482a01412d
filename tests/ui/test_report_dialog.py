"""The report dialog: verdict, issue table (errors first), copy to clipboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from edo_app.model.report import Issue, Report, Severity, Source
from ui.dialogs.report import ReportDialog, report_text, verdict

WARNING = Issue("дата документа в будущем", "/Файл/Документ/СвСчФакт/@ДатаДок", "", 4, Severity.WARNING,
                Source.BUSINESS)
ERROR = Issue("контрольное число ИНН неверно", "/Файл/Документ/СвСчФакт/СвПрод/ИдСв/СвЮЛУч/@ИННЮЛ", "0100200",
              7, Severity.ERROR, Source.BUSINESS)


def test_verdicts() -> None:
    assert verdict(Report()) == "Документ соответствует формату"
    assert verdict(Report(issues=(WARNING,))) == "Документ соответствует формату (предупреждений: 1)"
    assert verdict(Report(issues=(WARNING, ERROR))) == "Документ не прошёл проверку: ошибок — 1, предупреждений — 1"


def test_table_lists_errors_first_with_xpath_and_line(qtbot: QtBot) -> None:
    dialog = ReportDialog(Report("ON_X", "upd-5.03-seller", (WARNING, ERROR)))
    qtbot.addWidget(dialog)
    model = dialog.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Важность", "Код", "XPath", "Строка", "Сообщение"]
    rows = [[model.data(model.index(r, c)) for c in range(5)] for r in range(model.rowCount())]
    assert rows == [
        ["Ошибка", "0100200", ERROR.xpath, "7", ERROR.message],
        ["Предупреждение", "", WARNING.xpath, "4", WARNING.message],
    ]
    assert dialog.windowTitle() == "Результат проверки — ON_X"


def test_copy_puts_the_whole_report_on_the_clipboard(qtbot: QtBot, qapp: QApplication) -> None:
    report = Report("ON_X", "upd-5.03-seller", (ERROR,))
    dialog = ReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    text = QApplication.clipboard().text()
    assert text == report_text(report)
    assert text.splitlines() == [
        "Файл: ON_X",
        "Схема: upd-5.03-seller",
        "Документ не прошёл проверку: ошибок — 1, предупреждений — 0",
        ERROR.describe(),
    ]

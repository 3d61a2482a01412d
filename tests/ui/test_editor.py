"""The УПД editor: live amounts, issues beside their fields, drafts, forming a stored document."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from edo_app.documents import UpdSeller, from_xml
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.report import Issue, Report, Source
from edo_app.services import CounterpartyInput, DocumentQuery, EditorCheck, Services
from tests.ui.conftest import Shown
from ui.editor.editor import UpdEditor
from ui.editor.feature import DraftsDialog
from ui.editor.form_data import EditorForm, LineInput, PartyInput, SignerInput, to_input
from ui.editor.issue_targets import Field, LineColumn, Target, target_of_path, target_of_xpath
from ui.editor.lines_model import NO_VAT
from ui.main_window import MainWindow
from ui.ops import SyncExecutor

SELLER = CounterpartyInput("ООО «Северный ветер»", "7711043325", "771101001", "2AE7711043325", own=True)
BUYER = CounterpartyInput("АО «Медный бор»", "6611819605", "661101001", "2AE6611819605")
NBSP = "\u00a0"
Q, P, R = LineColumn.QUANTITY, LineColumn.PRICE, LineColumn.RATE


@pytest.fixture
def directory(services: Services) -> Services:
    services.counterparties.add(SELLER)
    services.counterparties.add(BUYER)
    return services


def _open(qtbot: QtBot, services: Services, draft_guid: str | None = None) -> UpdEditor:
    draft = services.upd_editor.open_draft(draft_guid) if draft_guid else None
    editor = UpdEditor(services, SyncExecutor(), draft)
    qtbot.addWidget(editor)
    return editor


@pytest.fixture
def editor(qtbot: QtBot, directory: Services, shown: Shown) -> Iterator[UpdEditor]:
    opened = _open(qtbot, directory)
    yield opened
    assert shown.boxes == [], [b.text() for b in shown.boxes]  # no unexpected error box


def _set(editor: UpdEditor, row: int, column: LineColumn, value: str) -> None:
    assert editor.lines.setData(editor.lines.index(row, column), value)


def _cell(editor: UpdEditor, row: int, column: LineColumn) -> str:
    return str(editor.lines.index(row, column).data())


def _fill_header(editor: UpdEditor) -> None:
    header = editor.header
    header.number.setText("УПД-7")
    header.date.setDate(QDate(2025, 3, 14))
    header.seller_address.setText("125009, г. Москва, ул. Садовая, д. 5")
    header.buyer_address.setText("620014, г. Екатеринбург, пр-т Мира, д. 17")
    for key, value in zip(header.signer, ("Орлов", "Пётр", "Ильич", "Директор"), strict=True):
        header.signer[key].setText(value)


def _fill_lines(editor: UpdEditor) -> None:
    for row, values in enumerate((("Бумага А4", "40", "389.50", "20%"), ("Кофе", "6", "1490", "10%"))):
        if row >= editor.lines.rowCount() - 1:
            editor.add_line()
        for column, value in zip((LineColumn.NAME, Q, P, R), values, strict=True):
            _set(editor, row, column, value)


def _rub(text: str) -> str:
    return text.replace(" ", NBSP)


def test_amounts_follow_the_typing(qtbot: QtBot, editor: UpdEditor) -> None:
    editor.show()
    _set(editor, 0, P, "389.50")
    index = editor.lines.index(0, Q)
    editor.table.setCurrentIndex(index)  # every edit trigger is on: the cell editor opens
    typing = editor.table.indexWidget(index)
    assert isinstance(typing, QLineEdit)
    qtbot.keyClicks(typing, "4")
    assert _cell(editor, 0, LineColumn.WITH_VAT) == _rub("1 869,60")  # 4 × 389.50 × 1.2, editor still open
    qtbot.keyClicks(typing, "0")
    assert [_cell(editor, 0, c) for c in (LineColumn.WITHOUT_VAT, LineColumn.VAT, LineColumn.WITH_VAT)] == [
        _rub("15 580,00"), _rub("3 116,00"), _rub("18 696,00")]


def test_kopecks_are_rounded_as_the_builder_does_and_totals_add_up(editor: UpdEditor) -> None:
    rows = (("0.333", "10", "20%"), ("3", "33.33", "20/120"), ("1", "2500", "без НДС"))
    for row, (quantity, price, rate) in enumerate(rows):
        if row:
            editor.add_line()
        _set(editor, row, LineColumn.NAME, f"Строка {row + 1}")
        _set(editor, row, Q, quantity)
        _set(editor, row, P, price)
        _set(editor, row, R, rate)
    amounts = [[_cell(editor, row, c) for c in (LineColumn.WITHOUT_VAT, LineColumn.VAT, LineColumn.WITH_VAT)]
               for row in range(3)]
    # 0.333 × 10 = 3.33, 20 % = 0.666 → 0.67; 99.99 × 20/100 = 19.998 → 20.00; no tax at «без НДС»
    assert amounts == [["3,33", "0,67", "4,00"], ["99,99", "20,00", "119,99"], [_rub("2 500,00"), NO_VAT,
                                                                                _rub("2 500,00")]]
    totals = editor.lines.totals()
    assert (totals.without_vat, totals.vat, totals.with_vat) == (Decimal("2603.32"), Decimal("20.67"),
                                                                 Decimal("2623.99"))
    assert [_cell(editor, 3, c) for c in (LineColumn.NAME, LineColumn.WITH_VAT)] == ["Всего к оплате",
                                                                                   _rub("2 623,99")]
    _set(editor, 0, P, "abc")  # an unfinished number: the line has no amounts, the totals drop it
    assert _cell(editor, 0, LineColumn.WITH_VAT) == ""
    assert editor.lines.totals().with_vat == Decimal("2619.99")
    for row in (1, 2):
        _set(editor, row, P, "")
    assert [_cell(editor, 3, c) for c in (LineColumn.WITHOUT_VAT, LineColumn.VAT, LineColumn.WITH_VAT)] == \
        ["", "", ""]  # no line computes: an empty totals row, not «без НДС»


def test_unit_combo_takes_a_listed_or_a_typed_code(editor: UpdEditor) -> None:
    _set(editor, 0, LineColumn.UNIT, "166 кг")
    assert (editor.lines.lines()[0].unit_code, _cell(editor, 0, LineColumn.UNIT)) == ("166", "166 кг")
    _set(editor, 0, LineColumn.UNIT, "006")
    assert _cell(editor, 0, LineColumn.UNIT) == "006 м"
    _set(editor, 0, LineColumn.UNIT, "")
    assert to_input(editor.form_values())["lines"][0]["unit_code"] == ""


def test_bad_quantity_is_shown_at_its_cell_and_fixing_clears_it(editor: UpdEditor) -> None:
    _fill_header(editor)
    _fill_lines(editor)
    _set(editor, 1, Q, "0")
    editor.validate_now()
    assert "больше нуля" in editor.lines.issue_at(1, Q)
    assert editor.lines.index(1, Q).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "Строка 2, количество: значение должно быть больше нуля" in editor.issues.texts()
    assert editor.issues.item(0).toolTip() == "lines[1].quantity"  # the path the check gave
    editor.issues.itemClicked.emit(editor.issues.item(0))  # clicking the issue goes to the cell
    assert (editor.table.currentIndex().row(), editor.table.currentIndex().column()) == (1, Q)
    _set(editor, 1, Q, "6")
    editor.validate_now()
    assert editor.lines.issue_at(1, Q) == ""
    assert editor.issues.texts() == []
    assert editor.status.text() == "Документ готов к формированию"


def test_bad_buyer_inn_of_a_draft_is_marked_on_the_buyer(qtbot: QtBot, directory: Services, shown: Shown) -> None:
    data = to_input(_form(buyer_inn="6611819606"))
    guid = directory.upd_editor.save_draft(data)
    editor = _open(qtbot, directory, guid)
    buyer = editor.header.buyer
    assert "неверное контрольное число" in buyer.toolTip() and buyer.styleSheet()
    assert any(text.startswith("Покупатель: ИНН") for text in editor.issues.texts())
    editor.header.buyer.setCurrentIndex(editor.header.buyer.findText(BUYER.name, Qt.MatchFlag.MatchStartsWith))
    editor.validate_now()
    assert buyer.toolTip() == "" and buyer.styleSheet() == ""
    assert editor.issues.texts() == []


def test_a_partial_draft_is_saved_and_reopens_as_it_was(qtbot: QtBot, editor: UpdEditor,
                                                        directory: Services) -> None:
    _fill_header(editor)
    editor.header.number.setText("")  # incomplete on purpose: a draft need not be valid
    _fill_lines(editor)
    _set(editor, 1, P, "12,5")
    before = editor.form_values()
    with qtbot.waitSignal(editor.draft_saved) as saved:
        editor.save_draft()
    [info] = directory.upd_editor.drafts()
    assert info.guid == saved.args[0] == before.guid and info.buyer == BUYER.name
    reopened = _open(qtbot, directory, info.guid)
    assert reopened.form_values() == before
    assert any(text.startswith("Номер: обязательное поле") for text in reopened.issues.texts())
    assert directory.library.count(DocumentQuery()) == 0  # a draft is not a registry document


def test_forming_stores_a_valid_outgoing_document(qtbot: QtBot, editor: UpdEditor, directory: Services) -> None:
    _fill_header(editor)
    _fill_lines(editor)
    directory.upd_editor.save_draft(editor.input_data())
    with qtbot.waitSignal(editor.formed) as formed:
        editor.form_document()
    stored = directory.library.get(formed.args[0])
    assert (stored.direction, stored.status) == (Direction.OUTGOING, DocumentStatus.VALIDATED)
    doc = from_xml(stored.content)
    assert isinstance(doc, UpdSeller)
    assert [(ln.name, ln.quantity, ln.price, ln.vat_rate.value, ln.amount_with_vat) for ln in doc.lines] == [
        ("Бумага А4", Decimal("40"), Decimal("389.50"), "20%", Decimal("18696.00")),
        ("Кофе", Decimal("6"), Decimal("1490"), "10%", Decimal("9834.00"))]
    assert (doc.number, doc.doc_date, doc.buyers[0].party.inn) == ("УПД-7", date(2025, 3, 14), BUYER.inn)
    assert directory.upd_editor.drafts() == []  # the draft became the document


def test_an_invalid_form_stores_nothing(editor: UpdEditor, directory: Services) -> None:
    _fill_header(editor)
    _fill_lines(editor)
    _set(editor, 0, P, "12 руб")
    editor.form_document()
    assert directory.library.count(DocumentQuery()) == 0
    assert "не является числом" in editor.lines.issue_at(0, P)
    assert editor.status.text().startswith("Документ не сформирован")
    assert editor.result() == 0  # the editor stays open with the form as it was


def test_addresses_of_issues_map_to_fields_and_cells() -> None:
    assert target_of_path("lines[2].quantity") == Target(Field.LINES, 2, Q)
    assert target_of_path("buyer.inn") == Target(Field.BUYER)
    assert target_of_path("buyer.address.region_code") == Target(Field.BUYER_ADDRESS)
    assert target_of_path("file.recipient_id") == Target(Field.BUYER)
    assert target_of_path("signers[0].position") == Target(Field.SIGNER_POSITION)
    assert target_of_path("shipper.inn") is None
    assert target_of_xpath("/Файл/Документ/ТаблСчФакт/СведТов[3]/@КолТов") == Target(Field.LINES, 2, Q)
    assert target_of_xpath("/Файл/Документ/ТаблСчФакт/СведТов/СумНал/СумНал") == Target(
        Field.LINES, 0, LineColumn.VAT)
    assert target_of_xpath("/Файл/Документ/СвСчФакт/СвПокуп/ИдСв/СвЮЛУч/@ИННЮЛ") == Target(Field.BUYER)
    assert target_of_xpath("/Файл/Документ/СвСчФакт/@НомерДок") == Target(Field.NUMBER)


def _form(buyer_inn: str = BUYER.inn) -> EditorForm:
    return EditorForm(
        "СЧФДОП", "УПД-9", date(2025, 3, 14),
        PartyInput(SELLER.name, SELLER.inn, SELLER.kpp, SELLER.edo_id, "г. Москва, ул. Садовая, д. 5"),
        PartyInput(BUYER.name, buyer_inn, BUYER.kpp, BUYER.edo_id, "г. Екатеринбург, пр-т Мира, д. 17"),
        SignerInput("Орлов", "Пётр", "Ильич", "Директор"),
        [LineInput("Бумага", "796", "шт", "2", "10", "20%")])


def test_an_issue_of_the_built_xml_is_painted_at_its_cell(editor: UpdEditor) -> None:
    _fill_lines(editor)
    issue = Issue("цена не сходится со стоимостью", xpath="/Файл/Документ/ТаблСчФакт/СведТов[2]/@ЦенаТов",
                  code="biz.price", source=Source.BUSINESS)
    editor.show_check(EditorCheck(report=Report("x.xml", "upd", (issue,))))
    assert "цена не сходится" in editor.lines.issue_at(1, P)
    assert editor.issues.texts() == [issue.describe()]


class Deferred:
    """An executor that keeps calls until ``run_all``: answers arrive late, as from a worker."""

    def __init__(self) -> None:
        self.calls: list[tuple[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]]] = []

    def submit(self, call: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        self.calls.append((call, on_done, on_error))

    def run_all(self) -> None:
        calls, self.calls = self.calls, []
        for call, on_done, _ in calls:
            on_done(call())


def test_only_the_latest_check_is_shown_and_none_after_closing(qtbot: QtBot, directory: Services) -> None:
    executor = Deferred()
    editor = UpdEditor(directory, executor)
    qtbot.addWidget(editor)
    executor.run_all()  # the directory lists
    _fill_header(editor)
    _fill_lines(editor)
    _set(editor, 0, Q, "0")
    editor.validate_now()
    _set(editor, 0, Q, "1")
    editor.validate_now()
    executor.run_all()  # the older answer (quantity 0) arrives too, and is dropped
    assert editor.lines.issue_at(0, Q) == "" and editor.issues.texts() == []
    _set(editor, 0, Q, "0")
    editor.validate_now()
    editor.close()
    executor.run_all()  # an answer for a closed editor changes nothing and raises nothing
    assert editor.lines.issue_at(0, Q) == ""


def test_a_draft_opens_from_the_menu(qtbot: QtBot, window: MainWindow, directory: Services,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    guid = directory.upd_editor.save_draft(to_input(_form()))

    def pick_first(dialog: DraftsDialog) -> int:
        dialog.list.setCurrentRow(0)
        dialog._accept_current()
        return int(dialog.result())

    monkeypatch.setattr(DraftsDialog, "exec", pick_first)
    next(a for a in window.menu("Документ").actions() if a.text() == "Черновики УПД…").trigger()
    [editor] = window.findChildren(UpdEditor)
    assert editor.form_values().guid == guid and editor.header.number.text() == "УПД-9"
    assert editor.status.text() == "Документ готов к формированию"
    editor.close()


def test_buyer_is_searched_in_the_directory(qtbot: QtBot, editor: UpdEditor, directory: Services) -> None:
    other = CounterpartyInput("ООО «Василёк»", "7708123450", "770801001")
    directory.counterparties.add(other)
    editor.header.buyer_filter.setText("васил")
    qtbot.waitUntil(lambda: editor.header.buyer.count() == 2)  # the match, and the buyer chosen before
    editor.header.buyer.setCurrentIndex(editor.header.buyer.findText(other.name, Qt.MatchFlag.MatchStartsWith))
    assert editor.form_values().buyer.inn == other.inn
    assert SELLER.name not in [editor.header.buyer.itemText(i) for i in range(editor.header.buyer.count())]

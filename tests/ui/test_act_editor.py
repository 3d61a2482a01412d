"""The акт editor (executor's title 5.01): live amounts, issues in place, drafts, forming."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from edo_app.documents import ActSeller, primary_from_xml
from edo_app.documents.act_model import ACT_RATES
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.services import DocumentQuery, Services
from tests.ui.conftest import Shown
from tests.ui.primary_helpers import (
    CUSTOMER,
    ENTREPRENEUR,
    amounts,
    cell,
    fill_header,
    fill_lines,
    open_editor,
    service_of,
    set_cell,
)
from ui.editor.issue_targets import Field, LineColumn, Target, target_of_path, target_of_xpath
from ui.editor_primary.editor import ActEditor, PrimaryEditor
from ui.main_window import MainWindow

Q, P, R, NAME = LineColumn.QUANTITY, LineColumn.PRICE, LineColumn.RATE, LineColumn.NAME
WORKS = (("Техническое обслуживание кондиционеров", "4", "3500.00", "без НДС"),
         ("Выезд инженера", "2", "1200", "20%"),
         ("Консультация", "1.5", "333.33", "20%"))
SIGNER = ("Журавлёв", "Семён", "Глебович", "")


@pytest.fixture
def directory(services: Services) -> Services:
    services.counterparties.add(ENTREPRENEUR)  # the executor: an entrepreneur, the user's own
    services.counterparties.add(CUSTOMER)
    return services


@pytest.fixture
def editor(qtbot: QtBot, directory: Services, shown: Shown) -> Iterator[PrimaryEditor]:
    opened = open_editor(qtbot, directory, ActEditor)
    yield opened
    assert shown.boxes == [], [b.text() for b in shown.boxes]  # no unexpected error box


def _fill(editor: PrimaryEditor) -> None:
    fill_header(editor, "АКТ-14", SIGNER)
    fill_lines(editor, WORKS, (NAME, Q, P, R))


def test_the_form_speaks_of_executor_and_customer(editor: PrimaryEditor) -> None:
    assert editor.windowTitle() == "Акт — новый документ"
    assert editor.header.seller.currentText().startswith(ENTREPRENEUR.name)
    assert editor.header.buyer.currentText().startswith(CUSTOMER.name)
    assert editor.header.function.isHidden()  # 5.01 has no УПД function
    assert editor.lines.lines()[0].unit_code == ""  # a work starts without a unit
    combo = editor.table.itemDelegateForColumn(R).createEditor(editor.table, QStyleOptionViewItem(),
                                                               editor.lines.index(0, R))
    assert isinstance(combo, QComboBox)
    assert [combo.itemData(i) for i in range(combo.count())] == [rate.value for rate in ACT_RATES]


def test_typing_computes_exact_amounts_and_totals(editor: PrimaryEditor) -> None:
    _fill(editor)
    # 4 × 3500 without VAT; 2 × 1200 + 20 %; 1.5 × 333.33 = 499.995 → 500.00 (half up) + 100.00
    assert [amounts(editor, row) for row in range(3)] == [
        ["14 000,00", "без НДС", "14 000,00"], ["2 400,00", "480,00", "2 880,00"], ["500,00", "100,00", "600,00"]]
    totals = editor.lines.totals()
    assert (totals.without_vat, totals.vat, totals.with_vat) == (Decimal("16900.00"), Decimal("580.00"),
                                                                 Decimal("17480.00"))
    assert cell(editor, 3, LineColumn.WITH_VAT).replace("\u00a0", " ") == "17 480,00"


def test_an_empty_work_name_is_shown_at_its_cell(editor: PrimaryEditor) -> None:
    _fill(editor)
    set_cell(editor, 1, NAME, "")
    editor.validate_now()
    assert "обязательное поле" in editor.lines.issue_at(1, NAME)
    assert any(text.startswith("Строка 2, наименование") for text in editor.issues.texts())
    set_cell(editor, 1, NAME, "Выезд инженера")
    editor.validate_now()
    assert editor.issues.texts() == [] and editor.status.text() == "Документ готов к формированию"


def test_an_empty_signer_is_marked_on_its_field(editor: PrimaryEditor) -> None:
    _fill(editor)
    editor.header.signer[Field.SIGNER_LAST].setText("")
    editor.validate_now()
    assert "обязательное поле" in editor.header.signer[Field.SIGNER_LAST].toolTip()


def test_act_addresses_map_to_fields_and_cells() -> None:
    assert target_of_path("works[1].price") == Target(Field.LINES, 1, P)
    assert target_of_path("customer.kpp") == Target(Field.BUYER)
    assert target_of_path("executor.address") == Target(Field.SELLER_ADDRESS)
    works = "/Файл/Документ/СвДокПРУ/СодФХЖ1/ОписРабот"
    assert target_of_xpath(f"{works}/Работа[2]/@Цена") == Target(Field.LINES, 1, P)
    assert target_of_xpath(f"{works}/Работа/@СтоимУчНДС") == Target(Field.LINES, 0, LineColumn.WITH_VAT)
    assert target_of_xpath("/Файл/Документ/СвДокПРУ/СодФХЖ1/Заказчик/ИдСв/СвОрг/СвЮЛ/@КПП") == Target(Field.BUYER)


def test_forming_stores_a_valid_outgoing_act(qtbot: QtBot, editor: PrimaryEditor, directory: Services) -> None:
    _fill(editor)
    with qtbot.waitSignal(editor.formed) as formed:
        editor.form_document()
    stored = directory.library.get(formed.args[0])
    assert (stored.direction, stored.status, stored.summary.kind) == (
        Direction.OUTGOING, DocumentStatus.VALIDATED, DocumentKind.ACT_SELLER)
    doc = primary_from_xml(stored.content)
    assert isinstance(doc, ActSeller)
    assert [(w.name, w.quantity, w.price, w.vat_rate.value, w.okei, w.amount_with_vat) for w in doc.works] == [
        (WORKS[0][0], Decimal("4"), Decimal("3500.00"), "без НДС", "", Decimal("14000.00")),
        (WORKS[1][0], Decimal("2"), Decimal("1200"), "20%", "", Decimal("2880.00")),
        (WORKS[2][0], Decimal("1.5"), Decimal("333.33"), "20%", "", Decimal("600.00"))]
    assert doc.totals == editor.lines.totals()  # the table showed what the document carries
    assert doc.executor.entrepreneur and doc.executor.party.inn == ENTREPRENEUR.inn
    assert doc.head.signers[0].kind == "ИП"
    assert (doc.head.number, doc.head.doc_date, doc.customer.party.inn) == ("АКТ-14", date(2025, 3, 31),
                                                                           CUSTOMER.inn)


def test_basis_and_period_go_into_the_act_and_a_reversed_period_is_marked(qtbot: QtBot, editor: PrimaryEditor,
                                                                          directory: Services) -> None:
    _fill(editor)
    extras = editor.extras
    assert extras.period is not None
    extras.basis_name.setText("Договор оказания услуг")
    extras.basis_number.setText("Д-17/2025")
    extras.basis_date.setDate(QDate(2025, 1, 10))
    extras.period[0].setDate(QDate(2025, 3, 31))
    extras.period[1].setDate(QDate(2025, 3, 1))  # before the start
    editor.validate_now()
    assert "позже" in extras.period[1].toolTip() and extras.period[1].styleSheet()
    item = next(editor.issues.item(i) for i in range(editor.issues.count()) if "позже" in editor.issues.item(i).text())
    with qtbot.waitSignal(editor.issues.address_chosen) as chosen:
        editor.issues.itemClicked.emit(item)  # the issue leads to the period's end
    assert chosen.args == ["work_end"] and extras.widget_at("work_end") is extras.period[1]
    extras.period[0].setDate(QDate(2025, 3, 1))
    extras.period[1].setDate(QDate(2025, 3, 31))
    editor.validate_now()
    assert extras.period[1].toolTip() == "" and editor.issues.texts() == []
    with qtbot.waitSignal(editor.formed) as formed:
        editor.form_document()
    act = primary_from_xml(directory.library.get(formed.args[0]).content)
    assert isinstance(act, ActSeller)
    basis = act.head.bases[0]
    assert (basis.name, basis.number, basis.date) == ("Договор оказания услуг", "Д-17/2025", date(2025, 1, 10))
    assert (act.work_start, act.work_end, act.transfer_date) == (date(2025, 3, 1), date(2025, 3, 31),
                                                                 date(2025, 3, 31))


def test_an_invalid_act_stores_nothing(editor: PrimaryEditor, directory: Services) -> None:
    _fill(editor)
    set_cell(editor, 0, P, "3500 руб")
    editor.form_document()
    assert directory.library.count(DocumentQuery()) == 0
    assert "не является числом" in editor.lines.issue_at(0, P)
    assert editor.status.text().startswith("Документ не сформирован")


def test_a_draft_reopens_as_it_was_and_stays_apart_from_upd_drafts(qtbot: QtBot, editor: PrimaryEditor,
                                                                   directory: Services) -> None:
    _fill(editor)
    editor.extras.basis_name.setText("Договор")
    editor.header.number.setText("")  # a draft need not be valid
    before = editor.form_values()
    with qtbot.waitSignal(editor.draft_saved):
        editor.save_draft()
    [info] = service_of(directory, ActEditor).drafts()
    assert info.buyer == CUSTOMER.name and directory.upd_editor.drafts() == []
    reopened = open_editor(qtbot, directory, ActEditor, info.guid)
    assert reopened.form_values() == before and reopened.input_data() == editor.input_data()
    assert reopened.windowTitle() == "Акт — черновик"
    assert any(text.startswith("Номер: обязательное поле") for text in reopened.issues.texts())


def test_the_menu_opens_the_act_editor(qtbot: QtBot, window: MainWindow) -> None:
    titles = [action.text() for action in window.menu("Документ").actions()]
    assert {"Новый акт…", "Черновики актов…", "Новая ТОРГ-12…", "Черновики ТОРГ-12…"} <= set(titles)
    action = next(a for a in window.menu("Документ").actions() if a.text() == "Новый акт…")
    action.trigger()
    opened = [w for w in window.findChildren(ActEditor)]
    assert len(opened) == 1 and opened[0].isVisible()
    opened[0].close()

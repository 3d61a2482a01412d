"""The ТОРГ-12 editor (seller's title 5.01): goods with ОКЕИ units, live totals, issues in place."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from edo_app.documents import Torg12Seller, primary_from_xml
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.services import DocumentQuery, Services
from tests.ui.conftest import Shown
from tests.ui.primary_helpers import CUSTOMER, ORGANISATION, amounts, fill_header, fill_lines, open_editor, set_cell
from ui.editor.issue_targets import Field, LineColumn, Target, target_of_path, target_of_xpath
from ui.editor_primary.editor import PrimaryEditor, Torg12Editor
from ui.editor_primary.form_data import to_input

Q, P, R, NAME, UNIT = LineColumn.QUANTITY, LineColumn.PRICE, LineColumn.RATE, LineColumn.NAME, LineColumn.UNIT
GOODS = (("Кабель медный ВВГ 3х2,5", "006 м", "150", "98.40", "20%"),
         ("Краска фасадная белая", "166 кг", "42.5", "310.00", "20%"),
         ("Бумага офисная А4", "796", "20", "415.005", "10%"))
SIGNER = ("Соколов", "Андрей", "Ильич", "Генеральный директор")


@pytest.fixture
def directory(services: Services) -> Services:
    services.counterparties.add(ORGANISATION)
    services.counterparties.add(CUSTOMER)
    return services


@pytest.fixture
def editor(qtbot: QtBot, directory: Services, shown: Shown) -> Iterator[PrimaryEditor]:
    opened = open_editor(qtbot, directory, Torg12Editor)
    yield opened
    assert shown.boxes == [], [b.text() for b in shown.boxes]  # no unexpected error box


def _fill(editor: PrimaryEditor) -> None:
    fill_header(editor, "ТН-452", SIGNER)
    fill_lines(editor, GOODS, (NAME, UNIT, Q, P, R))


def test_goods_take_okei_units_and_amounts_follow_the_typing(editor: PrimaryEditor) -> None:
    assert editor.windowTitle() == "ТОРГ-12 — новый документ"
    assert (editor.lines.lines()[0].unit_code, editor.lines.lines()[0].unit_name) == ("796", "шт")
    _fill(editor)
    assert [(line.unit_code, line.unit_name) for line in editor.lines.lines()] == [("006", "м"), ("166", "кг"),
                                                                                   ("796", "шт")]
    # 150 × 98.40; 42.5 × 310; 20 × 415.005 = 8300.10, 10 % = 830.01
    assert [amounts(editor, row) for row in range(3)] == [
        ["14 760,00", "2 952,00", "17 712,00"], ["13 175,00", "2 635,00", "15 810,00"],
        ["8 300,10", "830,01", "9 130,11"]]
    totals = editor.lines.totals()
    assert (totals.without_vat, totals.vat, totals.with_vat) == (Decimal("36235.10"), Decimal("6417.01"),
                                                                 Decimal("42652.11"))


def test_a_line_without_a_unit_is_marked_at_its_unit_cell(editor: PrimaryEditor) -> None:
    _fill(editor)
    set_cell(editor, 1, UNIT, "")
    editor.validate_now()
    assert "единицу измерения" in editor.lines.issue_at(1, UNIT)
    assert any(text.startswith("Строка 2, ед. изм.") for text in editor.issues.texts())
    editor.issues.itemClicked.emit(editor.issues.item(0))  # clicking the issue goes to the cell
    assert (editor.table.currentIndex().row(), editor.table.currentIndex().column()) == (1, UNIT)


def test_torg12_addresses_map_to_fields_and_cells() -> None:
    assert target_of_path("lines[2].okei") == Target(Field.LINES, 2, UNIT)
    assert target_of_path("seller.inn") == Target(Field.SELLER)
    goods = "/Файл/Документ/СвДокПТПрКроме/СодФХЖ2"
    assert target_of_xpath(f"{goods}/СвТов[3]/@НеттоПередано") == Target(Field.LINES, 2, Q)
    assert target_of_xpath(f"{goods}/СвТов[1]/@ОКЕИ_Тов") == Target(Field.LINES, 0, UNIT)
    assert target_of_xpath(f"{goods}/Всего/@СтУчНДСВс") is None  # the totals row: the list only
    fact = "/Файл/Документ/СвДокПТПрКроме/СвДокПТПр/СодФХЖ1"
    assert target_of_xpath(f"{fact}/Покупатель/Адрес/АдрИнф/@АдрТекст") == Target(Field.BUYER_ADDRESS)


def test_forming_stores_a_valid_outgoing_torg12(qtbot: QtBot, editor: PrimaryEditor, directory: Services) -> None:
    _fill(editor)
    assert editor.extras.period is None  # ТОРГ-12 has no period of works
    editor.extras.basis_name.setText("Договор поставки")
    editor.extras.basis_number.setText("П-88")
    data = to_input(Torg12Editor.kind, editor.form_values())
    assert (data["shipper"], data["consignee"], data["shipped_on"]) == ("seller", "buyer", "2025-03-31")
    with qtbot.waitSignal(editor.formed) as formed:
        editor.form_document()
    stored = directory.library.get(formed.args[0])
    assert (stored.direction, stored.status, stored.summary.kind) == (
        Direction.OUTGOING, DocumentStatus.VALIDATED, DocumentKind.TORG12_SELLER)
    doc = primary_from_xml(stored.content)
    assert isinstance(doc, Torg12Seller)
    assert [(ln.name, ln.okei, ln.unit_name, ln.quantity, ln.amount_with_vat) for ln in doc.lines] == [
        (GOODS[0][0], "006", "м", Decimal("150"), Decimal("17712.00")),
        (GOODS[1][0], "166", "кг", Decimal("42.5"), Decimal("15810.00")),
        (GOODS[2][0], "796", "шт", Decimal("20"), Decimal("9130.11"))]
    assert doc.totals == editor.lines.totals() and doc.total_quantity == Decimal("212.5")
    assert [(b.name, b.number, b.date) for b in doc.head.bases] == [("Договор поставки", "П-88", None)]
    assert doc.shipper == doc.seller and doc.consignee == doc.buyer and doc.shipped_on == date(2025, 3, 31)
    assert (doc.seller.party.inn, doc.buyer.party.inn, doc.head.signers[0].position) == (
        ORGANISATION.inn, CUSTOMER.inn, "Генеральный директор")


def test_basis_issues_are_placed_on_the_basis_fields(editor: PrimaryEditor) -> None:
    extras = editor.extras
    assert extras.widget_at("bases[0].number") is extras.basis_number
    assert extras.widget_at("/Файл/Документ/СвДокПТПрКроме/СвДокПТПр/Основание/@ДатаОсн") is extras.basis_date
    assert extras.widget_at("period.end") is None and extras.widget_at("lines[0].name") is None
    _fill(editor)
    extras.basis_number.setText("П-88")  # a number without the basis' name is not sent
    assert "bases" not in editor.input_data()
    extras.basis_name.setText("Д" * 256)  # over the format's 255 characters
    editor.validate_now()
    assert extras.basis_name.toolTip() and extras.basis_name.styleSheet()
    extras.basis_name.setText("Договор поставки")
    editor.validate_now()
    assert extras.basis_name.toolTip() == "" and editor.issues.texts() == []


def test_an_invalid_torg12_stores_nothing(editor: PrimaryEditor, directory: Services) -> None:
    _fill(editor)
    set_cell(editor, 2, R, "")
    editor.form_document()
    assert directory.library.count(DocumentQuery()) == 0
    assert "обязательное поле" in editor.lines.issue_at(2, R)
    assert editor.result() == 0  # the editor stays open with the form as it was

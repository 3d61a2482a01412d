"""The УКД editor built from a stored outgoing УПД: before values shown, after values edited,
increase / decrease exact as typed, issues at their cells, «Сформировать» stores a valid УКД."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from edo_app.documents import UpdSeller, file_name, make_line, to_xml, ukd_from_xml
from edo_app.documents.ukd_samples import original_for_ukd
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.model.vat import VatRate
from edo_app.schemas import validate_bytes
from edo_app.services import DocumentQuery, Services
from tests.ui.conftest import Shown
from ui.editor.feature import DraftsDialog
from ui.editor.issue_targets import Field
from ui.editor_ukd.editor import UkdEditor
from ui.editor_ukd.feature import editor_service
from ui.editor_ukd.lines_model import UkdColumn
from ui.main_window import MainWindow
from ui.ops import SyncExecutor
from ui.registry.folders import Folder

C = UkdColumn
NBSP = "\u00a0"


def _original(shift: int = 0, seed: int = 7) -> UpdSeller:
    """Seed 7: the seller is an entrepreneur (ИП); seed 1: an organisation."""
    upd = original_for_ukd(seed=seed, lines=2, shift=shift)
    lines = (make_line(1, "Бумага А4", Decimal("10"), Decimal("100.00"), VatRate.R20, okei="796", unit_name="шт"),
             make_line(2, "Кофе зерновой", Decimal("5"), Decimal("40.00"), VatRate.R10, okei="796", unit_name="шт"))
    guid = f"00000000-0000-4000-8000-{shift:012d}"  # another file for another document
    return replace(upd, lines=lines, file_id=replace(upd.file_id, guid=guid))


@pytest.fixture
def stored(services: Services) -> tuple[Services, UpdSeller, int]:
    upd = _original()
    result = services.library.import_bytes(to_xml(upd), file_name(upd), Direction.OUTGOING)
    assert result.document_id is not None, result.report.issues
    return services, upd, result.document_id


@pytest.fixture
def editor(qtbot: QtBot, stored: tuple[Services, UpdSeller, int], shown: Shown) -> UkdEditor:
    return _editor_on(qtbot, *stored)


def _editor_on(qtbot: QtBot, services: Services, upd: UpdSeller, document_id: int) -> UkdEditor:
    service = editor_service(services)
    opened = UkdEditor(service, SyncExecutor(), service.originals([document_id]))
    qtbot.addWidget(opened)
    opened.header.number.setText("УКД-15")
    day = upd.doc_date + timedelta(days=5)
    opened.header.date.setDate(QDate(day.year, day.month, day.day))
    opened.header.basis_number.setText("ДС-3")
    return opened


def _set(editor: UkdEditor, row: int, column: UkdColumn, value: str) -> None:
    assert editor.lines.setData(editor.lines.index(row, column), value)


def _cell(editor: UkdEditor, row: int, column: UkdColumn) -> str:
    return str(editor.lines.index(row, column).data()).replace(NBSP, " ")


def _outgoing(services: Services) -> list[int]:
    return [r.id for r in services.library.list_documents(DocumentQuery(direction=Direction.OUTGOING))]


def test_before_values_are_shown_and_read_only(editor: UkdEditor) -> None:
    assert [_cell(editor, 0, c) for c in (C.NUMBER, C.NAME, C.QUANTITY_BEFORE, C.PRICE_BEFORE, C.RATE_BEFORE,
                                          C.TOTAL_BEFORE)] == ["1", "Бумага А4", "10", "100", "20%", "1 200,00"]
    assert _cell(editor, 1, C.TOTAL_BEFORE) == "220,00"
    assert _cell(editor, 0, C.QUANTITY_AFTER) == "10"  # untouched: the after value is the before one
    assert _cell(editor, 0, C.INCREASE) == _cell(editor, 0, C.DECREASE) == ""
    assert not editor.lines.setData(editor.lines.index(0, C.PRICE_BEFORE), "1")


def test_increase_and_decrease_follow_the_typing(editor: UkdEditor) -> None:
    _set(editor, 0, C.PRICE_AFTER, "90")  # 10 × 90 × 1.2 = 1080: down by 120
    _set(editor, 1, C.QUANTITY_AFTER, "7")  # 7 × 40 × 1.1 = 308: up by 88
    assert [_cell(editor, 0, c) for c in (C.TOTAL_AFTER, C.INCREASE, C.DECREASE)] == ["1 080,00", "", "120,00"]
    assert [_cell(editor, 1, c) for c in (C.TOTAL_AFTER, C.INCREASE, C.DECREASE)] == ["308,00", "88,00", ""]
    up, down = editor.lines.totals()
    assert (up.without_vat, up.vat, up.with_vat) == (Decimal("80.00"), Decimal("8.00"), Decimal("88.00"))
    assert (down.without_vat, down.vat, down.with_vat) == (Decimal("100.00"), Decimal("20.00"), Decimal("120.00"))
    assert "с НДС 88,00" in editor.totals.text().replace(NBSP, " ")
    _set(editor, 1, C.RATE_AFTER, "20%")  # 7 × 40 × 1.2 = 336: up by 116
    assert _cell(editor, 1, C.INCREASE) == "116,00"


def test_an_invalid_after_value_is_shown_at_its_cell_and_nothing_is_stored(
        editor: UkdEditor, stored: tuple[Services, UpdSeller, int]) -> None:
    services = stored[0]
    _set(editor, 0, C.QUANTITY_AFTER, "-3")
    assert "отрицательным" in editor.lines.issue_at(0, C.QUANTITY_AFTER)  # at once, before any check
    before = _outgoing(services)
    editor.form_document()
    assert _outgoing(services) == before
    assert "отрицательным" in editor.lines.issue_at(0, C.QUANTITY_AFTER)
    assert any(t.startswith("Строка 1, «Кол-во после»") for t in _issue_texts(editor))
    _set(editor, 0, C.QUANTITY_AFTER, "12")
    assert editor.lines.issue_at(0, C.QUANTITY_AFTER) == ""


def test_a_missing_number_is_marked_on_its_field(editor: UkdEditor) -> None:
    _set(editor, 0, C.PRICE_AFTER, "95")
    editor.header.number.setText("")
    editor.validate_now()
    assert editor.header.number.toolTip() and editor.header.number.styleSheet()
    assert editor.status.text() == "Ошибок: 1"
    assert editor.header.date.toolTip() == ""


def test_forming_stores_a_valid_ukd_referring_to_the_original(
        qtbot: QtBot, editor: UkdEditor, stored: tuple[Services, UpdSeller, int]) -> None:
    services, upd, _ = stored
    _set(editor, 0, C.PRICE_AFTER, "90")
    _set(editor, 1, C.QUANTITY_AFTER, "7")
    editor.validate_now()
    assert editor.status.text() == "Документ готов к формированию"
    with qtbot.waitSignal(editor.formed) as formed:
        editor.form_document()
    document = services.library.get(formed.args[0])
    assert (document.summary.kind, document.direction) == (DocumentKind.UKD_SELLER, Direction.OUTGOING)
    assert document.status is DocumentStatus.VALIDATED
    assert validate_bytes(document.content, document.summary.file_id + ".xml").ok
    ukd = ukd_from_xml(document.content)
    assert [(i.number, i.date) for i in ukd.invoices] == [(upd.number, upd.doc_date)]
    assert (ukd.number, ukd.function) == ("УКД-15", "КСЧФДИС")
    assert [(ln.original_number, ln.total_change) for ln in ukd.lines] == [(1, Decimal("-120.00")),
                                                                          (2, Decimal("88.00"))]
    assert ukd.agreement is not None and ukd.agreement.basis_docs[0].number == "ДС-3"


def test_the_menu_opens_the_editor_on_the_selected_upd(stored: tuple[Services, UpdSeller, int], window: MainWindow,
                                                      shown: Shown, qtbot: QtBot) -> None:
    window.show_folder(Folder.OUTGOING)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.table.selectRow(0)
    assert window.selected_ids() == [stored[2]], [b.text() for b in shown.boxes]
    next(a for a in window.menu("Документ").actions() if a.text() == "Корректировка (УКД)…").trigger()
    [editor] = window.findChildren(UkdEditor)
    assert editor.lines.rowCount() == 2


def test_one_ukd_corrects_two_originals_of_the_same_parties(qtbot: QtBot, services: Services, shown: Shown) -> None:
    ids = []
    for upd in (_original(), _original(shift=3)):
        result = services.library.import_bytes(to_xml(upd), file_name(upd), Direction.OUTGOING)
        assert result.document_id is not None
        ids.append(result.document_id)
    service = editor_service(services)
    editor = UkdEditor(service, SyncExecutor(), service.originals(ids))
    qtbot.addWidget(editor)
    editor.header.number.setText("УКД-16")
    assert editor.lines.rowCount() == 4
    _set(editor, 1, C.PRICE_AFTER, "30")  # the first document's line 2: 5 × 30 × 1.1 = 165, down by 55
    editor.validate_now()
    assert any("ничего не изменено" in t for t in _issue_texts(editor))  # the second document has no change
    _set(editor, 2, C.QUANTITY_AFTER, "11")  # the second document's line 1: up by 120
    with qtbot.waitSignal(editor.formed) as formed:
        editor.form_document()
    ukd = ukd_from_xml(services.library.get(formed.args[0]).content)
    assert [i.number for i in ukd.invoices] == [_original().number, _original(shift=3).number]
    assert [(ln.number, ln.original_number, ln.total_change) for ln in ukd.lines] == [
        (1, 2, Decimal("-55.00")), (2, 1, Decimal("120.00"))]
    assert shown.boxes == []


def _issue_texts(editor: UkdEditor) -> list[str]:
    return [editor.issues.item(i).text() for i in range(editor.issues.count())]


def _pick_first(dialog: DraftsDialog) -> int:
    dialog.list.setCurrentRow(0)
    dialog._accept_current()
    return int(dialog.result())


def test_a_draft_reopens_from_the_menu_as_it_was(qtbot: QtBot, editor: UkdEditor, window: MainWindow,
                                                 stored: tuple[Services, UpdSeller, int],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    services, upd, _ = stored
    _set(editor, 0, C.PRICE_AFTER, "90")
    _set(editor, 1, C.RATE_AFTER, "20%")
    editor.header.function.setCurrentIndex(editor.header.function.findData("ДИС"))
    editor.header.signer.edits[Field.SIGNER_FIRST].setText("Глеб")
    editor.header.number.setText("")  # a draft need not be valid
    with qtbot.waitSignal(editor.draft_saved) as saved:
        editor.save_draft()
    [info] = editor_service(services).drafts()
    assert (info.guid, info.buyer) == (saved.args[0], upd.buyer.party.name)
    assert services.upd_editor.drafts() == []  # the УКД drafts are kept apart
    monkeypatch.setattr(DraftsDialog, "exec", _pick_first)
    next(a for a in window.menu("Документ").actions() if a.text() == "Черновики УКД…").trigger()
    [reopened] = window.findChildren(UkdEditor)
    assert reopened.request() == editor.request()
    assert reopened.windowTitle().endswith("черновик")
    assert [_cell(reopened, 0, C.PRICE_AFTER), _cell(reopened, 1, C.RATE_AFTER)] == ["90", "20%"]
    assert reopened.header.signer.edits[Field.SIGNER_FIRST].text() == "Глеб"
    assert reopened.header.number.toolTip()  # the reopened draft is checked at once
    reopened.header.number.setText("УКД-17")
    with qtbot.waitSignal(reopened.formed):
        reopened.form_document()
    assert editor_service(services).drafts() == []  # formed: the draft is gone


@pytest.mark.parametrize(("seed", "position"), [(1, "Финансовый директор"), (7, "")])
def test_the_chosen_signer_signs_the_formed_ukd(qtbot: QtBot, services: Services, shown: Shown, seed: int,
                                               position: str) -> None:
    """An organisation's employee with his position, or (ИП) a person without one."""
    upd = _original(seed=seed)
    result = services.library.import_bytes(to_xml(upd), file_name(upd), Direction.OUTGOING)
    assert result.document_id is not None
    editor = _editor_on(qtbot, services, upd, result.document_id)
    original, edits = upd.signers[0], editor.header.signer.edits
    assert [edits[f].text() for f in (Field.SIGNER_LAST, Field.SIGNER_FIRST)] == [original.name.last,
                                                                                 original.name.first]
    assert edits[Field.SIGNER_POSITION].isEnabled() is bool(position)
    for field, value in ((Field.SIGNER_LAST, "Соколова"), (Field.SIGNER_FIRST, "Вера"),
                         (Field.SIGNER_MIDDLE, "Андреевна"), (Field.SIGNER_POSITION, position)):
        edits[field].setText(value)
    _set(editor, 0, C.PRICE_AFTER, "90")
    with qtbot.waitSignal(editor.formed) as formed:
        editor.form_document()
    [signer] = ukd_from_xml(services.library.get(formed.args[0]).content).signers
    assert (signer.name, signer.position) == (PersonName("Соколова", "Вера", "Андреевна"), position)
    assert signer.inn == upd.seller.party.inn
    assert signer.org_name == (upd.seller.party.name if position else "")


def test_a_signer_without_a_surname_is_marked_and_nothing_is_stored(
        editor: UkdEditor, stored: tuple[Services, UpdSeller, int]) -> None:
    _set(editor, 0, C.PRICE_AFTER, "90")
    surname = editor.header.signer.edits[Field.SIGNER_LAST]
    surname.setText("  ")
    before = _outgoing(stored[0])
    editor.form_document()
    assert _outgoing(stored[0]) == before
    assert "обязательное поле не заполнено" in surname.toolTip()
    assert any(t.startswith("signers[0].last_name: ") for t in _issue_texts(editor))

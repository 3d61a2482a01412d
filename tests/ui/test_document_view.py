"""The document window: every tab shows the stored document, verifying again, saving, and the
registry opening it (double click, «Документ → Открыть»). Documents are sample УПД signed with the
test PKI (tests/unit/services/document_world.py); calls run inline (SyncExecutor)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontInfo
from PySide6.QtWidgets import QFileDialog, QTableView
from pytestqt.qtbot import QtBot

from edo_app.crypto.verify import verify_detached
from edo_app.documents import UpdSeller, to_xml
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.money import format_rub
from edo_app.model.report import Report
from edo_app.services import Services, document_print
from edo_app.services.document_print import unsupported_message
from edo_app.storage.repository import DocumentRepository
from tests.ui import signed_world
from tests.ui.conftest import Shown
from tests.ui.helpers import covers, distinct_colours, ink_pixels
from tests.unit.crypto.fixtures import Pki
from tests.unit.services.document_world import SIGNER, store_signed_upd, tamper
from tests.unit.services.test_poa_registry import make_poa
from tests.unit.storage.factories import summary
from ui.bridge import EventBridge
from ui.document_view import DocumentWindow
from ui.document_view.table import model_of
from ui.main_window import MainWindow
from ui.ops import SyncExecutor, ThreadExecutor

pki, services, signed = signed_world.pki, signed_world.services, signed_world.signed  # the shared fixtures

TRUSTED = "Подпись действительна, сертификат выдан доверенным удостоверяющим центром"


@pytest.fixture
def doc_window(qtbot: QtBot, services: Services, signed: tuple[UpdSeller, int],
               shown: Shown) -> Iterator[DocumentWindow]:
    window = DocumentWindow(services, SyncExecutor(), signed[1])
    qtbot.addWidget(window)
    yield window
    window.close()


def column(table: QTableView, index: int) -> list[str]:
    model = model_of(table)
    return [model.cell(row, index) for row in range(model.rowCount())]


def test_document_tab_shows_number_parties_lines_and_totals(doc_window: DocumentWindow,
                                                            signed: tuple[UpdSeller, int]) -> None:
    doc, _ = signed
    card = doc_window.card
    assert card.title.text() == doc.doc_name
    fields = card.field_text()
    assert f"№ {doc.number} от {doc.doc_date:%d.%m.%Y}" in fields
    assert format_rub(doc.totals.with_vat) in fields and format_rub(doc.totals.without_vat) in fields
    assert column(card.parties, 0)[:2] == ["Продавец", "Покупатель"]
    assert column(card.parties, 1)[:2] == [doc.seller.name, doc.buyer.name]
    assert column(card.lines, 1) == [line.name for line in doc.lines]
    assert doc_window.windowTitle() == f"УПД (титул продавца) № {doc.number} — Подписан"
    assert "Документ соответствует формату" in doc_window.status_label.text()


def test_xml_signatures_poa_and_history_tabs(doc_window: DocumentWindow, signed: tuple[UpdSeller, int]) -> None:
    doc, _ = signed
    xml = doc_window.xml_tab.text
    assert xml.toPlainText() == to_xml(doc).decode("cp1251") and xml.isReadOnly()
    assert QFontInfo(xml.font()).fixedPitch()
    signatures = doc_window.signatures_tab
    assert column(signatures.table, 0) == [SIGNER]
    assert column(signatures.table, 6) == [TRUSTED]
    assert "Цепочка сертификатов: цепочка до доверенного сертификата" in signatures.details.toPlainText()
    assert not doc_window.poa_tab.empty.isHidden() and doc_window.poa_tab.tree.topLevelItemCount() == 0
    history = doc_window.history_tab
    assert column(history.events, 1) == ["Документ добавлен в реестр", "Добавлена подпись", "Изменён статус"]
    assert column(history.events, 2)[2] == "Проверен → Подписан"


def test_verify_again_updates_the_verdict(doc_window: DocumentWindow, services: Services,
                                          signed: tuple[UpdSeller, int], qtbot: QtBot) -> None:
    tamper(services, signed[1])
    qtbot.mouseClick(doc_window.signatures_tab.verify_button, Qt.MouseButton.LeftButton)
    [verdict] = column(doc_window.signatures_tab.table, 6)
    assert verdict.startswith("Подпись недействительна: ")
    assert column(doc_window.history_tab.events, 1)[-1] == "Подпись проверена"


def test_save_xml_and_signature_write_exact_bytes(doc_window: DocumentWindow, services: Services,
                                                  signed: tuple[UpdSeller, int], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    doc, document_id = signed
    asked: list[str] = []

    def choose(target: Path) -> None:
        def answer(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
            asked.append(suggested)
            return str(target), ""
        monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)

    choose(tmp_path / "doc.xml")
    doc_window.xml_tab.save_button.click()
    assert (tmp_path / "doc.xml").read_bytes() == to_xml(doc)
    choose(tmp_path / "doc.sig")
    doc_window.signatures_tab.save_button.click()
    [stored] = services.signing.signatures(document_id)
    assert (tmp_path / "doc.sig").read_bytes() == stored.der
    assert asked == [f"{doc.file_id}.xml", f"{doc.file_id}.xml.sig"]
    assert doc_window.status_label.text() == f"Файл сохранён: {tmp_path / 'doc.sig'}"


def test_poa_tab_shows_each_check(qtbot: QtBot, services: Services, signed: tuple[UpdSeller, int],
                                  shown: Shown) -> None:
    _, document_id = signed
    poa = make_poa(1)
    services.poas.attach_to_document(document_id, services.poas.create_poa(poa))
    window = DocumentWindow(services, SyncExecutor(), document_id)
    qtbot.addWidget(window)
    texts = window.poa_tab.texts()
    assert f"МЧД № {poa.number.lower()}" in texts and "недействительна" in texts
    at = texts.index("Представитель = владелец сертификата")
    assert texts[at + 1] == "не пройдена" and SIGNER in texts[at + 2]
    assert window.poa_tab.empty.isHidden()
    window.close()


def test_loads_on_the_worker_thread(qtbot: QtBot, services: Services, signed: tuple[UpdSeller, int],
                                    shown: Shown) -> None:
    executor = ThreadExecutor()
    window = DocumentWindow(services, executor, signed[1])
    qtbot.addWidget(window)
    assert window.view is None and window.status_label.text() == "Загрузка документа…"  # nothing read here yet
    qtbot.waitUntil(lambda: window.view is not None)
    assert column(window.signatures_tab.table, 0) == [SIGNER]
    executor.wait()
    window.close()


def test_an_open_window_follows_changes_made_elsewhere(qtbot: QtBot, services: Services,
                                                      signed: tuple[UpdSeller, int], shown: Shown) -> None:
    bridge = EventBridge(services.events)
    window = DocumentWindow(services, SyncExecutor(), signed[1], bridge=bridge)
    qtbot.addWidget(window)
    window.show()
    tamper(services, signed[1])
    services.signing.verify_document(signed[1])  # e.g. from another window: publishes Changes
    qtbot.waitUntil(lambda: column(window.signatures_tab.table, 6)[0].startswith("Подпись недействительна"))
    bridge.close()
    window.close()


def test_a_missing_document_shows_an_error(qtbot: QtBot, services: Services, shown: Shown) -> None:
    window = DocumentWindow(services, SyncExecutor(), 404)
    qtbot.addWidget(window)
    assert window.status_label.text() == "Не удалось загрузить документ."
    [box] = shown.boxes
    assert "404" in box.text()
    window.close()


@pytest.fixture
def incoming(services: Services, pki: Pki) -> tuple[UpdSeller, int]:
    """A signed УПД in «Входящие», the folder the registry opens with."""
    return store_signed_upd(services, pki, seed=8, direction=Direction.INCOMING)


@pytest.fixture
def main_window(qtbot: QtBot, services: Services, incoming: tuple[UpdSeller, int],
                shown: Shown) -> Iterator[MainWindow]:
    window = MainWindow(services, SyncExecutor())
    qtbot.addWidget(window)
    window.resize(1000, 500)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _action(window: MainWindow, text: str) -> QAction:
    return next(a for a in window.menu("Документ").actions() if a.text() == text)


def test_double_click_and_menu_open_the_document_window(main_window: MainWindow, qtbot: QtBot,
                                                        incoming: tuple[UpdSeller, int]) -> None:
    table = main_window.table
    center = table.visualRect(main_window.model.index(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)  # Qt pairs the double click with a press
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    [opened] = main_window.findChildren(DocumentWindow)
    assert opened.document_id == incoming[1] and opened.isVisible()
    assert opened.card.title.text() == incoming[0].doc_name
    opened.close()
    table.selectRow(0)
    _action(main_window, "&Открыть").trigger()
    assert main_window.findChildren(DocumentWindow) == [opened] and opened.isVisible()  # the same window again


def test_print_form_of_a_kind_without_one_says_so(main_window: MainWindow, services: Services,
                                                  shown: Shown, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(document_print.PRINT_FORMS, DocumentKind.ETRN, raising=False)  # a kind with no form
    etrn = replace(summary(3), kind=DocumentKind.ETRN, number="ТН-1")
    DocumentRepository(services.database).add_document(etrn, b"<x/>", Direction.INCOMING, DocumentStatus.RECEIVED,
                                                       Report())
    main_window.model.refresh()
    row = next(r for r in range(main_window.model.rowCount()) if main_window.model.row_at(r).kind is DocumentKind.ETRN)
    main_window.table.selectRow(row)
    _action(main_window, "&Печатная форма…").trigger()
    assert shown.boxes[-1].text() == unsupported_message(DocumentKind.ETRN)


def test_screenshot_of_the_document_window(doc_window: DocumentWindow, qtbot: QtBot, tmp_path: Path) -> None:
    doc_window.show()
    qtbot.waitExposed(doc_window)
    image = doc_window.grab().toImage()
    assert image.save(str(tmp_path / "document_window.png"))
    assert distinct_colours(image) > 20, "the window rendered (nearly) blank"
    title = doc_window.card.title
    assert covers(title.font(), title.text()) and covers(title.font(), "ПродавецПокупательИННКППНДС")
    assert ink_pixels(title.grab().toImage()) > 200, "the Cyrillic title drew nothing"
    header = doc_window.card.lines.horizontalHeader()
    assert covers(header.font(), "".join(model_of(doc_window.card.lines).headerData(i, Qt.Orientation.Horizontal)
                                         for i in range(9)))


def test_the_flow_bundle_of_the_selected_document_is_saved(main_window: MainWindow, services: Services,
                                                           incoming: tuple[UpdSeller, int], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "комплект.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))
    main_window.table.selectRow(0)
    _action(main_window, "Сохранить &комплект документооборота…").trigger()
    with zipfile.ZipFile(target) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    [xml] = [n for n in files if n.endswith(".xml")]
    assert files[xml] == services.library.get(incoming[1]).content
    assert all(v.valid for v in verify_detached(files[xml], files[xml + ".sig"]))
    assert "Комплект документооборота" in files["опись.txt"].decode("utf-8")
    assert main_window.statusBar().currentMessage() == f"Комплект документооборота сохранён: {target}"

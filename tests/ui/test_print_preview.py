"""The print preview: the УПД's PDF (with its signature stamp) loads into QtPdf, zooms, saves its
exact bytes, prints (to a PDF file through QPrinter) and renders Cyrillic."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from edo_app.documents import UpdSeller
from edo_app.model.kinds import DocumentKind
from edo_app.printing import STAMP_TITLE
from edo_app.services import Services
from tests.ui import signed_world
from tests.ui.conftest import Shown
from tests.ui.helpers import covers, distinct_colours, ink_pixels
from tests.unit.services.document_world import SIGNER
from ui.document_view import DocumentWindow
from ui.ops import SyncExecutor
from ui.print_preview import PrintPreview, open_print_preview

pki, services, signed = signed_world.pki, signed_world.services, signed_world.signed  # the shared fixtures


@pytest.fixture
def preview(qtbot: QtBot, services: Services, signed: tuple[UpdSeller, int], shown: Shown) -> Iterator[PrintPreview]:
    doc, document_id = signed
    opened = open_print_preview(None, services, SyncExecutor(), document_id, kind=DocumentKind.UPD_SELLER,
                                file_name=f"{doc.file_id}.xml")
    assert opened is not None
    qtbot.addWidget(opened)
    qtbot.waitUntil(lambda: opened.document.status() is QPdfDocument.Status.Ready)
    yield opened
    opened.close()


def page_text(document: QPdfDocument, page: int = 0) -> str:
    return document.getAllText(page).text()


def test_preview_loads_the_pdf_with_the_stamp(preview: PrintPreview, signed: tuple[UpdSeller, int]) -> None:
    doc, _ = signed
    pages = preview.document.pageCount()
    assert pages >= 1 and preview.pages_label.text() == f"Страниц: {pages}"
    assert preview.pdf.startswith(b"%PDF") and preview.windowTitle() == f"Печатная форма — {doc.file_id}.pdf"
    text = " ".join(page_text(preview.document, p) for p in range(pages))
    assert doc.number in text and STAMP_TITLE.split()[0] in text and SIGNER.split()[0] in text
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()


def test_zoom_and_fit(preview: PrintPreview) -> None:
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    preview.zoom_in_button.click()
    assert preview.view.zoomMode() is QPdfView.ZoomMode.Custom and preview.view.zoomFactor() == pytest.approx(1.25)
    preview.zoom_out_button.click()
    preview.zoom_out_button.click()
    assert preview.view.zoomFactor() == pytest.approx(0.8)
    preview.fit_page_button.click()
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitInView


def test_save_pdf_writes_the_exact_bytes(preview: PrintPreview, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "form.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), ""))
    preview.save_button.click()
    assert target.read_bytes() == preview.pdf
    assert preview.status_label.text() == f"Сохранено: {target}"


def test_print_to_a_pdf_printer(preview: PrintPreview, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.prepare(printer)
    assert printer.pageLayout().orientation().name == "Landscape"  # the УПД form is landscape
    assert preview.print_to(printer) == preview.document.pageCount()
    printed = QPdfDocument()
    assert printed.load(str(tmp_path / "printed.pdf")) is QPdfDocument.Error.None_
    assert printed.pageCount() == preview.document.pageCount() >= 1
    image = printed.render(0, QSize(600, 420))
    assert distinct_colours(image, 3) > 2 and ink_pixels(image) > 1000, "the printed page is blank"


def test_document_window_opens_the_preview(qtbot: QtBot, services: Services, signed: tuple[UpdSeller, int],
                                           shown: Shown) -> None:
    window = DocumentWindow(services, SyncExecutor(), signed[1])
    qtbot.addWidget(window)
    assert window.print_button.isEnabled()
    window.print_button.click()
    [preview] = window.findChildren(PrintPreview)
    qtbot.waitUntil(lambda: preview.document.status() is QPdfDocument.Status.Ready)
    assert preview.document.pageCount() >= 1 and shown.boxes == []
    window.print_button.click()  # again: the same preview, the form built anew
    assert window.findChildren(PrintPreview) == [preview]
    qtbot.waitUntil(lambda: preview.document.status() is QPdfDocument.Status.Ready)
    window.close()


def test_screenshot_of_the_preview(preview: PrintPreview, qtbot: QtBot, tmp_path: Path) -> None:
    preview.show()
    qtbot.waitExposed(preview)
    viewport = preview.view.viewport()
    # QPdfView renders pages asynchronously: wait until the page shows more than its blank paper
    qtbot.waitUntil(lambda: distinct_colours(viewport.grab().toImage(), 4) > 8, timeout=10000)
    image = preview.grab().toImage()
    assert image.save(str(tmp_path / "print_preview.png"))
    assert distinct_colours(image) > 8
    page = preview.document.render(0, QSize(900, 640))
    assert ink_pixels(page) > 2000, "the rendered page carries no text"
    text = page_text(preview.document)
    assert "Продавец" in text or "Счет-фактура" in text  # Cyrillic came through as text, not boxes
    assert covers(preview.pages_label.font(), preview.pages_label.text())
    assert ink_pixels(preview.pages_label.grab().toImage()) > 50

"""The print preview of a stored document: the PDF of services.document_print shown with QtPdf.

The PDF is built on the executor (reportlab is slow for long documents) and loaded from
memory (QBuffer). The window zooms, fits, counts pages, saves the exact PDF bytes atomically
and prints by rendering each page into the printer (QPdfDocument.render → QPainter).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from edo_app.model.kinds import DocumentKind
from edo_app.services import Services
from edo_app.services.document_print import can_print, print_form, unsupported_message
from ui.document_view.files import PDF_FILTER, save_with_dialog
from ui.errors import show_error
from ui.ops import Executor

ZOOM_STEP = 1.25
ZOOM_LIMITS = (0.1, 8.0)
PRINT_DPI = 300  # enough for text on paper; a 1200 dpi page image would take half a gigabyte


class PrintPreview(QDialog):
    def __init__(self, executor: Executor, pdf_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle(f"Печатная форма — {pdf_name}")
        self.resize(1000, 760)
        self.executor = executor
        self.pdf_name = pdf_name
        self.document_id: int | None = None
        self.pdf = b""
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.document.statusChanged.connect(self._document_status)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status_label = QLabel("Формирование печатной формы…", self)
        self.pages_label = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._make_toolbar())
        layout.addWidget(self.view, 1)

    def _make_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.zoom_out_button = QPushButton("Уменьшить", self)
        self.zoom_in_button = QPushButton("Увеличить", self)
        self.fit_width_button = QPushButton("По ширине", self)
        self.fit_page_button = QPushButton("Страница целиком", self)
        self.save_button = QPushButton("Сохранить PDF…", self)
        self.print_button = QPushButton("Печать…", self)
        actions = ((self.zoom_out_button, lambda: self.zoom(1 / ZOOM_STEP)),
                   (self.zoom_in_button, lambda: self.zoom(ZOOM_STEP)),
                   (self.fit_width_button, lambda: self.fit(QPdfView.ZoomMode.FitToWidth)),
                   (self.fit_page_button, lambda: self.fit(QPdfView.ZoomMode.FitInView)),
                   (self.save_button, self.save_pdf), (self.print_button, self.print_dialog))
        for button, slot in actions:
            button.clicked.connect(slot)
            button.setEnabled(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.status_label)
        row.addWidget(self.pages_label)
        return row

    # --- loading ----------------------------------------------------------------------------
    def show_pdf(self, pdf: bytes) -> None:
        """Load the PDF bytes from memory; the page count follows when QtPdf has read them."""
        self.pdf = pdf
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        old, self._buffer = self._buffer, buffer  # the document reads the buffer while it lives
        self.document.load(buffer)
        if old is not None:
            old.deleteLater()
        self._document_status()

    def failed(self, exc: BaseException) -> None:
        self.status_label.setText("Печатная форма не построена.")
        show_error(self, exc)

    def _document_status(self, *_: object) -> None:
        status = self.document.status()
        if status is QPdfDocument.Status.Ready:
            self.status_label.setText("")
            self.pages_label.setText(f"Страниц: {self.document.pageCount()}")
        elif status is QPdfDocument.Status.Error:
            self.status_label.setText("Не удалось открыть PDF.")
        ready = status is QPdfDocument.Status.Ready
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button, self.fit_page_button,
                       self.save_button, self.print_button):
            button.setEnabled(ready)

    # --- zoom -------------------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        low, high = ZOOM_LIMITS
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(self.view.zoomFactor() * factor, low), high))

    def fit(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)

    # --- saving and printing ----------------------------------------------------------------
    def save_pdf(self) -> None:
        pdf = self.pdf
        save_with_dialog(self, self.executor, lambda: pdf, self._saved, title="Сохранить PDF", suggested=self.pdf_name,
                         name_filter=PDF_FILTER)

    def _saved(self, path: Path) -> None:
        self.status_label.setText(f"Сохранено: {path}")

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare(printer)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def prepare(self, printer: QPrinter) -> None:
        """Landscape paper for a landscape form (the УПД), the document's name for the spooler."""
        first = self.document.pagePointSize(0)
        landscape = first.width() > first.height()
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                   else QPageLayout.Orientation.Portrait)
        printer.setDocName(self.pdf_name)

    def print_to(self, printer: QPrinter) -> int:
        """Render every page into ``printer`` (fit to the printable area); returns the pages printed."""
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, RuntimeError("Не удалось начать печать"))
            return 0
        area = printer.pageRect(QPrinter.Unit.DevicePixel)
        dpi = min(printer.resolution(), PRINT_DPI)
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                image = self.document.render(page, QSize(round(points.width() * dpi / 72),
                                                         round(points.height() * dpi / 72)))
                scale = min(area.width() / image.width(), area.height() / image.height())
                painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
        finally:
            painter.end()
        return self.document.pageCount()


def open_print_preview(parent: QWidget | None, services: Services, executor: Executor, document_id: int, *,
                       kind: DocumentKind, file_name: str) -> PrintPreview | None:
    """Build the document's print form on the executor and show it (in the preview already open
    for it, if any); None (after a message) for a kind that has no print form yet."""
    if not can_print(kind):
        box = QMessageBox(QMessageBox.Icon.Information, "Печатная форма", unsupported_message(kind),
                          QMessageBox.StandardButton.Ok, parent)
        box.exec()
        return None
    found = [p for p in parent.findChildren(PrintPreview) if p.document_id == document_id] if parent else []
    preview = found[0] if found else PrintPreview(executor, f"{Path(file_name).stem}.pdf", parent)
    preview.document_id = document_id
    preview.show()
    preview.raise_()
    database = services.database  # built again each time: the stamps show the latest verdicts
    executor.submit(lambda: print_form(database, document_id), preview.show_pdf, preview.failed)
    return preview

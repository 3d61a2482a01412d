"""1,000 stored documents: the window holds pages, not the registry. And a rendering smoke test."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics, QImage
from pytestqt.qtbot import QtBot

from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.report import Report
from edo_app.model.summary import DocumentSummary, PartyRef
from edo_app.services import Services
from edo_app.storage.repository import DocumentRepository
from tests.ui.conftest import Shown
from tests.ui.helpers import distinct_colours
from ui.main_window import MainWindow
from ui.models.documents import PAGE_SIZE
from ui.ops import SyncExecutor

STORED = 1000
US = PartyRef("ООО «Тестовый покупатель»", "7707083893", "770701001")


def _summary(n: int) -> DocumentSummary:
    seller = PartyRef(f"АО «Поставщик № {n % 37}»", "7728168971", "772801001")
    return DocumentSummary(
        kind=DocumentKind.UPD_SELLER, file_id=f"ON_NSCHFDOPPR_TEST_{n:05d}", format_version="5.03",
        number=f"Т-{n:05d}", doc_date=date(2025, 1, 1) + timedelta(days=n % 365),
        seller=seller, buyer=US, total=Decimal(n) + Decimal("0.50"), vat=Decimal("0.08"),
    )


@pytest.fixture
def thousand(services: Services) -> Services:
    repository = DocumentRepository(services.database)
    for n in range(STORED):
        repository.add_document(_summary(n), b"<x/>", Direction.INCOMING, DocumentStatus.RECEIVED, Report())
    return services


def test_only_the_first_pages_are_loaded(thousand: Services, qtbot: QtBot, shown: Shown) -> None:
    window = MainWindow(thousand, SyncExecutor())
    qtbot.addWidget(window)
    window.resize(900, 500)
    window.show()
    qtbot.waitExposed(window)
    model = window.model
    assert model.total == STORED
    assert window.count_label.text() == f"Документов: {STORED}"
    assert PAGE_SIZE <= model.rowCount() <= 2 * PAGE_SIZE < STORED
    loaded = model.rowCount()
    window.table.scrollToBottom()  # the view asks for the next page when it reaches the end
    qtbot.waitUntil(lambda: model.rowCount() > loaded)
    assert model.rowCount() <= loaded + PAGE_SIZE
    assert shown.boxes == []
    window.close()


def test_screenshot_is_not_blank_and_cyrillic_renders(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.resize(1000, 500)
    window.show()
    qtbot.waitExposed(window)
    image = window.grab().toImage()
    png = tmp_path / "main_window.png"
    assert image.save(str(png))
    again = QImage(str(png))
    assert (again.width(), again.height()) == (image.width(), image.height())
    assert distinct_colours(image) > 1, "the window rendered as a single colour"
    header = window.table.horizontalHeader()
    metrics = QFontMetrics(header.font())
    assert metrics.inFontUcs4(ord("Ж"))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "ВидНомерДатаКонтрагентИННСуммаСтатус")
    assert metrics.horizontalAdvance("Контрагент") > metrics.horizontalAdvance("К")

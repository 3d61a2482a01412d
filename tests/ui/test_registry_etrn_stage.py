"""The registry shows where an ЭТрН stands: the waybill's status cell (and tooltip) names the
furthest later title of its chain, and follows a title stored while the window is open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from edo_app.documents import sample_buyer_title, sample_etrn, sample_etrn_title, sample_upd, to_xml
from edo_app.model.kinds import Direction
from edo_app.services import DocumentRow, Services, etrn_flow
from tests.ui.conftest import Shown
from ui.main_window import MainWindow
from ui.models.documents import ROW_ROLE, Columns
from ui.ops import SyncExecutor
from ui.registry.folders import Folder

SEED = 21


@pytest.fixture
def window(qtbot: QtBot, services: Services, shown: Shown) -> Iterator[MainWindow]:
    win = MainWindow(services, SyncExecutor())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _cell(window: MainWindow, file_id: str, column: Columns, role: int = Qt.ItemDataRole.DisplayRole) -> str:
    model = window.model
    for r in range(model.rowCount()):
        row: DocumentRow = model.data(model.index(r, 0), ROW_ROLE)
        if row.file_id == file_id:
            return str(model.data(model.index(r, column), role))
    raise AssertionError(f"{file_id} не в реестре")


def test_the_waybill_row_shows_the_stage_of_its_chain(window: MainWindow, services: Services, qtbot: QtBot) -> None:
    waybill = sample_etrn(seed=SEED)
    etrn_flow.store_title(services.library, waybill)
    etrn_flow.store_title(services.library, sample_etrn_title("2", SEED))
    window.show_folder(Folder.OUTGOING)
    file_id = str(waybill.file_id)
    assert _cell(window, file_id, Columns.STATUS) == "Проверен · Груз принят перевозчиком"
    assert "Этап перевозки: Груз принят перевозчиком" in _cell(window, file_id, Columns.STATUS,
                                                               Qt.ItemDataRole.ToolTipRole)
    etrn_flow.store_title(services.library, sample_etrn_title("5", SEED, accepted=False))  # through the bridge
    qtbot.waitUntil(lambda: _cell(window, file_id, Columns.STATUS).endswith("Отказ грузополучателя"))
    title_05 = str(sample_etrn_title("5", SEED, accepted=False).file_id)
    assert _cell(window, title_05, Columns.STATUS) == "Проверен · Отказ грузополучателя"


def test_a_buyers_title_row_shows_counterparty_and_total(window: MainWindow, services: Services) -> None:
    seller = sample_upd("СЧФДОП", lines=2, seed=4)
    buyer = sample_buyer_title(seller, seed=4)
    services.library.import_bytes(to_xml(seller), seller.file_name, Direction.INCOMING)
    services.library.import_bytes(to_xml(buyer), buyer.file_name, Direction.OUTGOING)
    window.show_folder(Folder.OUTGOING)
    name = seller.seller.party.name
    assert _cell(window, str(buyer.file_id), Columns.COUNTERPARTY) == name
    assert _cell(window, str(buyer.file_id), Columns.TOTAL) != ""
    assert _cell(window, str(buyer.file_id), Columns.STATUS) == "Проверен"  # no stage outside ЭТрН

"""The ЭТрН in the main window: «Документ → Транспортная накладная…», its drafts, and
«Следующий титул ЭТрН…» for the title selected in the registry (ui.editor_etrn.next_title), and the carrier's
«Изменение перевозки ЭТрН…» on its title 02 (ui.editor_etrn.carrier_titles), and the cost of the carriage
with the shipper's answer, titles 07 and 08 (ui.editor_etrn.pud_titles)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from edo_app.services import Services
from edo_app.services.upd_editor import Draft
from ui.editor.feature import pick_draft
from ui.editor_etrn import carrier_titles, pud_titles
from ui.editor_etrn.editor import EtrnEditor, editor_service
from ui.editor_etrn.next_title import open_for_selection
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("Документ")
    new = menu.addAction("Транспортная накладная…")
    new.setStatusTip("Заполнить титул 1 ЭТрН (грузоотправитель) из справочников")
    new.triggered.connect(lambda: open_editor(window, window.services, window.executor))
    drafts = menu.addAction("Черновики транспортных накладных…")
    drafts.triggered.connect(lambda: choose_draft(window, window.services, window.executor))
    following = menu.addAction("Следующий титул ЭТрН…")
    following.setStatusTip("Ответить на выбранный титул ЭТрН: перевозчик (02, 06) или грузополучатель (05)")
    following.triggered.connect(lambda: open_for_selection(window))
    changed = menu.addAction("Изменение перевозки ЭТрН (титулы 03, 04)…")
    changed.setStatusTip("На своём титуле 02: замена водителя или ТС (титул 04) или переадресовка (титул 03)")
    changed.triggered.connect(lambda: carrier_titles.open_for_selection(window))
    cost = menu.addAction("Стоимость перевозки ЭТрН (титулы 07, 08)…")
    cost.setStatusTip("Перевозчик на своём титуле 06: стоимость (07); грузоотправитель на титуле 07: ответ (08)")
    cost.triggered.connect(lambda: pud_titles.open_for_selection(window))


def open_editor(parent: QWidget, services: Services, executor: Executor, draft: Draft | None = None) -> EtrnEditor:
    editor = EtrnEditor(services, executor, draft, parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.show()
    return editor


def choose_draft(parent: QWidget, services: Services, executor: Executor) -> None:
    def opened(draft: Draft) -> None:
        open_editor(parent, services, executor, draft)

    pick_draft(parent, editor_service(services), executor, opened, "Черновики транспортных накладных")

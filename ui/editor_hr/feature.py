"""The HR documents in the main window: «Документ → Кадровый документ…», its drafts, and the flow
actions on the document selected in the registry: «Сформировать приказ по заявлению…»
(the employer answers a received statement) and «Ознакомить с документом…» (the employee
acknowledges a received order or notice)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from edo_app.services import Services
from edo_app.services.hr_editor import awaiting_answer, hr_editor_of, hr_flow_of
from edo_app.services.signing_batch import SignerChoice
from edo_app.services.upd_editor import Draft
from ui.dialogs.signing import choose_signer
from ui.editor.feature import add_editor_actions, pick_draft, show_window
from ui.editor_hr.editor import HrEditor
from ui.editor_hr.flow import OrderDialog, acknowledge
from ui.errors import show_error
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TITLE = "Кадровые документы"
NO_DOCUMENT = "Выберите в реестре входящий кадровый документ"


def install(window: MainWindow) -> None:
    menu = window.menu("Документ")
    add_editor_actions(menu, ("Кадровый документ…", "Заявление, уведомление или приказ (кадровый документ HR 1.01)"),
                       lambda: open_editor(window, window.services, window.executor),
                       "Черновики кадровых документов…", lambda: choose_draft(window, window.services, window.executor))
    order = menu.addAction("Сформировать приказ по заявлению…")
    order.setStatusTip("Приказ работодателя по выбранному входящему заявлению работника")
    order.triggered.connect(lambda: _on_selected(window, True, _order))
    ack = menu.addAction("Ознакомить с документом…")
    ack.setStatusTip("Ознакомление работника с выбранным входящим приказом или уведомлением")
    ack.triggered.connect(lambda: _on_selected(window, False, _acknowledge))


def open_editor(parent: QWidget, services: Services, executor: Executor, draft: Draft | None = None) -> HrEditor:
    return show_window(HrEditor(services, executor, draft, parent))


def choose_draft(parent: QWidget, services: Services, executor: Executor) -> None:
    def opened(draft: Draft) -> None:
        open_editor(parent, services, executor, draft)

    pick_draft(parent, hr_editor_of(services), executor, opened, "Черновики кадровых документов")


def _on_selected(window: MainWindow, statement: bool, action: Callable[[MainWindow, int], None]) -> None:
    """Run ``action`` on the selected document once it is known to be one the action answers."""
    index = window.table.currentIndex()
    if not index.isValid():
        _inform(window, NO_DOCUMENT)
        return
    document_id, services = window.model.row_at(index.row()).id, window.services
    window.executor.submit(lambda: awaiting_answer(services, document_id, statement=statement),
                           lambda _kind: action(window, document_id), lambda exc: show_error(window, exc))


def _signer_hook(window: MainWindow, document_id: int) -> Callable[[], SignerChoice | None]:
    return lambda: choose_signer(window, window.services, [document_id], executor=window.executor)


def _order(window: MainWindow, statement_id: int) -> None:
    dialog = OrderDialog(hr_flow_of(window.services), statement_id, window.executor,
                         _signer_hook(window, statement_id), window)
    dialog.answered.connect(lambda order_id: window.statusBar().showMessage(f"Приказ сформирован и поставлен "
                                                                             f"в очередь отправки (№ {order_id})"))
    dialog.exec()


def _acknowledge(window: MainWindow, document_id: int) -> None:
    def done(ack_id: int) -> None:
        window.statusBar().showMessage(f"Ознакомление подписано и поставлено в очередь отправки (№ {ack_id})")

    acknowledge(window, hr_flow_of(window.services), document_id, window.executor,
                choose=_signer_hook(window, document_id), done=done)


def _inform(parent: QWidget, text: str) -> None:
    QMessageBox(QMessageBox.Icon.Information, TITLE, text, QMessageBox.StandardButton.Ok, parent).exec()

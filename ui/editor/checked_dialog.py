"""What every document editor window shares (УПД, акт / ТОРГ-12, УКД, кадровые; the ЭТрН editor can
take it up too): the form is checked on the executor after a pause in typing and only the latest
answer is shown; «Сформировать» stores the document only when it passes every check; drafts are
saved as they are; answers arriving after the window closed are dropped.

A subclass names its service (``_backend``), what the form holds (``_request``) and how a check
is shown (``show_check``); the timing, the forming and the closing live here.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QBoxLayout, QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from edo_app.services import EditorCheck, FormResult
from ui.errors import show_error
from ui.ops import Executor

CHECK_DELAY_MS = 500  # check after a pause in typing, not on every key
ISSUES_CAPTION = "Ошибки и предупреждения (щелчок — перейти к полю):"


class Backend(Protocol):
    """An editor service: checks and forms what the form holds."""

    def check(self, data: Any) -> EditorCheck: ...

    def form(self, data: Any) -> FormResult: ...


class DraftsBackend(Backend, Protocol):
    def save_draft(self, data: Any) -> str: ...


class CheckedEditor(QDialog):
    formed = Signal(int)  # the id of the stored outgoing document
    draft_saved = Signal(str)  # the draft's GUID
    formed_text = "Документ сформирован"
    not_formed_text = "Документ не сформирован: исправьте ошибки"

    def __init__(self, executor: Executor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._generation = 0  # answers of older checks are dropped
        self._closed = False  # answers arriving after the window closed are dropped too
        self.status = QLabel()
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)

    # --- the editor's hooks ---------------------------------------------------------------------
    def _backend(self) -> Backend:
        raise NotImplementedError

    def _drafts(self) -> DraftsBackend:
        raise NotImplementedError(f"{type(self).__name__} keeps no drafts")

    def _request(self) -> Any:
        """What the backend checks and forms, read from the form on the GUI thread."""
        raise NotImplementedError

    def show_check(self, check: EditorCheck) -> None:
        raise NotImplementedError

    # --- layout pieces --------------------------------------------------------------------------
    def _add_issues(self, layout: QBoxLayout, issues: QWidget) -> None:
        layout.addWidget(QLabel(ISSUES_CAPTION))
        layout.addWidget(issues)

    def _actions(self, *buttons: QPushButton) -> QHBoxLayout:
        """The status line with the window's buttons at its right."""
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        for button in buttons:
            actions.addWidget(button)
        return actions

    # --- checking -------------------------------------------------------------------------------
    def validate_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, data, backend = self._generation, self._request(), self._backend()
        self._executor.submit(lambda: backend.check(data), lambda check: self._checked(generation, check),
                              self._failed)

    def _checked(self, generation: int, check: EditorCheck) -> None:
        if generation == self._generation and not self._closed:
            self.show_check(check)

    # --- saving and forming ---------------------------------------------------------------------
    def save_draft(self) -> None:
        data, drafts = self._request(), self._drafts()
        self._executor.submit(lambda: drafts.save_draft(data), self._draft_saved, self._failed)

    def _draft_saved(self, guid: str) -> None:
        if not self._closed:
            self.status.setText("Черновик сохранён")
            self.draft_saved.emit(guid)

    def form_document(self) -> None:
        self._timer.stop()
        data, backend = self._request(), self._backend()
        self._executor.submit(lambda: backend.form(data), self._formed, self._failed)

    def _formed(self, result: FormResult) -> None:
        if self._closed:
            return  # stored or not, the registry shows it; the window is gone
        if result.document_id is None:
            self.show_check(result.check)
            self.status.setText(self.not_formed_text)
            return
        self.status.setText(f"{self.formed_text}: {result.check.file_name}")
        self.formed.emit(result.document_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        show_error(None if self._closed else self, exc)

    def done(self, result: int) -> None:
        self._closed = True
        self._timer.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True  # a hidden dialog closes without done()
        self._timer.stop()
        super().closeEvent(event)

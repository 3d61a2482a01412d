"""A batch of documents signed on the executor's worker with a progress dialog that can stop it.

The worker reports progress through a Qt signal (queued onto the GUI thread when emitted from
the worker; direct with the tests' SyncExecutor). «Отмена» only sets a ``threading.Event`` the
service looks at between documents: the document being signed is finished (or not stored at
all), never left half-signed; the summary then says how many stayed untouched.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from edo_app.services.signing_batch import BatchSigning, BatchSummary, SignerChoice
from ui.errors import show_error
from ui.ops import Executor


class BatchRun(QObject):
    """One batch: start it, watch ``progress`` (n of N, the current number), read ``summary`` at the end."""

    advanced = Signal(int, int, str)  # emitted by the worker: n-th document of N, its number
    finished = Signal(object)  # BatchSummary, on the GUI thread

    def __init__(self, parent: QWidget, signing: BatchSigning, executor: Executor, document_ids: Sequence[int],
                 choice: SignerChoice) -> None:
        super().__init__(parent)
        self._parent = parent
        self._signing = signing
        self._executor = executor
        self._ids = list(document_ids)
        self._choice = choice
        self.cancel_flag = threading.Event()
        self.summary: BatchSummary | None = None
        self.progress = self._make_progress(parent, len(self._ids))
        self.advanced.connect(self._advance)  # queued when the worker emits, direct inline

    @staticmethod
    def _make_progress(parent: QWidget, total: int) -> QProgressDialog:
        dialog = QProgressDialog("Подготовка к подписанию…", "Отмена", 0, total, parent)
        dialog.setWindowTitle("Подписание документов")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)  # stays up after «Отмена» until the current document is done
        dialog.setAutoReset(False)
        return dialog

    def start(self) -> None:
        self.progress.canceled.disconnect(self.progress.cancel)  # stay up, saying what happens, until the end
        self.progress.canceled.connect(self.cancel)
        self.progress.setValue(0)
        signing, ids, choice, flag = self._signing, self._ids, self._choice, self.cancel_flag
        report: Callable[[int, int, str], None] = self.advanced.emit
        self._executor.submit(lambda: signing.sign_batch(ids, choice, cancel=flag, progress=report),
                              self._done, self._failed)

    @Slot()
    def cancel(self) -> None:
        """Stop before the next document; safe from any thread, idempotent."""
        self.cancel_flag.set()
        self.progress.setLabelText("Остановка: текущий документ дописывается, остальные не будут подписаны…")
        button = self.progress.findChild(QPushButton)
        if button is not None:
            button.setEnabled(False)

    @Slot(int, int, str)
    def _advance(self, index: int, total: int, number: str) -> None:
        if self.cancel_flag.is_set():
            return
        self.progress.setValue(index - 1)
        self.progress.setLabelText(f"Подписание документа {index} из {total}: № {number or '—'}")

    def _done(self, summary: BatchSummary) -> None:
        self.summary = summary
        self.progress.setValue(self.progress.maximum())
        self.progress.close()
        summary_box(self._parent, summary).exec()
        self.finished.emit(summary)

    def _failed(self, exc: BaseException) -> None:
        self.progress.close()
        show_error(self._parent, exc)


def summary_box(parent: QWidget, summary: BatchSummary) -> QMessageBox:
    """The batch's outcome: signed / skipped / failed with reasons / untouched."""
    box = QMessageBox(parent)
    box.setWindowTitle("Подписание остановлено" if summary.untouched else "Подписание завершено")
    trouble = summary.of("failed") or summary.untouched
    box.setIcon(QMessageBox.Icon.Warning if trouble else QMessageBox.Icon.Information)
    box.setText("\n".join(summary.lines()))
    return box

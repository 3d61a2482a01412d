"""Saving an exported file (XML, signature, PDF): ask where, write atomically off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from edo_app.services.document_view import save_file
from ui.errors import show_error
from ui.ops import Executor

XML_FILTER = "XML-документы (*.xml);;Все файлы (*)"
SIGNATURE_FILTER = "Подписи (*.sig *.p7s);;Все файлы (*)"
PDF_FILTER = "PDF (*.pdf);;Все файлы (*)"
ZIP_FILTER = "ZIP-архивы (*.zip);;Все файлы (*)"


def ask_save_path(parent: QWidget, title: str, suggested: str, name_filter: str) -> Path | None:
    """The path the user chose; None when the dialog was cancelled (then nothing is shown)."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
    return Path(name) if name else None


def save_with_dialog(parent: QWidget, executor: Executor, data: Callable[[], bytes], on_saved: Callable[[Path], None],
                     *, title: str, suggested: str, name_filter: str) -> None:
    """Ask for a path, then read ``data()`` and write it atomically on the executor."""
    path = ask_save_path(parent, title, suggested, name_filter)
    if path is None:
        return

    def write() -> Path:
        save_file(path, data())
        return path

    executor.submit(write, on_saved, lambda exc: show_error(parent, exc))

"""Feedback of long exchange operations: a busy indicator in the status bar, notifications.

Neither is modal: an automatic sync that fails every five minutes must not stack dialogs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QStyle, QSystemTrayIcon, QWidget

MESSAGE_MS = 10_000  # how long a status-bar notice stays


class BusyIndicator:
    """The operation's name and an indeterminate progress bar, shown only while it runs."""

    def __init__(self, bar: QStatusBar) -> None:
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the services report no fractions
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        for widget in (self.label, self.progress):
            bar.addPermanentWidget(widget)
            widget.hide()
        self.operation = ""

    def start(self, operation: str) -> None:
        self.operation = operation
        self.label.setText(operation + "…")
        self.label.show()
        self.progress.show()

    def stop(self) -> None:
        self.operation = ""
        self.label.hide()
        self.progress.hide()

    @property
    def running(self) -> bool:
        return bool(self.operation)


class Notifier:
    """A tray balloon when the desktop has a tray, else a status-bar message; keeps the last text."""

    def __init__(self, window: QWidget, bar: QStatusBar) -> None:
        self._bar = bar
        self._tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = window.windowIcon()
            if icon.isNull():  # a tray entry without an icon is invisible on most desktops
                icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self._tray = QSystemTrayIcon(icon, window)
            self._tray.setToolTip("ЭДО")
            self._tray.show()
        self.last = ""

    def notify(self, title: str, text: str) -> None:
        self.last = f"{title}: {text}"
        if self._tray is not None and QSystemTrayIcon.supportsMessages():
            self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        self._bar.showMessage(self.last, MESSAGE_MS)  # also in the window: the balloon fades

    def status(self, text: str) -> None:
        """A non-modal notice in the status bar (errors of automatic work, results)."""
        self.last = text
        self._bar.showMessage(text, MESSAGE_MS)


def documents_word(count: int) -> str:
    """«документ», «документа», «документов» for ``count`` (Russian plural)."""
    if count % 10 == 1 and count % 100 != 11:
        return "документ"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return "документа"
    return "документов"

"""The Qt part of ``edo-app --self-test``: a window can be made and Cyrillic text is drawn.

The core checks are in ``edo_app.services.self_test`` (no Qt); this adds one check and prints
the Russian report (in a message box when there is no console: the windowed Windows build).
On Linux without a display it runs on Qt's offscreen platform.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QFontInfo, QFontMetrics, QImage, QPainter, QRegion
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from edo_app.services.self_test import Check, exit_code, format_report, run_checks

SAMPLE_TEXT = "Счёт-фактура № 1 — ЭДО"
QT_TITLE = "Qt и кириллица"


def check_qt() -> Check:
    """Create a window with Russian text, render it and look for drawn pixels and real glyphs."""
    app = QCoreApplication.instance()
    if not isinstance(app, QApplication):
        return Check(QT_TITLE, False, "QApplication не создано")
    label = QLabel(SAMPLE_TEXT)
    try:
        label.resize(320, 40)
        label.show()  # a real top-level window on the platform
        metrics = QFontMetrics(label.font())  # inFontUcs4: inFont(str) mis-converts non-Latin-1 letters
        missing = [ch for ch in SAMPLE_TEXT if not ch.isspace() and not metrics.inFontUcs4(ord(ch))]
        family = QFontInfo(label.font()).family()
        if missing:
            return Check(QT_TITLE, False, f"в шрифте «{family}» нет букв: {''.join(missing)}")
        inked = _inked_pixels(label)
    finally:
        label.deleteLater()
    if inked == 0:
        return Check(QT_TITLE, False, "окно создано, но текст не отрисован")
    platform = QApplication.platformName()
    return Check(QT_TITLE, True, f"окно создано, кириллица отрисована (платформа {platform}, "
                 f"шрифт «{family}»)")


def _inked_pixels(label: QLabel) -> int:
    """How many pixels of the rendered label differ from its background."""
    image = QImage(label.size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:  # without the window background only the glyphs leave pixels
        label.render(painter, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
    finally:
        painter.end()
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).alpha())


def _no_display() -> bool:
    return sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_self_test(argv: list[str], out: TextIO | None = None) -> int:
    """Run every check, print the report, return 0 when all required checks pass, else 1."""
    if _no_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # CI, a server: Qt would abort without one
    app = QCoreApplication.instance() or QApplication(argv)
    checks = run_checks([(QT_TITLE, check_qt)])
    report, stream = format_report(checks), out or sys.stdout
    if stream is None:  # a windowed Windows build has no console: show the report instead
        QMessageBox(QMessageBox.Icon.Information, "Самопроверка edo-app", report).exec()
    else:
        print(report, file=stream, flush=True)
    del app
    return exit_code(checks)

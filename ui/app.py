"""Entry point of the desktop app (``edo-app``): Qt application, services, main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from edo_app import config
from edo_app.services import Services
from ui.errors import show_error
from ui.first_start import offer_first_start
from ui.main_window import MainWindow
from ui.ops import ThreadExecutor
from ui.self_test import run_self_test

SELF_TEST_FLAG = "--self-test"
# bench/registry.py: print SHOWN_MARKER once the window is up and quit (cold start timing).
QUIT_WHEN_SHOWN_ENV = "EDO_APP_QUIT_WHEN_SHOWN"
SHOWN_MARKER = "edo-app: window shown"


def _application(argv: Sequence[str]) -> QApplication:
    existing = QCoreApplication.instance()
    if isinstance(existing, QApplication):
        return existing  # tests, or an embedding host, already made one
    app = QApplication(list(argv))
    app.setApplicationName(config.APP_NAME)
    app.setApplicationDisplayName("ЭДО")
    install_translations(app)
    return app


def install_translations(app: QCoreApplication) -> QTranslator | None:
    """Qt's own Russian texts (OK/Отмена, context menus); None when the catalogue is absent."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Russian), "qtbase", "_", folder):
        return None
    app.installTranslator(translator)
    return translator


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; 1 when the data folder or the database cannot be opened.

    ``--self-test`` checks the installation instead, prints a Russian report and exits (0 / 1).
    """
    args = list(sys.argv if argv is None else argv)
    if SELF_TEST_FLAG in args[1:]:
        return run_self_test(args)
    app = _application(args)
    try:
        services = Services.open(config.data_dir())
    except Exception as exc:  # any startup failure: tell the user instead of a traceback on stderr
        show_error(None, exc)
        return 1
    executor = ThreadExecutor()
    window = MainWindow(services, executor)
    window.show()
    if os.environ.get(QUIT_WHEN_SHOWN_ENV):
        QTimer.singleShot(0, lambda: (print(SHOWN_MARKER, flush=True), app.quit()))
    else:  # once the window is up: no own organisation yet → the first-start dialog
        QTimer.singleShot(0, lambda: offer_first_start(window))
    try:
        return app.exec()
    finally:
        executor.wait()
        services.close()


if __name__ == "__main__":
    sys.exit(main())

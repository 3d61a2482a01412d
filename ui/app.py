"""Entry point of the desktop app (``edo-app``): Qt application, services, main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from edo_app import config
from edo_app.services import Services
from ui.errors import show_error
from ui.main_window import MainWindow
from ui.ops import ThreadExecutor


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
    """Run the app; 1 when the data folder or the database cannot be opened."""
    app = _application(sys.argv if argv is None else argv)
    try:
        services = Services.open(config.data_dir())
    except Exception as exc:  # any startup failure: tell the user instead of a traceback on stderr
        show_error(None, exc)
        return 1
    executor = ThreadExecutor()
    window = MainWindow(services, executor)
    window.show()
    try:
        return app.exec()
    finally:
        executor.wait()
        services.close()


if __name__ == "__main__":
    sys.exit(main())

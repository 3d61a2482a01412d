"""Entry point of the desktop app (``edo-app``): Qt application, services, main window.

The window shows first as a shell (only Qt and light modules are imported by then); once it is
painted, the services (SQLAlchemy, the schemas, the domain packages) are imported and opened on
the worker thread — the shell keeps answering meanwhile — and the registry is attached; once its
first page is on screen the features fill the menus. The user sees the app at once instead of
after a second of imports (bench/registry.py --cold-start).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from ui.errors import show_error
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from edo_app.services import Services
    from ui.ops import ThreadExecutor

SELF_TEST_FLAG = "--self-test"
# bench/registry.py: print SHOWN_MARKER once the window is painted, PAGE_MARKER once the first page
# of the registry is painted too, READY_MARKER once the features are in the menus, and quit.
QUIT_WHEN_SHOWN_ENV = "EDO_APP_QUIT_WHEN_SHOWN"
SHOWN_MARKER = "edo-app: window shown"
PAGE_MARKER = "edo-app: first page shown"
READY_MARKER = "edo-app: features added"  # every menu is complete
PAINT_WAIT_MS = 1000  # the services load after the first paint, or after this long without one


def _application(argv: Sequence[str]) -> QApplication:
    existing = QCoreApplication.instance()
    if isinstance(existing, QApplication):
        return existing  # tests, or an embedding host, already made one
    app = QApplication(list(argv))
    app.setApplicationDisplayName("ЭДО")  # the application name is set in _Startup._load
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


class _AfterFirstPaint(QObject):
    """Calls ``then(True)`` once, from the event loop, just after the watched window's first paint,
    or ``then(False)`` when none came in PAINT_WAIT_MS (a window started minimized is not painted)."""

    def __init__(self, window: MainWindow, then: Callable[[bool], None]) -> None:
        super().__init__(window)
        self._then, self._pending = then, True
        window.installEventFilter(self)
        QTimer.singleShot(PAINT_WAIT_MS, self, lambda: self._fire(painted=False))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._pending:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, lambda: self._fire(painted=True))  # after this paint reached the screen
        return False

    def _fire(self, painted: bool) -> None:
        if self._pending:
            self._pending = False
            self._then(painted)


class _Startup:
    """Open the services into the shown shell; on failure tell the user and end with 1."""

    def __init__(self, app: QApplication, window: MainWindow, quit_when_shown: bool) -> None:
        self.app, self.window, self.quit_when_shown = app, window, quit_when_shown
        self.services: Services | None = None
        self.executor: ThreadExecutor | None = None
        self.features_added = False
        _AfterFirstPaint(window, self._shown)

    def _shown(self, painted: bool) -> None:
        if self.quit_when_shown and painted:  # never without a paint: the bench then fails loudly
            print(SHOWN_MARKER, flush=True)
        self._load()

    def _load(self) -> None:
        # The heavy part of the start (SQLAlchemy, lxml, the domain packages, the database) runs on
        # the worker thread, after the window is up: the shell stays responsive meanwhile.
        from ui.ops import ThreadExecutor

        self.executor = ThreadExecutor()
        self.executor.submit(_open_services, self._opened, self._failed)

    def _failed(self, exc: BaseException) -> None:  # any startup failure: told to the user, not a traceback
        show_error(self.window, exc)
        self.app.exit(1)

    def _opened(self, services: Services) -> None:
        from edo_app import config  # imported by the worker already: nothing reads the name before (X11)

        QCoreApplication.setApplicationName(config.APP_NAME)
        self.services = services
        assert self.executor is not None
        self.window.attach(services, self.executor, features=False)
        model = self.window.model  # the features wait for its first page (or its failure) to be shown
        model.count_changed.connect(lambda _total: QTimer.singleShot(0, self._page_shown))
        model.failed.connect(lambda _exc: QTimer.singleShot(0, self._page_shown))

    def _page_shown(self) -> None:
        if self.features_added or self.window.model.loading:
            return
        self.features_added = True
        if self.quit_when_shown:
            self.window.repaint()  # the rows on screen before the marker
            print(PAGE_MARKER, flush=True)
        self.window.add_features()
        if self.quit_when_shown:
            print(READY_MARKER, flush=True)
            self.app.quit()
        else:  # no own organisation yet → the first-start dialog
            from ui.first_start import offer_first_start

            offer_first_start(self.window)

    def close(self) -> None:
        """After the event loop: let running calls finish, then release the database."""
        if self.executor is not None:
            self.executor.wait()
        if self.services is not None:
            self.services.close()


def _open_services() -> Services:
    from edo_app import config
    from edo_app.services import Services

    return Services.open(config.data_dir())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; 1 when the data folder or the database cannot be opened.

    ``--self-test`` checks the installation instead, prints a Russian report and exits (0 / 1).
    """
    args = list(sys.argv if argv is None else argv)
    if SELF_TEST_FLAG in args[1:]:
        from ui.self_test import run_self_test

        return run_self_test(args)
    app = _application(args)
    window = MainWindow()
    startup = _Startup(app, window, quit_when_shown=bool(os.environ.get(QUIT_WHEN_SHOWN_ENV)))
    window.show()
    try:
        return app.exec()
    finally:
        window.close()  # after the loop: closing the last window then posts no quit
        startup.close()


if __name__ == "__main__":
    sys.exit(main())

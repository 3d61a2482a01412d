"""The main window's registry on 1,000,000 documents (SQLite): prints timings, asserts nothing.

Usage: .venv/bin/python bench/registry.py [N] [--cold-start]   (offscreen; generation is cached, see
registry_data.py). Measures, as a user meets them:
- open: Services.open + MainWindow + the first page of Входящие shown (real ThreadExecutor);
- filter: from the filters' pause ending to the model holding the first page and the count;
- Ctrl+End in the table (one more page, as Qt's lazy view does), and what a real jump to the
  last row would cost (exact count + OFFSET page), against reversing the date sort;
- cold start: ``edo-app`` process start to its window painted on screen vs an empty PySide6 window
  process (both timed at the first paint), and to the first page of Входящие painted.
  ``--cold-start`` runs only this part.
Goals: open < 1 s, filter < 100 ms, cold start <= 2x the empty window.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from registry_data import cached_database, parties  # run as a script: bench/ is on sys.path

from edo_app.model.kinds import DocumentKind, DocumentStatus
from edo_app.services import Services
from ui import main_window
from ui.app import PAGE_MARKER, QUIT_WHEN_SHOWN_ENV, READY_MARKER, SHOWN_MARKER
from ui.main_window import MainWindow
from ui.ops import ThreadExecutor
from ui.registry.folders import Folder

GOAL_OPEN_S, GOAL_FILTER_MS, GOAL_COLD_RATIO = 1.0, 100.0, 2.0
REPEAT = 5
COLD_START_FLAG = "--cold-start"  # only the cold start part
# The same moment as edo-app's marker: just after the window's first paint event.
EMPTY_WINDOW = (
    "import sys\nfrom PySide6.QtCore import QEvent, QTimer\nfrom PySide6.QtWidgets import QApplication, QMainWindow\n"
    "class Window(QMainWindow):\n"
    "    def event(self, e):\n"
    "        if e.type() == QEvent.Type.Paint:\n"
    f"            QTimer.singleShot(0, lambda: (print({SHOWN_MARKER!r}, flush=True), app.quit()))\n"
    "        return super().event(e)\n"
    "app = QApplication(sys.argv)\nw = Window()\nw.show()\napp.exec()\n"
)


def wait_loaded(window: MainWindow, timeout: float = 60.0, *, counted: bool = False) -> None:
    """Until the first page is in the table (``counted``: and the status bar has its count)."""
    deadline = time.perf_counter() + timeout
    while window.model.loading or (counted and window.model.counting):
        QApplication.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the registry did not load in time")
        time.sleep(0.0005)


def open_window(data_dir: Path) -> tuple[float, Services, MainWindow]:
    started = time.perf_counter()
    services = Services.open(data_dir)
    window = MainWindow(services, ThreadExecutor())
    window.show()
    wait_loaded(window)
    return time.perf_counter() - started, services, window


def close_window(window: MainWindow, services: Services) -> None:
    window.close()
    window.executor.wait()  # the folder counts may still be running: as ui.app does on exit
    services.close()


def fail_loudly(_parent: object, exc: BaseException) -> None:
    """An error dialog would wait forever offscreen: print the error and stop instead."""
    raise SystemExit(f"error shown by the window: {exc!r}")


def measure_open(data_dir: Path) -> None:
    times = []
    for _ in range(3):
        seconds, services, window = open_window(data_dir)
        rows = window.model.rowCount()
        close_window(window, services)
        times.append(seconds)
    print(f"open (Services + MainWindow + first page of {rows} rows): median {statistics.median(times):.3f} s, "
          f"runs {', '.join(f'{t:.3f}' for t in times)}  goal < {GOAL_OPEN_S} s")


def filters(inn_big: str, inn_small: str) -> dict[str, Callable[[MainWindow], None]]:
    def panel(**values: object) -> Callable[[MainWindow], None]:
        def apply(window: MainWindow) -> None:
            p = window.filters
            p.counterparty.setText(str(values.get("counterparty", "")))
            p.number.setText(str(values.get("number", "")))
            if "month" in values:
                p.date_from.setDate(QDate(2025, 3, 1))
                p.date_to.setDate(QDate(2025, 3, 31))
            if "status" in values:
                p.status.setCurrentIndex(p.status.findData(values["status"]))
            if "kind" in values:
                p.kind.setCurrentIndex(p.kind.findData(values["kind"]))
        return apply

    return {
        f"ИНН of the biggest counterparty {inn_big}": panel(counterparty=inn_big),
        f"ИНН of a small counterparty {inn_small}": panel(counterparty=inn_small),
        "ИНН prefix '5000'": panel(counterparty="5000"),
        "date range: March 2025": panel(month=True),
        "status: Отклонён": panel(status=DocumentStatus.REJECTED),
        "status: Подписан (common)": panel(status=DocumentStatus.SIGNED),
        "kind: УКД": panel(kind=DocumentKind.UKD_SELLER),
        "number prefix 'упд-77777'": panel(number="упд-77777"),
        "counterparty name 'колокольчик-12'": panel(counterparty="колокольчик-12"),
        "date range + status + kind": panel(month=True, status=DocumentStatus.REJECTED, kind=DocumentKind.ACT_SELLER),
    }


def measure_filters(window: MainWindow, inn_big: str, inn_small: str) -> None:
    print("filter → first page shown, then the count in the status bar (Входящие; median of 5; count capped "
          "at 10 000):")
    for label, apply in filters(inn_big, inn_small).items():
        pages, counts = [], []
        for _ in range(REPEAT):
            window.clear_filters()
            wait_loaded(window, counted=True)
            apply(window)
            started = time.perf_counter()
            window.filters.flush()
            wait_loaded(window)
            pages.append((time.perf_counter() - started) * 1000)
            wait_loaded(window, counted=True)
            counts.append((time.perf_counter() - started) * 1000)
        shown = window.count_label.text()
        page = statistics.median(pages)
        verdict = "ok" if page < GOAL_FILTER_MS else "SLOW"
        print(f"  {label:<46} page {page:7.1f} ms, count {statistics.median(counts):7.1f} ms  {shown:<26} {verdict}")
    window.clear_filters()
    wait_loaded(window)


def measure_end(window: MainWindow, services: Services) -> None:
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(0, 0))  # the user is on the first row
    QApplication.processEvents()
    before = window.model.rowCount()
    started = time.perf_counter()
    QTest.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    while window.model.rowCount() == before and time.perf_counter() - started < 5:
        QApplication.processEvents()
    print(f"Ctrl+End: {(time.perf_counter() - started) * 1000:.1f} ms, rows {before} → {window.model.rowCount()} "
          "(Qt's lazy view fetches one more page per press)")
    query = window.model.query
    started = time.perf_counter()
    total = services.library.count(query)
    counted = time.perf_counter() - started
    started = time.perf_counter()
    services.library.list_documents(query, max(total - 200, 0), 200)
    print(f"a real jump to the last row: exact count {total:,} in {counted * 1000:.0f} ms + OFFSET page in "
          f"{(time.perf_counter() - started) * 1000:.0f} ms")
    window.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.AscendingOrder)  # Дата, oldest first
    started = time.perf_counter()
    wait_loaded(window)
    print(f"reversing the date sort (oldest first): {(time.perf_counter() - started) * 1000:.1f} ms")


def spawn_until_shown(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from the process start to each marker it printed (it quits by itself)."""
    started = time.perf_counter()
    seen: dict[str, float] = {}
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            seen.setdefault(line.strip(), time.perf_counter() - started)
        proc.wait(timeout=30)
    if SHOWN_MARKER not in seen:
        raise RuntimeError(f"{command[0]} ended without showing a window")
    return seen


def measure_cold_start(data_dir: Path) -> None:
    env = {**os.environ, "EDO_APP_DATA_DIR": str(data_dir), QUIT_WHEN_SHOWN_ENV: "1"}
    app = [str(Path(sys.executable).with_name("edo-app"))]
    empty = [sys.executable, "-c", EMPTY_WINDOW]
    ours, theirs = [], []
    for _ in range(REPEAT):  # alternate, so both meet the same machine load
        ours.append(spawn_until_shown(app, env))
        theirs.append(spawn_until_shown(empty, env))
    a, b = (statistics.median(run[SHOWN_MARKER] for run in runs) for runs in (ours, theirs))
    pages = [run[PAGE_MARKER] for run in ours if PAGE_MARKER in run]
    ready = [run[READY_MARKER] for run in ours if READY_MARKER in run]
    print(f"cold start to a painted window (median of {REPEAT}): edo-app {a:.3f} s, empty PySide6 window {b:.3f} s, "
          f"ratio {a / b:.2f}  goal <= {GOAL_COLD_RATIO}")
    print(f"  edo-app to the first page painted: {median_text(pages)}, to every menu complete: {median_text(ready)}")
    def listed(values: list[float]) -> str:
        return ", ".join(f"{value:.3f}" for value in values)

    print(f"  runs: edo-app {listed([run[SHOWN_MARKER] for run in ours])}; "
          f"empty {listed([run[SHOWN_MARKER] for run in theirs])}; first page {listed(pages)}; menus {listed(ready)}")


def median_text(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s" if values else "not reported"


def main() -> None:
    args = [arg for arg in sys.argv[1:] if arg != COLD_START_FLAG]
    count = int(args[0]) if args else 1_000_000
    data_dir = cached_database(count)
    print(f"registry of {count:,} documents: {data_dir / 'edo.sqlite3'}")
    if COLD_START_FLAG in sys.argv[1:]:
        measure_cold_start(data_dir)
        return
    app = QApplication.instance() or QApplication(sys.argv)
    main_window.show_error = fail_loudly
    measure_open(data_dir)
    _, services, window = open_window(data_dir)
    big, small = parties(random.Random(7))[0].inn, parties(random.Random(7))[3000].inn
    measure_filters(window, big, small)
    measure_end(window, services)
    window.show_folder(Folder.ARCHIVE)
    wait_loaded(window)
    print(f"Архив folder: {window.count_label.text()}")
    close_window(window, services)
    measure_cold_start(data_dir)
    del app


if __name__ == "__main__":
    main()

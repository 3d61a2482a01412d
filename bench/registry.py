"""The main window's registry on 1,000,000 documents (SQLite): prints timings, asserts nothing.

Usage: .venv/bin/python bench/registry.py [N]   (offscreen; generation is cached, see
registry_data.py). Measures, as a user meets them:
- open: Services.open + MainWindow + the first page of Входящие shown (real ThreadExecutor);
- filter: from the filters' pause ending to the model holding the first page and the count;
- Ctrl+End in the table (one more page, as Qt's lazy view does), and what a real jump to the
  last row would cost (exact count + OFFSET page), against reversing the date sort;
- cold start: ``edo-app`` process start to a shown window vs an empty PySide6 window process.
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
from ui.app import QUIT_WHEN_SHOWN_ENV, SHOWN_MARKER
from ui.main_window import MainWindow
from ui.ops import ThreadExecutor
from ui.registry.folders import Folder

GOAL_OPEN_S, GOAL_FILTER_MS, GOAL_COLD_RATIO = 1.0, 100.0, 2.0
REPEAT = 5
EMPTY_WINDOW = (
    "import sys\nfrom PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv)\nw = QMainWindow()\nw.show()\n"
    f"QTimer.singleShot(0, lambda: (print({SHOWN_MARKER!r}, flush=True), app.quit()))\napp.exec()\n"
)


def wait_loaded(window: MainWindow, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while window.model.loading:
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
    print("filter → first page and count (Входящие; median of 5; count capped at 10 000):")
    for label, apply in filters(inn_big, inn_small).items():
        times = []
        for _ in range(REPEAT):
            window.clear_filters()
            wait_loaded(window)
            apply(window)
            started = time.perf_counter()
            window.filters.flush()
            wait_loaded(window)
            times.append((time.perf_counter() - started) * 1000)
        shown = window.count_label.text()
        verdict = "ok" if statistics.median(times) < GOAL_FILTER_MS else "SLOW"
        print(f"  {label:<46} {statistics.median(times):8.1f} ms  {shown:<26} {verdict}")
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


def spawn_until_shown(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if SHOWN_MARKER in line:
                elapsed = time.perf_counter() - started
                proc.wait(timeout=30)
                return elapsed
    raise RuntimeError(f"{command[0]} ended without showing a window")


def measure_cold_start(data_dir: Path) -> None:
    env = {**os.environ, "EDO_APP_DATA_DIR": str(data_dir), QUIT_WHEN_SHOWN_ENV: "1"}
    app = [str(Path(sys.executable).with_name("edo-app"))]
    empty = [sys.executable, "-c", EMPTY_WINDOW]
    ours, theirs = [], []
    for _ in range(REPEAT):  # alternate, so both meet the same machine load
        ours.append(spawn_until_shown(app, env))
        theirs.append(spawn_until_shown(empty, env))
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"cold start to a shown window (median of {REPEAT}): edo-app {a:.3f} s, empty PySide6 window {b:.3f} s, "
          f"ratio {a / b:.2f}  goal <= {GOAL_COLD_RATIO}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    data_dir = cached_database(count)
    print(f"registry of {count:,} documents: {data_dir / 'edo.sqlite3'}")
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

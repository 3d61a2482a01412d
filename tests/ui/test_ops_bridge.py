"""The thread executor and the event bridge deliver on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from edo_app.services import Changes, EventBus
from ui.bridge import EventBridge
from ui.ops import SyncExecutor, ThreadExecutor


def _on_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def test_thread_executor_runs_off_gui_and_delivers_on_it(qtbot: QtBot) -> None:
    executor = ThreadExecutor()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread() is threading.main_thread()
        return 42

    def done(value: int) -> None:
        seen["value"], seen["gui"] = value, _on_gui_thread()

    executor.submit(work, done, lambda exc: seen.setdefault("error", exc))
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen == {"worker": False, "value": 42, "gui": True}
    assert not executor.busy


def test_thread_executor_delivers_the_exception(qtbot: QtBot) -> None:
    executor = ThreadExecutor()
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValueError("плохо")

    executor.submit(fail, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)
    assert str(errors[0]) == "плохо"


def test_thread_executor_keeps_order(qtbot: QtBot) -> None:
    executor = ThreadExecutor()
    order: list[int] = []
    for n in range(20):
        executor.submit(lambda n=n: n, order.append, lambda exc: None)
    qtbot.waitUntil(lambda: len(order) == 20)
    assert order == list(range(20))


def test_sync_executor_runs_inline() -> None:
    results: list[object] = []
    SyncExecutor().submit(lambda: 1 / 0, results.append, results.append)
    SyncExecutor().submit(lambda: "ок", results.append, results.append)
    assert isinstance(results[0], ZeroDivisionError)
    assert results[1] == "ок"


def test_bridge_reemits_on_gui_thread(qtbot: QtBot) -> None:
    bus = EventBus()
    bridge = EventBridge(bus)
    got: list[tuple[Changes, bool]] = []
    bridge.changed.connect(lambda changes: got.append((changes, _on_gui_thread())))
    worker = threading.Thread(target=bus.publish, args=(Changes(documents_added=(7,)),))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(got))
    assert got == [(Changes(documents_added=(7,)), True)]


def test_bridge_close_stops_listening(qtbot: QtBot) -> None:
    bus = EventBus()
    bridge = EventBridge(bus)
    got: list[Changes] = []
    bridge.changed.connect(got.append)
    bridge.close()
    bridge.close()
    bus.publish(Changes(documents_changed=(1,)))
    qtbot.wait(20)
    assert got == []

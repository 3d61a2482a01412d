"""Synchronisation from the window: on demand (F5) and on a timer, never two at once.

The timer is stopped while a sync runs and started again when it ends, so a slow operator
cannot make runs pile up; a request while one runs is refused (the running one covers it).
The registry learns of new statuses through the EventBus → ui.bridge, not from here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from edo_app.errors import TransportError
from edo_app.services import ExchangeService, Services, SyncReport
from ui.exchange.status import BusyIndicator, Notifier, documents_word
from ui.ops import Executor

DEFAULT_SYNC_MINUTES = 5
INTERVAL_SETTING = "sync_interval_minutes"
NOT_CONFIGURED = ("Обмен не настроен: укажите участника ЭДО и папку обмена или адрес оператора "
                  "в «Сервис → Настройки» (или командой «edo exchange configure»).")
OPERATION = "Синхронизация с оператором"


def sync_minutes(services: Services) -> int | None:
    """Minutes between automatic syncs: the setting ``sync_interval_minutes`` (0 = off → None);
    5 when the settings have no such field."""
    value = getattr(services.settings, INTERVAL_SETTING, DEFAULT_SYNC_MINUTES)
    if not isinstance(value, int) or isinstance(value, bool):
        return DEFAULT_SYNC_MINUTES
    return value if value > 0 else None


class SyncController(QObject):
    """Runs ``ExchangeService.sync`` through the window's executor and reports the outcome."""

    finished = Signal(object)  # SyncReport of a run that completed

    def __init__(self, services: Services, executor: Executor, busy: BusyIndicator, notifier: Notifier, *,
                 show_error: Callable[[BaseException], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._executor = executor
        self._busy = busy
        self._notifier = notifier
        self._show_error = show_error
        self.running = False
        self.minutes = sync_minutes(services)
        self.timer = QTimer(self)
        self.timer.setInterval((self.minutes or DEFAULT_SYNC_MINUTES) * 60_000)
        self.timer.timeout.connect(self.sync_automatically)

    @property
    def exchange(self) -> ExchangeService | None:
        return self._services.exchange  # read each time: the settings screen may configure it later

    def start_timer(self) -> None:
        """Start automatic syncs when the exchange is configured and they are not switched off."""
        if self.exchange is not None and self.minutes is not None:
            self.timer.start()

    def sync_now(self) -> bool:
        """«Обмен → Синхронизировать»: explains when the exchange is not set up; False if not started."""
        if self.exchange is None:
            self._notifier.status(NOT_CONFIGURED)
            return False
        return self._start(manual=True)

    def sync_automatically(self) -> bool:
        return self.exchange is not None and self._start(manual=False)

    def _start(self, *, manual: bool) -> bool:
        exchange = self.exchange
        if self.running or exchange is None:
            return False
        self.running = True
        self.timer.stop()  # paused while this run lasts
        self._busy.start(OPERATION)
        self._executor.submit(exchange.sync, self._done, lambda exc: self._failed(exc, manual=manual))
        return True

    def _done(self, report: SyncReport) -> None:
        self._end()
        if report.received:
            self._notifier.notify("Новые документы", f"Получено {report.received} {documents_word(report.received)}")
        elif report.errors:
            self._notifier.status(f"Синхронизация: {report.errors[0]}. Повтор при следующей синхронизации.")
        else:
            self._notifier.status(f"Синхронизация завершена: отправлено {report.sent}, получено 0")
        self.finished.emit(report)

    def _failed(self, exc: BaseException, *, manual: bool) -> None:
        self._end()
        if isinstance(exc, TransportError):  # the operator is down or refuses: try again later
            later = f"через {self.minutes} мин." if self.minutes else "при следующей синхронизации (F5)."
            self._notifier.status(f"Нет связи с оператором ЭДО: {exc}. Повтор {later}")
        elif manual:
            self._show_error(exc)
        else:
            self._notifier.status(f"Автоматическая синхронизация не удалась: {exc}")

    def _end(self) -> None:
        self.running = False
        self._busy.stop()
        self.start_timer()

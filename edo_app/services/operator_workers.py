"""Several server processes on one operator database: ``edo operator serve --workers N``.

Python runs one thread at a time per process, so one server process uses at most one core however
many threads it has, and checking packages (schema, rules, signatures) is CPU work. The parent
opens the listening socket and forks the workers, which inherit it; the kernel hands each new
connection to one of them. Each worker opens its own database connections after the fork. Their
writes are serialized by SQLite's write lock (``OperatorStore.write_session``), a changed
participant is seen through the participants' change counter, and the event feed's ids follow the
order of the commits. The parent only supervises: a stop signal stops every worker, and a worker
that ends on its own stops the others, so a service manager restarts the operator as a whole.
POSIX only (fork); elsewhere the operator runs as one process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import traceback
from pathlib import Path
from types import FrameType

from edo_app.errors import EdoError, InputError

__all__ = ["serve_workers"]

MAX_REQUEST_BYTES = 80 * 1024 * 1024
# Request bodies and answers are buffered in memory up to this size, past it in a temporary file:
# waitress's defaults (512 KB in, 1 MB out) sent every batch of 100 packages and every feed page
# with its packages through a file (24 MB written a 1,000 documents, bench/sync.py --parallel).
BUFFER_IN_MEMORY = 8 * 1024 * 1024


class _Stop(Exception):
    """A stop signal reached the supervising parent."""


def serve_workers(folder: Path, host: str, port: int, *, checks: bool, threads: int, workers: int) -> None:
    """Serve with ``workers`` processes (1: this process) until stopped."""
    from edo_app.services.operator_server import build_core

    if workers < 1:
        raise InputError("число процессов должно быть не меньше 1", "workers")
    if workers == 1:
        _serve(folder, checks, threads, host=host, port=port)
        return
    if not hasattr(os, "fork"):
        raise InputError("несколько процессов сервера (--workers) поддерживаются только в Linux и macOS", "workers")
    build_core(folder, checks=checks).store.close()  # a broken folder stops the start here, before any fork
    listener = socket.create_server((host, port), backlog=1024)
    children = [_fork(listener, folder, checks, threads) for _ in range(workers)]
    listener.close()  # the workers hold it
    _supervise(children)


def _serve(folder: Path, checks: bool, threads: int, **where: object) -> None:
    import waitress  # type: ignore[import-untyped]  # only the server process needs it

    from edo_app.services.operator_server import make_app

    waitress.serve(make_app(folder, checks=checks), threads=threads, ident="edo-operator",
                   max_request_body_size=MAX_REQUEST_BYTES, inbuf_overflow=BUFFER_IN_MEMORY,
                   outbuf_overflow=BUFFER_IN_MEMORY, **where)


def _fork(listener: socket.socket, folder: Path, checks: bool, threads: int) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:  # the worker: default signal handling, its own database connections, the inherited socket
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _serve(folder, checks, threads, sockets=[listener])
        code = 0
    except BaseException:  # a worker must never return into the parent's code
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(code)


def _supervise(children: list[int]) -> None:
    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise _Stop

    previous = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGINT)}
    ended: tuple[int, int] | None = None
    try:
        ended = os.wait()  # returns when the first worker ends
    except _Stop:
        pass
    finally:
        for number in previous:
            signal.signal(number, signal.SIG_IGN)  # a second signal must not cut the clean-up short
        _stop_all([child for child in children if ended is None or child != ended[0]])
        for number, handler in previous.items():
            signal.signal(number, handler)
    if ended is not None:
        raise EdoError(f"процесс сервера оператора {ended[0]} завершился (статус {ended[1]}): "
                       "остальные остановлены")


def _stop_all(children: list[int]) -> None:
    for child in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGTERM)
    for child in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child, 0)

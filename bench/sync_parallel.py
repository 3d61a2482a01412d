"""The exchange with each participant in its own process, as in life (two offices, one operator):
the seller's process queues and sends, the buyer's process receives, checks, stores and answers
with ИОП, the operator's server process stamps and forwards, all three at once on this machine's
cores. bench/sync.py runs both participants in one process, one after the other, so there the
documents/s is bounded by the sum of all three CPU costs; here by what the cores can share.

Usage: PYTHONPATH=. python bench/sync.py [N] --parallel [--batch B]

Preparation (forming, signing and storing the seller's documents) is not timed: both processes
wait at a barrier, then the clock starts. "доставка" ends when the buyer has received, checked
and stored the N-th document (and queued its ИОП); "полный цикл" when the seller sees all N
«Подписан контрагентом» (the ИОП taken in). Memory: each process's peak RSS.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.synchronize import Barrier
from pathlib import Path

from sqlalchemy import func, select

from bench.sync import BUYER, SELLER, cpu_budget, prepare, process_cpu, side
from edo_app.model.kinds import DocumentStatus
from edo_app.storage import Database, open_database
from edo_app.storage.models import DocumentRecord
from edo_app.transport.http_operator import HttpOperatorTransport
from tests.unit.crypto.fixtures import make_pki

IDLE_POLL = 0.02  # seconds between empty polls of the feed
PROGRESS = 1000  # the buyer prints its progress and memory every this many documents


@dataclass(frozen=True)
class Finished:
    """What a participant's process reports: when it was done (time.time()), its CPU and peak RSS."""

    who: str
    started: float
    done: float
    cpu: float
    rss_mb: float


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _signed_by_counterparty(database: Database) -> int:
    with database.session() as session:
        query = select(func.count()).where(DocumentRecord.status == DocumentStatus.SIGNED_BY_COUNTERPARTY)
        return int(session.scalar(query) or 0)


@dataclass(frozen=True)
class Race:
    """What both participants' processes share: the data folder, the operator, the work, the start line."""

    folder: str
    url: str
    count: int
    batch: int
    barrier: Barrier
    results: multiprocessing.Queue[Finished]


def run_seller(race: Race, token: str) -> None:
    key = make_pki().signer
    seller, library = side(Path(race.folder), SELLER, HttpOperatorTransport(race.url, token, timeout=30), key)
    ids = prepare(seller, library, race.count, key)
    # opened once: opening a database per poll cost the seller ~2 ms of CPU each time, charged to the exchange
    progress = open_database(f"sqlite:///{Path(race.folder) / (SELLER + '.sqlite3')}")
    race.barrier.wait()
    started, cpu = time.time(), process_cpu(None)
    for first in range(0, race.count, race.batch):
        seller.queue_send_many(ids[first:first + race.batch], BUYER)  # one transaction, as a selection is sent
        seller.sync()
    while _signed_by_counterparty(progress) < race.count:
        if not seller.sync().changed:
            time.sleep(IDLE_POLL)
    race.results.put(Finished("seller", started, time.time(), process_cpu(None) - cpu, _rss_mb()))
    progress.close()


def run_buyer(race: Race, token: str) -> None:
    buyer, _ = side(Path(race.folder), BUYER, HttpOperatorTransport(race.url, token, timeout=30), make_pki().signer)
    race.barrier.wait()
    started, cpu, received, shown = time.time(), process_cpu(None), 0, 0
    while received < race.count:
        report = buyer.sync()
        assert report.failed == 0, report.errors
        received += report.received
        if not report.received:
            time.sleep(IDLE_POLL)
        if received - shown >= PROGRESS or received >= race.count:  # memory must stay flat as the count grows
            shown = received
            print(f"{received:6d}: покупатель принял, {received / (time.time() - started):6.1f} док/с с начала, "
                  f"пиковый RSS покупателя {_rss_mb():6.1f} МБ", flush=True)
    race.results.put(Finished("buyer", started, time.time(), process_cpu(None) - cpu, _rss_mb()))


def run(count: int, batch: int, workers: int = 1) -> None:
    from tests.integration.operator_server import OperatorServer

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "operator").mkdir()
        server = OperatorServer(Path(folder) / "operator", workers=workers).start()
        try:
            tokens = server.add(SELLER, "alpha"), server.add(BUYER, "beta")
            context = multiprocessing.get_context("spawn")
            race = Race(folder, server.url, count, batch, context.Barrier(3), context.Queue())
            report(count, *_race(context, race, tokens, server.process.pid if server.process else None))
        finally:
            server.stop()


def _race(context: multiprocessing.context.SpawnContext, race: Race, tokens: tuple[str, str],
          server_pid: int | None) -> tuple[dict[str, Finished], float]:
    """Start both participants, let them go together, wait for both; the operator's CPU meanwhile."""
    processes = [context.Process(target=run_seller, args=(race, tokens[0])),
                 context.Process(target=run_buyer, args=(race, tokens[1]))]
    for process in processes:
        process.start()
    race.barrier.wait()
    operator_cpu = process_cpu(server_pid) if server_pid else 0.0
    finished = {item.who: item for item in (race.results.get(), race.results.get())}
    operator_cpu = (process_cpu(server_pid) - operator_cpu) if server_pid else 0.0
    for process in processes:
        process.join()
        assert process.exitcode == 0, f"процесс участника завершился с кодом {process.exitcode}"
    return finished, operator_cpu


def report(count: int, finished: dict[str, Finished], operator_cpu: float) -> None:
    seller, buyer = finished["seller"], finished["buyer"]
    delivery, cycle = buyer.done - seller.started, max(seller.done, buyer.done) - seller.started
    print(f"продавец: ЦП {seller.cpu:.1f} с, пиковый RSS {seller.rss_mb:.1f} МБ; "
          f"покупатель: ЦП {buyer.cpu:.1f} с, пиковый RSS {buyer.rss_mb:.1f} МБ; оператор: ЦП {operator_cpu:.1f} с")
    print(cpu_budget(count, seller.cpu + buyer.cpu, operator_cpu))
    print(f"итого (три процесса одновременно: продавец, покупатель, HTTP-оператор; с подписями и ИОП): {count} "
          f"документов; доставка {count / delivery:.1f} док/с; полный цикл {count / cycle:.1f} док/с")

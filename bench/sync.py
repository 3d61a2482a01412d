"""The exchange end to end: N invoices (default 10,000) from one participant to another through
MemoryNetwork — seller sends, buyer receives (schema + rules + signature check) and answers
each with an ИОП, seller receives the ИОП. Prints documents/s and memory per batch: "доставка"
(the seller's send and the buyer's receiving, checks and ИОП) and "полный цикл" (also the seller
taking in the ИОП and the operator's confirmations).

Usage: PYTHONPATH=. python bench/sync.py [N] [--unsigned | --operator | --parallel] [--batch B] [--tracemalloc]

``--operator`` goes through the reference HTTP operator (edo operator serve) on 127.0.0.1.
``--parallel`` too, with the seller and the buyer in processes of their own working at the same
time (bench/sync_parallel.py).

After the batches it prints the CPU time one document costs: both participants (this process)
and, with ``--operator``, the operator's server process, and the best throughput that CPU cost
allows on this machine's cores even if all three ran perfectly in parallel.

Preparation (forming, signing and storing the seller's documents) is not timed. ``--unsigned``
skips signatures (and so the ИОП, which refers to the signature) to show the cost of the
exchange machinery alone. Memory: tracemalloc's current and peak after each batch; flat
means it does not grow with the number of documents already exchanged.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from edo_app.crypto.cms import build_detached
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.provider import ProviderRegistry
from edo_app.documents import ServiceSigner, file_name, sample_upd, to_xml
from edo_app.model.kinds import Direction
from edo_app.model.party import PersonName
from edo_app.schemas.registry import default_registry
from edo_app.services.events import EventBus
from edo_app.services.exchange import ExchangeOptions, ExchangeService
from edo_app.services.library import LibraryService
from edo_app.services.signing import SigningService
from edo_app.storage import open_database
from edo_app.transport.base import Transport
from edo_app.transport.memory import MemoryNetwork
from tests.unit.crypto.fixtures import TestKey, make_pki

SELLER, BUYER = "2AE1111111111-222222222", "2BM-3333333333-444444444"
SIGNER = ServiceSigner(PersonName("Иванов", "Пётр", "Сергеевич"), "Бухгалтер")


def sign_with(key: TestKey) -> Callable[[bytes], bytes]:
    def sign(data: bytes) -> bytes:
        digest = new_hash(key.certificate.curve.size, data).digest()
        return build_detached(digest, key.certificate, key.sign_digest, signing_time=datetime.now(UTC))
    return sign


def side(folder: Path, participant: str, transport: Transport, key: TestKey | None) -> tuple[ExchangeService,
                                                                                            LibraryService]:
    database = open_database(f"sqlite:///{folder / (participant + '.sqlite3')}")
    bus = EventBus()
    signing = SigningService(database, ProviderRegistry(), bus)
    library = LibraryService(database, default_registry(), bus, 64 * 1024 * 1024, signing)
    options = ExchangeOptions(receipt_signer=SIGNER, require_signatures=key is not None,
                              service_signer=sign_with(key) if key else None)
    service = ExchangeService(database, transport, signing, library, bus,
                              participant_id=participant, schemas=default_registry(), options=options)
    return service, library


def prepare(seller: ExchangeService, library: LibraryService, count: int, key: TestKey | None) -> list[int]:
    """Store ``count`` distinct invoices (a fresh GUID in each ИдФайл), signed when ``key`` is given."""
    templates = [(d.file_id.guid, to_xml(d), file_name(d)) for d in (sample_upd("СЧФ", lines=3, seed=s)
                                                                    for s in range(20))]
    ids = []
    for n in range(count):
        guid, xml, name = templates[n % len(templates)]
        fresh = str(uuid.uuid4())
        data = xml.replace(guid.encode(), fresh.encode())
        der = None
        if key is not None:
            der = sign_with(key)(data)
        result = library.import_bytes(data, name.replace(guid, fresh), Direction.OUTGOING, signature=der)
        assert result.document_id is not None, result.report.issues
        ids.append(result.document_id)
    return ids


def memory(trace: bool) -> str:
    """tracemalloc's current and peak (since the last batch) with --tracemalloc, else the process's peak RSS."""
    if not trace:
        return f"пиковый RSS процесса {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:6.1f} МБ"
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    return f"память {current / 2**20:6.1f} МБ (пик за пачку {peak / 2**20:6.1f} МБ)"


def process_cpu(pid: int | None) -> float:
    """CPU seconds (user + system) of ``pid`` and its child processes (the operator's workers;
    Linux /proc), or of this process when None."""
    if pid is None:
        return time.process_time()
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def cpu_budget(count: int, client: float, operator: float | None) -> str:
    """The CPU one document costs, and the throughput that allows at best on this machine's cores."""
    total = client + (operator or 0.0)
    cores = os.cpu_count() or 1
    per_doc = 1000 * total / count
    split = f"клиенты {1000 * client / count:.1f} мс" + (f", оператор {1000 * operator / count:.1f} мс"
                                                          if operator is not None else "")
    return (f"ЦП на документ (полный цикл): {split}, всего {per_doc:.1f} мс → потолок на {cores} ядрах "
            f"при идеальном распараллеливании {1000 * cores / per_doc:.0f} док/с")


def transports(tmp: Path, operator: bool, stack: contextlib.ExitStack,
               workers: int = 1) -> tuple[Transport, Transport, int | None]:
    """Both participants' transports: MemoryNetwork, or the reference HTTP operator on 127.0.0.1
    (then also the server's process id, to read its CPU time)."""
    if not operator:
        network = MemoryNetwork()
        return network.transport(SELLER), network.transport(BUYER), None
    from tests.integration.operator_server import OperatorServer

    (tmp / "operator").mkdir()
    server = OperatorServer(tmp / "operator", workers=workers).start()
    stack.callback(server.stop)
    server.add(SELLER, "alpha")
    server.add(BUYER, "beta")
    return server.transport(SELLER), server.transport(BUYER), server.process.pid if server.process else None


def run(count: int, batch: int, signed: bool, trace: bool, operator: bool, *, workers: int = 1) -> None:
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        tmp = Path(folder)
        key = make_pki().signer if signed else None
        to_seller, to_buyer, server_pid = transports(tmp, operator, stack, workers)
        seller, library = side(tmp, SELLER, to_seller, key)
        buyer, _ = side(tmp, BUYER, to_buyer, key)
        started = time.perf_counter()
        ids = prepare(seller, library, count, key)
        print(f"подготовлено {count} документов за {time.perf_counter() - started:.1f} с (не входит в замер)")
        if trace:
            tracemalloc.start()
        total = delivery = 0.0
        cpu_client, cpu_operator = process_cpu(None), process_cpu(server_pid) if server_pid else 0.0
        for first in range(0, count, batch):
            chunk = ids[first:first + batch]
            began = time.perf_counter()
            seller.queue_send_many(chunk, BUYER)
            sent = seller.sync()
            got = buyer.sync()
            delivered = time.perf_counter()
            back = seller.sync()
            spent = time.perf_counter() - began
            total += spent
            delivery += delivered - began
            assert sent.failed == got.failed == back.failed == 0, (sent.errors, got.errors, back.errors)
            assert got.received == len(chunk), got
            print(f"{first + len(chunk):6d}: {len(chunk) / spent:7.1f} док/с полный цикл, "
                  f"{len(chunk) / (delivered - began):7.1f} док/с доставка, {memory(trace)}")
        client = process_cpu(None) - cpu_client
        print(cpu_budget(count, client, process_cpu(server_pid) - cpu_operator if server_pid else None))
        if trace:
            print("где живёт память (tracemalloc, первые 4 места):")
            for stat in tracemalloc.take_snapshot().statistics("filename")[:4]:
                print(f"  {stat.size / 2**20:6.1f} МБ  {stat.traceback[0].filename}")
        via = "HTTP-оператор" if operator else "MemoryNetwork"
        print(f"итого ({via}, {'с подписями и ИОП' if signed else 'без подписей'}): {count} документов; "
              f"доставка (отправка → приём с проверкой, сохранением и ответом ИОП) {count / delivery:.1f} док/с; "
              f"полный цикл (и обработка ИОП и квитанций у продавца) {count / total:.1f} док/с")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--unsigned", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true", help="память по tracemalloc (медленнее в 2–3 раза)")
    parser.add_argument("--operator", action="store_true", help="через эталонный HTTP-оператор на 127.0.0.1")
    parser.add_argument("--parallel", action="store_true",
                        help="через HTTP-оператор, продавец и покупатель — отдельные процессы, работают одновременно")
    parser.add_argument("--workers", type=int, default=1, help="процессов сервера оператора (serve --workers)")
    args = parser.parse_args()
    if (args.operator or args.parallel) and args.unsigned:
        parser.error("оператор принимает только подписанные документы: --operator/--parallel без --unsigned")
    if args.parallel:
        from bench.sync_parallel import run as run_parallel

        run_parallel(args.count, args.batch, args.workers)
        return
    run(args.count, args.batch, not args.unsigned, args.tracemalloc, args.operator, workers=args.workers)


if __name__ == "__main__":
    main()

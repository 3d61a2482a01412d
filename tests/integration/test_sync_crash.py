"""Crash safety of the exchange, proved with kill -9.

Two participants exchange invoices (УПД СЧФ, 14н) through an exchange folder. ``edo sync`` runs
as a subprocess for one side or the other and is killed with SIGKILL at random moments, many
times; a FolderGateway (the "operator") moves packages between the boxes in between. Then
every side syncs to completion, and nothing may be lost or doubled: each document sent once,
received once, answered by one ИОП, final statuses, a sound database.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from edo_app.cli import main
from edo_app.crypto.cms import build_detached
from edo_app.crypto.openssl_gost import new_hash
from edo_app.documents import file_name, sample_upd, to_xml
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.services.context import Services
from edo_app.storage import DocumentQuery
from edo_app.transport.folder import FolderGateway
from tests.unit.crypto.fixtures import make_pki

SELLER, BUYER = "2AE1111111111-222222222", "2BM-3333333333-444444444"
DOCUMENTS = 300  # enough work that kills keep landing inside it as the exchange gets faster
KILLS = 30
BUDGET_SECONDS = 60.0
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _configure(data: Path, exchange: Path, participant: str) -> None:
    assert main(["exchange", "configure", "--folder", str(exchange), "--participant", participant,
                 "--signer", "Иванов Пётр Сергеевич", "--position", "Бухгалтер", "--data", str(data)]) == 0


def _prepare_seller(data: Path) -> set[str]:
    """Import and sign the invoices, queue them for the buyer; returns their ИдФайл."""
    key = make_pki().signer
    services = Services.open(data)
    file_ids = set()
    try:
        assert services.exchange is not None
        for seed in range(DOCUMENTS):
            doc = sample_upd("СЧФ", lines=2, seed=seed)
            data_bytes = to_xml(doc)
            digest = new_hash(key.certificate.curve.size, data_bytes).digest()
            der = build_detached(digest, key.certificate, key.sign_digest, signing_time=datetime.now(UTC))
            result = services.library.import_bytes(data_bytes, file_name(doc), Direction.OUTGOING, signature=der)
            assert result.document_id is not None
            services.exchange.queue_send(result.document_id, BUYER)
            file_ids.add(str(doc.file_id))
    finally:
        services.close()
    return file_ids


def _sync(data: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "edo_app.cli", "sync", "--data", str(data)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _startup(data: Path) -> float:
    """How long a sync with nothing to do takes: mostly the interpreter and imports."""
    began = time.monotonic()
    assert _sync(data).wait(timeout=120) == 0
    return time.monotonic() - began


def _kill_many(sides: list[Path], gateway: FolderGateway, rng: random.Random) -> tuple[int, int]:
    """SIGKILL ``edo sync`` at random moments; returns (kills, kills past the start-up, in the work).

    The moments spread from shortly before the work starts (startup measured once) to well
    into it, so the kills land in sending, storing, processing and acknowledging alike. A page
    of received events lands in one transaction, so a kill inside it leaves no trace to count:
    a kill counts as "in the work" when it came later than a sync with nothing to do finishes.
    """
    kills = mid_work = 0
    idle = min(_startup(sides[-1]) for _ in range(2))  # the first run also compiles and warms caches
    started = time.monotonic()
    while kills < KILLS and time.monotonic() - started < BUDGET_SECONDS:
        data = rng.choice(sides)
        process = _sync(data)
        moment = rng.uniform(0.6 * idle, idle + 0.8)
        try:
            process.wait(timeout=moment)  # finished in time: not killed
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            kills += 1
            mid_work += moment > idle
        gateway.deliver_once()
    return kills, mid_work


def _finish(sides: list[Path], gateway: FolderGateway) -> None:
    for _ in range(4):
        for data in sides:
            process = _sync(data)
            _, err = process.communicate(timeout=300)
            assert process.returncode == 0, err.decode()
            gateway.deliver_once()


def _rows(data: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(data / "edo.sqlite3") as db:
        return db.execute(sql).fetchall()


def test_kill_minus_nine_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    exchange, seller, buyer = tmp_path / "exchange", tmp_path / "seller", tmp_path / "buyer"
    _configure(seller, exchange, SELLER)
    _configure(buyer, exchange, BUYER)
    Services.open(buyer).close()  # create the buyer's box and database
    file_ids = _prepare_seller(seller)
    gateway = FolderGateway(exchange)
    started = time.monotonic()
    kills, mid_work = _kill_many([seller, buyer], gateway, random.Random(int(os.environ.get("CRASH_SEED", "5"))))
    _finish([seller, buyer], gateway)
    print(f"\n{kills} kills ({mid_work} past the start-up, in the work), {DOCUMENTS} documents, "
          f"{time.monotonic() - started:.1f} s")
    assert kills >= 10

    _check_seller(seller)
    _check_buyer(buyer, file_ids)
    _check_folders(exchange)
    for data in (seller, buyer):
        assert _rows(data, "PRAGMA integrity_check") == [("ok",)]
        assert _rows(data, "SELECT count(*) FROM signatures GROUP BY document_id HAVING count(*) > 1") == []
    assert mid_work >= 1  # the proof needs kills inside the work, not only during start-up
    services = Services.open(buyer)
    try:
        assert services.library.count(DocumentQuery(direction=Direction.INCOMING)) == DOCUMENTS
    finally:
        services.close()


def _check_seller(seller: Path) -> None:
    """Each document sent once; its ИОП came back: «Подписан контрагентом»."""
    assert _rows(seller, "SELECT state, count(*) FROM exchange_outbox GROUP BY state") == [("sent", DOCUMENTS)]
    statuses = _rows(seller, "SELECT status, count(*) FROM documents WHERE direction = 'outgoing' GROUP BY status")
    assert statuses == [(DocumentStatus.SIGNED_BY_COUNTERPARTY.value, DOCUMENTS)]
    sent_twice = _rows(seller, "SELECT document_id FROM events WHERE action = 'exchange.sent' "
                               "GROUP BY document_id HAVING count(*) > 1")
    assert sent_twice == []
    assert _rows(seller, "SELECT count(*) FROM exchange_inbox WHERE state != 'processed' OR NOT acknowledged") == \
        [(0,)]


def _check_buyer(buyer: Path, file_ids: set[str]) -> None:
    """Each document received once and answered by exactly one ИОП, sent."""
    received = _rows(buyer, "SELECT file_id, status FROM documents WHERE direction = 'incoming'")
    assert sorted(str(f) for f, _ in received) == sorted(file_ids)
    assert {s for _, s in received} == {DocumentStatus.RECEIVED.value}
    assert _rows(buyer, "SELECT purpose, state, count(*) FROM exchange_outbox GROUP BY purpose, state") == \
        [("ИОП", "sent", DOCUMENTS)]
    assert _rows(buyer, "SELECT count(*) FROM exchange_inbox WHERE state != 'processed' OR NOT acknowledged") == [(0,)]


def _check_folders(exchange: Path) -> None:
    """Nothing left behind, nothing quarantined, every package exactly once."""
    for box in (BUYER, SELLER):
        assert list((exchange / box / "incoming").glob("*.zip")) == []
        assert list((exchange / box / "failed").iterdir()) == []
        assert len(list((exchange / box / "processed").glob("*.zip"))) == DOCUMENTS

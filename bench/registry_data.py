"""A cached SQLite registry of N documents (default 1,000,000) for bench/registry.py.

Rows go in through SQLAlchemy's connection as plain ``executemany`` batches of values already
in the stored form (enum values, integer kopecks, ISO dates): the ORM or Core type processing
would take minutes for a million rows. The indexes are dropped for the load and built again
from storage/models afterwards (a sort per index instead of a million B-tree inserts).

The file is cached under ``$EDO_BENCH_CACHE`` (default: the temp folder) keyed by the
generator version and the newest migration, and written under a temporary name first, so a
rerun starts at once and an interrupted run leaves no half-made cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.summary import PartyRef
from edo_app.storage import migrations, open_database
from edo_app.storage.mapping import search_text
from edo_app.storage.models import DocumentRecord

GENERATOR_VERSION = "g1"
BATCH = 50_000
PARTIES = 5_000
FIRST_DAY, LAST_DAY = date(2021, 1, 1), date(2026, 11, 23)
NOW = "2026-11-23 12:00:00.000000"  # SQLAlchemy's SQLite DATETIME text form, UTC
WORDS = ("Ромашка", "Лютик", "Василёк", "Колокольчик", "Одуванчик", "Клевер", "Подснежник", "Ландыш",
         "Вектор", "Гранит", "Меридиан", "Северный ветер", "Торговый дом", "Стройресурс")
FORMS = ("ООО", "АО", "ПАО", "ИП")
US = PartyRef("ООО «Мы»", "7708123450", "770801001")

DIRECTIONS = {Direction.INCOMING: 45, Direction.OUTGOING: 48, Direction.DRAFT: 7}
KINDS = {DocumentKind.UPD_SELLER: 55, DocumentKind.ACT_SELLER: 20, DocumentKind.TORG12_SELLER: 12,
         DocumentKind.UKD_SELLER: 5, DocumentKind.ETRN: 3, DocumentKind.SERVICE: 5}
NUMBER_PREFIX = {DocumentKind.UPD_SELLER: "УПД", DocumentKind.ACT_SELLER: "АКТ", DocumentKind.TORG12_SELLER: "ТН",
                 DocumentKind.UKD_SELLER: "УКД", DocumentKind.ETRN: "ЭТРН", DocumentKind.SERVICE: "ИОП"}
STATUSES = {
    Direction.INCOMING: {DocumentStatus.RECEIVED: 15, DocumentStatus.SIGNATURE_REQUIRED: 12,
                         DocumentStatus.SIGNED: 63, DocumentStatus.REJECTED: 5,
                         DocumentStatus.CLARIFICATION_REQUIRED: 3, DocumentStatus.ANNULLED: 2},
    Direction.OUTGOING: {DocumentStatus.SIGNED: 4, DocumentStatus.SENT: 10, DocumentStatus.DELIVERED: 14,
                         DocumentStatus.SIGNED_BY_COUNTERPARTY: 64, DocumentStatus.REJECTED: 5,
                         DocumentStatus.CLARIFICATION_REQUIRED: 2, DocumentStatus.ANNULLED: 1},
    Direction.DRAFT: {DocumentStatus.DRAFT: 60, DocumentStatus.VALIDATED: 30, DocumentStatus.INVALID: 10},
}
REPORT = json.dumps({"file": "bench.xml", "schema": "upd-5.03-seller", "issues": []})


@dataclass(frozen=True)
class Picks:
    """Weighted choices drawn up front: random.choices per row would dominate the run."""

    rng: random.Random

    def many(self, weights: dict[Any, int], count: int) -> list[Any]:
        return self.rng.choices(list(weights), weights=list(weights.values()), k=count)


def newest_migration() -> str:
    return sorted(p.stem for p in (Path(migrations.__file__).parent / "versions").glob("r*.py"))[-1]


def indexes_digest() -> str:
    """Changes with any index of ``documents`` (storage/models/documents.py): a tuned index means a new cache."""
    text = repr(sorted((i.name, [str(e) for e in i.expressions]) for i in DocumentRecord.__table__.indexes))
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def cached_database(count: int) -> Path:
    """The data folder holding ``edo.sqlite3`` with ``count`` documents, made when missing."""
    root = Path(os.environ.get("EDO_BENCH_CACHE", tempfile.gettempdir())) / "edo-bench"
    folder = root / f"registry-{GENERATOR_VERSION}-{newest_migration()}-{indexes_digest()}-{count}"
    target = folder / "edo.sqlite3"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / "edo.sqlite3.partial"
        for leftover in folder.glob("edo.sqlite3.partial*"):
            leftover.unlink()
        fill(partial, count)
        partial.rename(target)
    return folder


def parties(rng: random.Random) -> list[PartyRef]:
    return [PartyRef(f"{rng.choice(FORMS)} «{rng.choice(WORDS)}-{i}»", f"{5000000000 + i * 7919:010d}", "770101001")
            for i in range(PARTIES)]


def rows(count: int, seed: int = 7) -> Iterator[tuple[Any, ...]]:
    """Documents in the column order of ``COLUMNS``: counterparties skewed (a few big ones),
    recent dates more frequent, ~12% of the older ones archived."""
    rng = random.Random(seed)
    picks = Picks(rng)
    others = parties(rng)
    party_of = rng.choices(range(PARTIES), weights=[1 / (i + 1) for i in range(PARTIES)], k=count)
    directions, kinds = picks.many(DIRECTIONS, count), picks.many(KINDS, count)
    statuses = {d: iter(picks.many(w, count)) for d, w in STATUSES.items()}
    span = (LAST_DAY - FIRST_DAY).days
    for n in range(count):
        direction, kind, other = directions[n], kinds[n], others[party_of[n]]
        day = FIRST_DAY + timedelta(days=int(span * rng.random() ** 0.5))
        archived = day.year < 2024 and rng.random() < 0.3
        total = rng.randrange(100_00, 5_000_000_00)
        yield _row(n + 1, direction=direction, kind=kind, status=next(statuses[direction]), other=other, day=day,
                   total=total, archived=archived)


def _row(n: int, *, direction: Direction, kind: DocumentKind, status: DocumentStatus, other: PartyRef,
         day: date, total: int, archived: bool) -> tuple[Any, ...]:
    seller, buyer = (other, US) if direction is Direction.INCOMING else (US, other)
    number = f"{NUMBER_PREFIX[kind]}-{n}"
    values = {
        "id": n, "file_id": f"ON_BENCH_{n:010d}", "kind": kind.value, "direction": direction.value,
        "status": status.value, "format_version": "5.03", "knd": "1115131", "function": "СЧФДОП",
        "number": number, "doc_date": day.isoformat(),
        "seller_name": seller.name, "seller_inn": seller.inn, "seller_kpp": seller.kpp,
        "buyer_name": buyer.name, "buyer_inn": buyer.inn, "buyer_kpp": buyer.kpp,
        "counterparty_name": other.name, "counterparty_inn": other.inn, "counterparty_kpp": other.kpp,
        "total": total, "vat": total // 6, "currency": "643", "search_text": search_text(number, other),
        "sha256": "0" * 64, "size": 4096, "valid": 1, "created_at": NOW, "updated_at": NOW,
        "archived": int(archived), "report": REPORT, "answers": None, "refuses": 0, "stage": None,
    }
    return tuple(values[c] for c in COLUMNS)


COLUMNS = tuple(column.name for column in DocumentRecord.__table__.columns)


def fill(path: Path, count: int) -> None:
    started = time.perf_counter()
    db = open_database(f"sqlite:///{path}")  # the real schema, migrated to head
    indexes = [i for i in DocumentRecord.__table__.indexes if i.name and i.name.startswith("ix_")]
    insert = f"INSERT INTO documents ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    with db.engine.begin() as conn:
        for index in indexes:
            conn.exec_driver_sql(f"DROP INDEX {index.name}")
        batch: list[tuple[Any, ...]] = []
        for row in rows(count):
            batch.append(row)
            if len(batch) == BATCH:
                conn.exec_driver_sql(insert, batch)  # type: ignore[arg-type]
                batch = []
        if batch:
            conn.exec_driver_sql(insert, batch)  # type: ignore[arg-type]
        for index in indexes:
            index.create(conn)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print(f"generated {count:,} documents in {time.perf_counter() - started:.1f} s: {path}", flush=True)

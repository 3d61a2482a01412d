"""Registry queries on N documents in SQLite (default 200,000): prints timings, asserts nothing.

Usage: python bench/storage_registry.py [N] [sqlite-url]
Rows are bulk-inserted through the repository's own row mapping (add_document one by one
would measure commits, not queries).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.report import Report
from edo_app.model.summary import DocumentSummary, PartyRef
from edo_app.storage import DocumentQuery, DocumentRepository, SortKey, open_database
from edo_app.storage.mapping import new_record
from edo_app.storage.models import DocumentContent, DocumentRecord

WORDS = ["Ромашка", "Лютик", "Василёк", "Колокольчик", "Одуванчик", "Клевер", "Подснежник", "Ландыш"]
FORMS = ["ООО", "АО", "ПАО", "ИП"]


def fake(n: int, rnd: random.Random) -> tuple[DocumentSummary, Direction, DocumentStatus]:
    party = PartyRef(f"{rnd.choice(FORMS)} «{rnd.choice(WORDS)}-{n % 5000}»", f"{7700000000 + n % 5000}", "770101001")
    us = PartyRef("ООО «Мы»", "7708123450", "770801001")
    direction = rnd.choice([Direction.INCOMING, Direction.OUTGOING, Direction.OUTGOING, Direction.DRAFT])
    seller, buyer = (party, us) if direction is Direction.INCOMING else (us, party)
    summary = DocumentSummary(
        kind=rnd.choice([DocumentKind.UPD_SELLER, DocumentKind.ACT_SELLER, DocumentKind.TORG12_SELLER]),
        file_id=f"ON_NSCHFDOPPR_{n:010d}", format_version="5.03", knd="1115131", function="СЧФДОП",
        number=f"УПД-{n}", doc_date=date(2022, 1, 1) + timedelta(days=rnd.randrange(1500)),
        seller=seller, buyer=buyer, total=Decimal(rnd.randrange(100, 10**8)) / 100, vat=Decimal("0.00"),
    )
    return summary, direction, rnd.choice(list(DocumentStatus))


def fill(url: str, count: int) -> None:
    db = open_database(url)
    rnd, content, report = random.Random(7), b"x" * 2048, Report("f.xml", "upd", ())
    started = time.perf_counter()
    for start in range(0, count, 10_000):
        rows, contents = [], []
        for n in range(start + 1, min(count, start + 10_000) + 1):
            summary, direction, status = fake(n, rnd)
            rows.append({"id": n, "status": status, **new_record(summary, content, direction, report,
                                                                  _now())})
            contents.append({"document_id": n, "content": content})
        with db.session() as session:
            session.execute(insert(DocumentRecord), rows)
            session.execute(insert(DocumentContent), contents)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    print(f"filled {count} documents in {time.perf_counter() - started:.1f} s")
    db.close()


def _now() -> datetime:
    return datetime.now(UTC)


def timed(label: str, action: Callable[[], object], repeat: int = 5) -> None:
    action()  # warm the page cache
    best = min(_once(action) for _ in range(repeat))
    print(f"{label:<62} {best * 1000:8.1f} ms")


def _once(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    if len(sys.argv) > 2:
        run(sys.argv[2], count)
        return
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'bench.sqlite3'}", count)


def run(url: str, count: int) -> None:
    fill(url, count)
    db = open_database(url)
    repo = DocumentRepository(db)
    out = DocumentQuery(direction=Direction.OUTGOING)
    cases = {
        "outgoing, newest first, page 1 (100 rows)": (out, 0),
        "outgoing, newest first, offset 50,000": (out, 50_000),
        "outgoing, oldest first, page 1": (DocumentQuery(direction=Direction.OUTGOING, descending=False), 0),
        "all, newest first, page 1": (DocumentQuery(), 0),
        "outgoing + text 'ромашка' (name substring)": (DocumentQuery(direction=Direction.OUTGOING,
                                                                     text="ромашка"), 0),
        "text 'упд-19999' (number substring), all directions": (DocumentQuery(text="упд-19999"), 0),
        "outgoing + date range (1 month) + status signed": (DocumentQuery(
            direction=Direction.OUTGOING, date_from=date(2023, 5, 1), date_to=date(2023, 5, 31),
            status=DocumentStatus.SIGNED), 0),
        "incoming, kind act, sort by counterparty": (DocumentQuery(
            direction=Direction.INCOMING, kind=DocumentKind.ACT_SELLER, sort=SortKey.COUNTERPARTY), 0),
        "outgoing, sort by total desc": (DocumentQuery(direction=Direction.OUTGOING, sort=SortKey.TOTAL), 0),
    }
    for label, (query, offset) in cases.items():
        timed(f"list_page: {label}", lambda q=query, o=offset: repo.list_page(q, o, 100))
    for label, query in [("outgoing", out), ("outgoing + text 'ромашка'", cases[
            "outgoing + text 'ромашка' (name substring)"][0]), ("all", DocumentQuery())]:
        timed(f"count: {label} = {repo.count(query)}", lambda q=query: repo.count(q))
    timed("get(id) with 2 KB content", lambda: repo.get(count // 2))
    db.close()


if __name__ == "__main__":
    main()

"""A throwaway PostgreSQL server for tests: initdb + pg_ctl in a temp dir, unix socket only.

Import the fixtures into a conftest (``from tests.integration.postgres import pg_url, ...``).
As root, initdb refuses to run, so the data dir is chowned to the ``postgres`` account and the
binaries run as that user. The server never opens a TCP port. Tests are skipped with a reason
when the binaries (or, as root, the ``postgres`` account) are absent.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PORT = 54329  # only names the socket file: listen_addresses is empty
# Durability off: a test server that dies loses nothing of value, and it starts faster.
SERVER_OPTIONS = "-c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"


@dataclass(frozen=True)
class PgServer:
    socket_dir: Path
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}&port={self.port}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)


def find_bin_dir() -> Path | None:
    """The PostgreSQL server binaries: ``pg_config --bindir`` or /usr/lib/postgresql/<newest>/bin."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        candidates.insert(0, out.stdout.strip())
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _version_key(path: str) -> float:
    try:
        return float(Path(path).parent.name)
    except ValueError:
        return 0.0


def _run_as() -> dict[str, Any]:
    """subprocess kwargs dropping root to the postgres account (initdb refuses root)."""
    if os.geteuid() != 0:
        return {}
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("PostgreSQL tests run as root need the 'postgres' system account")
    return {"user": account.pw_uid, "group": account.pw_gid}


def _make_workdir(run_as: dict[str, Any]) -> Path:
    # Not under pytest's tmp_path: its parents are 0700 root-owned, and socket paths must be short.
    workdir = Path(tempfile.mkdtemp(prefix="edo-pg-"))
    if run_as:
        os.chown(workdir, run_as["user"], run_as["group"])
    return workdir


def start_server(bin_dir: Path) -> tuple[PgServer, Path]:
    run_as = _run_as()
    workdir = _make_workdir(run_as)
    data = workdir / "data"
    common: dict[str, Any] = {"capture_output": True, "text": True, **run_as}
    try:
        subprocess.run(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            check=True, **common,
        )
        subprocess.run(
            [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(workdir / "server.log"), "-w", "-s",
             "-o", f"-k {workdir} -p {PORT} {SERVER_OPTIONS}", "start"],
            check=True, **common,
        )
    except subprocess.CalledProcessError as exc:
        log = workdir / "server.log"
        details = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(workdir, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {exc.stderr}\n{details}")
    return PgServer(workdir, PORT), workdir


def stop_server(bin_dir: Path, workdir: Path) -> None:
    subprocess.run(
        [str(bin_dir / "pg_ctl"), "-D", str(workdir / "data"), "-m", "immediate", "-s", "stop"],
        check=False, capture_output=True, **_run_as(),
    )
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One server for the whole session; skips when PostgreSQL or psycopg is absent."""
    pytest.importorskip("psycopg", reason="psycopg 3 is not installed (pip install edo-app[postgres])")
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: install the postgresql package")
    server, workdir = start_server(bin_dir)
    try:
        yield server
    finally:
        stop_server(bin_dir, workdir)


@pytest.fixture(scope="session")
def pg_url(pg_server: PgServer) -> str:
    """URL of the server's default database (shared by the whole session)."""
    return pg_server.url()


_counter = itertools.count(1)


@pytest.fixture
def pg_fresh_url(pg_server: PgServer) -> Iterator[str]:
    """URL of an empty database created for one test and dropped after it."""
    name = f"edo_test_{os.getpid()}_{next(_counter)}"
    pg_server.execute(f"CREATE DATABASE {name} TEMPLATE template0")
    try:
        yield pg_server.url(name)
    finally:
        pg_server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

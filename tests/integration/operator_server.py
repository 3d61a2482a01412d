"""The reference operator for tests: a real server process, and signed packages to send to it.

``OperatorServer`` starts ``python -m edo_app.cli operator serve`` on 127.0.0.1 with a free port
and a temp --data folder, waits until /health answers, registers participants through the CLI
(``edo operator add-participant``) and stops the process. The package builders sign real УПД
and service documents with a throwaway test key (tests/unit/crypto/fixtures.py).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from edo_app.crypto.cms import build_detached
from edo_app.crypto.openssl_gost import new_hash
from edo_app.documents import UpdSeller, sample_upd, to_xml
from edo_app.transport.http_operator import HttpOperatorTransport
from edo_app.transport.package import Entry, Package, PackageKind, Role
from tests.oracles import PROJECT
from tests.unit.crypto.fixtures import TestKey, make_pki

# Fictional organisations with valid check digits (edo_app.model.identifiers).
ORGS = {
    "alpha": ("7700000009", "770001001", "ООО «Альфа-Тест»"),
    "beta": ("5002000005", "500201001", "АО «Бета-Тест»"),
    "gamma": ("9900000017", "990001001", "ООО «Гамма-Тест»"),
}
_KEY: list[TestKey] = []


def signer_key() -> TestKey:
    """One throwaway GOST key per test session (generating one costs a few ms, a PKI more)."""
    if not _KEY:
        _KEY.append(make_pki().signer)
    return _KEY[0]


def sign(data: bytes, key: TestKey | None = None) -> bytes:
    key = key or signer_key()
    digest = new_hash(key.curve.size, data).digest()
    return build_detached(digest, key.certificate, key.sign_digest, signing_time=datetime.now(UTC))


def upd_package(sender: str, recipient: str, doc: UpdSeller | None = None, *, signature: bytes | None = None,
                body: bytes | None = None) -> Package:
    """A seller's УПД with its detached signature; ``body``/``signature`` override to tamper."""
    doc = doc or sample_upd()
    data = to_xml(doc)
    name = doc.file_name
    entries = (Entry(name, Role.DOCUMENT, body if body is not None else data),
               Entry(name + ".sig", Role.SIGNATURE, signature if signature is not None else sign(data),
                     signs=name))
    return Package.new(sender, recipient, entries)


def file_package(sender: str, recipient: str, name: str, data: bytes, *, related: str | None = None) -> Package:
    """A signed document (``related`` None) or service document (``related`` = the ИдФайл it answers)."""
    if related is None:
        entries = (Entry(name, Role.DOCUMENT, data), Entry(name + ".sig", Role.SIGNATURE, sign(data), signs=name))
        return Package.new(sender, recipient, entries)
    entries = (Entry(name, Role.SERVICE_DOCUMENT, data, related=related),
               Entry(name + ".sig", Role.SERVICE_SIGNATURE, sign(data), signs=name))
    return Package.new(sender, recipient, entries, PackageKind.SERVICE)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH", "")]))
    return env


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "edo_app.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=_env(), cwd=PROJECT, timeout=120, check=False)


@dataclass
class OperatorServer:
    data: Path
    relay: bool = False
    workers: int = 1
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> OperatorServer:
        self.port = free_port()
        command = [sys.executable, "-m", "edo_app.cli", "operator", "serve", "--data", str(self.data),
                   "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers),
                   *(["--relay"] if self.relay else [])]
        self.log = self.data.parent / f"operator-{self.port}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=_env(), cwd=PROJECT)
        self._wait(timeout)
        return self

    def _wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"сервер оператора завершился: {self.log.read_text('utf-8', 'replace')}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/health", timeout=1.0).status_code == 200:
                    return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"сервер оператора не ответил за {timeout} с")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def add(self, participant_id: str, org: str = "alpha") -> str:
        """Register through the CLI; returns the token it printed."""
        inn, kpp, name = ORGS[org]
        result = run_cli("operator", "add-participant", "--data", str(self.data), "--id", participant_id,
                         "--inn", inn, "--kpp", kpp, "--name", name)
        assert result.returncode == 0, result.stderr
        lines = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
        assert lines["id"] == participant_id
        self.tokens[participant_id] = lines["token"]
        return lines["token"]

    def transport(self, participant_id: str, token: str | None = None) -> HttpOperatorTransport:
        return HttpOperatorTransport(self.url, token or self.tokens[participant_id], timeout=30)

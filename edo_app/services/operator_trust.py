"""The certificates the reference operator trusts: `<data>/trust/`, filled by `edo operator trust --add`.

A real operator accepts only signatures whose certificate chains up to an accredited УЦ. With
certificates in the folder (roots of the УЦ, and their intermediates), every signature of an
incoming package must chain up to one of them at its signing time, or the package is refused
with the chain's reason. An empty or absent folder leaves chains unchecked (the signatures
themselves are always checked): a closed test network of self-made keys works as before.

A file that is not a certificate never gets in (checked before it is written), and a broken
file found in the folder stops the server from starting rather than silently trusting less.

The running server sees changes of the folder (``LiveTrust``): `trust --add` and `--add-crl` take
effect within a second, in every worker process, without a restart.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from edo_app.crypto.certificates import Certificate, load_certificate
from edo_app.crypto.trust import TrustStore
from edo_app.crypto.verify import SignatureVerdict
from edo_app.errors import InputError
from edo_app.fileio import read_bytes, write_atomic

__all__ = ["TRUST_DIR", "LiveTrust", "add_trusted", "chain_problem", "load_trust"]

TRUST_DIR = "trust"
_MAX_CERTIFICATE = 1 << 20


def load_trust(folder: Path) -> TrustStore | None:
    """The operator's trust store, or None when `<folder>/trust` holds no certificate."""
    place = folder / TRUST_DIR
    if not place.is_dir():
        return None
    store = TrustStore.from_folder(place)
    if store.problems:
        raise InputError(f"в папке доверенных сертификатов оператора {place} есть непригодные файлы: "
                         + "; ".join(store.problems), "trust")
    return store if store.certificates else None


class LiveTrust:
    """The trust store of a running server, read again when the folder's files change.

    The folder is looked at no more than once per ``interval`` seconds (names, sizes, times and
    inodes of its files: a `trust` command writes by atomic rename). A folder broken meanwhile (by
    hand: the command checks what it writes) keeps the last store that loaded, and says so on
    stderr: the server neither stops in mid-flow nor trusts less without a word.
    """

    def __init__(self, folder: Path, *, interval: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._folder, self._interval, self._clock = folder, interval, clock
        self._lock = threading.Lock()
        self._seen = _fingerprint(folder / TRUST_DIR)
        self._store = load_trust(folder)  # broken at the start: the server does not start
        self._checked = clock()

    def current(self) -> TrustStore | None:
        if self._clock() - self._checked < self._interval:
            return self._store
        with self._lock:
            self._checked = self._clock()
            seen = _fingerprint(self._folder / TRUST_DIR)
            if seen != self._seen:
                self._seen = seen
                self._reload()
            return self._store

    def _reload(self) -> None:
        try:
            self._store = load_trust(self._folder)
        except (InputError, OSError) as exc:
            print(f"оператор: папка доверенных изменилась, но не читается, действует прежний набор: {exc}",
                  file=sys.stderr, flush=True)


def _fingerprint(place: Path) -> frozenset[tuple[str, int, int, int]]:
    try:
        with os.scandir(place) as found:
            return frozenset((e.name, (st := e.stat()).st_size, st.st_mtime_ns, st.st_ino) for e in found)
    except FileNotFoundError:
        return frozenset()


def add_trusted(folder: Path, source: Path) -> Certificate:
    """Put the certificate of ``source`` into the operator's trust folder (named by its SHA-1)."""
    try:
        certificate = load_certificate(read_bytes(source, "сертификат", _MAX_CERTIFICATE))
    except InputError as exc:
        raise InputError(f"{source.name}: {exc.message}", "certificate") from None
    if not certificate.is_gost:
        raise InputError(f"{source.name}: сертификат не ГОСТ Р 34.10-2012: оператор такие подписи не примет",
                         "certificate")
    if not certificate.is_ca:
        raise InputError(f"{source.name}: это сертификат не УЦ (нет признака CA в basicConstraints): "
                         "доверять нужно корневому или промежуточному сертификату УЦ", "certificate")
    place = folder / TRUST_DIR
    place.mkdir(parents=True, exist_ok=True)
    write_atomic(place / f"{hashlib.sha1(certificate.der).hexdigest()}.cer", certificate.der)  # SHA-1: a file name
    return certificate


def chain_problem(verdict: SignatureVerdict) -> str | None:
    """Why the signer's chain does not reach a trusted certificate; None when it does."""
    if verdict.chain.status == "verified":
        return None
    return f"цепочка сертификатов не доходит до доверенного УЦ оператора: {verdict.chain.reason}"

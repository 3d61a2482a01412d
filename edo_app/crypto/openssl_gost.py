"""Fast Streebog through OpenSSL's GOST provider, when the system has one.

Python's ``hashlib`` (OpenSSL 3) looks digests up with ``EVP_MD_fetch``, which sees
*providers*, not engines. The GOST package (Debian ``libengine-gost-openssl``, also built
from github.com/gost-engine/engine) ships both ``engines-3/gost.so`` and the provider
``ossl-modules/gostprov.so``. Setting ``OPENSSL_CONF`` works only before libcrypto reads
its configuration, which happens as soon as anything imports ``hashlib``, so instead we
load the provider at run time with ``OSSL_PROVIDER_load`` through ctypes, into the very
libcrypto that ``_hashlib`` uses (the default library context is process-wide). After
that ``hashlib.new("md_gost12_256")`` works.

Nothing here is required: ``new_hash`` falls back to the pure-Python ``Streebog``.
Set ``EDO_GOST_OPENSSL=0`` to disable the fast path, or ``EDO_GOST_PROVIDER=/path/gostprov.so``
to name the provider explicitly.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import sys
import threading
from pathlib import Path
from typing import Any, Final

from edo_app.crypto.streebog import HashLike, Streebog

_NAMES: Final = {32: "md_gost12_256", 64: "md_gost12_512"}
# RFC 6986 example M1 and its digests: the provider must reproduce them before we use it.
_PROBE: Final = b"012345678901234567890123456789012345678901234567890123456789012"
_PROBE_DIGESTS: Final = {
    32: "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500",
    64: "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
        "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48",
}
_lock = threading.Lock()
_state: dict[str, tuple[bool, str]] = {}  # "result" -> the cached answer of is_available
_providers: list[int] = []  # keep the handles: unloading would drop the algorithms


class OpenSSLStreebog:
    """``hashlib``-backed Streebog with the same interface as ``Streebog``."""

    block_size: Final = 64

    def __init__(self, digest_size: int = 32, data: bytes | bytearray | memoryview = b"",
                 _inner: Any = None) -> None:
        self.digest_size: Final = digest_size
        self._inner = _inner if _inner is not None else hashlib.new(_NAMES[digest_size])
        if data:
            self._inner.update(data)

    @property
    def name(self) -> str:
        return f"streebog{self.digest_size * 8}"

    def update(self, data: bytes | bytearray | memoryview) -> None:
        self._inner.update(data)

    def digest(self) -> bytes:
        return bytes(self._inner.digest())

    def hexdigest(self) -> str:
        return str(self._inner.hexdigest())

    def copy(self) -> OpenSSLStreebog:
        return OpenSSLStreebog(self.digest_size, _inner=self._inner.copy())


def _hashlib_works() -> bool:
    try:
        return all(hashlib.new(name, _PROBE).hexdigest() == _PROBE_DIGESTS[size] for size, name in _NAMES.items())
    except ValueError:  # hashlib raises ValueError (UnsupportedDigestmodError) for unknown names
        return False


def _libcrypto_candidates() -> list[str]:
    """Paths of the libcrypto that ``_hashlib`` has loaded, best guesses first."""
    found: list[str] = []
    maps = Path("/proc/self/maps")
    if maps.exists():  # Linux: exactly the mapped library, whatever its name
        for line in maps.read_text(errors="replace").splitlines():
            path = line.split(maxsplit=5)[-1] if line.count(" ") >= 5 else ""
            if "libcrypto" in os.path.basename(path) and path not in found:
                found.append(path)
    if sys.platform == "win32":
        found += ["libcrypto-3-x64.dll", "libcrypto-3.dll"]
    name = ctypes.util.find_library("crypto")
    if name:
        found.append(name)
    return found


def _provider_names() -> list[str]:
    explicit = os.environ.get("EDO_GOST_PROVIDER")
    names = [explicit] if explicit else []
    # "gostprov" is resolved in libcrypto's MODULESDIR (or $OPENSSL_MODULES).
    names.append("gostprov")
    for folder in ("/usr/lib/x86_64-linux-gnu/ossl-modules", "/usr/lib/aarch64-linux-gnu/ossl-modules",
                   "/usr/lib64/ossl-modules", "/usr/local/lib/ossl-modules", "/opt/homebrew/lib/ossl-modules"):
        candidate = Path(folder) / "gostprov.so"
        if candidate.exists():
            names.append(str(candidate))
    return names


def _load_provider(libpath: str) -> str | None:
    """Load the GOST provider into ``libpath``'s default context; return an error text or None."""
    try:
        lib = ctypes.CDLL(libpath)
        load = lib.OSSL_PROVIDER_load
    except (OSError, AttributeError) as exc:  # not OpenSSL 3, or not loadable
        return f"{libpath}: {exc}"
    load.restype = ctypes.c_void_p
    load.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    # Loading any provider explicitly stops the implicit "default" one: load it first.
    default = load(None, b"default")
    if default:
        _providers.append(default)
    for name in _provider_names():
        handle = load(None, name.encode())
        if handle:
            _providers.append(handle)
            if _hashlib_works():
                return None
    return f"{libpath}: провайдер gostprov не загрузился или не дал md_gost12_256"


def _detect() -> tuple[bool, str]:
    if os.environ.get("EDO_GOST_OPENSSL", "1") == "0":
        return False, "быстрый путь OpenSSL отключён переменной EDO_GOST_OPENSSL=0"
    if _hashlib_works():
        return True, "OpenSSL уже знает md_gost12_256 (провайдер загружен конфигурацией)"
    errors = []
    for libpath in _libcrypto_candidates():
        error = _load_provider(libpath)
        if error is None:
            return True, f"провайдер GOST загружен в {libpath}"
        errors.append(error)
    detail = "; ".join(errors) or "libcrypto не найдена"
    return False, f"OpenSSL без ГОСТ (нужен пакет libengine-gost-openssl или gost-engine): {detail}"


def is_available() -> tuple[bool, str]:
    """Whether OpenSSL's Streebog can be used in this process, and why (Russian text).

    The first call tries to load the provider; the answer is cached for the process.
    """
    with _lock:
        if "result" not in _state:
            _state["result"] = _detect()
        return _state["result"]


def new_hash(digest_size: int = 32, data: bytes | bytearray | memoryview = b"") -> HashLike:
    """The fastest Streebog available: OpenSSL's when usable, else the pure-Python one."""
    if digest_size in _NAMES and is_available()[0]:
        return OpenSSLStreebog(digest_size, data)
    return Streebog(digest_size, data)  # also validates digest_size

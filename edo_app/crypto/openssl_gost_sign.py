"""GOST R 34.10-2012 verify and sign through OpenSSL's gost engine, when it is there and sound.

The pure-Python ``gost3410`` stays the reference and the fallback; this module only makes the
common case faster (measured: about 5x per verify, 7-9x per sign). ``gost3410.verify_digest``
and ``sign_digest`` ask here first; None means "do it in Python". The engine calls themselves
are in ``openssl_gost_engine``.

Why the engine cannot make a bad signature pass:

* it sees only well-formed input: the key checked once by ``gost3410.public_key_from_octets``
  (then cached), a digest of the curve's size, 0 < r, s < q. Anything else returns None and the
  Python path answers, with the same errors as before;
* a curve is used only after a self-check on it: a Python signature verifies, the same with one
  bit changed in the signature or in the digest does not, a digest with e = 0 mod q verifies
  (the standard's e = 1 rule), and an engine signature verifies in Python. Otherwise the curve
  stays on Python for the life of the process.

Private keys are never cached: each signature builds the key and frees it (OpenSSL clears it).
``EDO_GOST_OPENSSL=0`` disables this, as it does the Streebog fast path.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

from edo_app.crypto.curves import Curve
from edo_app.crypto.openssl_gost_engine import GostEngine, load_engine
from edo_app.errors import InputError

_CACHE_LIMIT = 256  # public keys kept as EVP_PKEY (a few hundred bytes each)


class _PublicKeys:
    """Bounded LRU of validated public keys as EVP_PKEY; ``acquire`` hands out a counted reference."""

    def __init__(self, engine: GostEngine) -> None:
        self.engine = engine
        self._items: OrderedDict[tuple[str, bytes], int] = OrderedDict()
        self._lock = threading.Lock()

    def acquire(self, curve: Curve, octets: bytes) -> int | None:
        key = (curve.oid, octets)
        with self._lock:
            pkey = self._items.get(key)
            if pkey is not None:
                self._items.move_to_end(key)
                self.engine.up_ref(pkey)
                return pkey
        pkey = self._build(curve, octets)  # outside the lock: the Python check may take a while
        if pkey is None:
            return None
        with self._lock:
            if key in self._items:  # another thread built it meanwhile
                self.engine.free(self._items.pop(key))
            self._items[key] = pkey
            self.engine.up_ref(pkey)  # one reference for the cache, one for the caller
            while len(self._items) > _CACHE_LIMIT:
                self.engine.free(self._items.popitem(last=False)[1])
        return pkey

    def _build(self, curve: Curve, octets: bytes) -> int | None:
        from edo_app.crypto import gost3410  # cycle: gost3410 calls this module

        try:  # the reference check: on the curve, in the subgroup (the Python path repeats it and raises)
            point = gost3410.public_key_from_octets(curve, octets)
        except InputError:
            return None
        return self.engine.public_key(curve, point)


def _self_check(engine: GostEngine, curve: Curve) -> bool:
    """The engine agrees with the pure-Python reference on ``curve`` (see the module doc)."""
    from edo_app.crypto import gost3410 as reference  # cycle: gost3410 calls this module

    d = reference.generate_private_key(curve)
    point = reference.public_key(curve, d)
    pkey = engine.public_key(curve, point)
    if pkey is None:
        return False
    digest = os.urandom(curve.size)
    zero_e = curve.q.to_bytes(curve.size, "little")  # alpha = q: e = 0, which the standard makes 1
    good = [(dg, reference.signature_to_cms(*reference.sign(curve, d, dg), curve.size)) for dg in (digest, zero_e)]
    signature = good[0][1]
    bad = [(bytes([digest[0] ^ 1]) + digest[1:], signature), (digest, signature[:-1] + bytes([signature[-1] ^ 0x80]))]
    try:
        verifies = all(engine.verify(pkey, dg, sig) is True for dg, sig in good)
        rejects = all(engine.verify(pkey, dg, sig) is False for dg, sig in bad)
    finally:
        engine.free(pkey)
    made = engine.sign_with(curve, d, digest)
    return (verifies and rejects and made is not None
            and reference.verify(curve, point, digest, *reference.signature_from_cms(made)))


_lock = threading.RLock()
_state: dict[str, tuple[_PublicKeys | None, str]] = {}  # "engine" -> (its key cache or None, reason in Russian)
_curves: dict[str, bool] = {}  # curve OID -> passed the self-check (only then is it used)


def _load() -> tuple[_PublicKeys | None, str]:
    if os.environ.get("EDO_GOST_OPENSSL", "1") == "0":
        return None, "быстрый путь OpenSSL отключён переменной EDO_GOST_OPENSSL=0"
    engine, reason = load_engine()
    return (None if engine is None else _PublicKeys(engine)), reason


def is_available() -> tuple[bool, str]:
    """Whether the engine is loaded in this process, and why (Russian text); cached."""
    with _lock:
        if "engine" not in _state:
            _state["engine"] = _load()
        keys, reason = _state["engine"]
        return keys is not None, reason


def _ready(curve: Curve) -> _PublicKeys | None:
    """The engine (with its key cache) if it is loaded and passed the self-check on ``curve``."""
    passed = _curves.get(curve.oid)
    keys = _state.get("engine", (None, ""))[0]
    if passed is not None and keys is not None:  # the hot path, no lock
        return keys if passed else None
    with _lock:
        if not is_available()[0]:
            return None
        keys = _state["engine"][0]
        assert keys is not None
        if curve.oid not in _curves:
            _curves[curve.oid] = _self_check(keys.engine, curve)
        return keys if _curves[curve.oid] else None


def _well_formed(curve: Curve, digest: bytes, signature: bytes) -> bool:
    """Digest of the curve's size and a CMS value s || r with 0 < r, s < q."""
    size = curve.size
    if len(digest) != size or len(signature) != 2 * size:
        return False
    s, r = int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
    return 0 < r < curve.q and 0 < s < curve.q


def fast_verify(curve: Curve, public_key_octets: bytes, digest: bytes, signature: bytes) -> bool | None:
    """The engine's answer on a well-formed signature; None means "ask the Python path"."""
    keys = _ready(curve) if _well_formed(curve, digest, signature) else None
    pkey = None if keys is None else keys.acquire(curve, bytes(public_key_octets))
    if keys is None or pkey is None:
        return None
    try:
        return keys.engine.verify(pkey, bytes(digest), bytes(signature))  # ctypes takes bytes only
    finally:
        keys.engine.free(pkey)


def fast_sign(curve: Curve, private_key: int, digest: bytes) -> bytes | None:
    """The CMS signature value s || r made by the engine (fresh k); None means "sign in Python".

    The caller has checked the digest size and 0 < private_key < q.
    """
    keys = _ready(curve)
    return None if keys is None else keys.engine.sign_with(curve, private_key, bytes(digest))

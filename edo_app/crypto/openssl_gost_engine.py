"""Thin ctypes access to OpenSSL's gost engine: GOST R 34.10-2012 keys, verify and sign.

Mechanism only; ``openssl_gost_sign`` decides when these calls may be trusted. The engine
(``engines-3/gost.so``, Debian ``libengine-gost-openssl``) is used explicitly, through
``EVP_PKEY_CTX_new(pkey, engine)``: OpenSSL 3.0's ``gostprov`` provider has no GOST keys. The
one process-wide registration is the engine's key ASN.1 methods (GOST key OIDs only), without
which OpenSSL cannot even create a GOST EVP_PKEY. gost.so registers its ciphers, digests and key
operations as it binds; that is undone at once, so digests, ciphers, RAND and what ``ssl`` and
``hashlib`` do stay as they were (``cryptography`` has its own OpenSSL anyway). Every failed call clears this
thread's OpenSSL error queue, so no stale error leaks into ``ssl`` or ``hashlib``.

Byte orders are the engine's CryptoPro ones, the same as ``gost3410``'s: digest as Streebog
returns it, signature s || r big-endian, public key X || Y little-endian.
``EDO_GOST_ENGINE=/path/gost.so`` names the engine file (when it does not load, OpenSSL's engines
folder is tried, as without the variable).
"""

from __future__ import annotations

import ctypes
import functools
import os
import threading
from ctypes import POINTER, c_char_p, c_int, c_size_t, c_void_p
from typing import Any, Final

from edo_app.crypto import asn1_gost
from edo_app.crypto.curves import Curve
from edo_app.crypto.openssl_gost import _libcrypto_candidates  # the libcrypto Python already uses

_PROTOTYPES: Final = {
    "ENGINE_by_id": (c_void_p, [c_char_p]),
    "ENGINE_ctrl_cmd_string": (c_int, [c_void_p, c_char_p, c_char_p, c_int]),
    "ENGINE_init": (c_int, [c_void_p]),
    "ENGINE_free": (c_int, [c_void_p]),
    "ENGINE_unregister_ciphers": (None, [c_void_p]),
    "ENGINE_unregister_digests": (None, [c_void_p]),
    "ENGINE_unregister_pkey_meths": (None, [c_void_p]),
    "ENGINE_register_pkey_asn1_meths": (c_int, [c_void_p]),
    "OBJ_txt2nid": (c_int, [c_char_p]),
    "EVP_PKEY_CTX_new_id": (c_void_p, [c_int, c_void_p]),
    "EVP_PKEY_paramgen_init": (c_int, [c_void_p]),
    "EVP_PKEY_CTX_ctrl_str": (c_int, [c_void_p, c_char_p, c_char_p]),
    "EVP_PKEY_paramgen": (c_int, [c_void_p, POINTER(c_void_p)]),
    "EVP_PKEY_new": (c_void_p, []),
    "EVP_PKEY_set_type": (c_int, [c_void_p, c_int]),
    "EVP_PKEY_copy_parameters": (c_int, [c_void_p, c_void_p]),
    "EVP_PKEY_get0": (c_void_p, [c_void_p]),
    "EC_KEY_set_private_key": (c_int, [c_void_p, c_void_p]),
    "EC_KEY_set_public_key_affine_coordinates": (c_int, [c_void_p, c_void_p, c_void_p]),
    "BN_bin2bn": (c_void_p, [c_char_p, c_int, c_void_p]),
    "BN_clear_free": (None, [c_void_p]),
    "EVP_PKEY_up_ref": (c_int, [c_void_p]),
    "EVP_PKEY_free": (None, [c_void_p]),
    "EVP_PKEY_CTX_new": (c_void_p, [c_void_p, c_void_p]),
    "EVP_PKEY_CTX_free": (None, [c_void_p]),
    "EVP_PKEY_verify_init": (c_int, [c_void_p]),
    "EVP_PKEY_verify": (c_int, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t]),
    "EVP_PKEY_sign_init": (c_int, [c_void_p]),
    "EVP_PKEY_sign": (c_int, [c_void_p, c_char_p, POINTER(c_size_t), c_char_p, c_size_t]),
    "ERR_clear_error": (None, []),
}


class GostEngine:
    """The gost engine inside one libcrypto. EVP_PKEY handles are plain ints; ``free`` each one you get."""

    def __init__(self, lib: ctypes.CDLL, engine: int) -> None:
        self._fn: dict[str, Any] = {name: getattr(lib, name) for name in _PROTOTYPES}
        self._engine = engine
        self._parameters: dict[str, tuple[int, int]] = {}  # curve OID -> (key type NID, EVP_PKEY of parameters)
        self._lock = threading.Lock()

    def public_key(self, curve: Curve, point: tuple[int, int]) -> int | None:
        """A new EVP_PKEY (the caller frees it) of the affine point (x, y); None if OpenSSL refuses it."""
        return self._key(curve, "EC_KEY_set_public_key_affine_coordinates", point)

    def private_key(self, curve: Curve, scalar: int) -> int | None:
        """A new EVP_PKEY (the caller frees it) holding ``scalar``."""
        return self._key(curve, "EC_KEY_set_private_key", (scalar,))

    def _key(self, curve: Curve, setter: str, values: tuple[int, ...]) -> int | None:
        """An EVP_PKEY of the engine's type for ``curve``, its EC_KEY given ``values`` by ``setter``.

        Built from the curve's parameters rather than decoded from DER: OpenSSL 3 tries its provider
        decoders first (about 1 ms for PKCS#8, 30 times the signature), and ``d2i_PUBKEY`` needs the
        engine registered for every GOST key operation. The BIGNUMs are cleared when freed.
        """
        nid, parameters = self._parameters_of(curve)
        numbers = [self._fn["BN_bin2bn"](value.to_bytes(curve.size, "big"), curve.size, None) for value in values]
        pkey: Any = self._fn["EVP_PKEY_new"]() if parameters and all(numbers) else None
        ok = (bool(pkey) and self._fn["EVP_PKEY_set_type"](pkey, nid) == 1
              and self._fn["EVP_PKEY_copy_parameters"](pkey, parameters) == 1
              and self._fn[setter](self._fn["EVP_PKEY_get0"](pkey), *numbers) == 1)
        for number in numbers:
            self._fn["BN_clear_free"](number)
        if not ok:
            self._fn["EVP_PKEY_free"](pkey)
            self._fn["ERR_clear_error"]()
        return int(pkey) if ok else None

    def _parameters_of(self, curve: Curve) -> tuple[int, int]:
        """(NID of the key type, EVP_PKEY with only the curve), made once per curve by the engine."""
        with self._lock:
            if curve.oid not in self._parameters:
                nid = int(self._fn["OBJ_txt2nid"](asn1_gost.KEY_OIDS[curve.size].encode()))
                ctx = self._fn["EVP_PKEY_CTX_new_id"](nid, self._engine)
                made = c_void_p()
                ok = (bool(ctx) and self._fn["EVP_PKEY_paramgen_init"](ctx) == 1
                      and self._fn["EVP_PKEY_CTX_ctrl_str"](ctx, b"paramset", curve.oid.encode()) > 0
                      and self._fn["EVP_PKEY_paramgen"](ctx, ctypes.byref(made)) == 1)
                self._fn["EVP_PKEY_CTX_free"](ctx)
                self._fn["ERR_clear_error"]()
                self._parameters[curve.oid] = (nid, int(made.value or 0) if ok else 0)
            return self._parameters[curve.oid]

    def sign_with(self, curve: Curve, private_key: int, digest: bytes) -> bytes | None:
        """s || r of ``digest`` under ``private_key`` (0 < d < q, checked by the caller); None on failure."""
        pkey = self.private_key(curve, private_key)
        if pkey is None:
            return None
        try:  # freeing the EVP_PKEY clears the scalar in OpenSSL's memory: no private key is cached
            return self.sign(pkey, digest, 2 * curve.size)
        finally:
            self.free(pkey)

    def up_ref(self, pkey: int) -> None:
        self._fn["EVP_PKEY_up_ref"](pkey)

    def free(self, pkey: int) -> None:
        self._fn["EVP_PKEY_free"](pkey)

    def verify(self, pkey: int, digest: bytes, signature: bytes) -> bool | None:
        """True/False from the engine; None when it failed to run (the caller falls back)."""
        ctx = self._fn["EVP_PKEY_CTX_new"](pkey, self._engine)
        try:
            if not ctx or self._fn["EVP_PKEY_verify_init"](ctx) != 1:
                return None
            result = int(self._fn["EVP_PKEY_verify"](ctx, signature, len(signature), digest, len(digest)))
            return None if result < 0 else result == 1
        finally:
            self._fn["EVP_PKEY_CTX_free"](ctx)
            self._fn["ERR_clear_error"]()  # a mismatch leaves an error in this thread's queue

    def sign(self, pkey: int, digest: bytes, size: int) -> bytes | None:
        """s || r (``size`` bytes) from the engine, k drawn by OpenSSL's DRBG; None on failure."""
        ctx = self._fn["EVP_PKEY_CTX_new"](pkey, self._engine)
        out = ctypes.create_string_buffer(size)
        length = c_size_t(size)
        try:
            if not ctx or self._fn["EVP_PKEY_sign_init"](ctx) != 1:
                return None
            done = self._fn["EVP_PKEY_sign"](ctx, out, ctypes.byref(length), digest, len(digest)) == 1
            return out.raw if done and length.value == size else None
        finally:
            self._fn["EVP_PKEY_CTX_free"](ctx)
            self._fn["ERR_clear_error"]()


def _open_engine(lib: ctypes.CDLL) -> int | None:
    """A functional reference to the gost engine in ``lib``, its key ASN.1 methods registered.

    The engine binds once per process (a second load of gost.so fails), hence ``load_engine``'s cache.
    """
    for name, (restype, argtypes) in _PROTOTYPES.items():
        function = getattr(lib, name)  # AttributeError: not an OpenSSL 3 with engines
        function.restype, function.argtypes = restype, argtypes
    engine = None
    path = os.environ.get("EDO_GOST_ENGINE")
    if path:
        engine = lib.ENGINE_by_id(b"dynamic")
        if engine and not all(lib.ENGINE_ctrl_cmd_string(engine, command, value, 0) == 1
                              for command, value in ((b"SO_PATH", path.encode()), (b"LOAD", None))):
            lib.ENGINE_free(engine)
            engine = None
    if not engine:  # already loaded (by OPENSSL_CONF), or found in OPENSSL_ENGINES / libcrypto's ENGINESDIR
        engine = lib.ENGINE_by_id(b"gost")
    ok = bool(engine) and lib.ENGINE_init(engine) == 1 and lib.ENGINE_register_pkey_asn1_meths(engine) == 1
    if ok:  # gost.so registers itself for its ciphers, digests and key operations when bound: undo that
        for unregister in (lib.ENGINE_unregister_ciphers, lib.ENGINE_unregister_digests,
                           lib.ENGINE_unregister_pkey_meths):
            unregister(engine)
    lib.ERR_clear_error()
    return int(engine) if ok else None


@functools.cache
def load_engine() -> tuple[GostEngine | None, str]:
    """The gost engine in the libcrypto Python uses, or None; and why (Russian text)."""
    for libpath in _libcrypto_candidates():
        try:
            lib = ctypes.CDLL(libpath)
            engine = _open_engine(lib)
        except (OSError, AttributeError):
            continue
        if engine is not None:
            return GostEngine(lib, engine), f"движок gost загружен в {libpath}"
    return None, "движок gost для OpenSSL не найден (нужен пакет libengine-gost-openssl или gost-engine)"

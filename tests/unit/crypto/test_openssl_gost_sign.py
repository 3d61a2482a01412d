"""The OpenSSL gost engine path for GOST R 34.10-2012: never more permissive than the Python reference.

``gost3410.sign``/``verify`` are the pure-Python reference; ``fast_verify``/``fast_sign`` are the
engine; ``verify_digest``/``sign_digest`` are what callers use (engine first, Python otherwise).
Skipped when the engine is absent (Debian package libengine-gost-openssl).
"""

from __future__ import annotations

import ctypes
import os
import secrets
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edo_app.crypto import gost3410 as gost
from edo_app.crypto import openssl_gost_engine, openssl_gost_sign
from edo_app.crypto.cms import parse_signed_data
from edo_app.crypto.curves import CRYPTOPRO_A, CRYPTOPRO_B, CURVES, TC26_256_A, TC26_512_A, TEST_256, TEST_512, Curve
from edo_app.crypto.openssl_gost import new_hash
from edo_app.errors import InputError
from tests.oracles import GOST_SAMPLES, require
from tests.unit.crypto.test_gost3410 import EXAMPLE_256, EXAMPLE_512

ALL_CURVES = sorted({id(c): c for c in CURVES.values()}.values(), key=lambda c: c.oid)


@pytest.fixture(autouse=True)
def _engine() -> None:
    ok, reason = openssl_gost_sign.is_available()
    if not ok:
        pytest.skip(f"OpenSSL gost engine unavailable: {reason}")


def _key(curve: Curve) -> tuple[int, bytes]:
    d = gost.generate_private_key(curve)
    return d, gost.public_key_to_octets(curve, gost.public_key(curve, d))


def _reference(curve: Curve, octets: bytes, digest: bytes, signature: bytes) -> bool:
    point = gost.public_key_from_octets(curve, octets)
    return gost.verify(curve, point, digest, *gost.signature_from_cms(signature))


def _flip(data: bytes, bit: int) -> bytes:
    changed = bytearray(data)
    changed[bit // 8 % len(data)] ^= 1 << bit % 8
    return bytes(changed)


@pytest.mark.parametrize("curve", ALL_CURVES, ids=lambda c: c.name)
def test_engine_agrees_with_python_on_random_keys(curve: Curve) -> None:
    for _ in range(3):
        d, octets = _key(curve)
        digest = os.urandom(curve.size)
        signature = gost.signature_to_cms(*gost.sign(curve, d, digest), curve.size)
        assert openssl_gost_sign.fast_verify(curve, octets, digest, signature) is True
        bit = secrets.randbelow(8 * curve.size)
        cases = [(digest, _flip(signature, bit)), (_flip(digest, bit), signature),
                 (digest, signature[curve.size:] + signature[:curve.size]), (digest[::-1], signature)]
        for dg, sig in cases:
            fast = openssl_gost_sign.fast_verify(curve, octets, dg, sig)
            assert fast is None or fast == _reference(curve, octets, dg, sig)
            assert gost.verify_digest(curve, octets, dg, sig) == _reference(curve, octets, dg, sig)
        _other, other_octets = _key(curve)
        assert openssl_gost_sign.fast_verify(curve, other_octets, digest, signature) is False


@pytest.mark.parametrize(("curve", "ex"), [(TEST_256, EXAMPLE_256), (TEST_512, EXAMPLE_512)], ids=["256", "512"])
def test_standard_example_on_the_engine(curve: Curve, ex: dict[str, int]) -> None:
    octets = gost.public_key_to_octets(curve, (ex["x"], ex["y"]))
    digest = ex["e"].to_bytes(curve.size, "little")  # the standard's alpha as a Streebog digest
    signature = gost.signature_to_cms(ex["r"], ex["s"], curve.size)
    assert openssl_gost_sign.fast_verify(curve, octets, digest, signature) is True
    assert openssl_gost_sign.fast_verify(curve, octets, digest[::-1], signature) is False
    assert openssl_gost_sign.fast_verify(curve, octets, digest, gost.signature_to_cms(ex["r"], ex["s"] ^ 1,
                                                                                      curve.size)) is False


_KEYS = {curve.oid: _key(curve) for curve in (CRYPTOPRO_A, TC26_512_A)}


@settings(max_examples=60, deadline=None)
@given(curve=st.sampled_from([CRYPTOPRO_A, TC26_512_A]), data=st.data())
def test_random_signature_bytes_never_verify_on_either_path(curve: Curve, data: st.DataObject) -> None:
    _d, octets = _KEYS[curve.oid]
    digest = data.draw(st.binary(min_size=curve.size, max_size=curve.size))
    signature = data.draw(st.binary(min_size=2 * curve.size, max_size=2 * curve.size))
    fast = openssl_gost_sign.fast_verify(curve, octets, digest, signature)
    assert fast is not True
    assert gost.verify_digest(curve, octets, digest, signature) is _reference(curve, octets, digest, signature) is False


def test_verify_digest_goes_through_the_engine() -> None:
    d, octets = _key(TC26_256_A)
    digest = os.urandom(32)
    assert gost.verify_digest(TC26_256_A, octets, digest, gost.sign_digest(TC26_256_A, d, digest))
    keys = openssl_gost_sign._state["engine"][0]
    assert keys is not None and (TC26_256_A.oid, octets) in keys._items  # the key was built in the engine


@pytest.mark.parametrize("curve", [CRYPTOPRO_A, TC26_256_A, TC26_512_A], ids=lambda c: c.name)
def test_engine_signatures_verify_in_python(curve: Curve) -> None:
    d, octets = _key(curve)
    zero_e = curve.q.to_bytes(curve.size, "little")  # e = 0 mod q, which the standard turns into 1
    for digest in (os.urandom(curve.size), zero_e, bytes(curve.size)):
        made = openssl_gost_sign.fast_sign(curve, d, digest)
        assert made is not None and len(made) == 2 * curve.size
        assert _reference(curve, octets, digest, made)
        assert gost.sign_digest(curve, d, digest) != made  # a fresh k each time
        python_made = gost.signature_to_cms(*gost.sign(curve, d, digest), curve.size)
        assert openssl_gost_sign.fast_verify(curve, octets, digest, python_made) is True


def test_fixed_k_still_signs_in_python() -> None:
    d, _ = _key(CRYPTOPRO_A)
    digest = os.urandom(32)
    k = 0x1234567890ABCDEF
    assert gost.sign_digest(CRYPTOPRO_A, d, digest, k=k) == gost.signature_to_cms(*gost.sign(CRYPTOPRO_A, d, digest, k),
                                                                                   32)


@pytest.mark.parametrize("curve", [CRYPTOPRO_A, TC26_512_A], ids=lambda c: c.name)
def test_out_of_range_r_s_never_reach_the_engine(curve: Curve) -> None:
    d, octets = _key(curve)
    digest = os.urandom(curve.size)
    r, s = gost.sign(curve, d, digest)
    size, q = curve.size, curve.q
    forged = [(0, s), (r, 0), (q, s), (r, q), ((1 << 8 * size) - 1, s)]
    if s + q < 1 << 8 * size:  # congruent to a valid s, but out of range: must stay invalid
        forged.append((r, s + q))
    if r + q < 1 << 8 * size:
        forged.append((r + q, s))
    for bad_r, bad_s in forged:
        signature = gost.signature_to_cms(bad_r, bad_s, size)
        assert openssl_gost_sign.fast_verify(curve, octets, digest, signature) is None
        assert gost.verify_digest(curve, octets, digest, signature) is False


def test_wrong_sizes_and_curves_behave_as_in_python() -> None:
    d, octets = _key(CRYPTOPRO_A)
    digest = os.urandom(32)
    signature = gost.sign_digest(CRYPTOPRO_A, d, digest)
    assert openssl_gost_sign.fast_verify(CRYPTOPRO_A, octets, digest[:31], signature) is None
    with pytest.raises(InputError):
        gost.verify_digest(CRYPTOPRO_A, octets, digest[:31], signature)
    assert openssl_gost_sign.fast_verify(TC26_512_A, octets, digest * 2, signature) is None
    assert gost.verify_digest(CRYPTOPRO_A, octets, digest, signature + b"\0") is False
    # The same key bytes on another 256-bit curve are not a point of it: bad input on both paths.
    assert openssl_gost_sign.fast_verify(CRYPTOPRO_B, octets, digest, signature) is None
    with pytest.raises(InputError):
        gost.verify_digest(CRYPTOPRO_B, octets, digest, signature)
    off_curve = octets[:-1] + bytes([octets[-1] ^ 1])
    assert openssl_gost_sign.fast_verify(CRYPTOPRO_A, off_curve, digest, signature) is None
    with pytest.raises(InputError):
        gost.verify_digest(CRYPTOPRO_A, off_curve, digest, signature)
    with pytest.raises(InputError):
        gost.sign_digest(CRYPTOPRO_A, 0, digest)


def test_der_wrapped_key_is_accepted_like_raw() -> None:
    d, octets = _key(CRYPTOPRO_A)
    digest = os.urandom(32)
    signature = gost.sign_digest(CRYPTOPRO_A, d, digest)
    assert openssl_gost_sign.fast_verify(CRYPTOPRO_A, b"\x04\x40" + octets, digest, signature) is True


@pytest.mark.oracle
def test_cryptopro_oracle_on_the_fast_path() -> None:
    folder = GOST_SAMPLES / "libksba-nicesoft"
    signer = parse_signed_data(require(folder / "gost_test.txt.p7s").read_bytes()).signers[0]
    assert signer.certificate is not None and signer.signed_attrs_der is not None
    curve, octets = signer.certificate.curve, signer.certificate.public_key_octets
    digest = new_hash(32, signer.signed_attrs_der).digest()
    assert openssl_gost_sign.fast_verify(curve, octets, digest, signer.signature) is True
    assert openssl_gost_sign.fast_verify(curve, octets, digest[::-1], signer.signature) is False
    assert openssl_gost_sign.fast_verify(curve, octets, digest, _flip(signer.signature, 5)) in (False, None)


def test_failures_leave_no_openssl_error_behind() -> None:
    d, octets = _key(CRYPTOPRO_A)
    digest = os.urandom(32)
    assert openssl_gost_sign.fast_verify(CRYPTOPRO_A, octets, _flip(digest, 3),
                                         gost.sign_digest(CRYPTOPRO_A, d, digest)) is False
    libcrypto = ctypes.CDLL("libcrypto.so.3")
    libcrypto.ERR_peek_error.restype = ctypes.c_ulong
    assert libcrypto.ERR_peek_error() == 0


def test_the_rest_of_the_process_keeps_its_algorithms() -> None:
    """Only GOST key ASN.1 methods stay registered: no GOST digest, cipher, key operation or RAND default."""
    assert openssl_gost_sign._ready(CRYPTOPRO_A) is not None
    libcrypto = ctypes.CDLL("libcrypto.so.3")
    for name in ("ENGINE_get_default_RAND", "ENGINE_get_cipher_engine", "ENGINE_get_digest_engine",
                 "ENGINE_get_pkey_meth_engine", "ENGINE_get_pkey_asn1_meth_engine"):
        getattr(libcrypto, name).restype = ctypes.c_void_p
    libcrypto.OBJ_txt2nid.argtypes = [ctypes.c_char_p]
    assert libcrypto.ENGINE_get_default_RAND() is None
    streebog, gost89, key_256 = (libcrypto.OBJ_txt2nid(oid) for oid in (b"1.2.643.7.1.1.2.2", b"1.2.643.2.2.21",
                                                                         b"1.2.643.7.1.1.1.1"))
    assert libcrypto.ENGINE_get_digest_engine(streebog) is None
    assert libcrypto.ENGINE_get_cipher_engine(gost89) is None
    assert libcrypto.ENGINE_get_pkey_meth_engine(key_256) is None
    assert libcrypto.ENGINE_get_pkey_asn1_meth_engine(key_256) is not None


def test_threads_share_a_small_key_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openssl_gost_sign, "_CACHE_LIMIT", 2)  # constant evictions while others verify
    keys = [_key(CRYPTOPRO_A) for _ in range(5)]
    digest = os.urandom(32)
    signed = [(octets, gost.signature_to_cms(*gost.sign(CRYPTOPRO_A, d, digest), 32)) for d, octets in keys]
    errors: list[str] = []

    def work(offset: int) -> None:
        for i in range(60):
            octets, signature = signed[(i + offset) % len(signed)]
            other = signed[(i + offset + 1) % len(signed)][0]
            if not gost.verify_digest(CRYPTOPRO_A, octets, digest, signature) or \
                    gost.verify_digest(CRYPTOPRO_A, other, digest, signature):
                errors.append(f"thread {offset}, step {i}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


class _LyingEngine(openssl_gost_engine.GostEngine):
    """A broken engine: accepts every signature."""

    def __init__(self, real: openssl_gost_engine.GostEngine) -> None:
        self.__dict__.update(real.__dict__)

    def verify(self, pkey: int, digest: bytes, signature: bytes) -> bool | None:
        return True


class _ReversedDigestEngine(openssl_gost_engine.GostEngine):
    """A broken engine: reads the digest in the other byte order (the classic GOST mistake)."""

    def __init__(self, real: openssl_gost_engine.GostEngine) -> None:
        self.__dict__.update(real.__dict__)

    def verify(self, pkey: int, digest: bytes, signature: bytes) -> bool | None:
        return super().verify(pkey, digest[::-1], signature)

    def sign(self, pkey: int, digest: bytes, size: int) -> bytes | None:
        return super().sign(pkey, digest[::-1], size)


@pytest.mark.parametrize("broken", [_LyingEngine, _ReversedDigestEngine])
def test_self_check_rejects_a_broken_engine(broken: type[openssl_gost_engine.GostEngine]) -> None:
    real = openssl_gost_sign._state["engine"][0]
    assert real is not None
    assert openssl_gost_sign._self_check(real.engine, CRYPTOPRO_A)
    assert not openssl_gost_sign._self_check(broken(real.engine), CRYPTOPRO_A)


@pytest.mark.parametrize("path", ["/usr/lib/x86_64-linux-gnu/engines-3/gost.so", "/nonexistent/gost.so"],
                         ids=["named-file", "bad-name-falls-back"])
def test_engine_file_named_by_environment(path: str) -> None:
    if path.startswith("/usr") and not Path(path).exists():
        pytest.skip(f"{path} is not installed here")
    # A fresh process: gost.so binds only once per process. A bad name falls back to OpenSSL's engines folder.
    script = ("from edo_app.crypto.curves import CRYPTOPRO_A; from edo_app.crypto import openssl_gost_sign as f; "
              "print(f.is_available()[0], f._ready(CRYPTOPRO_A) is not None)")
    done = subprocess.run([sys.executable, "-c", script], env={**os.environ, "EDO_GOST_ENGINE": path},
                          capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[3])
    assert done.stdout.split() == ["True", "True"]


def test_disabled_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openssl_gost_sign, "_state", {})
    monkeypatch.setattr(openssl_gost_sign, "_curves", {})
    monkeypatch.setenv("EDO_GOST_OPENSSL", "0")
    ok, reason = openssl_gost_sign.is_available()
    assert not ok and "EDO_GOST_OPENSSL" in reason
    d, octets = _key(CRYPTOPRO_A)
    digest = os.urandom(32)
    assert openssl_gost_sign.fast_sign(CRYPTOPRO_A, d, digest) is None
    signature = gost.sign_digest(CRYPTOPRO_A, d, digest)  # the Python path
    assert openssl_gost_sign.fast_verify(CRYPTOPRO_A, octets, digest, signature) is None
    assert gost.verify_digest(CRYPTOPRO_A, octets, digest, signature)

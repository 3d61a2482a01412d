"""The OpenSSL fast path: optional, and identical to the pure implementation when present."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edo_app.crypto import openssl_gost
from edo_app.crypto.streebog import Streebog, streebog256, streebog512
from edo_app.errors import InputError


def _require_openssl() -> None:
    ok, reason = openssl_gost.is_available()
    if not ok:
        pytest.skip(f"OpenSSL GOST provider unavailable: {reason}")


def test_is_available_answers_with_a_reason() -> None:
    ok, reason = openssl_gost.is_available()
    assert isinstance(ok, bool)
    assert reason
    assert openssl_gost.is_available() == (ok, reason)  # cached


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=400))
def test_same_digests_as_pure_python(data: bytes) -> None:
    _require_openssl()
    for size, pure in ((32, streebog256), (64, streebog512)):
        fast = openssl_gost.new_hash(size, data)
        assert isinstance(fast, openssl_gost.OpenSSLStreebog)
        assert fast.digest() == pure(data)


def test_wrapper_interface() -> None:
    _require_openssl()
    h = openssl_gost.new_hash(32)
    assert (h.name, h.digest_size, h.block_size) == ("streebog256", 32, 64)
    h.update(b"abc")
    clone = h.copy()
    clone.update(b"def")
    assert h.hexdigest() == streebog256(b"abc").hex()
    assert clone.digest() == streebog256(b"abcdef")
    big = bytes(range(256)) * 1000
    h2 = openssl_gost.new_hash(64)
    h2.update(big)
    assert h2.digest() == Streebog(64, big).digest()


def test_fallback_when_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openssl_gost, "_state", {})
    monkeypatch.setenv("EDO_GOST_OPENSSL", "0")
    ok, reason = openssl_gost.is_available()
    assert not ok and "EDO_GOST_OPENSSL" in reason
    h = openssl_gost.new_hash(64, b"abc")
    assert isinstance(h, Streebog)
    assert h.digest() == streebog512(b"abc")
    monkeypatch.delenv("EDO_GOST_OPENSSL")
    assert os.environ.get("EDO_GOST_OPENSSL") is None


def test_bad_size_is_input_error_on_either_path() -> None:
    with pytest.raises(InputError):
        openssl_gost.new_hash(48)

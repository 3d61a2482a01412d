"""GOST PKCS#8 keys: what OpenSSL + the gost engine writes, encrypted keys, HMAC/PBKDF2-Streebog."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from edo_app.crypto import asn1_gost, gost3410, keys
from edo_app.crypto.certificates import load_certificate
from edo_app.crypto.curves import CRYPTOPRO_A, TC26_256_A, TC26_512_A, TC26_512_B
from edo_app.crypto.keys import KeyPasswordError, is_encrypted_key, load_private_key
from edo_app.crypto.streebog import streebog256, streebog512
from edo_app.errors import CryptoError, InputError
from tests.oracles import GOST_SAMPLES, require
from tests.unit.crypto.fake_cryptopro import pki

OpenSSL = Callable[..., bytes]


@pytest.fixture(scope="module")
def openssl() -> OpenSSL:
    """Run ``openssl <args> -engine gost`` and return stdout; skip without OpenSSL's gost engine."""
    binary = shutil.which("openssl")
    if binary is None:
        pytest.skip("openssl is not installed")

    def run(*args: str) -> bytes:
        done = subprocess.run([binary, *args, "-engine", "gost"], capture_output=True, check=False)
        if done.returncode:
            if b"engine" in done.stderr.lower() and b"gost" in done.stderr.lower():
                pytest.skip(f"OpenSSL has no gost engine: {done.stderr[-200:]!r}")
            raise AssertionError(done.stderr.decode(errors="replace"))
        return done.stdout

    return run


def _genpkey(openssl: OpenSSL, tmp: Path, algorithm: str, paramset: str, *extra: str) -> bytes:
    out = tmp / f"{algorithm}-{paramset}.pem"
    openssl("genpkey", "-algorithm", algorithm, "-pkeyopt", f"paramset:{paramset}", "-out", str(out), *extra)
    return out.read_bytes()


def _openssl_public(openssl: OpenSSL, tmp: Path, key_pem: bytes, *passin: str) -> bytes:
    """X||Y as OpenSSL derives it from the key: an oracle independent of our curve maths."""
    (tmp / "in.pem").write_bytes(key_pem)
    spki = openssl("pkey", "-in", str(tmp / "in.pem"), "-pubout", "-outform", "DER", *passin)
    return asn1_gost.read_public_key(spki)[2]


@pytest.mark.parametrize(("algorithm", "paramset", "curve"), [
    ("gost2012_256", "A", CRYPTOPRO_A), ("gost2012_256", "TCA", TC26_256_A), ("gost2012_512", "A", TC26_512_A),
])
def test_openssl_keys_load_and_match_openssl_public_key(openssl: OpenSSL, tmp_path: Path, algorithm: str,
                                                        paramset: str, curve: object) -> None:
    pem = _genpkey(openssl, tmp_path, algorithm, paramset)
    key = load_private_key(pem)
    assert key.curve is curve
    assert key.public_key_octets == _openssl_public(openssl, tmp_path, pem)
    digest = (streebog256 if key.curve.size == 32 else streebog512)(b"signed attributes")
    assert gost3410.verify_digest(key.curve, key.public_key_octets, digest, key.sign_digest(digest))


def test_openssl_aes256_encrypted_key(openssl: OpenSSL, tmp_path: Path) -> None:
    pem = _genpkey(openssl, tmp_path, "gost2012_256", "A", "-aes-256-cbc", "-pass", "pass:secret")
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----") and is_encrypted_key(pem)
    key = load_private_key(pem, "secret")
    assert key.public_key_octets == _openssl_public(openssl, tmp_path, pem, "-passin", "pass:secret")
    with pytest.raises(KeyPasswordError, match="Неверный пароль ключа"):
        load_private_key(pem, "Secret")
    with pytest.raises(KeyPasswordError, match="нужен пароль"):
        load_private_key(pem)


def test_openssl_pkcs8_aes128_sha512(openssl: OpenSSL, tmp_path: Path) -> None:
    plain = _genpkey(openssl, tmp_path, "gost2012_512", "B")
    (tmp_path / "plain.pem").write_bytes(plain)
    pem = openssl("pkcs8", "-topk8", "-in", str(tmp_path / "plain.pem"), "-v2", "aes-128-cbc",
                  "-v2prf", "hmacWithSHA512", "-passout", "pass:пароль")
    key = load_private_key(pem, "пароль")
    assert key.curve is TC26_512_B and key.scalar == load_private_key(plain).scalar


@pytest.mark.oracle
def test_sample_key_reproduces_certificate() -> None:
    """The gost engine's sample key (little-endian scalar in an OCTET STRING) is cert.pem's key."""
    folder = GOST_SAMPLES / "generated-openssl-gost-engine"
    key = load_private_key(require(folder / "key.pem").read_bytes())
    cert = load_certificate(require(folder / "cert.pem").read_bytes())
    assert key.curve is cert.curve is CRYPTOPRO_A
    assert key.public_key_octets == cert.public_key_octets
    keys.check_key_matches(key, cert.public_key_octets)


@pytest.mark.parametrize("encoding", ["raw", "octet", "integer"])
def test_three_private_key_encodings(encoding: str) -> None:
    d = gost3410.generate_private_key(TC26_512_A)
    key = keys.parse_private_key_info(pki.private_key_info(TC26_512_A, d, encoding))
    assert key.scalar == d and key.curve is TC26_512_A


def test_der_key_is_accepted() -> None:
    d = gost3410.generate_private_key(CRYPTOPRO_A)
    assert load_private_key(pki.private_key_info(CRYPTOPRO_A, d)).scalar == d


def test_repr_hides_the_scalar() -> None:
    d, pem = pki.new_key(CRYPTOPRO_A)
    key = load_private_key(pem)
    assert str(d) not in repr(key) and f"{d:x}" not in repr(key).lower()


def test_mismatch_is_refused() -> None:
    key = load_private_key(pki.new_key(CRYPTOPRO_A)[1])
    other = load_private_key(pki.new_key(CRYPTOPRO_A)[1])
    with pytest.raises(CryptoError, match="не соответствует сертификату"):
        keys.check_key_matches(key, other.public_key_octets)
    with pytest.raises(KeyPasswordError, match="Неверный пароль ключа или ключ не от этого сертификата"):
        keys.check_key_matches(key, other.public_key_octets, encrypted=True)


def test_rfc7836_hmac_streebog() -> None:
    key, data = bytes(range(32)), bytes.fromhex("0126bdb87800af214341456563780100")
    assert keys.hmac_streebog(key, data, 32).hex() == (
        "a1aa5f7de402d7b3d323f2991c8d4534013137010a83754fd0af6d7cd4922ed9")
    assert keys.hmac_streebog(key, data, 64).hex() == (
        "a59bab22ecae19c65fbde6e5f4e9f5d8549d31f037f9df9b905500e171923a77"
        "3d5f1530f2ed7e964cb2eedc29e9ad2f3afe93b2814f79f5000ffc0366c251e6")


RFC7836_PBKDF2_C1 = ("64770af7f748c3b1c9ac831dbcfd85c26111b30a8a657ddc3056b80ca73e040d"
                     "2854fd36811f6d825cc4ab66ec0a68a490a9e5cf5156b3a2b7eecddbf9a16b47")


def test_rfc7836_pbkdf2_streebog_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    assert keys.pbkdf2(pki.HMAC_STREEBOG512, b"password", b"salt", 1, 64).hex() == RFC7836_PBKDF2_C1
    monkeypatch.setattr(keys, "openssl_gost_available", lambda: (False, "off"))
    assert keys.pbkdf2(pki.HMAC_STREEBOG512, b"password", b"salt", 1, 64).hex() == RFC7836_PBKDF2_C1
    assert keys._pbkdf2_streebog(64, b"password", b"salt", 2, 64) != bytes.fromhex(RFC7836_PBKDF2_C1)


def test_streebog_prf_encrypted_key_pure_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "openssl_gost_available", lambda: (False, "off"))
    d = gost3410.generate_private_key(CRYPTOPRO_A)
    pem = pki.encrypt_pkcs8(pki.private_key_info(CRYPTOPRO_A, d), "ключ", prf=pki.HMAC_STREEBOG512, iterations=50)
    assert load_private_key(pem, "ключ").scalar == d
    with pytest.raises(KeyPasswordError):
        load_private_key(pem, "не тот")


def test_gost_cipher_is_refused_clearly() -> None:
    info = pki.private_key_info(CRYPTOPRO_A, 12345)
    pem = pki.encrypt_pkcs8(info, "x", cipher_oid="1.2.643.7.1.1.5.2.1")
    with pytest.raises(CryptoError, match=r"Кузнечик CTR-ACPKM.*не поддерживается"):
        load_private_key(pem, "x")


def test_hostile_iteration_count_is_refused() -> None:
    pem = pki.encrypt_pkcs8(pki.private_key_info(CRYPTOPRO_A, 12345), "x", iterations=1, declared_iterations=10**9)
    with pytest.raises(InputError, match="итераций"):
        load_private_key(pem, "x")


def test_not_a_gost_key() -> None:
    rsa_like = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with pytest.raises(InputError, match="не ГОСТ"):
        load_private_key(rsa_like)
    with pytest.raises(InputError, match="EC PRIVATE KEY"):
        load_private_key(b"-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n")
    with pytest.raises(InputError):
        load_private_key(b"\x30\x03\x02\x01")


def test_scalar_out_of_range() -> None:
    with pytest.raises(InputError, match="вне диапазона"):
        keys.parse_private_key_info(pki.private_key_info(CRYPTOPRO_A, 0))


def test_slow_pure_python_pbkdf2_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "openssl_gost_available", lambda: (False, "off"))
    with pytest.raises(CryptoError, match="libengine-gost-openssl"):
        keys.pbkdf2(pki.HMAC_STREEBOG512, b"p", b"salt", 300_000, 32)

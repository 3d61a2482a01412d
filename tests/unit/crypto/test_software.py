"""The software provider: importing pairs, the store on disk, signing digests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from edo_app.crypto import gost3410
from edo_app.crypto.curves import CRYPTOPRO_A, TC26_512_A, Curve
from edo_app.crypto.keys import KeyPasswordError
from edo_app.crypto.provider import CryptoProvider, WholeFileSigner
from edo_app.crypto.software import SoftwareProvider, sign_with_files, thumbprint
from edo_app.crypto.streebog import streebog256, streebog512
from edo_app.errors import CryptoError, InputError
from tests.oracles import GOST_SAMPLES, require
from tests.unit.crypto.fake_cryptopro import pki


def _pair(curve: Curve = CRYPTOPRO_A, password: str | None = None) -> tuple[int, bytes, bytes]:
    """(d, certificate DER, key PEM — encrypted with ``password`` when given)."""
    d = gost3410.generate_private_key(curve)
    info = pki.private_key_info(curve, d)
    key = pki.encrypt_pkcs8(info, password) if password else pki.to_pem("PRIVATE KEY", info)
    return d, pki.self_signed(curve, d), key


def test_is_a_provider_and_always_available(tmp_path: Path) -> None:
    provider = SoftwareProvider(tmp_path / "keys")
    assert isinstance(provider, CryptoProvider) and not isinstance(provider, WholeFileSigner)
    assert provider.signs_digests and provider.is_available()[0]
    assert provider.certificates() == []  # the folder does not exist yet


@pytest.mark.parametrize(("curve", "hash_"), [(CRYPTOPRO_A, streebog256), (TC26_512_A, streebog512)])
def test_import_list_and_sign(tmp_path: Path, curve: Curve, hash_: object) -> None:
    provider = SoftwareProvider(tmp_path)
    _, cert_der, key_pem = _pair(curve)
    entry = provider.import_pair(cert_der, key_pem)
    assert entry.handle == pki.sha1_hex(cert_der) == thumbprint(entry.certificate)
    [listed] = provider.certificates()
    assert (listed.provider, listed.handle, listed.certificate.der) == ("software", entry.handle, cert_der)
    assert "Тестов Пётр Иванович" in listed.label
    digest = hash_(b"DER of signed attributes")  # type: ignore[operator]
    signature = provider.sign_digest(entry.handle, digest)
    assert len(signature) == 2 * curve.size
    assert gost3410.verify_digest(curve, listed.certificate.public_key_octets, digest, signature)
    assert not provider.needs_password(entry.handle)


def test_encrypted_import_keeps_the_key_encrypted_on_disk(tmp_path: Path) -> None:
    store = tmp_path / "store"
    provider = SoftwareProvider(store)
    d, cert_der, key_pem = _pair(password="секрет")
    entry = provider.import_pair(cert_der, key_pem, password="секрет")
    # The folder holds exactly the certificate and the key bytes as imported, nothing else.
    files = {path.name: path.read_bytes() for path in store.iterdir()}
    assert files == {f"{entry.handle}.cer": cert_der, f"{entry.handle}.key": key_pem}
    secrets = [d.to_bytes(32, "little"), d.to_bytes(32, "big"), f"{d:x}".encode(), str(d).encode(),
               b"BEGIN PRIVATE KEY"]
    for data in files.values():
        assert not any(secret in data for secret in secrets)
    if os.name == "posix":
        assert (store / f"{entry.handle}.key").stat().st_mode & 0o077 == 0
    assert provider.needs_password(entry.handle)
    with pytest.raises(KeyPasswordError, match="нужен пароль"):
        provider.sign_digest(entry.handle, streebog256(b"x"))
    with pytest.raises(KeyPasswordError, match="Неверный пароль"):
        provider.sign_digest(entry.handle, streebog256(b"x"), password="другой")
    digest = streebog256(b"x")
    signature = provider.sign_digest(entry.handle, digest, password="секрет")
    assert gost3410.verify_digest(CRYPTOPRO_A, entry.certificate.public_key_octets, digest, signature)


def test_wrong_password_at_import_stores_nothing(tmp_path: Path) -> None:
    provider = SoftwareProvider(tmp_path)
    _, cert_der, key_pem = _pair(password="верный")
    with pytest.raises(KeyPasswordError, match="Неверный пароль ключа"):
        provider.import_pair(cert_der, key_pem, password="неверный")
    assert list(tmp_path.iterdir()) == []


def test_key_of_another_certificate_is_refused(tmp_path: Path) -> None:
    provider = SoftwareProvider(tmp_path)
    _, cert_der, _ = _pair()
    _, _, other_key = _pair()
    with pytest.raises(CryptoError, match="не соответствует сертификату"):
        provider.import_pair(cert_der, other_key)
    _, _, key_512 = _pair(TC26_512_A)
    with pytest.raises(CryptoError, match="не от этого сертификата"):
        provider.import_pair(cert_der, key_512)
    assert list(tmp_path.iterdir()) == []


def test_garbage_certificate(tmp_path: Path) -> None:
    _, _, key_pem = _pair()
    with pytest.raises(InputError):
        SoftwareProvider(tmp_path).import_pair(b"not a certificate", key_pem)


def test_handles_are_checked_and_pairs_removed(tmp_path: Path) -> None:
    provider = SoftwareProvider(tmp_path)
    with pytest.raises(InputError, match="идентификатор"):
        provider.sign_digest("../../etc/passwd", streebog256(b""))
    with pytest.raises(CryptoError, match="нет ключа"):
        provider.sign_digest("ab" * 20, streebog256(b""))
    _, cert_der, key_pem = _pair()
    entry = provider.import_pair(cert_der, key_pem)
    (tmp_path / ("cd" * 20 + ".cer")).write_bytes(cert_der)  # a certificate without its key is not listed
    assert [e.handle for e in provider.certificates()] == [entry.handle]
    provider.remove(entry.handle)
    assert provider.certificates() == []


@pytest.mark.oracle
def test_sign_with_files_openssl_sample(tmp_path: Path) -> None:
    folder = GOST_SAMPLES / "generated-openssl-gost-engine"
    signer = sign_with_files(require(folder / "cert.pem"), require(folder / "key.pem"))
    digest = streebog256(b"attributes")
    assert gost3410.verify_digest(signer.certificate.curve, signer.certificate.public_key_octets, digest,
                                  signer.sign_digest(digest))
    cert_der = require(folder / "cert.der").read_bytes()
    entry = SoftwareProvider(tmp_path).import_pair(cert_der, (folder / "key.pem").read_bytes())
    assert entry.certificate.der == cert_der


def test_sign_with_files_encrypted(tmp_path: Path) -> None:
    _, cert_der, key_pem = _pair(password="p")
    (tmp_path / "c.cer").write_bytes(pki.to_pem("CERTIFICATE", cert_der))
    (tmp_path / "k.pem").write_bytes(key_pem)
    signer = sign_with_files(tmp_path / "c.cer", tmp_path / "k.pem", "p")
    assert signer.certificate.der == cert_der
    with pytest.raises(InputError, match=r"(?i)не удалось прочитать"):
        sign_with_files(tmp_path / "absent.cer", tmp_path / "k.pem", "p")

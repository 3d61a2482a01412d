"""CryptoPro provider against a strict fake of certmgr/cryptcp (tests/unit/crypto/fake_cryptopro)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from asn1crypto import cms

from edo_app.crypto import gost3410
from edo_app.crypto.certificates import load_certificate
from edo_app.crypto.cryptopro import CryptoProProvider, explain_failure, parse_certmgr_list
from edo_app.crypto.curves import CRYPTOPRO_A
from edo_app.crypto.keys import KeyPasswordError
from edo_app.crypto.provider import WholeFileSigner
from edo_app.crypto.streebog import streebog256
from edo_app.errors import CryptoError
from tests.unit.crypto.fake_cryptopro import install, pki

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the fake tools are POSIX shell wrappers")
PIN = "12345678"


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[CryptoProProvider, Path, bytes]:
    """(provider using only the fake tools, the fake's home, certificate DER)."""
    home = tmp_path / "home"
    home.mkdir()
    d, key_pem = pki.new_key(CRYPTOPRO_A)
    cert_der = pki.self_signed(CRYPTOPRO_A, d)
    (home / "cert.der").write_bytes(cert_der)
    (home / "key.pem").write_bytes(key_pem)
    (home / "pin").write_text(PIN)
    install(tmp_path / "bin")
    monkeypatch.setenv("FAKE_CPRO_HOME", str(home))
    return CryptoProProvider([tmp_path / "bin"], use_path=False, timeout=20), home, cert_der


def _calls(home: Path) -> list[list[str]]:
    return [line.split("\0") for line in (home / "calls.log").read_text(encoding="utf-8").splitlines()]


def _verify_detached(signature: bytes, content: bytes, cert_der: bytes) -> None:
    """Check the CMS with the GOST maths (messageDigest, signature over the signed attributes)."""
    signed = cms.ContentInfo.load(signature)["content"]
    assert signed["encap_content_info"]["content"].native is None  # detached
    signer = signed["signer_infos"][0]
    attrs = signer["signed_attrs"]
    digest = next(a["values"][0].native for a in attrs if a["type"].dotted == "1.2.840.113549.1.9.4")
    assert digest == streebog256(content)
    cert = load_certificate(cert_der)
    signed_der = b"\x31" + attrs.dump()[1:]
    assert gost3410.verify_digest(cert.curve, cert.public_key_octets, streebog256(signed_der),
                                  signer["signature"].native)


def test_not_installed_reason() -> None:
    provider = CryptoProProvider([], use_path=False)
    assert provider.is_available() == (False, "КриптоПро CSP не установлен (не найден cryptcp)")
    with pytest.raises(CryptoError, match="не найден cryptcp"):
        provider.sign_cms("ab" * 20, b"x")


def test_missing_certmgr_is_named(tmp_path: Path) -> None:
    install(tmp_path, tools=("cryptcp",))
    assert CryptoProProvider([tmp_path], use_path=False).is_available() == (
        False, "КриптоПро CSP не установлен (не найден certmgr)")


def test_found_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    ok, reason = CryptoProProvider([]).is_available()
    assert ok and str(tmp_path / "cryptcp") in reason


def test_lists_certificates_with_keys_only(fake: tuple[CryptoProProvider, Path, bytes]) -> None:
    provider, home, cert_der = fake
    entries = provider.certificates()
    assert [(e.provider, e.handle) for e in entries] == [("cryptopro", pki.sha1_hex(cert_der))]
    assert entries[0].certificate.der == cert_der
    assert _calls(home)[0] == ["certmgr", "-list", "-store", "uMy"]


def test_sign_cms_end_to_end(fake: tuple[CryptoProProvider, Path, bytes]) -> None:
    provider, home, cert_der = fake
    assert isinstance(provider, WholeFileSigner) and not provider.signs_digests
    content = "Файл УПД в windows-1251".encode("cp1251")
    handle = pki.sha1_hex(cert_der)
    signature = provider.sign_cms(handle, content, password=PIN)
    _verify_detached(signature, content, cert_der)
    call = _calls(home)[-1]
    assert call[:9] == ["cryptcp", "-sign", "-thumbprint", handle, "-detached", "-der", "-nochain", "-pin", PIN]
    assert len(call) == 11 and not Path(call[9]).exists()  # the temp folder is cleaned up


def test_signature_verifies_with_openssl(fake: tuple[CryptoProProvider, Path, bytes], tmp_path: Path) -> None:
    """An independent verifier, when the machine has OpenSSL with the gost engine."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    provider, _, cert_der = fake
    content = b"<?xml version='1.0'?><a/>"
    (tmp_path / "doc").write_bytes(content)
    (tmp_path / "doc.sig").write_bytes(provider.sign_cms(pki.sha1_hex(cert_der), content, password=PIN))
    done = subprocess.run([openssl, "cms", "-engine", "gost", "-verify", "-noverify", "-binary", "-inform", "DER",
                           "-in", str(tmp_path / "doc.sig"), "-content", str(tmp_path / "doc"), "-out", "/dev/null"],
                          capture_output=True, text=True, check=False)
    if "engine" in done.stderr.lower() and done.returncode:
        pytest.skip("OpenSSL has no gost engine")
    assert done.returncode == 0, done.stderr


def test_wrong_pin(fake: tuple[CryptoProProvider, Path, bytes]) -> None:
    provider, _, cert_der = fake
    with pytest.raises(KeyPasswordError, match=r"неверный PIN-код.*0x8010006b"):
        provider.sign_cms(pki.sha1_hex(cert_der), b"data", password="0000")
    with pytest.raises(KeyPasswordError):
        provider.sign_cms(pki.sha1_hex(cert_der), b"data")  # no PIN at all


def test_unknown_certificate(fake: tuple[CryptoProProvider, Path, bytes]) -> None:
    provider, _, _ = fake
    with pytest.raises(CryptoError, match=r"не найден в хранилище.*0x80092004"):
        provider.sign_cms("cd" * 20, b"data", password=PIN)


def test_timeout(fake: tuple[CryptoProProvider, Path, bytes]) -> None:
    provider, home, cert_der = fake
    (home / "behaviour").write_text("hang")
    provider.timeout = 1.5
    with pytest.raises(CryptoError, match=r"не ответил за 1\.5 с"):
        provider.sign_cms(pki.sha1_hex(cert_der), b"data", password=PIN)


@pytest.mark.parametrize("handle", ["-pin", "AB" * 20, "ab" * 19, "../" + "a" * 37])
def test_bad_handle_never_reaches_the_tool(fake: tuple[CryptoProProvider, Path, bytes], handle: str) -> None:
    provider, home, _ = fake
    with pytest.raises(CryptoError, match="40 шестнадцатеричных"):
        provider.sign_cms(handle, b"data", password=PIN)
    assert not (home / "calls.log").exists()


def test_sign_digest_is_refused() -> None:
    with pytest.raises(CryptoError, match="sign_cms"):
        CryptoProProvider([], use_path=False).sign_digest("ab" * 20, b"\0" * 32)


LISTING = r'''
Certmgr 1.1 (c) "Crypto-Pro",  2007-2020.
program for managing certificates, CRLs and stores

=============================================================================
1-------
Issuer              : E=ca@example.test, CN=Тестовый УЦ
Subject             : CN="ООО ""Ромашка""", SN=Тестов, G=Пётр Иванович
Serial              : 0x0120ABCDEF
SHA1 Hash           : 0x046255290B0EB1CDD1797D9AB8C81F699E3687F3
Not valid before    : 05/08/2024  13:44:24 UTC
Not valid after     : 05/08/2025  13:54:03 UTC
PrivateKey Link     : Yes
Container           : HDIMAGE\\test.000\D160
CDP                 : http://cdp.example.test/a.crl
                      http://cdp2.example.test/a.crl
2-------
Subject             : CN=Без ключа
SHA1 Thumbprint     : f24852da206c37715c1a2bebe03e5f2d2ce52bac
PrivateKey Link     : No
3-------
Субъект             : CN=Русский вывод
SHA1 отпечаток      : 99887766554433221100ffeeddccbbaa99887766
Ссылка на ключ      : Да
4-------
Subject             : CN=broken block without a thumbprint
=============================================================================

[ErrorCode: 0x00000000]
'''


def test_parse_certmgr_list() -> None:
    listed = parse_certmgr_list(LISTING)
    assert [item.thumbprint for item in listed] == [
        "046255290b0eb1cdd1797d9ab8c81f699e3687f3", "f24852da206c37715c1a2bebe03e5f2d2ce52bac",
        "99887766554433221100ffeeddccbbaa99887766"]
    first = listed[0]
    assert first.serial == "0120ABCDEF" and first.private_key is True
    assert first.not_after == "05/08/2025  13:54:03 UTC"
    assert first.subject is not None and first.subject.startswith('CN="ООО ""Ромашка"""')
    assert first.container == r"HDIMAGE\\test.000\D160"
    assert listed[1].private_key is False and listed[2].private_key is True


def test_parse_empty_store() -> None:
    assert parse_certmgr_list("Certmgr 1.1\n=====\nNo certificates\n[ErrorCode: 0x00000000]\n") == []


def test_explain_failure_codes() -> None:
    error = explain_failure("cryptcp", 1, "Error: Keyset does not exist\n[ErrorCode: 0x80090016]")
    assert not isinstance(error, KeyPasswordError)
    assert "ключевой контейнер не найден" in str(error) and "0x80090016" in str(error)
    assert "Keyset does not exist" in str(error)
    unknown = explain_failure("cryptcp", 3, "segfault")
    assert "код возврата 3" in str(unknown) and "segfault" in str(unknown)

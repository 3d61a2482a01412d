"""Interoperability with OpenSSL 3 + the GOST engine (an independent implementation).

On OpenSSL 3.0 the `gostprov` provider gives digests but cannot decode GOST keys in
certificates (`openssl cms -verify -provider gostprov` fails with "X509_PUBKEY_get0: decode
error"), so the CLI is run with `-engine gost`. Skipped when the engine is not installed
(Debian package libengine-gost-openssl).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import core, pem

from edo_app.crypto.certificates import load_certificate
from edo_app.crypto.cms import add_cosignature, build_detached
from edo_app.crypto.curves import TC26_512_A
from edo_app.crypto.streebog import streebog256, streebog512
from edo_app.crypto.trust import TrustStore
from edo_app.crypto.verify import verify_detached
from tests.unit.crypto import fixtures

CONTENT = "<Файл ИдФайл=\"тест\"/>\n".encode("cp1251")
_CONFIG = """[req]
distinguished_name = dn
prompt = no
utf8 = yes
string_mask = utf8only
[dn]
CN = Тестовый УЦ OpenSSL
C = RU
[ca_ext]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ee_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


def _engine_reason() -> str | None:
    if shutil.which("openssl") is None:
        return "openssl CLI not installed"
    probe = subprocess.run(["openssl", "engine", "gost", "-t"], capture_output=True, text=True, check=False)
    if probe.returncode != 0 or "available" not in probe.stdout:
        return "OpenSSL GOST engine not available (install libengine-gost-openssl)"
    return None


_SKIP_REASON = _engine_reason()
pytestmark = pytest.mark.skipif(_SKIP_REASON is not None, reason=str(_SKIP_REASON))


def openssl(folder: Path, command: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`openssl COMMAND -engine gost ARGS...` in ``folder``; the result, whatever the exit code."""
    return subprocess.run(["openssl", command, "-engine", "gost", *args], cwd=folder, capture_output=True,
                          text=True, check=False)


def _ok(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def openssl_pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ca.pem/ca.key and ee.pem/ee.key (GOST 2012-256, paramset A) made by the openssl CLI."""
    folder = tmp_path_factory.mktemp("openssl-pki")
    (folder / "pki.cnf").write_text(_CONFIG, encoding="utf-8")
    key = ("-newkey", "gost2012_256", "-pkeyopt", "paramset:A", "-nodes")
    _ok(openssl(folder, "req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "30",
                "-config", "pki.cnf", "-extensions", "ca_ext"))
    _ok(openssl(folder, "req", "-new", *key, "-keyout", "ee.key", "-out", "ee.csr", "-config", "pki.cnf",
                "-subj", "/CN=Подписант OpenSSL/C=RU"))
    _ok(openssl(folder, "x509", "-req", "-in", "ee.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "ee.pem", "-days", "10", "-extfile", "pki.cnf", "-extensions", "ee_ext"))
    (folder / "content.xml").write_bytes(CONTENT)
    return folder


def _openssl_key(folder: Path) -> fixtures.TestKey:
    """Our view of the key OpenSSL generated (PKCS#8, d little-endian in the OCTET STRING)."""
    _, _, der = pem.unarmor((folder / "ee.key").read_bytes())
    private = int.from_bytes(core.OctetString.load(core.Sequence.load(der)[2].dump()).native, "little")
    certificate = load_certificate((folder / "ee.pem").read_bytes())
    return fixtures.TestKey(certificate.curve, private, certificate)


def _verify_with_openssl(folder: Path, signature: bytes, *extra: str) -> subprocess.CompletedProcess[str]:
    (folder / "ours.sig").write_bytes(signature)
    return openssl(folder, "cms", "-verify", "-binary", "-inform", "DER", "-in", "ours.sig",
                   "-content", "content.xml", "-out", "/dev/null", *extra)


def test_openssl_signature_verifies_in_ours_with_its_chain(openssl_pki: Path) -> None:
    _ok(openssl(openssl_pki, "cms", "-sign", "-binary", "-cades", "-md", "md_gost12_256", "-in", "content.xml",
                "-signer", "ee.pem", "-inkey", "ee.key", "-outform", "DER", "-out", "theirs.sig"))
    store_dir = openssl_pki / "store"
    store_dir.mkdir(exist_ok=True)
    shutil.copy(openssl_pki / "ca.pem", store_dir / "ca.crt")
    (verdict,) = verify_detached(CONTENT, (openssl_pki / "theirs.sig").read_bytes(),
                                 trust=TrustStore.from_folder(store_dir))
    assert verdict.trusted, (verdict.reasons, verdict.chain.reason)
    (changed,) = verify_detached(CONTENT + b"x", (openssl_pki / "theirs.sig").read_bytes())
    assert not changed.valid


def test_our_signature_with_an_openssl_key_verifies_in_openssl_with_the_chain(openssl_pki: Path) -> None:
    key = _openssl_key(openssl_pki)
    signature = build_detached(streebog256(CONTENT), key.certificate, key.sign_digest,
                               signing_time=datetime.now(UTC))
    _ok(_verify_with_openssl(openssl_pki, signature, "-CAfile", "ca.pem"))
    assert _verify_with_openssl(openssl_pki, signature[:-1] + bytes([signature[-1] ^ 1]), "-noverify").returncode != 0


def test_our_certificates_cosignature_and_512_bit_keys_verify_in_openssl(openssl_pki: Path) -> None:
    pki = fixtures.make_pki()
    second = fixtures.issue(fixtures.person_name("Петров Иван"), issuer=pki.root)
    when = fixtures.NOW
    first = build_detached(streebog256(CONTENT), pki.signer.certificate, pki.signer.sign_digest, signing_time=when)
    both = add_cosignature(first, streebog256(CONTENT), second.certificate, second.sign_digest, signing_time=when)
    (openssl_pki / "root.pem").write_bytes(_pem(pki.root.certificate.der))
    attime = str(int((when + timedelta(hours=1)).timestamp()))
    _ok(_verify_with_openssl(openssl_pki, both, "-CAfile", "root.pem", "-attime", attime))
    big = fixtures.make_pki(TC26_512_A).signer
    signature = build_detached(streebog512(CONTENT), big.certificate, big.sign_digest, signing_time=when)
    _ok(_verify_with_openssl(openssl_pki, signature, "-noverify"))


def _pem(der: bytes) -> bytes:
    return bytes(pem.armor("CERTIFICATE", der))

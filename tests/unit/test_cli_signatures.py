"""`edo sign`, `edo verify`, `edo certs`: the exact contract of issue 3 (exit 0/1/2, what is printed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edo_app.cli import main
from edo_app.crypto.curves import CRYPTOPRO_A
from tests.oracles import GOST_SAMPLES, require
from tests.unit.crypto.fake_cryptopro import pki
from tests.unit.crypto.fixtures import make_pki, rsa_certificate

OPENSSL_PAIR = GOST_SAMPLES / "generated-openssl-gost-engine"
CRYPTOPRO = GOST_SAMPLES / "libksba-nicesoft"


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "doc.xml"
    path.write_bytes('<?xml version="1.0" encoding="windows-1251"?><Файл/>'.encode("cp1251"))
    return path


def _sign(document: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> Path:
    cert, key = require(OPENSSL_PAIR / "cert.pem"), OPENSSL_PAIR / "key.pem"
    assert main(["sign", str(document), "--cert", str(cert), "--key", str(key), *extra]) == 0
    return Path(capsys.readouterr().out.strip())


def test_sign_then_verify_prints_the_signer(document: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sig = _sign(document, capsys)
    assert sig == document.with_name("doc.xml.sig") and sig.read_bytes()[:1] == b"\x30"
    assert main(["verify", str(document), str(sig)]) == 0
    out = capsys.readouterr().out
    assert "Подпись 1: ДЕЙСТВИТЕЛЬНА" in out and "ИНН: 771234567890" in out and "ОГРН: 1027700000000" in out
    assert "Серийный номер сертификата:" in out and "Время подписания:" in out and "не проверялась" in out


def test_tampered_content_and_other_file_are_invalid(document: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    sig = _sign(document, capsys, "-o", str(tmp_path / "custom.sig"))
    assert sig.name == "custom.sig"
    other = tmp_path / "other.xml"
    other.write_bytes(document.read_bytes() + b" ")
    assert main(["verify", str(other), str(sig)]) == 1
    assert "НЕДЕЙСТВИТЕЛЬНА" in capsys.readouterr().out


def test_cryptopro_signature_with_a_fixed_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, sig = require(CRYPTOPRO / "gost_test.txt"), CRYPTOPRO / "gost_test.txt.p7s"
    assert main(["verify", str(content), str(sig), "--at", "2025-06-24T12:00:00+03:00"]) == 0
    out = capsys.readouterr().out
    assert "ИНН: 615509077872" in out and "ИНН ЮЛ: 5024245440" in out
    assert "02f4a7c700bfb1bbb24004196617a31fc1" in out.lower()
    assert main(["verify", str(content), str(sig), "--at", "2025-12-01T12:00:00"]) == 1  # expired at --at
    changed = tmp_path / "changed.txt"
    changed.write_bytes(content.read_bytes()[:-1] + b"!")
    assert main(["verify", str(changed), str(sig), "--at", "2025-06-24T12:00:00+03:00"]) == 1


def test_verify_json(document: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sig = _sign(document, capsys)
    assert main(["verify", "--json", str(document), str(sig)]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["valid"] is True and entry["inn"] == "771234567890" and entry["chain"]["status"] == "not_checked"


def test_chain_is_checked_against_a_trust_store(document: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    chain = make_pki()
    (tmp_path / "cert.cer").write_bytes(chain.signer.certificate.der)
    key_info = pki.private_key_info(CRYPTOPRO_A, chain.signer.private)
    (tmp_path / "key.pem").write_bytes(pki.to_pem("PRIVATE KEY", key_info))
    assert main(["sign", str(document), "--cert", str(tmp_path / "cert.cer"), "--key", str(tmp_path / "key.pem")]) == 0
    sig = Path(capsys.readouterr().out.strip())
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "root.cer").write_bytes(chain.root.certificate.der)
    assert main(["verify", str(document), str(sig), "--trust", str(trust)]) == 0
    assert "Цепочка сертификатов: проверена" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"garbage", b"\x30\x82\x01"])
def test_unreadable_signature_is_exit_2(document: Path, tmp_path: Path, content: bytes,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    sig = tmp_path / "bad.sig"
    sig.write_bytes(content)
    assert main(["verify", str(document), str(sig)]) == 2
    assert "ошибка" in capsys.readouterr().err


def test_truncated_real_signature_and_missing_files_are_exit_2(document: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    sig = _sign(document, capsys)
    sig.write_bytes(sig.read_bytes()[:200])
    assert main(["verify", str(document), str(sig)]) == 2
    assert main(["verify", str(tmp_path / "absent.xml"), str(sig)]) == 2
    assert main(["sign", str(tmp_path / "absent.xml"), "--cert", str(OPENSSL_PAIR / "cert.pem"),
                 "--key", str(OPENSSL_PAIR / "key.pem")]) == 2


def test_encrypted_key_needs_the_right_password(document: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    chain = make_pki()
    (tmp_path / "cert.cer").write_bytes(chain.signer.certificate.der)
    info = pki.private_key_info(CRYPTOPRO_A, chain.signer.private)
    (tmp_path / "key.pem").write_bytes(pki.encrypt_pkcs8(info, "секрет"))
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("секрет\n", encoding="utf-8")
    bad.write_text("не тот\n", encoding="utf-8")
    args = ["sign", str(document), "--cert", str(tmp_path / "cert.cer"), "--key", str(tmp_path / "key.pem")]
    assert main([*args, "--password-file", str(bad)]) == 1
    assert "пароль" in capsys.readouterr().err.lower()
    assert not document.with_name("doc.xml.sig").exists()
    assert main([*args, "--password-file", str(good)]) == 0


def test_rsa_certificate_is_refused(document: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cert_der, _ = rsa_certificate()
    (tmp_path / "rsa.cer").write_bytes(cert_der)
    assert main(["sign", str(document), "--cert", str(tmp_path / "rsa.cer"),
                 "--key", str(require(OPENSSL_PAIR / "key.pem"))]) == 1
    assert "ГОСТ" in capsys.readouterr().err


def test_bad_at_is_a_usage_error(document: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["verify", str(document), str(document), "--at", "вчера"])
    assert stop.value.code == 2


def test_certs_lists_every_provider_with_its_state(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["certs"]) == 0
    out = capsys.readouterr().out
    assert "[software] — доступно" in out and "сертификатов нет" in out
    assert "[cryptopro]" in out

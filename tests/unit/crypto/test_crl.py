"""Revocation lists (СОС): reading them, trusting only the issuer's signature, and a revoked
certificate failing its chain at and after the revocation date."""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path

import pytest

from edo_app.crypto.certificates import Certificate
from edo_app.crypto.cms import build_detached
from edo_app.crypto.crl import crl_signed_by, load_crl
from edo_app.crypto.streebog import streebog256
from edo_app.crypto.trust import TrustStore, build_chain
from edo_app.crypto.verify import verify_detached
from edo_app.errors import InputError
from tests.unit.crypto import fixtures

AT = fixtures.NOW


@pytest.fixture(scope="module")
def pki() -> fixtures.Pki:
    return fixtures.make_pki()


def _store(tmp_path: Path, pki: fixtures.Pki, *crls: bytes) -> TrustStore:
    (tmp_path / "root.cer").write_bytes(pki.root.certificate.der)
    for number, crl in enumerate(crls):
        (tmp_path / f"list{number}.crl").write_bytes(crl)
    return TrustStore.from_folder(tmp_path)


def test_a_crl_is_read_from_der_and_pem(pki: fixtures.Pki) -> None:
    der = fixtures.make_crl(pki.root, {pki.signer.certificate.serial_number: AT - timedelta(days=2), 7: AT})
    pem = b"-----BEGIN X509 CRL-----\n" + base64.encodebytes(der) + b"-----END X509 CRL-----\n"
    for data in (der, pem):
        crl = load_crl(data)
        assert crl.revoked_at(pki.signer.certificate.serial_number) == AT - timedelta(days=2)
        assert crl.revoked_at(8) is None and crl.issuer_name == "Тестовый корневой УЦ"
        assert crl.issuer_der == pki.root.certificate.subject_der and crl.this_update == AT - timedelta(days=1)
    assert crl_signed_by(load_crl(der), pki.root.certificate)
    assert not crl_signed_by(load_crl(der), pki.signer.certificate)


@pytest.mark.parametrize("data", [b"", b"garbage", b"-----BEGIN X509 CRL-----\n!!\n-----END X509 CRL-----\n"])
def test_garbage_is_not_a_crl(data: bytes) -> None:
    with pytest.raises(InputError, match="отзыв"):
        load_crl(data)


def test_a_revoked_certificate_fails_its_chain(tmp_path: Path, pki: fixtures.Pki) -> None:
    serial = pki.signer.certificate.serial_number
    store = _store(tmp_path, pki, fixtures.make_crl(pki.root, {serial: AT - timedelta(hours=1)}))
    result = build_chain(pki.signer.certificate, store, AT)
    assert result.status == "failed" and "отозван" in result.reason and "Тестовый корневой УЦ" in result.reason


def test_revoked_after_the_moment_checked_still_verifies_and_says_so(tmp_path: Path, pki: fixtures.Pki) -> None:
    serial = pki.signer.certificate.serial_number
    store = _store(tmp_path, pki, fixtures.make_crl(pki.root, {serial: AT + timedelta(days=1)}))
    result = build_chain(pki.signer.certificate, store, AT)
    assert result.status == "verified" and "отозван позже" in result.reason


def test_a_clean_list_is_reported_as_checked(tmp_path: Path, pki: fixtures.Pki) -> None:
    store = _store(tmp_path, pki, fixtures.make_crl(pki.root, {12345: AT - timedelta(days=9)}))
    result = build_chain(pki.signer.certificate, store, AT)
    assert result.status == "verified" and result.reason.endswith("отзыв проверен по СОС")


def test_a_list_not_signed_by_the_issuer_is_ignored(tmp_path: Path, pki: fixtures.Pki) -> None:
    serial = pki.signer.certificate.serial_number
    forged = fixtures.make_crl(pki.root, {serial: AT - timedelta(days=1)}, signer=pki.signer)
    result = build_chain(pki.signer.certificate, _store(tmp_path, pki, forged), AT)
    assert result.status == "verified" and "нет списка отзыва (СОС)" in result.reason


def test_without_lists_the_reason_says_revocation_was_not_checked(tmp_path: Path, pki: fixtures.Pki) -> None:
    result = build_chain(pki.signer.certificate, _store(tmp_path, pki), AT)
    assert result.status == "verified" and "отзыв не проверялся" in result.reason


def test_a_broken_crl_file_is_a_problem_of_the_folder(tmp_path: Path, pki: fixtures.Pki) -> None:
    store = _store(tmp_path, pki, b"not a list")
    assert len(store.certificates) == 1 and store.crls == ()
    assert store.problems and store.problems[0].startswith("list0.crl:")


def test_a_signature_of_a_revoked_signer_does_not_verify(tmp_path: Path, pki: fixtures.Pki) -> None:
    content = "Счёт-фактура".encode()
    der = build_detached(streebog256(content), pki.signer.certificate, pki.signer.sign_digest,
                         signing_time=AT - timedelta(minutes=5))
    revoked = {pki.signer.certificate.serial_number: AT - timedelta(days=1)}
    (verdict,) = verify_detached(content, der, trust=_store(tmp_path, pki, fixtures.make_crl(pki.root, revoked)))
    assert not verdict.valid and any("отозван" in reason for reason in verdict.reasons)


def test_a_list_s_signature_is_checked_once_per_issuer(pki: fixtures.Pki, monkeypatch: pytest.MonkeyPatch) -> None:
    crl = load_crl(fixtures.make_crl(pki.root, {}))
    calls: list[int] = []
    real = type(pki.root.certificate).made

    def made(self: Certificate, *args: bytes) -> bool:
        calls.append(1)
        return real(self, *args)

    monkeypatch.setattr(type(pki.root.certificate), "made", made)
    assert all(crl_signed_by(crl, pki.root.certificate) for _ in range(3))
    assert not crl_signed_by(crl, pki.signer.certificate)
    assert len(calls) == 2

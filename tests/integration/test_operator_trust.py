"""The reference operator with trusted УЦ (`edo operator trust --add`): a signature whose
certificate chains up to them is accepted, any other is refused with the chain's reason; only
certificates of a УЦ get in, and a broken trust folder stops the server from starting."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from edo_app.documents import sample_upd, to_xml
from edo_app.transport.base import Rejected
from tests.integration.operator_server import OperatorServer, run_cli, sign, upd_package
from tests.unit.crypto.fixtures import Pki, issue, make_crl, make_pki, person_name

SELLER, BUYER = "2ZZA-7700000009", "2ZZB-5002000005"
PKI = make_pki()


def _trust(data: Path, *files: Path) -> tuple[int, str, str]:
    added = [arg for path in files for arg in ("--add", str(path))]
    result = run_cli("operator", "trust", "--data", str(data), *added)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OperatorServer]:
    data = tmp_path_factory.mktemp("operator") / "data"
    root = data.parent / "root.cer"
    root.write_bytes(PKI.root.certificate.der)
    code, out, err = _trust(data, root)
    assert code == 0 and "Тестовый корневой УЦ" in out, err
    running = OperatorServer(data).start()
    running.add(SELLER, "alpha")
    running.add(BUYER, "beta")
    yield running
    running.stop()


def _signed_by(pki: Pki, seed: int) -> bytes:
    return sign(to_xml(sample_upd(seed=seed)), pki.signer)


def test_a_signature_chaining_up_to_a_trusted_ca_is_accepted(server: OperatorServer) -> None:
    doc = sample_upd(seed=21)
    with server.transport(SELLER) as seller:
        receipt = seller.send(upd_package(SELLER, BUYER, doc, signature=_signed_by(PKI, 21)))
    assert receipt.message_id


def test_a_signature_from_another_ca_is_refused_with_the_chain_reason(server: OperatorServer) -> None:
    stranger = make_pki()
    doc = sample_upd(seed=22)
    with server.transport(SELLER) as seller, pytest.raises(Rejected) as refused:
        seller.send(upd_package(SELLER, BUYER, doc, signature=_signed_by(stranger, 22)))
    assert "цепочка сертификатов не доходит до доверенного УЦ оператора" in str(refused.value)


def test_only_certificates_of_a_ca_are_trusted(server: OperatorServer, tmp_path: Path) -> None:
    leaf, garbage = tmp_path / "leaf.cer", tmp_path / "garbage.cer"
    leaf.write_bytes(PKI.signer.certificate.der)
    garbage.write_bytes(b"not a certificate")
    for path, message in ((leaf, "это сертификат не УЦ"), (garbage, "garbage.cer")):
        code, _out, err = _trust(server.data, path)
        assert code != 0 and message in err
    assert len(list((server.data / "trust").iterdir())) == 1  # nothing but the root got in


def test_a_broken_trust_folder_stops_the_server_from_starting(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "trust").mkdir(parents=True)
    (data / "trust" / "broken.cer").write_bytes(b"\x30\x03\x02\x01")
    with pytest.raises(RuntimeError, match="непригодные файлы"):
        OperatorServer(data).start(timeout=20)


def test_a_signer_revoked_in_a_trusted_list_is_refused(tmp_path: Path) -> None:
    revoked = issue(person_name("Отозванный Подписант"), issuer=PKI.root)
    data, root, crl = tmp_path / "data", tmp_path / "root.cer", tmp_path / "root.crl"
    root.write_bytes(PKI.root.certificate.der)
    crl.write_bytes(make_crl(PKI.root, {revoked.certificate.serial_number: datetime.now(UTC) - timedelta(days=1)}))
    result = run_cli("operator", "trust", "--data", str(data), "--add", str(root), "--add-crl", str(crl))
    assert result.returncode == 0 and "1 отозванных" in result.stdout, result.stderr
    running = OperatorServer(data).start()
    try:
        running.add(SELLER, "alpha")
        running.add(BUYER, "beta")
        doc = sample_upd(seed=23)
        with running.transport(SELLER) as seller, pytest.raises(Rejected) as refused:
            seller.send(upd_package(SELLER, BUYER, doc, signature=sign(to_xml(doc), revoked)))
        assert "отозван" in str(refused.value)
        with running.transport(SELLER) as seller:  # a signer the list does not name still gets through
            assert seller.send(upd_package(SELLER, BUYER, doc, signature=_signed_by(PKI, 23))).message_id
    finally:
        running.stop()


def test_a_list_added_while_the_server_runs_takes_effect_without_a_restart(tmp_path: Path) -> None:
    revoked = issue(person_name("Отозванный Позже"), issuer=PKI.root)
    data, root, crl = tmp_path / "data", tmp_path / "root.cer", tmp_path / "root.crl"
    root.write_bytes(PKI.root.certificate.der)
    assert _trust(data, root)[0] == 0
    running = OperatorServer(data, workers=2).start()
    try:
        running.add(SELLER, "alpha")
        running.add(BUYER, "beta")
        first, second = sample_upd(seed=24), sample_upd(seed=25)
        with running.transport(SELLER) as seller:  # not revoked yet
            assert seller.send(upd_package(SELLER, BUYER, first, signature=sign(to_xml(first), revoked))).message_id
        crl.write_bytes(make_crl(PKI.root, {revoked.certificate.serial_number: datetime.now(UTC) - timedelta(days=1)}))
        assert run_cli("operator", "trust", "--data", str(data), "--add-crl", str(crl)).returncode == 0
        time.sleep(1.2)  # LiveTrust looks at the folder at most once a second
        for _ in range(4):  # several requests, so both workers (each with its own LiveTrust) are likely asked
            with running.transport(SELLER) as seller, pytest.raises(Rejected, match="отозван"):
                seller.send(upd_package(SELLER, BUYER, second, signature=sign(to_xml(second), revoked)))
    finally:
        running.stop()

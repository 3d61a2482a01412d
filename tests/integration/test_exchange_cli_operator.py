"""Two participants talking through the reference operator with nothing but the `edo` command:
configure with a signing key, send, sync (signed ИОП accepted by the operator), the buyer's
title, annulment proposed and agreed — and a wrong key password refused before it is saved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app import config
from edo_app.cli import main
from edo_app.crypto.software import SoftwareProvider
from edo_app.documents import file_name, to_xml
from tests.integration.operator_server import OperatorServer, sign
from tests.unit.crypto.fake_cryptopro import pki
from tests.unit.crypto.fixtures import make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, invoice


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OperatorServer]:
    running = OperatorServer(tmp_path_factory.mktemp("operator")).start()
    running.add(SELLER_ID, "alpha")
    running.add(BUYER_ID, "beta")
    yield running
    running.stop()


def _key_in(data: Path) -> str:
    """A test key imported into the data folder's software key store; returns «software:handle»."""
    key = make_pki().signer
    info = pki.encrypt_pkcs8(pki.private_key_info(key.curve, key.private), PASSWORD)
    return "software:" + SoftwareProvider(data / "keys").import_pair(key.certificate.der, info, PASSWORD).handle


def _configure(server: OperatorServer, data: Path, participant: str, password: str = PASSWORD) -> int:
    secret = data.parent / f"{participant}.password"
    secret.write_text(password + "\n", encoding="utf-8")
    return main(["exchange", "configure", "--operator", server.url, "--token", server.tokens[participant],
                 "--participant", participant, "--signer", "Иванов Пётр Сергеевич", "--position", "Бухгалтер",
                 "--key", _key_in(data), "--password-file", str(secret), "--data", str(data)])


def _sync(*folders: Path) -> None:
    for data in folders:
        assert main(["sync", "--data", str(data)]) == 0


def _status(data: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["status", "1", "--data", str(data)]) == 0
    return capsys.readouterr().out.splitlines()[0]


def test_two_participants_through_the_operator_from_the_command_line(
        server: OperatorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seller, buyer = tmp_path / "seller", tmp_path / "buyer"
    assert _configure(server, seller, SELLER_ID) == 0
    assert _configure(server, buyer, BUYER_ID) == 0
    doc = invoice("СЧФДОП", seed=41)
    xml = tmp_path / file_name(doc)
    xml.write_bytes(to_xml(doc))
    (tmp_path / (xml.name + ".sig")).write_bytes(sign(xml.read_bytes()))
    assert main(["send", str(xml), "--to", BUYER_ID, "--data", str(seller)]) == 0
    _sync(seller, buyer, seller)  # the buyer's signed ИОП is accepted by the operator: no failures
    assert _status(buyer, capsys).endswith("Требуется подпись")
    assert main(["title", "1", "--accept", "--signer", "Петрова Анна Игоревна", "--position", "Директор",
                 "--data", str(buyer)]) == 0
    _sync(buyer, seller, buyer)
    assert _status(seller, capsys).endswith("Подписан контрагентом")
    assert main(["annul", "1", "--propose", "Ошибка в цене", "--data", str(seller)]) == 0
    _sync(seller, buyer)
    assert main(["annul", "1", "--agree", "--data", str(buyer)]) == 0
    _sync(buyer, seller)
    assert (_status(seller, capsys), _status(buyer, capsys)) == ("документ № 1: Аннулирован",
                                                                "документ № 1: Аннулирован")


def test_a_wrong_key_password_is_refused_and_nothing_is_saved(
        server: OperatorServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert _configure(server, data, SELLER_ID, password="не тот") == 1
    assert "exchange_key" in capsys.readouterr().err
    assert config.load(data / "settings.toml").participant_id == ""

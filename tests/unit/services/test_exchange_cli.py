"""`edo exchange configure`, `edo send FILE`, `edo sync`, `edo status` over an exchange folder."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from edo_app import config
from edo_app.cli import main
from edo_app.crypto.cms import build_detached
from edo_app.crypto.openssl_gost import new_hash
from edo_app.documents import file_name, to_xml
from edo_app.transport.folder import FolderGateway
from tests.unit.crypto.fixtures import make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, SELLER_ID, invoice


def _configure(data: Path, root: Path, participant: str) -> None:
    assert main(["exchange", "configure", "--folder", str(root), "--participant", participant,
                 "--signer", "Иванов Пётр Сергеевич", "--data", str(data)]) == 0


def test_send_a_file_sync_and_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, seller, buyer = tmp_path / "exchange", tmp_path / "seller", tmp_path / "buyer"
    _configure(seller, root, SELLER_ID)
    _configure(buyer, root, BUYER_ID)
    settings = config.load(seller / "settings.toml")
    assert (settings.participant_id, settings.exchange_folder) == (SELLER_ID, str(root.resolve()))
    xml = _signed_file(tmp_path, seed=1)
    assert main(["sync", "--data", str(buyer)]) == 0  # opens the buyer's box
    assert main(["send", str(xml), "--to", BUYER_ID, "--data", str(seller)]) == 0
    assert "поставлен в очередь" in capsys.readouterr().out
    assert main(["sync", "--data", str(seller)]) == 0
    FolderGateway(root).deliver_once()
    assert main(["sync", "--data", str(buyer)]) == 0
    FolderGateway(root).deliver_once()
    assert main(["sync", "--data", str(seller)]) == 0
    capsys.readouterr()
    assert main(["status", "1", "--data", str(seller)]) == 0
    out = capsys.readouterr().out
    assert "Подписан контрагентом" in out and BUYER_ID in out and "document → " in out
    assert main(["status", "1", "--data", str(buyer)]) == 0
    assert "Получен" in capsys.readouterr().out


def _signed_file(folder: Path, seed: int) -> Path:
    """An invoice and its detached signature beside it (ФАЙЛ.xml.sig), as `edo send FILE` takes them."""
    doc = invoice(seed=seed)
    xml = folder / file_name(doc)
    xml.write_bytes(to_xml(doc))
    key = make_pki().signer
    digest = new_hash(key.certificate.curve.size, xml.read_bytes()).digest()
    (folder / (xml.name + ".sig")).write_bytes(
        build_detached(digest, key.certificate, key.sign_digest, signing_time=datetime.now(UTC)))
    return xml


def test_send_several_documents_all_or_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seller = tmp_path / "seller"
    _configure(seller, tmp_path / "exchange", SELLER_ID)
    files = [str(_signed_file(tmp_path, seed)) for seed in (1, 2)]
    capsys.readouterr()
    assert main(["send", *files, "--to", BUYER_ID, "--data", str(seller)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(",")[0] for line in out] == [f"документ № {n} поставлен в очередь" for n in (1, 2)]
    third = str(_signed_file(tmp_path, 3))
    assert main(["send", third, "1", "--to", BUYER_ID, "--data", str(seller)]) == 1
    assert "документ № 1 уже отправлен или стоит в очереди" in capsys.readouterr().err
    assert main(["send", "3", "--to", BUYER_ID, "--data", str(seller)]) == 0  # the third was not queued with it
    assert "документ № 3 поставлен в очередь" in capsys.readouterr().out


def test_sync_without_configuration_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", "--data", str(tmp_path)]) == 1
    assert "edo exchange configure" in capsys.readouterr().err


def test_configure_refuses_a_bad_participant_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exchange", "configure", "--folder", str(tmp_path), "--participant", "../x",
                 "--data", str(tmp_path)]) == 1
    assert "идентификатор участника" in capsys.readouterr().err

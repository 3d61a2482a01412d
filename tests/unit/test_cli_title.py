"""`edo title DOC --refuse --reason TEXT` on a received акт over an exchange folder: the reason lands in
СодОпер of the customer's title, which is valid (own schemas and the official one); a refusal without
a reason, or a reason where it has no place (the УПД buyer's title), is a Russian error and stores
nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from lxml import etree

from edo_app.cli import main
from edo_app.crypto.cms import build_detached
from edo_app.crypto.openssl_gost import new_hash
from edo_app.crypto.software import SoftwareProvider
from edo_app.documents import (
    ACCEPTED_WITH_DISCREPANCIES,
    PrimaryAnswer,
    buyer_from_xml,
    file_name,
    primary_from_xml,
    primary_to_xml,
    sample_act,
    sample_upd,
    to_xml,
)
from edo_app.model.kinds import Direction, DocumentKind
from edo_app.services.context import Services
from edo_app.storage import DocumentQuery
from edo_app.transport.folder import FolderGateway
from edo_app.xmlio import parse_bytes
from tests.oracles import FNS_XSD, require
from tests.unit.crypto.fake_cryptopro import pki
from tests.unit.crypto.fixtures import make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID

SIGNER = ["--signer", "Петрова Анна Игоревна", "--position", "Директор"]
REASON = "Работы по этапу 2 не выполнены"


def _configure(data: Path, root: Path, participant: str) -> None:
    """An exchange folder box whose settings name a software key (imported into ``data``) with its password."""
    key = make_pki().signer
    info = pki.encrypt_pkcs8(pki.private_key_info(key.curve, key.private), PASSWORD)
    handle = SoftwareProvider(data / "keys").import_pair(key.certificate.der, info, PASSWORD).handle
    secret = data.parent / f"{participant}.password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    assert main(["exchange", "configure", "--folder", str(root), "--participant", participant,
                 "--signer", "Иванов Пётр Сергеевич", "--position", "Бухгалтер", "--key", f"software:{handle}",
                 "--password-file", str(secret), "--data", str(data)]) == 0


def _signed(tmp_path: Path, name: str, content: bytes) -> Path:
    xml = tmp_path / name
    xml.write_bytes(content)
    key = make_pki().signer
    digest = new_hash(key.certificate.curve.size, xml.read_bytes()).digest()
    (tmp_path / (xml.name + ".sig")).write_bytes(
        build_detached(digest, key.certificate, key.sign_digest, signing_time=datetime.now(UTC)))
    return xml


@pytest.fixture
def buyer(tmp_path: Path) -> Path:
    """The customer's data folder holding the received акт as document № 1."""
    act = sample_act(seed=61)
    return _received(tmp_path, _signed(tmp_path, act.file_name, primary_to_xml(act)))


def _received(tmp_path: Path, signed: Path) -> Path:
    """The recipient's data folder holding the ``signed`` file, sent over an exchange folder, as document № 1."""
    root, seller, customer = tmp_path / "exchange", tmp_path / "seller", tmp_path / "buyer"
    _configure(seller, root, SELLER_ID)
    _configure(customer, root, BUYER_ID)
    assert main(["sync", "--data", str(customer)]) == 0  # opens the customer's box
    assert main(["send", str(signed), "--to", BUYER_ID, "--data", str(seller)]) == 0
    assert main(["sync", "--data", str(seller)]) == 0
    FolderGateway(root).deliver_once()
    assert main(["sync", "--data", str(customer)]) == 0
    return customer


def _outgoing(data: Path) -> list[tuple[DocumentKind, bytes]]:
    services = Services.open(data)
    try:
        rows = services.library.list_documents(DocumentQuery(direction=Direction.OUTGOING))
        return [(row.kind, services.library.get(row.id).content) for row in rows]
    finally:
        services.close()


def test_the_reason_of_a_refusal_lands_in_the_customers_title(buyer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["title", "1", "--refuse", "--reason", REASON, *SIGNER, "--data", str(buyer)]) == 0
    assert "сохранён как документ № 2" in capsys.readouterr().out
    [(kind, content)] = _outgoing(buyer)
    assert kind is DocumentKind.ACT_BUYER
    answer = primary_from_xml(content)
    assert isinstance(answer, PrimaryAnswer) and answer.refused
    assert answer.operation == f"Результаты работ (оказанные услуги) не приняты: {REASON}"
    official = etree.XMLSchema(etree.parse(str(require(FNS_XSD / "akt" / "DP_REZRUZAK_1_990_02_05_01_02.xsd"))))
    assert official.validate(parse_bytes(content)), official.error_log
    assert main(["status", "1", "--data", str(buyer)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("Отказано")


@pytest.mark.parametrize(("verdict", "expected"), [
    (["--refuse"], "укажите причину отказа"),
    (["--refuse", "--reason", "   "], "укажите причину отказа"),
    (["--accept", "--reason", REASON], "причина указывается только при отказе"),
])
def test_a_refusal_without_a_reason_is_refused_and_nothing_is_stored(
        buyer: Path, capsys: pytest.CaptureFixture[str], verdict: list[str], expected: str) -> None:
    assert main(["title", "1", *verdict, *SIGNER, "--data", str(buyer)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "reason" in err
    assert _outgoing(buyer) == []
    assert main(["status", "1", "--data", str(buyer)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("Требуется подпись")


def test_a_reason_has_no_place_in_the_buyers_title_of_a_upd(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    doc = sample_upd("ДОП", seed=62)
    data = _received(tmp_path, _signed(tmp_path, file_name(doc), to_xml(doc)))
    assert main(["title", "1", "--refuse", "--reason", REASON, *SIGNER, "--data", str(data)]) == 1
    assert "нет места для причины отказа" in capsys.readouterr().err
    assert _outgoing(data) == []
    assert main(["title", "1", "--refuse", *SIGNER, "--data", str(data)]) == 0  # КодИтога 3 says it all
    assert [kind for kind, _ in _outgoing(data)] == [DocumentKind.UPD_BUYER]


def test_a_upd_accepted_with_discrepancies_names_the_act(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = sample_upd("ДОП", seed=63)
    data = _received(tmp_path, _signed(tmp_path, file_name(doc), to_xml(doc)))
    assert main(["title", "1", "--accept-with-discrepancies", "17:24.11.2026", *SIGNER, "--data", str(data)]) == 0
    assert "принят с расхождениями" in capsys.readouterr().out
    [(kind, content)] = _outgoing(data)
    title = buyer_from_xml(content)
    assert kind is DocumentKind.UPD_BUYER and title.result == ACCEPTED_WITH_DISCREPANCIES
    act = title.discrepancy_doc
    assert act is not None and (act.name, act.number, act.date) == ("Акт о расхождении", "17", date(2026, 11, 24))
    assert main(["status", "1", "--data", str(data)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("Подписан с расхождениями")


def test_an_act_of_discrepancies_needs_a_number_and_a_date(buyer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["title", "1", "--accept-with-discrepancies", "17", *SIGNER, "--data", str(buyer)])
    assert "нужен номер и дата акта" in capsys.readouterr().err
    assert main(["title", "1", "--accept-with-discrepancies", "17:24.11.2026", *SIGNER, "--data", str(buyer)]) == 1
    assert "только в титуле покупателя УПД" in capsys.readouterr().err  # an акт has no place for it
    assert _outgoing(buyer) == []

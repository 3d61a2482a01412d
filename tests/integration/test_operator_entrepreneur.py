"""An individual entrepreneur (ИП: ИНН 12 digits, no КПП, the ФИО) has a box at the reference
operator like an organisation: registered through the CLI, found in the directory, and named as
ИП in the ПДП/ПДО the operator signs — valid against the official service-document schemas."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from edo_app.documents import EdoParticipant, OperatorConfirmation, sample_upd, service_from_xml
from edo_app.model.party import Party, PersonName
from edo_app.transport.base import EventKind
from tests.integration.operator_server import ORGS, OperatorServer, run_cli, upd_package
from tests.unit.documents.test_service_data import assert_official

IP_BOX, ORG_BOX = "2ZZI-500013389010", "2ZZB-5002000005"
IP_INN, IP_NAME = "500013389010", "Журавлёв Семён Глебович"
IP_PERSON = PersonName("Журавлёв", "Семён", "Глебович")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OperatorServer]:
    running = OperatorServer(tmp_path_factory.mktemp("operator") / "data").start()
    added = run_cli("operator", "add-participant", "--data", str(running.data), "--id", IP_BOX,
                    "--inn", IP_INN, "--name", IP_NAME)
    assert added.returncode == 0, added.stderr
    running.tokens[IP_BOX] = dict(line.split(": ", 1) for line in added.stdout.splitlines())["token"]
    running.add(ORG_BOX, "beta")
    yield running
    running.stop()


@pytest.mark.parametrize(("extra", "message"), [
    (("--inn", IP_INN, "--kpp", "770001001", "--name", IP_NAME), "КПП указывается только для организации"),
    (("--inn", ORGS["alpha"][0], "--name", "ООО «Без КПП»"), "для организации обязателен КПП"),
    (("--inn", IP_INN, "--name", "Журавлёв"), "для ИП укажите ФИО"),
    (("--inn", "500013389011", "--name", IP_NAME), "неверное контрольное число"),
])
def test_a_bad_registration_is_refused_and_opens_no_box(server: OperatorServer, extra: tuple[str, ...],
                                                         message: str) -> None:
    result = run_cli("operator", "add-participant", "--data", str(server.data), "--id", "2ZZX-1", *extra)
    assert result.returncode != 0 and message in result.stderr
    listed = run_cli("operator", "participants", "--data", str(server.data))
    assert "2ZZX-1" not in listed.stdout


def test_the_directory_finds_the_entrepreneur_by_inn(server: OperatorServer) -> None:
    with server.transport(ORG_BOX) as transport:
        assert transport.directory(IP_INN) == [{"id": IP_BOX, "inn": IP_INN, "kpp": "", "name": IP_NAME}]


def _stamp(server: OperatorServer, box: str, confirms: str) -> OperatorConfirmation:
    with server.transport(box) as transport:
        (event,) = [e for e in transport.fetch_events(None, 100).events
                    if e.kind is EventKind.SERVICE_DOCUMENT and e.payload.get("confirms") == confirms]
        xml = transport.fetch_package(event.message_id).entries[0].data
    doc = service_from_xml(xml)
    assert isinstance(doc, OperatorConfirmation)
    assert_official(doc, xml)
    return doc


def test_the_operator_names_the_entrepreneur_as_ip_in_its_pdp_and_pdo(server: OperatorServer) -> None:
    doc = sample_upd("СЧФ", seed=3)  # an ИП seller
    with server.transport(IP_BOX) as seller:
        receipt = seller.send(upd_package(IP_BOX, ORG_BOX, doc))
    for box in (IP_BOX, ORG_BOX):  # ПДП to the sender, ПДО to the recipient: both name both sides
        stamp = _stamp(server, box, receipt.message_id)
        sender = next(p for p in (stamp.sender, stamp.recipient) if p.edo_id == IP_BOX)
        assert isinstance(sender, EdoParticipant)
        assert isinstance(sender.party, Party)
        assert (sender.entrepreneur, sender.party.inn, sender.party.person) == (True, IP_INN, IP_PERSON)

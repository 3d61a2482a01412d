"""HttpOperatorTransport: errors translated at the boundary (httpx.MockTransport), and the operator
with its checks running in-process (httpx.WSGITransport): signatures, format, flow, auth, directory."""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from edo_app.crypto.verify import verify_detached
from edo_app.documents import sample_buyer_title, sample_service, sample_upd, to_xml
from edo_app.documents.service_build import service_to_xml
from edo_app.documents.service_flow import receipt_notice_for
from edo_app.documents.service_types import EdoParticipant
from edo_app.errors import InputError, TransportError
from edo_app.model.party import Party
from edo_app.schemas import validate_bytes
from edo_app.services.operator_server import OperatorSettings, add_participant, load_identity, make_app
from edo_app.transport import frames
from edo_app.transport.base import (
    EventKind,
    OperatorUnavailable,
    PackageFormatError,
    Rejected,
    UnknownRecipient,
    is_retryable,
)
from edo_app.transport.http_operator import ACK_BATCH, HttpOperatorTransport
from edo_app.transport.package import Package, to_zip
from tests.integration.operator_server import ORGS, file_package, sign, upd_package
from tests.unit.transport.samples import BOB, document_package

SELLER, BUYER, STRANGER = "2ZZA-0000000001", "2ZZB-0000000002", "2ZZC-0000000003"


def mocked(handler: Callable[[httpx.Request], httpx.Response]) -> HttpOperatorTransport:
    return HttpOperatorTransport("http://operator.test", "secret", transport=httpx.MockTransport(handler))


def answer(status: int, **body: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, json=body)


# --- the boundary ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_trouble_is_retryable_unavailability(status: int) -> None:
    with pytest.raises(OperatorUnavailable) as caught:
        mocked(answer(status, message="boom")).fetch_events(None, 10)
    assert is_retryable(caught.value)


@pytest.mark.parametrize("error", [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"),
                                   httpx.RemoteProtocolError("garbled")])
def test_network_failures_are_unavailability(error: Exception) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise error

    with pytest.raises(OperatorUnavailable, match=r"(?i)оператор"):
        mocked(fail).send(document_package())


@pytest.mark.parametrize("status", [409, 422])
def test_refusals_carry_the_operators_reason(status: int) -> None:
    with pytest.raises(Rejected) as caught:
        mocked(answer(status, error="rejected", reason="подпись недействительна")).send(document_package())
    assert caught.value.reason == "подпись недействительна" and not is_retryable(caught.value)


def test_404_on_send_is_an_unknown_recipient() -> None:
    with pytest.raises(UnknownRecipient) as caught:
        mocked(answer(404, error="unknown_recipient", recipient=BOB)).send(document_package())
    assert caught.value.recipient == BOB


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_token_says_so_in_russian(status: int) -> None:
    with pytest.raises(TransportError, match="токен") as caught:
        mocked(answer(status, message="nope")).fetch_events(None, 10)
    assert not isinstance(caught.value, (Rejected, OperatorUnavailable))


def test_nonsense_answers_are_unavailability_not_crashes() -> None:
    with pytest.raises(OperatorUnavailable, match="JSON"):
        mocked(lambda r: httpx.Response(200, content=b"<html>")).fetch_events(None, 10)
    broken_event = {"events": [{"kind": "status_changed"}], "next_cursor": "1"}
    with pytest.raises(OperatorUnavailable, match="event_id"):
        mocked(lambda r: httpx.Response(200, json=broken_event)).fetch_events(None, 10)


def test_acknowledgements_go_in_batches() -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    ids = [str(n) for n in range(1, ACK_BATCH + 3)]
    mocked(record).acknowledge(ids)
    assert [r.url.path for r in seen] == ["/events/ack", "/events/ack"]
    assert [json.loads(r.content)["event_ids"] for r in seen] == [ids[:ACK_BATCH], ids[ACK_BATCH:]]


def test_an_inlined_package_is_used_and_a_broken_one_left_to_fetch() -> None:
    package = document_package()
    events = [{"event_id": "1", "kind": "document_received", "message_id": "m1", "at": "2026-01-01T00:00:00+00:00",
               "package": base64.b64encode(to_zip(package)).decode()},
              {"event_id": "2", "kind": "document_received", "message_id": "m2", "at": "2026-01-01T00:00:00+00:00",
               "package": "не base64"}]
    page = mocked(lambda r: httpx.Response(200, json={"events": events, "next_cursor": "2"})).fetch_events(None, 10)
    assert page.events[0].package is not None and page.events[0].package.package_id == package.package_id
    assert page.events[1].package is None


def test_a_feed_page_in_frames_takes_its_packages_from_the_parts() -> None:
    package = document_package()
    at = "2026-01-01T00:00:00+00:00"
    events = [{"event_id": "1", "kind": "document_received", "message_id": "m1", "at": at, "part": 0},
              {"event_id": "2", "kind": "document_received", "message_id": "m2", "at": at, "part": 1},
              {"event_id": "3", "kind": "document_received", "message_id": "m3", "at": at, "part": 7},
              {"event_id": "4", "kind": "status_changed", "message_id": "m1", "at": at}]
    asked: list[str] = []

    def feed(request: httpx.Request) -> httpx.Response:
        asked.append(request.headers["Accept"])
        body = frames.pack({"events": events, "next_cursor": "4"}, [to_zip(package), b"not a zip"])
        return httpx.Response(200, content=body, headers={"Content-Type": frames.MEDIA_TYPE})

    page = mocked(feed).fetch_events(None, 10)
    assert asked[0].startswith(frames.MEDIA_TYPE)
    assert page.events[0].package is not None and page.events[0].package.package_id == package.package_id
    assert [e.package for e in page.events[1:]] == [None, None, None]  # broken or missing: fetched on its own
    assert page.next_cursor == "4"


def test_a_frames_page_that_does_not_add_up_is_the_operator_being_unavailable() -> None:
    broken = httpx.Response(200, content=b'{"sizes": [5]}\nabc', headers={"Content-Type": frames.MEDIA_TYPE})
    with pytest.raises(OperatorUnavailable, match="не прочесть: длины частей"):
        mocked(lambda request: broken).fetch_events(None, 10)


def test_requests_carry_the_token_and_quote_ids() -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    with pytest.raises(PackageFormatError):  # an empty body is no ZIP
        mocked(record).fetch_package("a/b")
    assert seen[0].headers["Authorization"] == "Bearer secret"
    assert seen[0].url.raw_path == b"/packages/a%2Fb"
    with pytest.raises(InputError, match="limit"):
        mocked(record).fetch_events(None, 0)
    with pytest.raises(InputError, match="токен"):
        HttpOperatorTransport("http://x", "two words")


# --- the operator in-process, with its checks -------------------------------------------------


@dataclass
class Office:
    seller: HttpOperatorTransport
    buyer: HttpOperatorTransport
    stranger: HttpOperatorTransport
    client: Callable[[str], HttpOperatorTransport]


@pytest.fixture
def office(tmp_path: Path) -> Office:
    tokens = {pid: add_participant(tmp_path, pid, *ORGS[org]) for pid, org in
              ((SELLER, "alpha"), (BUYER, "beta"), (STRANGER, "gamma"))}
    wsgi = httpx.WSGITransport(app=make_app(tmp_path))

    def client(token: str) -> HttpOperatorTransport:
        return HttpOperatorTransport("http://operator", token, transport=wsgi)

    return Office(client(tokens[SELLER]), client(tokens[BUYER]), client(tokens[STRANGER]), client)


def _service_files(transport: HttpOperatorTransport) -> dict[str, Package]:
    return {e.payload["service"]: transport.fetch_package(e.message_id)
            for e in transport.fetch_events(None, 100).events if e.kind is EventKind.SERVICE_DOCUMENT}


def test_a_signed_upd_is_confirmed_to_both_sides(office: Office) -> None:
    doc = sample_upd()
    receipt = office.seller.send(upd_package(SELLER, BUYER, doc))
    kinds = [(e.kind, e.payload.get("service")) for e in office.buyer.fetch_events(None, 10).events]
    assert kinds == [(EventKind.DOCUMENT_RECEIVED, None), (EventKind.SERVICE_DOCUMENT, "ПДО")]
    for transport, kind in ((office.seller, "ПДП"), (office.buyer, "ПДО")):
        (confirmation,) = [e for e in _service_files(transport)[kind].entries if e.signs is None]
        (signature,) = [e for e in _service_files(transport)[kind].entries if e.signs]
        assert confirmation.related == str(doc.file_id)
        assert validate_bytes(confirmation.data, confirmation.name).ok
        (verdict,) = verify_detached(confirmation.data, signature.data)
        assert verdict.valid and verdict.signer is not None and verdict.signer.inn_le == "7700000009"
    assert office.buyer.fetch_package(receipt.message_id).entries[0].data == to_xml(doc)


def test_a_tampered_document_is_refused_with_a_reason_and_not_delivered(office: Office) -> None:
    doc = sample_upd(seed=1)
    body = to_xml(doc).replace("УПД-00002".encode("cp1251"), "УПД-99999".encode("cp1251"))
    with pytest.raises(Rejected, match=r"подпись.*недействительна"):
        office.seller.send(upd_package(SELLER, BUYER, doc, body=body))
    with pytest.raises(Rejected, match="не читается"):
        office.seller.send(upd_package(SELLER, BUYER, doc, signature=b"\x30\x03\x02\x01\x00"))
    assert office.buyer.fetch_events(None, 10).events == []


def test_an_invalid_document_is_refused_with_the_schema_problem(office: Office) -> None:
    doc = sample_upd(seed=2)
    broken = to_xml(doc).replace(b'\xc2\xe5\xf0\xf1\xd4\xee\xf0\xec="5.03"', b'\xc2\xe5\xf0\xf1\xd4\xee\xf0\xec="9.99"')
    assert broken != to_xml(doc)  # ВерсФорм in windows-1251
    with pytest.raises(Rejected, match=r"проверку формата|вид документа"):
        office.seller.send(file_package(SELLER, BUYER, doc.file_name, broken))
    with pytest.raises(Rejected, match=doc.file_name):
        office.seller.send(file_package(SELLER, BUYER, doc.file_name, b"not xml at all"))
    assert office.buyer.fetch_events(None, 10).events == []


def _receipt_notice(doc_file_id: str, signature: bytes) -> tuple[str, bytes]:
    seller = EdoParticipant(SELLER, Party(ORGS["alpha"][2], ORGS["alpha"][0], ORGS["alpha"][1]))
    buyer = EdoParticipant(BUYER, Party(ORGS["beta"][2], ORGS["beta"][0], ORGS["beta"][1]))
    notice = receipt_notice_for(doc_file_id, base64.b64encode(signature).decode(),
                                sample_upd().created + timedelta(days=1), sender=seller, recipient=buyer,
                                signer=sample_service("ИОП").signer)  # type: ignore[arg-type]
    return notice.file_name, service_to_xml(notice)


def test_receipt_notice_only_for_a_document_the_sender_received(office: Office) -> None:
    doc = sample_upd(function="СЧФ", seed=3)
    package = upd_package(SELLER, BUYER, doc)
    office.seller.send(package)
    name, data = _receipt_notice(str(doc.file_id), package.entries[1].data)
    with pytest.raises(Rejected, match="не получал"):
        office.stranger.send(file_package(STRANGER, SELLER, name, data, related=str(doc.file_id)))
    receipt = office.buyer.send(file_package(BUYER, SELLER, name, data, related=str(doc.file_id)))
    to_seller = [(e.kind, e.payload.get("service"), e.message_id) for e in office.seller.fetch_events(None, 10).events]
    assert to_seller[0][:2] == (EventKind.SERVICE_DOCUMENT, "ПДП")  # the ПДП of its invoice
    assert to_seller[1:] == [(EventKind.SERVICE_DOCUMENT, None, receipt.message_id)]  # the notice, and no ПДО of it
    to_buyer = {e.payload.get("service"): e.payload.get("confirms") for e in office.buyer.fetch_events(None, 10).events
                if e.kind is EventKind.SERVICE_DOCUMENT}
    assert to_buyer["ПДП"] == receipt.message_id  # the operator confirms the notice to the buyer


def test_buyer_title_rules(office: Office) -> None:
    invoice = sample_upd(function="СЧФ", seed=4)
    twin = dataclasses.replace(sample_upd(function="СЧФДОП", seed=4), file_id=invoice.file_id)
    office.seller.send(upd_package(SELLER, BUYER, invoice))
    answer_to_invoice = sample_buyer_title(twin)  # the documents package refuses to build one for a СЧФ
    with pytest.raises(Rejected, match="СЧФ титул покупателя не предусмотрен"):
        office.buyer.send(file_package(BUYER, SELLER, answer_to_invoice.file_name, to_xml(answer_to_invoice)))
    upd = sample_upd(function="СЧФДОП", seed=5)
    office.seller.send(upd_package(SELLER, BUYER, upd))
    title = sample_buyer_title(upd)
    office.buyer.send(file_package(BUYER, SELLER, title.file_name, to_xml(title)))
    second = sample_buyer_title(upd, seed=77)
    with pytest.raises(Rejected, match="уже получен титул покупателя"):
        office.buyer.send(file_package(BUYER, SELLER, second.file_name, to_xml(second)))


def test_auth_directory_and_access(office: Office) -> None:
    receipt = office.seller.send(upd_package(SELLER, BUYER, sample_upd(seed=6)))
    with pytest.raises(TransportError, match="не найдено"):
        office.stranger.fetch_package(receipt.message_id)
    with pytest.raises(TransportError, match="токен"):
        office.client("edo_wrong").fetch_events(None, 10)
    with pytest.raises(UnknownRecipient):
        office.seller.send(upd_package(SELLER, "2ZZX-404", sample_upd(seed=7)))
    (found,) = office.seller.directory(ORGS["beta"][0])
    assert found == {"id": BUYER, "inn": ORGS["beta"][0], "kpp": ORGS["beta"][1], "name": ORGS["beta"][2]}
    assert office.seller.directory("7700000009", "000000000") == []


def test_unsigned_and_fake_packages_are_refused_in_checking_mode(office: Office) -> None:
    with pytest.raises(Rejected, match=r"не читается|недействительна"):
        office.seller.send(document_package(SELLER, BUYER))
    doc = sample_upd(seed=8)
    unsigned = Package.new(SELLER, BUYER, upd_package(SELLER, BUYER, doc).entries[:1])
    with pytest.raises(Rejected, match="не подписан"):
        office.seller.send(unsigned)
    signed_by_other = upd_package(SELLER, BUYER, doc, signature=sign(to_xml(sample_upd(seed=9))))
    with pytest.raises(Rejected, match="недействительна"):
        office.seller.send(signed_by_other)
    assert office.buyer.fetch_events(None, 10).events == []


def test_the_operator_identity_is_made_once_and_kept(tmp_path: Path) -> None:
    first = load_identity(tmp_path)
    again = load_identity(tmp_path)
    assert again.certificate == first.certificate and again.key.matches(first.certificate.public_key_octets)
    assert first.certificate.inn_le == OperatorSettings().inn
    (tmp_path / "operator-cert.der").write_bytes(load_identity(tmp_path / "other").certificate.der)
    with pytest.raises(InputError, match="не от сертификата"):
        load_identity(tmp_path)

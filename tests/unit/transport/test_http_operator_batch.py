"""Sending many packages in one request: ``HttpOperatorTransport.send_many`` against
``POST /packages/batch`` (httpx.MockTransport for the boundary, the checking operator in-process)."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
import pytest

from edo_app.documents import sample_upd, to_xml
from edo_app.errors import TransportError
from edo_app.services.operator_server import add_participant, make_app
from edo_app.transport import frames
from edo_app.transport.base import OperatorUnavailable, Rejected, SendReceipt, UnknownRecipient
from edo_app.transport.http_operator import BATCH, HttpOperatorTransport
from edo_app.transport.operator.app import MAX_BATCH
from edo_app.transport.package import from_zip, to_zip
from tests.integration.operator_server import ORGS, upd_package
from tests.unit.transport.samples import document_package
from tests.unit.transport.test_http_operator import BUYER, SELLER, STRANGER, mocked

RECEIPT = {"message_id": "m-1", "package_id": "p-1", "accepted_at": "2026-11-24T10:00:00+00:00"}


def test_one_request_for_a_batch_and_a_result_for_each_package() -> None:
    seen: list[list[str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/packages/batch"
        assert request.headers["Content-Type"] == frames.MEDIA_TYPE  # raw ZIPs, not base64 in JSON
        header, packages = frames.unpack(request.content, MAX_BATCH)
        assert header == {}
        seen.append([from_zip(p).package_id for p in packages])
        return httpx.Response(200, json={"results": [
            {"status": 200, **RECEIPT},
            {"status": 422, "error": "rejected", "message": "нет", "reason": "подпись недействительна"},
            {"status": 404, "error": "unknown_recipient", "message": "нет ящика", "recipient": "2ZZX-1"}]})

    sent = [document_package() for _ in range(3)]
    results = mocked(handler).send_many(sent)
    assert seen == [[p.package_id for p in sent]]
    assert isinstance(results[0], SendReceipt) and results[0].message_id == "m-1"
    assert isinstance(results[1], Rejected) and "подпись недействительна" in str(results[1])
    assert isinstance(results[2], UnknownRecipient) and results[2].recipient == "2ZZX-1"


def test_the_results_end_at_the_first_retryable_failure() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"results": [{"status": 503, "error": "unavailable", "message": "диск"},
                                                     {"status": 200, **RECEIPT}]})

    (only,) = mocked(handler).send_many([document_package(), document_package()])
    assert isinstance(only, OperatorUnavailable)


def test_more_than_a_batch_goes_in_several_requests() -> None:
    sizes: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        count = len(frames.unpack(request.content, MAX_BATCH)[1])
        sizes.append(count)
        return httpx.Response(200, json={"results": [{"status": 200, **RECEIPT}] * count})

    assert len(mocked(handler).send_many([document_package() for _ in range(BATCH + 3)])) == BATCH + 3
    assert sizes == [BATCH, 3] and BATCH <= MAX_BATCH


@pytest.mark.parametrize(("status", "code"), [(404, "not_found"), (405, None), (400, "bad_request"), (415, None)],
                         ids=["no route", "no POST", "an older operator: JSON batches only", "no frames"])
def test_an_operator_without_the_batch_route_gets_one_package_per_request(status: int, code: str | None) -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        if request.url.path == "/packages/batch":
            return httpx.Response(status, json={"error": code, "message": "нет"} if code else None)
        package = from_zip(request.content)
        return httpx.Response(200, json={**RECEIPT, "package_id": package.package_id})

    transport = mocked(handler)
    first = transport.send_many([document_package(), document_package()])
    second = transport.send_many([document_package()])
    assert all(isinstance(r, SendReceipt) for r in first + second)
    assert paths == ["/packages/batch", "/packages", "/packages", "/packages"]  # asked once, then remembered


@pytest.mark.parametrize(("status", "error"), [(503, OperatorUnavailable), (401, TransportError)])
def test_a_failure_of_the_whole_request_is_raised(status: int, error: type[Exception]) -> None:
    handler = lambda request: httpx.Response(status, json={"error": "x", "message": "boom"})  # noqa: E731
    with pytest.raises(error):
        mocked(handler).send_many([document_package()])


def test_answers_that_do_not_match_the_batch_are_unavailability() -> None:
    handler = lambda request: httpx.Response(200, json={"results": [{"status": 200, **RECEIPT}]})  # noqa: E731
    with pytest.raises(OperatorUnavailable, match="без результата"):
        mocked(handler).send_many([document_package(), document_package()])


def test_the_checking_operator_takes_a_batch_package_by_package(tmp_path: Path) -> None:
    tokens = {pid: add_participant(tmp_path, pid, *ORGS[org]) for pid, org in
              ((SELLER, "alpha"), (BUYER, "beta"), (STRANGER, "gamma"))}
    wsgi = httpx.WSGITransport(app=make_app(tmp_path))
    seller = HttpOperatorTransport("http://operator", tokens[SELLER], transport=wsgi)
    buyer = HttpOperatorTransport("http://operator", tokens[BUYER], transport=wsgi)
    good, other = sample_upd(seed=21), sample_upd(seed=22)
    tampered = to_xml(other).replace("УПД-".encode("cp1251"), "УПД-9".encode("cp1251"), 1)
    batch = [upd_package(SELLER, BUYER, good), upd_package(SELLER, BUYER, other, body=tampered)]
    first, refused = seller.send_many(batch)
    assert isinstance(first, SendReceipt) and isinstance(refused, Rejected)
    assert "подпись" in str(refused) and "недействительна" in str(refused)
    assert seller.send(batch[0]) == first  # idempotent across the two routes
    delivered = [e.message_id for e in buyer.fetch_events(None, 10).events if e.kind.value == "document_received"]
    assert delivered == [first.message_id]
    too_many = httpx.Client(transport=wsgi, base_url="http://operator",
                            headers={"Authorization": f"Bearer {tokens[SELLER]}"})
    answer = too_many.post("/packages/batch", json={"packages": ["x"] * (MAX_BATCH + 1)})
    assert answer.status_code == 400 and f"не больше {MAX_BATCH}" in answer.json()["message"]
    garbage = too_many.post("/packages/batch", json={"packages": ["не base64!"]}).json()["results"]
    assert garbage[0]["status"] == 422 and "base64" in garbage[0]["message"]


def test_the_operator_speaks_frames_and_json_as_the_request_asks(tmp_path: Path) -> None:
    tokens = {pid: add_participant(tmp_path, pid, *ORGS[org]) for pid, org in ((SELLER, "alpha"), (BUYER, "beta"))}
    wsgi = httpx.WSGITransport(app=make_app(tmp_path))
    seller, buyer = (httpx.Client(transport=wsgi, base_url="http://operator",
                                  headers={"Authorization": f"Bearer {tokens[who]}"}) for who in (SELLER, BUYER))
    sent = upd_package(SELLER, BUYER, sample_upd(seed=23))
    posted = seller.post("/packages/batch", content=frames.pack({}, [to_zip(sent)]),
                         headers={"Content-Type": frames.MEDIA_TYPE})
    [receipt] = posted.json()["results"]
    assert receipt["status"] == 200 and receipt["package_id"] == sent.package_id
    broken = seller.post("/packages/batch", content=b'{"sizes": [9]}\nPK', headers={"Content-Type": frames.MEDIA_TYPE})
    assert broken.status_code == 400 and "пачка пакетов: длины частей" in broken.json()["message"]

    as_json = buyer.get("/events", params={"packages": "1"})
    assert as_json.headers["Content-Type"] == "application/json"
    in_frames = buyer.get("/events", params={"packages": "1"}, headers={"Accept": frames.MEDIA_TYPE})
    assert in_frames.headers["Content-Type"] == frames.MEDIA_TYPE
    header, parts = frames.unpack(in_frames.content, 10)
    [event] = [e for e in header["events"] if e["message_id"] == receipt["message_id"]]
    [inline] = [e for e in as_json.json()["events"] if e["message_id"] == receipt["message_id"]]
    assert parts[event.pop("part")] == base64.b64decode(inline.pop("package"))  # the same bytes, raw
    assert event == inline and header["next_cursor"] == as_json.json()["next_cursor"]

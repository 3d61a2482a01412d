"""The operator's HTTP API (Flask, WSGI): thin routes over ``OperatorCore``.

Every route but ``/health`` needs ``Authorization: Bearer <token>``. Errors come back as JSON
``{"error": code, "message": Russian text}``; the client maps the status codes (docs/operator.md):
400 bad argument, 401 no/unknown token, 404 unknown recipient / message / event, 409 package id
taken by other contents, 413 too large, 422 refused (format, schema, signature, flow).
``POST /packages/batch`` answers 200 with a result per package, each carrying the status and
body ``POST /packages`` would have answered for it alone. A batch's packages, and a feed page's,
travel as base64 in JSON or as raw parts of an ``application/vnd.edo-frames`` body
(transport/frames.py), as the request asks.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, g, jsonify, request

from edo_app.errors import EdoError, InputError, StorageError, TransportError
from edo_app.transport import frames
from edo_app.transport.base import PackageFormatError, Rejected, SendReceipt, TransportEvent, UnknownRecipient
from edo_app.transport.operator.auth import bearer_token, hash_token
from edo_app.transport.operator.core import Conflict, NotFound, OperatorCore
from edo_app.transport.operator.directory import Participant
from edo_app.transport.operator.flow import FlowRefused
from edo_app.transport.package import MAX_PACKAGE_BYTES

__all__ = ["create_app", "event_json", "receipt_json"]

_F = TypeVar("_F", bound=Callable[..., Any])
_PUBLIC = {"health"}
MAX_BATCH = 100  # packages per POST /packages/batch; with base64 they stay under MAX_CONTENT_LENGTH


def receipt_json(receipt: SendReceipt) -> dict[str, str]:
    return {"message_id": receipt.message_id, "package_id": receipt.package_id,
            "accepted_at": receipt.accepted_at.isoformat()}


def event_json(event: TransportEvent, package: bytes | None = None) -> dict[str, Any]:
    """An event as the API returns it; ``package`` (the ZIP) inlined as base64 when given."""
    item = {"event_id": event.event_id, "kind": event.kind.value, "message_id": event.message_id,
            "at": event.at.isoformat(), "payload": dict(event.payload)}
    if package is not None:
        item["package"] = base64.b64encode(package).decode("ascii")
    return item


def _error(status: int, code: str, message: str, **extra: str) -> Response:
    return _answer(status, {"error": code, "message": message, **extra})


def _answer(status: int, body: dict[str, Any]) -> Response:
    response = jsonify(body)
    response.status_code = status
    return response


def create_app(core: OperatorCore) -> Flask:
    app = Flask("edo_operator")
    app.config["MAX_CONTENT_LENGTH"] = MAX_PACKAGE_BYTES + 1024
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # DefaultJSONProvider has it
    _routes(app, core)
    _error_handlers(app)

    @app.before_request
    def authenticate() -> Response | None:
        if request.endpoint in _PUBLIC:
            return None
        token = bearer_token(request.headers.get("Authorization"))
        participant = core.store.participant_by_token(hash_token(token)) if token else None
        if participant is None:
            return _error(401, "unauthorized", "Неверный или отсутствующий токен доступа (Authorization: Bearer)")
        g.participant = participant
        return None

    return app


def _me() -> Participant:
    participant: Participant = g.participant
    return participant


def _routes(app: Flask, core: OperatorCore) -> None:
    @app.get("/health")
    def health() -> Response:
        return jsonify({"status": "ok", "operator": core.operator_box, "checks": core.intake is not None})

    @app.post("/packages")
    def send() -> Response:
        receipt = core.send(_me().participant_id, request.get_data(cache=False))
        return jsonify(receipt_json(receipt))  # 200 for a first send and a repeat alike: the same receipt

    @app.post("/packages/batch")
    def send_batch() -> Response:
        items = _frames_batch() if request.mimetype == frames.MEDIA_TYPE else _json_batch()
        return jsonify({"results": _batch(core, _me().participant_id, items)})

    @app.get("/events")
    def events() -> Response:
        limit_text = request.args.get("limit", "100")
        if not limit_text.isdigit():
            raise InputError("limit должен быть целым числом", "limit")
        me = _me().participant_id
        page = core.events(me, request.args.get("after"), int(limit_text))
        inline = core.inline_packages(me, page.events) if request.args.get("packages") == "1" else {}
        return _page_answer(page.events, inline, page.next_cursor)

    @app.get("/packages/<message_id>")
    def package(message_id: str) -> Response:
        data = core.package_bytes(_me().participant_id, message_id)
        return Response(data, mimetype="application/zip")

    @app.post("/events/ack")
    def acknowledge() -> tuple[str, int]:
        body = request.get_json(silent=True)
        ids = body.get("event_ids") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise InputError("ожидается JSON {\"event_ids\": [\"…\"]}", "event_ids")
        core.acknowledge(_me().participant_id, ids)
        return "", 204

    @app.get("/directory")
    def directory() -> Response:
        found = core.store.participants(request.args.get("inn") or None, request.args.get("kpp") or None)
        return jsonify({"participants": [p.as_dict() for p in found]})


# Most specific first is not needed: Flask picks the handler of the nearest class in the MRO.
_STATUS: tuple[tuple[type[Exception], int, str], ...] = (
    (UnknownRecipient, 404, "unknown_recipient"),
    (NotFound, 404, "not_found"),
    (Conflict, 409, "conflict"),
    (Rejected, 422, "rejected"),
    (FlowRefused, 422, "flow"),
    (PackageFormatError, 422, "package_format"),
    (InputError, 400, "bad_request"),
    (TransportError, 400, "bad_request"),  # a cursor the operator never gave out
)


_BY_KIND = {kind: (status, code) for kind, status, code in _STATUS}


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "reason", None) or exc)


def failure(exc: Exception) -> tuple[int, dict[str, str]]:
    """The status and JSON body of a refusal, by the nearest class in the MRO (as Flask picks
    handlers): a route's error answer and a batch item say the same."""
    status, code = next(_BY_KIND[kind] for kind in type(exc).__mro__ if kind in _BY_KIND)
    body = {"error": code, "message": _reason(exc)}
    if status in (409, 422):
        body["reason"] = _reason(exc)
    if isinstance(exc, UnknownRecipient):
        body["recipient"] = exc.recipient
    return status, body


def _page_answer(events: list[TransportEvent], inline: dict[str, bytes], next_cursor: str) -> Response:
    """A feed page as the client asks (``Accept``): JSON with base64 packages unless it wants frames."""
    if request.accept_mimetypes.best_match(["application/json", frames.MEDIA_TYPE]) != frames.MEDIA_TYPE:
        return jsonify({"events": [event_json(e, inline.get(e.message_id)) for e in events],
                        "next_cursor": next_cursor})
    return _frames_page(events, inline, next_cursor)


def _frames_page(events: list[TransportEvent], inline: dict[str, bytes], next_cursor: str) -> Response:
    """A feed page as frames: each inlined package a part, its event naming it by ``part``."""
    items: list[dict[str, Any]] = []
    parts: list[bytes] = []
    for event in events:
        item, data = event_json(event), inline.get(event.message_id)
        if data is not None:
            item["part"] = len(parts)
            parts.append(data)
        items.append(item)
    return Response(frames.pack({"events": items, "next_cursor": next_cursor}, parts), mimetype=frames.MEDIA_TYPE)


def _frames_batch() -> list[bytes | None]:
    try:
        _, parts = frames.unpack(request.get_data(cache=False), MAX_BATCH)
    except frames.FramesError as exc:
        raise InputError(f"пачка пакетов: {exc}", "packages") from None
    return list(parts)


def _json_batch() -> list[bytes | None]:
    """The packages of a JSON batch; None for an item that is not base64 (refused on its own)."""
    body = request.get_json(silent=True)
    items = body.get("packages") if isinstance(body, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items) or len(items) > MAX_BATCH:
        raise InputError(f"ожидается JSON {{\"packages\": [\"<ZIP в base64>\", …]}}, не больше {MAX_BATCH}",
                         "packages")
    decoded: list[bytes | None] = []
    for item in items:
        try:
            decoded.append(base64.b64decode(item, validate=True))
        except ValueError:  # binascii.Error is a ValueError
            decoded.append(None)
    return decoded


def _batch(core: OperatorCore, sender: str, decoded: list[bytes | None]) -> list[dict[str, Any]]:
    """Each package's answer, as ``POST /packages`` would give it alone; the accepted ones are
    committed together (``OperatorCore.send_batch``)."""
    outcomes = iter(core.send_batch(sender, [data for data in decoded if data is not None]))
    return [_item_json(next(outcomes)) if data is not None
            else _item_json(PackageFormatError("пакет в пачке не в base64")) for data in decoded]


def _item_json(outcome: SendReceipt | EdoError) -> dict[str, Any]:
    if isinstance(outcome, SendReceipt):
        return {"status": 200, **receipt_json(outcome)}
    if isinstance(outcome, StorageError):
        return {"status": 503, "error": "unavailable", "message": "Хранилище оператора временно недоступно"}
    if not any(kind in _BY_KIND for kind in type(outcome).__mro__):
        raise outcome  # not a refusal the API knows: the whole request fails, as a single send would
    status, body = failure(outcome)
    return {"status": status, **body}


def _error_handlers(app: Flask) -> None:
    for kind in _BY_KIND:
        def handle(exc: Exception) -> Response:
            return _answer(*failure(exc))
        app.register_error_handler(kind, handle)

    @app.errorhandler(StorageError)
    def storage(exc: StorageError) -> Response:
        app.logger.error("storage failure: %s", exc)
        return _error(503, "unavailable", "Хранилище оператора временно недоступно")

    @app.errorhandler(413)
    def too_large(_exc: Exception) -> Response:
        return _error(413, "too_large", f"Пакет больше допустимого размера ({MAX_PACKAGE_BYTES} байт)")

    @app.errorhandler(404)
    def no_route(_exc: Exception) -> Response:
        return _error(404, "not_found", "Адрес не найден в API оператора")

    @app.errorhandler(405)
    def no_method(_exc: Exception) -> Response:
        return _error(405, "method_not_allowed", "Метод не поддерживается для этого адреса")

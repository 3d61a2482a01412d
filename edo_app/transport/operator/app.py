"""The operator's HTTP API (Flask, WSGI): thin routes over ``OperatorCore``.

Every route but ``/health`` needs ``Authorization: Bearer <token>``. Errors come back as JSON
``{"error": code, "message": Russian text}``; the client maps the status codes (docs/operator.md):
400 bad argument, 401 no/unknown token, 404 unknown recipient / message / event, 409 package id
taken by other contents, 413 too large, 422 refused (format, schema, signature, flow).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, g, jsonify, request

from edo_app.errors import InputError, StorageError, TransportError
from edo_app.transport.base import PackageFormatError, Rejected, SendReceipt, TransportEvent, UnknownRecipient
from edo_app.transport.operator.auth import bearer_token, hash_token
from edo_app.transport.operator.core import Conflict, NotFound, OperatorCore
from edo_app.transport.operator.directory import Participant
from edo_app.transport.operator.flow import FlowRefused
from edo_app.transport.package import MAX_PACKAGE_BYTES

__all__ = ["create_app", "event_json", "receipt_json"]

_F = TypeVar("_F", bound=Callable[..., Any])
_PUBLIC = {"health"}


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
    response = jsonify({"error": code, "message": message, **extra})
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

    @app.get("/events")
    def events() -> Response:
        limit_text = request.args.get("limit", "100")
        if not limit_text.isdigit():
            raise InputError("limit должен быть целым числом", "limit")
        me = _me().participant_id
        page = core.events(me, request.args.get("after"), int(limit_text))
        inline = core.inline_packages(me, page.events) if request.args.get("packages") == "1" else {}
        return jsonify({"events": [event_json(e, inline.get(e.message_id)) for e in page.events],
                        "next_cursor": page.next_cursor})

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


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "reason", None) or exc)


def _error_handlers(app: Flask) -> None:
    for kind, status, code in _STATUS:
        def handle(exc: Exception, status: int = status, code: str = code) -> Response:
            extra = {"reason": _reason(exc)} if status in (409, 422) else {}
            if isinstance(exc, UnknownRecipient):
                extra["recipient"] = exc.recipient
            return _error(status, code, _reason(exc), **extra)
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

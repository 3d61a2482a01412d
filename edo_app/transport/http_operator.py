"""A client of an operator's HTTP API (the project's reference operator, docs/operator.md).

``HttpOperatorTransport`` implements ``Transport`` over httpx. httpx and HTTP failures are
translated here, at the boundary, into the project's errors:

* no connection, timeout, a broken answer, 5xx → ``OperatorUnavailable`` (retryable);
* 409 / 422 → ``Rejected(reason)``; 404 on send → ``UnknownRecipient``;
* ``send_many`` posts up to BATCH packages per request to ``POST /packages/batch`` and maps each
  result the same way (an operator without that route: one ``POST /packages`` after another);
* 401 / 403 → ``TransportError`` saying the token is wrong; other 4xx → ``TransportError``
  with the operator's message.

Pass ``transport=httpx.MockTransport(handler)`` or ``httpx.WSGITransport(app=...)`` to test
without a network.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, NoReturn
from urllib.parse import quote

import httpx

from edo_app.errors import InputError, TransportError
from edo_app.transport import frames
from edo_app.transport.base import (
    EventKind,
    EventPage,
    OperatorUnavailable,
    PackageFormatError,
    Rejected,
    SendReceipt,
    SendResult,
    TransportEvent,
    UnknownRecipient,
    is_retryable,
    send_each,
)
from edo_app.transport.package import Package, from_zip, to_zip

__all__ = ["HttpOperatorTransport"]

_Zipped = tuple[bytes, str]  # a package's ZIP bytes (built once) and its recipient

BATCH = 100  # packages per POST /packages/batch (the operator takes up to MAX_BATCH)
BATCH_BYTES = 16 * 1024 * 1024  # ZIP bytes per batch: base64 of it stays well under the operator's request limit
ACK_BATCH = 500  # event ids per acknowledgement request (the operator takes up to MAX_PAGE)
MAX_PAGE_PARTS = 1000  # packages in one feed page: at most one per event, and a page has at most 1,000
_FEED_ACCEPT = f"{frames.MEDIA_TYPE}, application/json;q=0.5"  # the packages as raw parts, not base64
_AUTH_MESSAGE = "Оператор не принял токен доступа: проверьте токен в настройках подключения"


class HttpOperatorTransport:
    """One participant's connection to an operator: ``base_url`` and the bearer ``token``."""

    def __init__(self, base_url: str, token: str, *, timeout: float = 30.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        if not token or any(c in token for c in "\r\n "):
            raise InputError("токен доступа пуст или содержит пробелы", "token")
        self.base_url = base_url.rstrip("/")
        self._client = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport,
                                    headers={"Authorization": f"Bearer {token}"}, follow_redirects=False)
        self._batches = True  # until the operator says it has no batch route

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpOperatorTransport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def send(self, package: Package) -> SendReceipt:
        return self._send_zip(to_zip(package), package.recipient)

    def _send_zip(self, data: bytes, recipient: str) -> SendReceipt:
        response = self._request("POST", "/packages", content=data, headers={"Content-Type": "application/zip"})
        if response.status_code >= 300:
            raise _send_error(response.status_code, _json(response, quiet=True), recipient)
        return _receipt(_json(response))

    def send_many(self, packages: Sequence[Package]) -> list[SendResult]:
        results: list[SendResult] = []
        for chunk in _chunks([(to_zip(package), package.recipient) for package in packages]):
            answers = self._batch(chunk) if self._batches and _batchable(chunk) else None
            done = send_each(lambda item: self._send_zip(*item), chunk) if answers is None else [
                _result(answer, recipient) for (_, recipient), answer in zip(chunk, answers, strict=True)]
            for result in done:
                results.append(result)
                if isinstance(result, TransportError) and is_retryable(result):
                    return results
        return results

    def _batch(self, chunk: Sequence[_Zipped]) -> list[Any] | None:
        body = frames.pack({}, [data for data, _ in chunk])  # raw ZIPs, not base64 in JSON
        response = self._request("POST", "/packages/batch", content=body, headers={"Content-Type": frames.MEDIA_TYPE})
        if _no_frames_batch(response):
            self._batches = False  # one package per request from now on
            return None
        answers = self._ok_json(response).get("results")
        if not isinstance(answers, list) or len(answers) != len(chunk):
            raise OperatorUnavailable("Оператор вернул ответ на пачку пакетов без результата для каждого")
        return answers

    def fetch_events(self, cursor: str | None, limit: int) -> EventPage:
        if limit < 1:
            raise InputError("limit должен быть не меньше 1", "limit")
        params = {"limit": str(limit), "packages": "1"}  # packages inline: no request per package
        if cursor is not None:
            params["after"] = cursor
        body, parts = self._feed_page(self._request("GET", "/events", params=params, headers={"Accept": _FEED_ACCEPT}))
        items = body.get("events")
        if not isinstance(items, list):
            raise OperatorUnavailable("Оператор вернул ответ без списка событий")
        return EventPage([_event(item, parts) for item in items], _text(body, "next_cursor"))

    def _feed_page(self, response: httpx.Response) -> tuple[dict[str, Any], list[bytes]]:
        """The page's JSON and its packages' parts: frames when the operator answered so, else JSON."""
        self._raise_for(response)
        if response.headers.get("Content-Type", "").split(";")[0].strip() != frames.MEDIA_TYPE:
            return _json(response), []
        try:
            return frames.unpack(response.content, MAX_PAGE_PARTS)
        except frames.FramesError as exc:
            raise OperatorUnavailable(f"Оператор вернул страницу событий, которую не прочесть: {exc}") from None

    def fetch_package(self, message_id: str) -> Package:
        response = self._request("GET", f"/packages/{quote(message_id, safe='')}")
        self._raise_for(response)
        return from_zip(response.content)

    def acknowledge(self, event_ids: Sequence[str]) -> None:
        ids = list(event_ids)
        for start in range(0, len(ids), ACK_BATCH):
            self._raise_for(self._request("POST", "/events/ack", json={"event_ids": ids[start:start + ACK_BATCH]}))

    def directory(self, inn: str, kpp: str | None = None) -> list[dict[str, str]]:
        """Participants of this operator with the ИНН (and КПП): ``id``, ``inn``, ``kpp``, ``name``."""
        params = {"inn": inn, **({"kpp": kpp} if kpp else {})}
        found = self._ok_json(self._request("GET", "/directory", params=params)).get("participants")
        if not isinstance(found, list):
            raise OperatorUnavailable("Оператор вернул ответ без списка участников")
        return [{str(k): str(v) for k, v in item.items()} for item in found if isinstance(item, dict)]

    def health(self) -> dict[str, Any]:
        """GET /health: the operator's public status (``status``, ``operator``); the settings' check."""
        return self._ok_json(self._request("GET", "/health"))

    # --- the boundary --------------------------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._client.request(method, path, **kwargs)
        except httpx.TimeoutException:
            raise OperatorUnavailable(f"Оператор {self.base_url} не ответил вовремя") from None
        except httpx.HTTPError as exc:  # connection refused, DNS, protocol errors ...
            raise OperatorUnavailable(f"Нет связи с оператором {self.base_url}: {exc}") from None

    def _ok_json(self, response: httpx.Response) -> dict[str, Any]:
        self._raise_for(response)
        return _json(response)

    def _raise_for(self, response: httpx.Response) -> None:
        status = response.status_code
        if status < 300:
            return
        if status >= 500 or status == 429:
            raise OperatorUnavailable(f"Оператор временно недоступен (HTTP {status})")
        _fail(status, _json(response, quiet=True))


def _chunks(zipped: Sequence[_Zipped]) -> Iterator[list[_Zipped]]:
    """Up to BATCH packages and BATCH_BYTES of ZIP per chunk; a larger package is a chunk alone."""
    chunk: list[_Zipped] = []
    size = 0
    for item in zipped:
        if chunk and (len(chunk) == BATCH or size + len(item[0]) > BATCH_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(item)
        size += len(item[0])
    if chunk:
        yield chunk


def _no_frames_batch(response: httpx.Response) -> bool:
    """The operator has no batch route (404, 405), or an older one that takes JSON batches only
    and refuses the frames body (400, 415): a well-formed batch of up to BATCH is never refused whole."""
    errors = {404: "not_found", 405: "method_not_allowed", 400: "bad_request", 415: "unsupported_media_type"}
    status = response.status_code
    return status in errors and _json(response, quiet=True).get("error") in (None, errors[status])


def _batchable(chunk: list[_Zipped]) -> bool:
    """A chunk goes as a batch unless it is one package too large for it (that one takes POST /packages)."""
    return len(chunk) > 1 or len(chunk[0][0]) <= BATCH_BYTES


def _fail(status: int, body: dict[str, Any]) -> NoReturn:
    raise _error(status, body)


def _error(status: int, body: dict[str, Any]) -> TransportError:
    message = str(body.get("message") or f"HTTP {status}")
    if status in (401, 403):
        return TransportError(_AUTH_MESSAGE)
    if status in (409, 422):
        return Rejected(str(body.get("reason") or message))
    return TransportError(message)


def _send_error(status: int, body: dict[str, Any], recipient: str) -> TransportError:
    """What a refused send means: the same for ``POST /packages`` and an item of a batch."""
    if status == 404 and body.get("error") != "not_found":  # "not_found" is a wrong address, not a recipient
        return UnknownRecipient(str(body.get("recipient") or recipient))
    if status >= 500 or status == 429:
        return OperatorUnavailable(f"Оператор временно недоступен (HTTP {status})")
    return _error(status, body)


def _receipt(body: dict[str, Any]) -> SendReceipt:
    return SendReceipt(_text(body, "message_id"), _text(body, "package_id"), _moment(body, "accepted_at"))


def _result(answer: object, recipient: str) -> SendResult:
    """One item of a batch answer: ``{"status": 200, receipt fields}`` or ``{"status": 4xx, error fields}``."""
    if not isinstance(answer, dict) or not isinstance(answer.get("status"), int):
        raise OperatorUnavailable("Оператор вернул результат пакета не в виде объекта со статусом")
    status = answer["status"]
    return _receipt(answer) if status < 300 else _send_error(status, answer, recipient)


def _json(response: httpx.Response, *, quiet: bool = False) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        return body
    if quiet:
        return {}
    raise OperatorUnavailable(f"Оператор вернул не JSON (HTTP {response.status_code})")


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value:
        raise OperatorUnavailable(f"В ответе оператора нет поля {key}")
    return value


def _moment(body: dict[str, Any], key: str) -> datetime:
    try:
        value = datetime.fromisoformat(_text(body, key))
    except ValueError:
        raise OperatorUnavailable(f"В ответе оператора поле {key} не дата и время") from None
    if value.tzinfo is None:
        raise OperatorUnavailable(f"В ответе оператора у поля {key} нет часового пояса")
    return value


def _event(item: object, parts: Sequence[bytes] = ()) -> TransportEvent:
    if not isinstance(item, dict):
        raise OperatorUnavailable("Оператор вернул событие не в виде объекта")
    payload = item.get("payload") or {}
    try:
        kind = EventKind(_text(item, "kind"))
    except ValueError:
        raise OperatorUnavailable(f"Неизвестный вид события «{item.get('kind')}»") from None
    if not isinstance(payload, dict):
        raise OperatorUnavailable("Оператор вернул событие с неверным payload")
    return TransportEvent(_text(item, "event_id"), kind, _text(item, "message_id"), _moment(item, "at"),
                          {str(k): str(v) for k, v in payload.items()}, _inline(item, parts))


def _inline(item: dict[str, Any], parts: Sequence[bytes]) -> Package | None:
    """A package the operator inlined (a part of the frames, or base64 ZIP in JSON); None when
    absent or unusable, so the caller fetches it on its own and meets the error there, for this
    one package only."""
    part, text = item.get("part"), item.get("package")
    try:
        if type(part) is int and 0 <= part < len(parts):
            return from_zip(parts[part])
        return from_zip(base64.b64decode(text, validate=True)) if isinstance(text, str) else None
    except (ValueError, PackageFormatError):  # binascii.Error is a ValueError, as is non-ASCII text
        return None

"""A client of an operator's HTTP API (the project's reference operator, docs/operator.md).

``HttpOperatorTransport`` implements ``Transport`` over httpx. httpx and HTTP failures are
translated here, at the boundary, into the project's errors:

* no connection, timeout, a broken answer, 5xx → ``OperatorUnavailable`` (retryable);
* 409 / 422 → ``Rejected(reason)``; 404 on send → ``UnknownRecipient``;
* 401 / 403 → ``TransportError`` saying the token is wrong; other 4xx → ``TransportError``
  with the operator's message.

Pass ``transport=httpx.MockTransport(handler)`` or ``httpx.WSGITransport(app=...)`` to test
without a network.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NoReturn
from urllib.parse import quote

import httpx

from edo_app.errors import InputError, TransportError
from edo_app.transport.base import (
    EventKind,
    EventPage,
    OperatorUnavailable,
    PackageFormatError,
    Rejected,
    SendReceipt,
    TransportEvent,
    UnknownRecipient,
)
from edo_app.transport.package import Package, from_zip, to_zip

__all__ = ["HttpOperatorTransport"]

ACK_BATCH = 500  # event ids per acknowledgement request (the operator takes up to MAX_PAGE)
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

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpOperatorTransport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def send(self, package: Package) -> SendReceipt:
        response = self._request("POST", "/packages", content=to_zip(package),
                                 headers={"Content-Type": "application/zip"})
        if response.status_code == 404:
            body = _json(response, quiet=True)
            if body.get("error") != "not_found":  # "not_found" is a wrong address, not a recipient
                raise UnknownRecipient(str(body.get("recipient") or package.recipient))
        body = self._ok_json(response)
        return SendReceipt(_text(body, "message_id"), _text(body, "package_id"), _moment(body, "accepted_at"))

    def fetch_events(self, cursor: str | None, limit: int) -> EventPage:
        if limit < 1:
            raise InputError("limit должен быть не меньше 1", "limit")
        params = {"limit": str(limit), "packages": "1"}  # packages inline: no request per package
        if cursor is not None:
            params["after"] = cursor
        body = self._ok_json(self._request("GET", "/events", params=params))
        items = body.get("events")
        if not isinstance(items, list):
            raise OperatorUnavailable("Оператор вернул ответ без списка событий")
        return EventPage([_event(item) for item in items], _text(body, "next_cursor"))

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


def _fail(status: int, body: dict[str, Any]) -> NoReturn:
    message = str(body.get("message") or f"HTTP {status}")
    if status in (401, 403):
        raise TransportError(_AUTH_MESSAGE)
    if status in (409, 422):
        raise Rejected(str(body.get("reason") or message))
    raise TransportError(message)


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


def _event(item: object) -> TransportEvent:
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
                          {str(k): str(v) for k, v in payload.items()}, _inline(item.get("package")))


def _inline(value: object) -> Package | None:
    """A package the operator inlined (base64 ZIP); None when absent or unusable, so the caller
    fetches it on its own and meets the error there, for this one package only."""
    if not isinstance(value, str):
        return None
    try:
        return from_zip(base64.b64decode(value, validate=True))
    except (ValueError, PackageFormatError):  # binascii.Error is a ValueError, as is non-ASCII text
        return None

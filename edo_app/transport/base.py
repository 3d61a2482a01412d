"""What every transport promises: one small protocol, its values and its errors.

A transport moves packages (``edo_app.transport.package``) between EDO participants: an operator's
HTTP API, an exchange folder, or the in-memory fake. Callers depend only on ``Transport``.

Contract every implementation keeps (the tests check it on each one):

* ``send`` is idempotent by ``Package.package_id``: sending the same package again returns the
  same ``SendReceipt`` and delivers nothing twice. The same id with other contents is ``Rejected``.
* ``send_many`` sends several packages in one call (one request to an operator that has a batch
  endpoint): a result per package, in order — its receipt, or the error ``send`` would have
  raised for it. After a retryable error the list ends: the packages left were not tried (the
  operator is down, they would fail the same way). A failure of the whole call (no connection)
  is raised, and then any of the packages may or may not have been taken: sending them again
  is safe, by the idempotency above.
* ``fetch_events(cursor)`` is stable: the events after a given cursor are the same on every call,
  in the same order, until they are acknowledged (a transport may then drop them).
  ``cursor=None`` means "from the oldest event still kept". ``next_cursor`` of a page is what the
  caller stores to continue after a restart.
* ``acknowledge(event_ids)`` is idempotent: acknowledging twice is the same as once; an id
  the participant was never given fails the call (``TransportError``).
* An event that announces a package may carry it inline (``TransportEvent.package``): the
  caller then needs no ``fetch_package`` round trip. Transports inline what is cheap for them.
* Errors are ``TransportError`` subclasses below; anything a library raises is translated at the
  boundary, so callers never see ``OSError`` or ``zipfile.BadZipFile`` of their own.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Protocol, TypeVar, runtime_checkable

from edo_app.errors import TransportError

if TYPE_CHECKING:  # package.py imports the errors below, so only the type is needed here
    from edo_app.transport.package import Package

__all__ = [
    "PACKAGE_EVENTS",
    "EventKind",
    "EventPage",
    "OperatorUnavailable",
    "PackageFormatError",
    "Rejected",
    "SendReceipt",
    "SendResult",
    "Transport",
    "TransportError",
    "TransportEvent",
    "UnknownRecipient",
    "is_retryable",
    "send_each",
]


class _TransportFailure(TransportError):
    """Common init: OSError would read two positional args as (errno, strerror)."""

    retryable: ClassVar[bool] = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class OperatorUnavailable(_TransportFailure):
    """The operator or the folder cannot be reached now; trying again later may work."""

    retryable = True


class Rejected(_TransportFailure):
    """The operator refused the package; ``reason`` is its (Russian) explanation. Not retryable."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Оператор отклонил пакет: {reason}")
        self.reason = reason


class UnknownRecipient(_TransportFailure):
    """No box exists for the recipient's EDO participant id."""

    def __init__(self, recipient: str) -> None:
        super().__init__(f"Получатель {recipient} не найден у оператора")
        self.recipient = recipient


class PackageFormatError(_TransportFailure):
    """A package (ZIP + manifest) is malformed or hostile; ``entry`` names the file inside, if any."""

    def __init__(self, message: str, entry: str | None = None) -> None:
        super().__init__(f"{entry}: {message}" if entry else message)
        self.entry = entry


def is_retryable(exc: BaseException) -> bool:
    """True for failures worth another attempt later (network down, operator busy)."""
    return bool(getattr(exc, "retryable", False))


class EventKind(enum.StrEnum):
    DOCUMENT_RECEIVED = "document_received"  # a counterparty's document arrived
    SERVICE_DOCUMENT = "service_document"  # ИОП / ПДП / ПДО / УОУ ... about an earlier document
    STATUS_CHANGED = "status_changed"  # the operator moved one of our messages on (delivered ...)
    REJECTED = "rejected"  # the operator refused one of our messages after accepting it


#: Events announcing a package the participant reads (the others refer to its own messages).
PACKAGE_EVENTS = frozenset({EventKind.DOCUMENT_RECEIVED, EventKind.SERVICE_DOCUMENT})


@dataclass(frozen=True)
class SendReceipt:
    """The operator's acceptance: its own id for the message and when it accepted it."""

    message_id: str
    package_id: str
    accepted_at: datetime


SendResult = SendReceipt | TransportError
_Item = TypeVar("_Item")


def send_each(send: Callable[[_Item], SendReceipt], items: Sequence[_Item]) -> list[SendResult]:
    """``send_many`` for a transport without a batch call: ``send`` after ``send`` (of packages, or of
    what stands for them), stopping after a retryable failure as the contract says."""
    results: list[SendResult] = []
    for item in items:
        try:
            results.append(send(item))
        except TransportError as exc:
            results.append(exc)
            if is_retryable(exc):
                break
    return results


@dataclass(frozen=True)
class TransportEvent:
    """One entry of a participant's event feed. ``payload`` is a short string summary."""

    event_id: str
    kind: EventKind
    message_id: str
    at: datetime
    payload: Mapping[str, str] = field(default_factory=dict)
    package: Package | None = field(default=None, compare=False, repr=False)  # inlined by the transport


@dataclass(frozen=True)
class EventPage:
    events: list[TransportEvent]
    next_cursor: str


@runtime_checkable
class Transport(Protocol):
    """Five calls; see the module docstring for the idempotency contract."""

    def send(self, package: Package) -> SendReceipt: ...

    def send_many(self, packages: Sequence[Package]) -> list[SendResult]: ...

    def fetch_events(self, cursor: str | None, limit: int) -> EventPage: ...

    def fetch_package(self, message_id: str) -> Package: ...

    def acknowledge(self, event_ids: Sequence[str]) -> None: ...

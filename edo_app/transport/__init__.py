"""Moving packages between EDO participants: the Transport protocol, the package format, and the
transports themselves (in-memory fake, exchange folder). See docs/transport.md."""

from edo_app.transport.base import (
    EventKind,
    EventPage,
    OperatorUnavailable,
    PackageFormatError,
    Rejected,
    SendReceipt,
    Transport,
    TransportError,
    TransportEvent,
    UnknownRecipient,
    is_retryable,
)
from edo_app.transport.package import Entry, Package, PackageKind, Role, from_zip, to_zip

__all__ = [
    "Entry",
    "EventKind",
    "EventPage",
    "OperatorUnavailable",
    "Package",
    "PackageFormatError",
    "PackageKind",
    "Rejected",
    "Role",
    "SendReceipt",
    "Transport",
    "TransportError",
    "TransportEvent",
    "UnknownRecipient",
    "from_zip",
    "is_retryable",
    "to_zip",
]

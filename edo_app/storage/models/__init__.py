"""SQLAlchemy 2.0 typed tables. The initial migration states the same schema by hand.

Design for a registry of ~1,000,000 documents:
- file bytes live in ``document_contents`` (1:1 with ``documents``), so registry queries touch
  only narrow rows; a ``defer`` on the same table would still bloat its pages and is easy to
  forget in one query;
- ``search_text`` holds the case-folded number, counterparty name and ИНН: one LIKE works the
  same on SQLite (whose lower() knows only ASCII) and PostgreSQL;
- money is exact: Numeric(19,2) on PostgreSQL, integer kopecks on SQLite (its NUMERIC is a float).

The tables live by area: ``base`` (column types, the declarative base), ``documents``, ``poa``,
``exchange`` and ``directories``; importing this package registers them all on ``Base.metadata``.
"""

from __future__ import annotations

from edo_app.storage.models.base import (
    CERT_SERIAL_LENGTH,
    NAME_LENGTH,
    NAMING,
    PARTICIPANT_LENGTH,
    Base,
    Money,
    UtcDateTime,
    string_enum,
)
from edo_app.storage.models.directories import (
    DriverRecord,
    EmployeeRecord,
    VehicleRecord,
)
from edo_app.storage.models.documents import (
    CounterpartyRecord,
    DocumentContent,
    DocumentRecord,
    EventRecord,
    SignatureRecord,
)
from edo_app.storage.models.exchange import (
    MESSAGE_ID_LENGTH,
    CursorRecord,
    ExchangeLinkRecord,
    InboxPackageRecord,
    InboxRecord,
    OutboxPackageRecord,
    OutboxRecord,
)
from edo_app.storage.models.poa import (
    GUID_LENGTH,
    DocumentPoaRecord,
    PoaRecord,
    PoaRevocationRecord,
    PoaSignatureRecord,
)

__all__ = [
    "CERT_SERIAL_LENGTH",
    "GUID_LENGTH",
    "MESSAGE_ID_LENGTH",
    "NAME_LENGTH",
    "NAMING",
    "PARTICIPANT_LENGTH",
    "Base",
    "CounterpartyRecord",
    "CursorRecord",
    "DocumentContent",
    "DocumentPoaRecord",
    "DocumentRecord",
    "DriverRecord",
    "EmployeeRecord",
    "EventRecord",
    "ExchangeLinkRecord",
    "InboxPackageRecord",
    "InboxRecord",
    "Money",
    "OutboxPackageRecord",
    "OutboxRecord",
    "PoaRecord",
    "PoaRevocationRecord",
    "PoaSignatureRecord",
    "SignatureRecord",
    "UtcDateTime",
    "VehicleRecord",
    "string_enum",
]

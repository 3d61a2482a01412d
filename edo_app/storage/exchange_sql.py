"""The statements of the exchange's hot path, built once.

Receiving one document writes and reads tens of rows; building a SQLAlchemy statement and its
cache key anew for each of them, and SQLAlchemy's per-call bookkeeping, cost more CPU than
running them (bench/sync.py profile). These are built at import with bound parameters and most
run as ``Prepared`` statements (edo_app/sqlprep.py) on the session's connection:
``STATEMENT.run(session.connection(), column=value, ...)``. An UPDATE without ``.values()`` sets
the columns named by the parameters; the row is
chosen by the ``row_id`` / ``file_id`` / ``document_id`` parameters, which are not column
names, so they never land in the SET clause.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Table, bindparam, insert, or_, select, true, update

from edo_app.sqlprep import Prepared
from edo_app.storage.models import (
    CursorRecord,
    DocumentContent,
    DocumentRecord,
    EventRecord,
    ExchangeLinkRecord,
    InboxPackageRecord,
    InboxRecord,
    OutboxPackageRecord,
    OutboxRecord,
    SignatureRecord,
)

AnyRow = Row[*tuple[Any, ...]]
PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"  # outbox states
RECEIVED, PROCESSED = "received", "processed"  # inbox states (and FAILED)


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


DOCUMENTS, EVENTS, OUTBOX, INBOX = (_table(m) for m in (DocumentRecord, EventRecord, OutboxRecord, InboxRecord))
CONTENTS, SIGNATURES, LINKS, CURSORS = (_table(m) for m in (DocumentContent, SignatureRecord, ExchangeLinkRecord,
                                                            CursorRecord))
OUTBOX_PACKAGES, INBOX_PACKAGES = _table(OutboxPackageRecord), _table(InboxPackageRecord)
# The outbox's and inbox's rows with their packages (``package`` None for an event without one)
OUTBOX_WITH_PACKAGE = select(OUTBOX, OUTBOX_PACKAGES.c.package).join(
    OUTBOX_PACKAGES, OUTBOX_PACKAGES.c.outbox_id == OUTBOX.c.id)
INBOX_WITH_PACKAGE = select(INBOX, INBOX_PACKAGES.c.package).outerjoin(
    INBOX_PACKAGES, INBOX_PACKAGES.c.inbox_id == INBOX.c.id)

INSERT_DOCUMENT = Prepared(insert(DOCUMENTS))
INSERT_EVENT = Prepared(insert(EVENTS))
INSERT_OUTBOX = Prepared(insert(OUTBOX))
INSERT_INBOX = Prepared(insert(INBOX))
INSERT_OUTBOX_PACKAGE = Prepared(insert(OUTBOX_PACKAGES))
INSERT_INBOX_PACKAGE = Prepared(insert(INBOX_PACKAGES))
INSERT_CONTENT = Prepared(insert(CONTENTS))
INSERT_SIGNATURE = Prepared(insert(SIGNATURES))
INSERT_LINK = Prepared(insert(LINKS))
INSERT_CURSOR = Prepared(insert(CURSORS))

DOCUMENT_STATUS = Prepared(select(DOCUMENTS.c.status).where(DOCUMENTS.c.id == bindparam("row_id")).with_for_update())
UPDATE_DOCUMENT = Prepared(update(DOCUMENTS).where(DOCUMENTS.c.id == bindparam("row_id")))

OUTBOX_ROW = Prepared(select(OUTBOX.c.package_id, OUTBOX.c.document_id, OUTBOX.c.purpose, OUTBOX.c.recipient,
                             OUTBOX.c.attempts).where(OUTBOX.c.id == bindparam("row_id")).with_for_update())
UPDATE_OUTBOX = Prepared(update(OUTBOX).where(OUTBOX.c.id == bindparam("row_id")))
DOCUMENT_QUEUED = Prepared(select(OUTBOX.c.id).where(OUTBOX.c.document_id == bindparam("document_id"),
                                                     OUTBOX.c.purpose == "document", OUTBOX.c.state != FAILED)
                           .limit(1))

INBOX_STATE = Prepared(select(INBOX.c.state, INBOX.c.document_id).where(INBOX.c.id == bindparam("row_id"))
                       .with_for_update())
UPDATE_INBOX = Prepared(update(INBOX).where(INBOX.c.id == bindparam("row_id")))
KNOWN_EVENTS = select(INBOX.c.event_id).where(INBOX.c.event_id.in_(bindparam("event_ids", expanding=True)))
INBOX_IDS = select(INBOX.c.event_id, INBOX.c.id).where(INBOX.c.event_id.in_(bindparam("event_ids", expanding=True)))

LINK_OF = Prepared(select(LINKS.c.id).where(LINKS.c.document_id == bindparam("document_id")))
UPDATE_LINK = Prepared(update(LINKS).where(LINKS.c.id == bindparam("row_id")))

CURSOR_OF = Prepared(select(CURSORS.c.id, CURSORS.c.cursor)
                     .where(CURSORS.c.transport == bindparam("transport_name"),
                            CURSORS.c.participant == bindparam("participant_id")).with_for_update())
UPDATE_CURSOR = Prepared(update(CURSORS).where(CURSORS.c.id == bindparam("row_id")))

_FACTS = select(DOCUMENTS.c.id, DOCUMENTS.c.kind, DOCUMENTS.c.direction, DOCUMENTS.c.status, DOCUMENTS.c.function,
                DOCUMENTS.c.file_id)
FACTS_BY_FILE_ID = Prepared(_FACTS.where(DOCUMENTS.c.file_id == bindparam("file_id")).limit(1))
FACTS_BY_ID = Prepared(_FACTS.where(DOCUMENTS.c.id == bindparam("row_id")).limit(1))
_LINKED = (select(LINKS.c.document_id).where(or_(LINKS.c.message_id == bindparam("message_id"),
                                                 LINKS.c.package_id == bindparam("message_id")))
           .limit(1).scalar_subquery())
FACTS_BY_MESSAGE = Prepared(_FACTS.where(DOCUMENTS.c.id == _LINKED).limit(1))

# what sending one document reads (ExchangeService.queue_send): no ORM object for it either
OUTGOING = Prepared(select(DOCUMENTS.c.direction, DOCUMENTS.c.file_id, CONTENTS.c.content)
                    .join(CONTENTS, CONTENTS.c.document_id == DOCUMENTS.c.id)
                    .where(DOCUMENTS.c.id == bindparam("row_id")))
VALID_SIGNATURES = Prepared(select(SIGNATURES.c.der).where(SIGNATURES.c.document_id == bindparam("document_id"),
                                                           SIGNATURES.c.valid == true()).order_by(SIGNATURES.c.id))

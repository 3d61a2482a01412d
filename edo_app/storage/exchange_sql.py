"""The statements of the exchange's hot path, built once.

Receiving one document writes and reads tens of rows; building a SQLAlchemy statement and its
cache key anew for each of them cost more CPU than running it (bench/sync.py profile). These
are built at import with bound parameters and executed with a dict: ``session.execute(STATEMENT,
{...})``. An UPDATE without ``.values()`` sets the columns named by the parameters; the row is
chosen by the ``row_id`` / ``file_id`` / ``document_id`` parameters, which are not column
names, so they never land in the SET clause.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Table, bindparam, insert, or_, select, update

from edo_app.storage.models import (
    CursorRecord,
    DocumentContent,
    DocumentRecord,
    EventRecord,
    ExchangeLinkRecord,
    InboxRecord,
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

INSERT_DOCUMENT = insert(DOCUMENTS).returning(DOCUMENTS.c.id)
INSERT_EVENT = insert(EVENTS)
INSERT_OUTBOX = insert(OUTBOX)
INSERT_INBOX = insert(INBOX)
INSERT_CONTENT = insert(CONTENTS)
INSERT_SIGNATURE = insert(SIGNATURES)
INSERT_LINK = insert(LINKS)
INSERT_CURSOR = insert(CURSORS)

DOCUMENT_STATUS = select(DOCUMENTS.c.status).where(DOCUMENTS.c.id == bindparam("row_id")).with_for_update()
UPDATE_DOCUMENT = update(DOCUMENTS).where(DOCUMENTS.c.id == bindparam("row_id"))

OUTBOX_ROW = (select(OUTBOX.c.package_id, OUTBOX.c.document_id, OUTBOX.c.purpose, OUTBOX.c.recipient,
                     OUTBOX.c.attempts).where(OUTBOX.c.id == bindparam("row_id")).with_for_update())
UPDATE_OUTBOX = update(OUTBOX).where(OUTBOX.c.id == bindparam("row_id"))
DOCUMENT_QUEUED = (select(OUTBOX.c.id).where(OUTBOX.c.document_id == bindparam("document_id"),
                                             OUTBOX.c.purpose == "document", OUTBOX.c.state != FAILED).limit(1))

INBOX_STATE = select(INBOX.c.state, INBOX.c.document_id).where(INBOX.c.id == bindparam("row_id")).with_for_update()
UPDATE_INBOX = update(INBOX).where(INBOX.c.id == bindparam("row_id"))
KNOWN_EVENTS = select(INBOX.c.event_id).where(INBOX.c.event_id.in_(bindparam("event_ids", expanding=True)))

LINK_OF = select(LINKS.c.id).where(LINKS.c.document_id == bindparam("document_id"))
UPDATE_LINK = update(LINKS).where(LINKS.c.id == bindparam("row_id"))

CURSOR_OF = (select(CURSORS.c.id, CURSORS.c.cursor)
             .where(CURSORS.c.transport == bindparam("transport_name"),
                    CURSORS.c.participant == bindparam("participant_id")).with_for_update())
UPDATE_CURSOR = update(CURSORS).where(CURSORS.c.id == bindparam("row_id"))

_FACTS = select(DOCUMENTS.c.id, DOCUMENTS.c.kind, DOCUMENTS.c.direction, DOCUMENTS.c.status, DOCUMENTS.c.function,
                DOCUMENTS.c.file_id)
FACTS_BY_FILE_ID = _FACTS.where(DOCUMENTS.c.file_id == bindparam("file_id")).limit(1)
FACTS_BY_ID = _FACTS.where(DOCUMENTS.c.id == bindparam("row_id")).limit(1)
_LINKED = (select(LINKS.c.document_id).where(or_(LINKS.c.message_id == bindparam("message_id"),
                                                 LINKS.c.package_id == bindparam("message_id")))
           .limit(1).scalar_subquery())
FACTS_BY_MESSAGE = _FACTS.where(DOCUMENTS.c.id == _LINKED).limit(1)

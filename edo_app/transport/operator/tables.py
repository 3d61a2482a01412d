"""The operator database's tables, and the statements every send runs, built and compiled once.

Building ``select(...).where(...)`` per call cost about as much as running it; the send path's
statements are built here at import and compiled once (edo_app/sqlprep.py). Values come in through
``bindparam`` names that differ from the column names (SQLAlchemy reserves those for the SET
clause of an UPDATE).
"""

from __future__ import annotations

import sqlalchemy as sa

from edo_app.sqlprep import Prepared
from edo_app.transport.operator.flow import State, Step

__all__ = ["BY_ID", "BY_TOKEN", "FLOW_STATE", "INSERT_EVENTS", "INSERT_FLOW", "INSERT_MESSAGES",
           "MESSAGE_BY_ID", "MESSAGE_BY_PACKAGE", "PARTICIPANTS_VERSION", "PENDING_ANNULMENT", "SUBJECT", "VERSION_KEY",
           "events", "files", "messages", "meta", "operator_meta", "participants"]

meta = sa.MetaData()
operator_meta = sa.Table("operator_meta", meta, sa.Column("key", sa.String(50), primary_key=True),
                         sa.Column("value", sa.String(200), nullable=False))
participants = sa.Table(
    "participants", meta,
    sa.Column("id", sa.String(46), primary_key=True),
    sa.Column("inn", sa.String(12), nullable=False, index=True),
    sa.Column("kpp", sa.String(9), nullable=False),
    sa.Column("name", sa.String(1000), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created", sa.String(40), nullable=False),
)
messages = sa.Table(
    "messages", meta,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("message_id", sa.String(40), nullable=False, unique=True),
    sa.Column("package_id", sa.String(36), nullable=False, unique=True),
    sa.Column("sender", sa.String(46), nullable=False),
    sa.Column("recipient", sa.String(46), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("accepted_at", sa.String(40), nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)
events = sa.Table(
    "events", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner", sa.String(46), nullable=False),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("message_id", sa.String(40), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("acked", sa.Boolean, nullable=False, default=False),
    sa.Index("ix_events_owner_id", "owner", "id"),
)
files = sa.Table(
    "flow_files", meta,
    sa.Column("file_id", sa.String(300), primary_key=True),
    sa.Column("message_id", sa.String(40), nullable=False),
    sa.Column("sender", sa.String(46), nullable=False),
    sa.Column("recipient", sa.String(46), nullable=False),
    sa.Column("step", sa.String(20), nullable=False),
    sa.Column("function", sa.String(20), nullable=False),
    sa.Column("state", sa.String(20), nullable=False),
    sa.Column("related", sa.String(300), nullable=True),
    sa.Index("ix_flow_files_related", "related", "step", "state"),
)

# operator_meta row counting changes of the participants table (see participant_cache.py)
VERSION_KEY = "participants_version"

_VALUE: sa.BindParameter[str] = sa.bindparam("value")
PARTICIPANTS_VERSION = Prepared(sa.select(operator_meta.c.value).where(operator_meta.c.key == VERSION_KEY))
BY_ID = Prepared(sa.select(participants).where(participants.c.id == _VALUE))
BY_TOKEN = Prepared(sa.select(participants).where(participants.c.token_hash == _VALUE))
_MESSAGE_COLUMNS = (messages.c.message_id, messages.c.package_id, messages.c.sender, messages.c.recipient,
                    messages.c.sha256, messages.c.accepted_at)
MESSAGE_BY_PACKAGE = Prepared(sa.select(*_MESSAGE_COLUMNS).where(messages.c.package_id == _VALUE))
MESSAGE_BY_ID = sa.select(*_MESSAGE_COLUMNS).where(messages.c.message_id == _VALUE)
SUBJECT = Prepared(sa.select(files).where(files.c.file_id == _VALUE))
PENDING_ANNULMENT = Prepared(sa.select(files).where(
    files.c.related == _VALUE, files.c.step == Step.ANNULMENT.value, files.c.state == State.SENT.value).limit(1))
INSERT_MESSAGES = Prepared(messages.insert())
INSERT_EVENTS = Prepared(events.insert())
INSERT_FLOW = Prepared(files.insert())
FLOW_STATE = Prepared(files.update().where(files.c.file_id == sa.bindparam("b_file_id"))
                      .values(state=sa.bindparam("b_state")))

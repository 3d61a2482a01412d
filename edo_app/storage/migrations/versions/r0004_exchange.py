"""Exchange: the outbox of packages to send, the inbox of received events, the feed cursors
and the links of documents to the messages that carried them.

Written by hand to match edo_app.storage.models (a test compares them); types are spelled
out so this revision stays the same when the models move on.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

UTC_TIME = sa.DateTime(timezone=True)
PARTICIPANT = 64
MESSAGE = 255


def _fk_document(table: str, column: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["documents.id"], name=f"fk_{table}_{column}_documents",
                                   ondelete=ondelete)


def _create_outbox() -> None:
    op.create_table(
        "exchange_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.String(36), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("recipient", sa.String(PARTICIPANT), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC_TIME, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("message_id", sa.String(MESSAGE), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.Column("package", sa.LargeBinary(), nullable=False),
        _fk_document("exchange_outbox", "document_id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_exchange_outbox"),
        sa.UniqueConstraint("package_id", name="uq_exchange_outbox_package_id"),
    )
    op.create_index("ix_exchange_outbox_document_id", "exchange_outbox", ["document_id"])
    op.create_index("ix_exchange_outbox_due", "exchange_outbox", ["state", "next_attempt_at"])


def _create_inbox() -> None:
    op.create_table(
        "exchange_inbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(MESSAGE), nullable=False),
        sa.Column("message_id", sa.String(MESSAGE), nullable=False),
        sa.Column("event_kind", sa.String(32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("received_at", UTC_TIME, nullable=False),
        sa.Column("processed_at", UTC_TIME, nullable=True),
        sa.Column("package", sa.LargeBinary(), nullable=True),
        _fk_document("exchange_inbox", "document_id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_exchange_inbox"),
        sa.UniqueConstraint("event_id", name="uq_exchange_inbox_event_id"),
    )
    op.create_index("ix_exchange_inbox_message_id", "exchange_inbox", ["message_id"])
    op.create_index("ix_exchange_inbox_state", "exchange_inbox", ["state"])


def _create_cursors_and_links() -> None:
    op.create_table(
        "exchange_cursors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transport", sa.String(64), nullable=False),
        sa.Column("participant", sa.String(PARTICIPANT), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_exchange_cursors"),
        sa.UniqueConstraint("transport", "participant", name="uq_exchange_cursors_transport_participant"),
    )
    op.create_table(
        "exchange_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("counterparty", sa.String(PARTICIPANT), nullable=False),
        sa.Column("package_id", sa.String(36), nullable=True),
        sa.Column("message_id", sa.String(MESSAGE), nullable=True),
        sa.Column("annulment", sa.String(16), nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        _fk_document("exchange_links", "document_id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_exchange_links"),
        sa.UniqueConstraint("document_id", name="uq_exchange_links_document_id"),
    )
    op.create_index("ix_exchange_links_package_id", "exchange_links", ["package_id"])
    op.create_index("ix_exchange_links_message_id", "exchange_links", ["message_id"])


def upgrade() -> None:
    _create_outbox()
    _create_inbox()
    _create_cursors_and_links()


def downgrade() -> None:
    for table in ("exchange_links", "exchange_cursors", "exchange_inbox", "exchange_outbox"):
        op.drop_table(table)

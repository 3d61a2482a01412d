"""The inbox's unacknowledged events are found by an index: ``ix_exchange_inbox_ack`` on
(acknowledged, id).

Every sync asks which processed events the operator has not been told of yet; without the index
that is a scan of the whole inbox, package bytes included, which grows with every document ever
received (18 ms at 40,000 events, on each page of every sync).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_exchange_inbox_ack", "exchange_inbox", ["acknowledged", "id"])


def downgrade() -> None:
    op.drop_index("ix_exchange_inbox_ack", table_name="exchange_inbox")

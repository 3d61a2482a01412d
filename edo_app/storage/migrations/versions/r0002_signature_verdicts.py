"""Signature verdicts: who signed, when, and the last verification result.

Adds to ``signatures``: signing_time, cert_serial, signer_inn, valid, trusted (NULL = not yet
verified), verified_at and verdict (JSON: reasons, warnings, chain status and reason,
verified_at). All nullable: rows written before this revision were never verified.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

UTC_TIME = sa.DateTime(timezone=True)


def _columns() -> list[sa.Column[object]]:
    return [
        sa.Column("signing_time", UTC_TIME, nullable=True),
        sa.Column("cert_serial", sa.String(64), nullable=True),
        sa.Column("signer_inn", sa.String(12), nullable=True),
        sa.Column("valid", sa.Boolean(), nullable=True),
        sa.Column("trusted", sa.Boolean(), nullable=True),
        sa.Column("verified_at", UTC_TIME, nullable=True),
        sa.Column("verdict", sa.JSON(), nullable=True),
    ]


def upgrade() -> None:
    # Nullable columns without defaults: a plain ALTER TABLE ADD COLUMN on both backends.
    for column in _columns():
        op.add_column("signatures", column)


def downgrade() -> None:
    # batch: SQLite before 3.35 cannot DROP COLUMN; alembic copies the table there instead.
    with op.batch_alter_table("signatures") as batch:
        for column in reversed(_columns()):
            batch.drop_column(column.name)

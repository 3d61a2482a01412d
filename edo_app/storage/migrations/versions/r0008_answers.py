"""Answers and the ЭТрН stage in the registry.

Adds to ``documents``: ``answers`` (the ИдФайл of the file a title answers: a buyer's title, an
ЭТрН title after title 1; indexed, so the titles answering a document are one lookup),
``refuses`` (that answer refuses it; NOT NULL with a server default false, so existing rows need
no rewrite) and ``stage`` (an ЭТрН title's furthest step of its chain, model.etrn_stage).
Existing rows keep NULL: they are filled when a title of their chain is stored from now on.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("answers", sa.String(255), nullable=True))
    op.add_column("documents", sa.Column("refuses", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("documents", sa.Column("stage", sa.String(8), nullable=True))
    op.create_index("ix_documents_answers", "documents", ["answers"])


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+), as in 0005: a batch copy of ``documents`` would fail on
    # the foreign keys pointing at it.
    op.drop_index("ix_documents_answers", table_name="documents")
    for column in ("stage", "refuses", "answers"):
        op.drop_column("documents", column)

"""Registry folders: archived documents and the user's own organisations.

Adds ``documents.archived`` (the Архив folder hides them from Входящие/Исходящие/Черновики)
and ``counterparties.own`` (marks the user's own organisation(s)); both NOT NULL with a
server default false, so existing rows need no rewrite.

The registry indexes now lead with (direction, archived) so a folder is one index range, in
date order; ``ix_documents_archived`` serves the Архив folder (any direction), status and
kind filters get their own folder-ordered indexes, and an exact ИНН finds its documents of a
folder newest first in ``ix_documents_counterparty_inn``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

Columns = list[str | sa.TextClause]
NEWEST: Columns = [sa.text("doc_date DESC"), sa.text("id DESC")]
FOLDER: Columns = ["direction", "archived"]

# name -> (columns before 0005, columns from 0005 on); None = the index did not exist.
_INDEXES: dict[str, tuple[Columns | None, Columns]] = {
    "ix_documents_registry": (["direction", *NEWEST, "search_text"], [*FOLDER, *NEWEST, "search_text"]),
    "ix_documents_archived": (None, ["archived", *NEWEST, "search_text"]),
    "ix_documents_direction_total": (["direction", "total", "id"], [*FOLDER, "total", "id"]),
    "ix_documents_direction_counterparty": (
        ["direction", "counterparty_name", "id"], [*FOLDER, "counterparty_name", "id"]),
    "ix_documents_folder_status": (None, [*FOLDER, "status", *NEWEST]),
    "ix_documents_folder_kind": (None, [*FOLDER, "kind", *NEWEST]),
    "ix_documents_counterparty_inn": (["counterparty_inn"], ["counterparty_inn", "archived", "direction", *NEWEST]),
}


def _flag(name: str) -> sa.Column[bool]:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


def upgrade() -> None:
    op.add_column("documents", _flag("archived"))
    op.add_column("counterparties", _flag("own"))
    for name, (before, after) in _INDEXES.items():
        if before is not None:
            op.drop_index(name, table_name="documents")
        op.create_index(name, "documents", after)


def downgrade() -> None:
    for name, (before, _after) in _INDEXES.items():
        op.drop_index(name, table_name="documents")
        if before is not None:
            op.create_index(name, "documents", before)
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy of ``documents`` would fail on the
    # foreign keys pointing at it. The indexes on the columns are gone by now.
    op.drop_column("counterparties", "own")
    op.drop_column("documents", "archived")

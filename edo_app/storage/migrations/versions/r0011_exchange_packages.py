"""The exchange's packages move out of the outbox and inbox rows into tables of their own:
``exchange_outbox_packages`` (one per outbox row) and ``exchange_inbox_packages`` (one per inbox
row that has a package).

A package is ~6 KB, more than a SQLite page, and SQLite writes a changed row anew with its
overflow pages: each change of an outbox row's state (pending → sending → sent) and of an inbox
row's (received → processed, acknowledged) wrote its package again. Kept apart, a package is
written once and the rows whose state changes are small.

The packages are copied over, then the old columns dropped (``ALTER TABLE … DROP COLUMN``:
SQLite 3.35 and later do it in place, so no table is dropped and recreated under the new foreign
keys). The database file does not shrink by itself; the freed pages are reused.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None

# (package table, its key column, the row table)
TABLES = (("exchange_outbox_packages", "outbox_id", "exchange_outbox"),
          ("exchange_inbox_packages", "inbox_id", "exchange_inbox"))


def upgrade() -> None:
    for table, key, rows in TABLES:
        op.create_table(
            table,
            sa.Column(key, sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("package", sa.LargeBinary(), nullable=False),
            sa.ForeignKeyConstraint([key], [f"{rows}.id"], name=f"fk_{table}_{key}_{rows}", ondelete="CASCADE"),
            sa.PrimaryKeyConstraint(key, name=f"pk_{table}"),
        )
        op.execute(sa.text(f"INSERT INTO {table} ({key}, package) SELECT id, package FROM {rows} "
                           "WHERE package IS NOT NULL"))
        op.drop_column(rows, "package")


def downgrade() -> None:
    for table, key, rows in TABLES:
        op.add_column(rows, sa.Column("package", sa.LargeBinary(), nullable=True))
        op.execute(sa.text(f"UPDATE {rows} SET package = (SELECT p.package FROM {table} p WHERE p.{key} = {rows}.id)"))
        op.drop_table(table)
    with op.batch_alter_table("exchange_outbox") as batch:  # r0004: every outbox row has its package
        batch.alter_column("package", existing_type=sa.LargeBinary(), nullable=False)

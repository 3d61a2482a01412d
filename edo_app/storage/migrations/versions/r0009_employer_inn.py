"""Employees of an individual entrepreneur: ``employees.employer_inn`` widens from 10 to 12 characters.

An ИП employer (HR 1.01) has a 12-digit ИНН; the column held only an organisation's 10 digits
(PostgreSQL enforces the length). On SQLite the table is copied by batch mode (nothing refers to it).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("employees") as batch:
        batch.alter_column("employer_inn", existing_type=sa.String(10), type_=sa.String(12), existing_nullable=False)


def downgrade() -> None:
    # An ИП's employees (12-digit ИНН) would not fit back: they are removed first, as the old schema knew none.
    op.execute(sa.text("DELETE FROM employees WHERE length(employer_inn) > 10"))
    with op.batch_alter_table("employees") as batch:
        batch.alter_column("employer_inn", existing_type=sa.String(12), type_=sa.String(10), existing_nullable=False)

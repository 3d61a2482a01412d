"""The employees directory for HR documents.

Adds ``employees``: one row per employee of one of the user's organisations (``employer_inn``),
unique by СНИЛС and by табельный номер within that organisation; ``edo_id`` is the employee's
box at the EDO operator, ``search_text`` the case-folded ФИО, СНИЛС and табельный номер.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "employees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_inn", sa.String(10), nullable=False),
        sa.Column("personnel_number", sa.String(50), nullable=False),
        sa.Column("snils", sa.String(11), nullable=False),
        sa.Column("last_name", sa.String(60), nullable=False),
        sa.Column("first_name", sa.String(60), nullable=False),
        sa.Column("middle_name", sa.String(60), nullable=False),
        sa.Column("position", sa.String(255), nullable=False),
        sa.Column("department", sa.String(255), nullable=False),
        sa.Column("edo_id", sa.String(64), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_employees"),
        sa.UniqueConstraint("employer_inn", "snils", name="uq_employees_employer_inn_snils"),
        sa.UniqueConstraint("employer_inn", "personnel_number", name="uq_employees_employer_inn_personnel_number"),
    )


def downgrade() -> None:
    op.drop_table("employees")

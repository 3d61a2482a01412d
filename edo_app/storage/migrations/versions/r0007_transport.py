"""The transport directories for the ЭТрН editor.

Adds ``vehicles`` (a vehicle or a trailer, unique by госномер, with its type, make, capacity,
volume, ownership and — when leased — the document of the right to use it) and ``drivers``
(ФИО, phone, ИНН, unique by the driving licence's series and number). ``search_text`` is the
case-folded text the directories search in.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "vehicles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reg_number", sa.String(9), nullable=False),
        sa.Column("trailer", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("kind", sa.String(255), nullable=False),
        sa.Column("brand", sa.String(255), nullable=False),
        sa.Column("capacity_t", sa.String(16), nullable=False),
        sa.Column("volume_m3", sa.String(16), nullable=False),
        sa.Column("ownership", sa.String(1), nullable=False),
        sa.Column("right_name", sa.String(255), nullable=False),
        sa.Column("right_number", sa.String(255), nullable=False),
        sa.Column("right_date", sa.Date(), nullable=True),
        sa.Column("right_issuer_inn", sa.String(12), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_vehicles"),
        sa.UniqueConstraint("reg_number", name="uq_vehicles_reg_number"),
    )
    op.create_table(
        "drivers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_name", sa.String(60), nullable=False),
        sa.Column("first_name", sa.String(60), nullable=False),
        sa.Column("middle_name", sa.String(60), nullable=False),
        sa.Column("licence_series", sa.String(4), nullable=False),
        sa.Column("licence_number", sa.String(6), nullable=False),
        sa.Column("licence_issued", sa.Date(), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("inn", sa.String(12), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_drivers"),
        sa.UniqueConstraint("licence_series", "licence_number", name="uq_drivers_licence_series_licence_number"),
    )


def downgrade() -> None:
    op.drop_table("drivers")
    op.drop_table("vehicles")

"""Powers of attorney (МЧД): the МЧД with its exact XML, its signatures, revocations by
number, and the link of documents to the МЧД they were signed under.

Written by hand to match edo_app.storage.models (a test compares them on SQLite and
PostgreSQL); types are spelled out so this revision stays the same when the models move on.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

NAME = 1000
GUID = 36
UTC_TIME = sa.DateTime(timezone=True)


def _create_powers() -> None:
    op.create_table(
        "powers_of_attorney",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(GUID), nullable=False),
        sa.Column("file_id", sa.String(255), nullable=False),
        sa.Column("issued", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("principal_inn", sa.String(12), nullable=False),
        sa.Column("principal_kpp", sa.String(9), nullable=False),
        sa.Column("principal_name", sa.String(NAME), nullable=False),
        sa.Column("representative_name", sa.String(NAME), nullable=False),
        sa.Column("representative_inn", sa.String(12), nullable=False),
        sa.Column("representative_snils", sa.String(11), nullable=False),
        sa.Column("representatives", sa.JSON(), nullable=False),
        sa.Column("revocable", sa.Boolean(), nullable=False),
        sa.Column("parent_number", sa.String(GUID), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_powers_of_attorney"),
        sa.UniqueConstraint("number", name="uq_powers_of_attorney_number"),
    )
    op.create_index("ix_powers_of_attorney_principal_inn", "powers_of_attorney", ["principal_inn"])


def _create_signatures() -> None:
    op.create_table(
        "poa_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("poa_id", sa.Integer(), nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("signer", sa.String(NAME), nullable=False),
        sa.Column("cert_serial", sa.String(64), nullable=True),
        sa.Column("signer_inn", sa.String(12), nullable=True),
        sa.Column("signing_time", UTC_TIME, nullable=True),
        sa.Column("valid", sa.Boolean(), nullable=True),
        sa.Column("trusted", sa.Boolean(), nullable=True),
        sa.Column("verified_at", UTC_TIME, nullable=True),
        sa.Column("verdict", sa.JSON(), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(["poa_id"], ["powers_of_attorney.id"],
                                name="fk_poa_signatures_poa_id_powers_of_attorney", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_poa_signatures"),
    )
    op.create_index("ix_poa_signatures_poa_id", "poa_signatures", ["poa_id"])


def _create_revocations() -> None:
    op.create_table(
        "poa_revocations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(GUID), nullable=False),
        sa.Column("revoked_at", UTC_TIME, nullable=False),
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("recorded_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_poa_revocations"),
        sa.UniqueConstraint("number", "source", name="uq_poa_revocations_number_source"),
    )


def _create_links() -> None:
    op.create_table(
        "document_poa",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("poa_id", sa.Integer(), nullable=False),
        sa.Column("signature_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name="fk_document_poa_document_id_documents", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["poa_id"], ["powers_of_attorney.id"],
                                name="fk_document_poa_poa_id_powers_of_attorney"),
        sa.ForeignKeyConstraint(["signature_id"], ["signatures.id"],
                                name="fk_document_poa_signature_id_signatures", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_document_poa"),
        sa.UniqueConstraint("document_id", "poa_id", name="uq_document_poa_document_id_poa_id"),
    )
    op.create_index("ix_document_poa_poa_id", "document_poa", ["poa_id"])


def upgrade() -> None:
    _create_powers()
    _create_signatures()
    _create_revocations()
    _create_links()


def downgrade() -> None:
    for table in ("document_poa", "poa_revocations", "poa_signatures", "powers_of_attorney"):
        op.drop_table(table)

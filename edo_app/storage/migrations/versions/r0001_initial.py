"""Initial schema: documents and their bytes, signatures, counterparties, audit log.

Written by hand to match edo_app.storage.models (a test compares them on SQLite and
PostgreSQL). Types are spelled out, not imported from the models, so this revision stays
the same when the models move on.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

NAME = 1000
# Money: exact Numeric on PostgreSQL, integer kopecks on SQLite (models.Money converts).
MONEY = sa.Numeric(19, 2).with_variant(sa.BigInteger(), "sqlite")
UTC_TIME = sa.DateTime(timezone=True)
ENUM = sa.String(32)

_SQLITE_GUARD = """
CREATE TRIGGER events_no_{verb} BEFORE {VERB} ON events
BEGIN SELECT RAISE(ABORT, 'edo_events_append_only: the audit log accepts INSERT only'); END
"""
_PG_GUARD_FUNCTION = """
CREATE FUNCTION edo_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'edo_events_append_only: the audit log accepts INSERT only';
END
$$
"""
_PG_GUARDS = (
    "CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events "
    "FOR EACH ROW EXECUTE FUNCTION edo_events_append_only()",
    "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events "
    "FOR EACH STATEMENT EXECUTE FUNCTION edo_events_append_only()",
)


def _party(prefix: str) -> list[sa.Column[str]]:
    return [
        sa.Column(f"{prefix}_name", sa.String(NAME), nullable=True),
        sa.Column(f"{prefix}_inn", sa.String(12), nullable=True),
        sa.Column(f"{prefix}_kpp", sa.String(9), nullable=True),
    ]


def _create_documents() -> None:
    _documents_table()
    newest_first: list[str | sa.TextClause] = [sa.text("doc_date DESC"), sa.text("id DESC"), "search_text"]
    op.create_index("ix_documents_registry", "documents", ["direction", *newest_first])
    op.create_index("ix_documents_date", "documents", newest_first)
    op.create_index("ix_documents_direction_total", "documents", ["direction", "total", "id"])
    op.create_index("ix_documents_direction_counterparty", "documents", ["direction", "counterparty_name", "id"])
    for column in ("number", "counterparty_inn", "status", "kind"):
        op.create_index(f"ix_documents_{column}", "documents", [column])


def _documents_table() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.String(255), nullable=False),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("direction", ENUM, nullable=False),
        sa.Column("status", ENUM, nullable=False),
        sa.Column("format_version", sa.String(16), nullable=False),
        sa.Column("knd", sa.String(16), nullable=False),
        sa.Column("function", sa.String(16), nullable=False),
        sa.Column("number", sa.String(255), nullable=False),
        sa.Column("doc_date", sa.Date(), nullable=True),
        *_party("seller"),
        *_party("buyer"),
        *_party("counterparty"),
        sa.Column("total", MONEY, nullable=True),
        sa.Column("vat", MONEY, nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("valid", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("file_id", name="uq_documents_file_id"),
    )


def _create_children() -> None:
    op.create_table(
        "document_contents",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name="fk_document_contents_document_id_documents", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name="pk_document_contents"),
    )
    op.create_table(
        "signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("signer", sa.String(NAME), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name="fk_signatures_document_id_documents", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_signatures"),
    )
    op.create_index("ix_signatures_document_id", "signatures", ["document_id"])


def _create_events() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_events_document_id_documents"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_document_id", "events", ["document_id"])


def _create_counterparties() -> None:
    op.create_table(
        "counterparties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inn", sa.String(12), nullable=False),
        sa.Column("kpp", sa.String(9), nullable=False),
        sa.Column("name", sa.String(NAME), nullable=False),
        sa.Column("edo_id", sa.String(255), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_counterparties"),
        sa.UniqueConstraint("inn", "kpp", name="uq_counterparties_inn_kpp"),
    )


def _guard_events() -> None:
    """Refuse UPDATE and DELETE on the audit log in the database itself, not only in the API."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_GUARD_FUNCTION)
        for statement in _PG_GUARDS:
            op.execute(statement)
    else:
        for verb in ("update", "delete"):
            op.execute(_SQLITE_GUARD.format(verb=verb, VERB=verb.upper()))


def upgrade() -> None:
    _create_documents()
    _create_children()
    _create_events()
    _create_counterparties()
    _guard_events()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE events")  # the TRUNCATE/DELETE guards do not stop DROP
        op.execute("DROP FUNCTION edo_events_append_only()")
    else:
        op.drop_table("events")
    for table in ("counterparties", "signatures", "document_contents", "documents"):
        op.drop_table(table)

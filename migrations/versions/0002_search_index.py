"""search index: bigram documents, FTS5 on SQLite, GIN on PostgreSQL

Revision ID: 0002_search_index
Revises: a1ea361513fa
Create Date: 2026-11-23 08:30:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

import community.core.db
from community.core.search import CREATE_FTS5, FTS_TABLE


revision = "0002_search_index"
down_revision = "a1ea361513fa"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("bigrams", sa.Text(), nullable=False),
        sa.Column("tsv", sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql"), nullable=True),
        sa.Column("updated_at", community.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_document")),
        sa.UniqueConstraint("object_id", "kind", name=op.f("uq_search_document_object_id_kind")),
    )
    if op.get_context().dialect.name == "postgresql":
        op.create_index(
            "ix_search_document_tsv",
            "search_document",
            ["tsv"],
            postgresql_using="gin",
            postgresql_with={"fastupdate": "off"},
        )
    else:
        op.execute(CREATE_FTS5)


def downgrade():
    if op.get_context().dialect.name == "postgresql":
        op.drop_index("ix_search_document_tsv", table_name="search_document", postgresql_using="gin")
    else:
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    op.drop_table("search_document")

"""search_document: narrow rows; facet tokens in the index (reindex)

Revision ID: 0006_search_facet_tokens
Revises: 0005_content_version
Create Date: 2026-11-26 01:10:00

The ``bigrams`` copy goes (FTS5 and the tsvector hold the text); on PostgreSQL the tsvector is
stored out of line, so that a search reading thousands of rows from the GIN index reads a few
narrow pages. The index gains facet tokens: run ``flask search reindex`` after upgrading.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_search_facet_tokens"
down_revision = "0005_content_version"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("search_document") as batch_op:
        batch_op.drop_column("bigrams")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_document ALTER COLUMN tsv SET STORAGE EXTERNAL")
        op.execute("ALTER TABLE search_document SET (toast_tuple_target = 128)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_document RESET (toast_tuple_target)")
        op.execute("ALTER TABLE search_document ALTER COLUMN tsv SET STORAGE EXTENDED")
    with op.batch_alter_table("search_document") as batch_op:
        batch_op.add_column(sa.Column("bigrams", sa.Text(), nullable=False, server_default=""))

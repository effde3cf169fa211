"""search_text: a document's normalised text in a table of its own, so that search_document's
rows stay narrow

Revision ID: 0014_search_text
Revises: 0013_search_recency_tokens
Create Date: 2026-11-26 17:45:00

PostgreSQL moves each document's text over and rewrites search_document in the order of its
ids (CLUSTER, which also rebuilds its indexes): the rows drop from about 1,450 bytes to about
60, and a bitmap heap scan over the newest blocks reads a few pages instead of one a row. The
table stays empty on SQLite, whose FTS5 asks for a phrase itself. The function is PostgreSQL's
only, as it is in ``community.core.search`` at this revision.
"""

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from community.core.search import CREATE_SEARCH_WINDOW, DROP_SEARCH_WINDOW

revision = "0014_search_text"
down_revision = "0013_search_recency_tokens"
branch_labels = None
depends_on = None


def _previous():
    """Revision 0013, which holds the function this one replaces."""
    path = Path(__file__).with_name("0013_search_recency_tokens.py")
    spec = importlib.util.spec_from_file_location("search_window_0013", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade():
    op.create_table(
        "search_text",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("normalised_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["search_document.id"],
            name=op.f("fk_search_text_document_id_search_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_search_text")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # uncompressed and in its row (a kilobyte or two): see SearchText
        op.execute("ALTER TABLE search_text ALTER COLUMN normalised_text SET STORAGE EXTERNAL")
        op.execute(
            "INSERT INTO search_text (document_id, normalised_text) "
            "SELECT id, normalised_text FROM search_document WHERE normalised_text IS NOT NULL"
        )
        op.execute(_previous().DROP_SEARCH_WINDOW)
        op.execute(CREATE_SEARCH_WINDOW)
    with op.batch_alter_table("search_document") as batch:
        batch.drop_column("normalised_text")
    if op.get_bind().dialect.name == "postgresql":
        # the tsv out of line again, as 0006 had it (0013 had let a short one stay in the row)
        op.execute("ALTER TABLE search_document SET (toast_tuple_target = 128)")
        op.execute("CLUSTER search_document USING pk_search_document")
        op.execute("ANALYZE search_document")
        op.execute("ANALYZE search_text")


def downgrade():
    op.add_column("search_document", sa.Column("normalised_text", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_document ALTER COLUMN normalised_text SET STORAGE EXTERNAL")
        op.execute("ALTER TABLE search_document RESET (toast_tuple_target)")
        op.execute(
            "UPDATE search_document AS d SET normalised_text = t.normalised_text "
            "FROM search_text AS t WHERE t.document_id = d.id"
        )
        op.execute(DROP_SEARCH_WINDOW)
        op.execute(_previous().CREATE_SEARCH_WINDOW)
    op.drop_table("search_text")

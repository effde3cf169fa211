"""search_window() looks among the newest documents first, by their recency tokens, and checks
a longer term in a document's normalised text

Revision ID: 0013_search_recency_tokens
Revises: 0012_case_order_indexes
Create Date: 2026-11-26 15:00:00

The function is PostgreSQL's only (see ``community.core.search.CREATE_SEARCH_WINDOW``); the
new column stays empty on SQLite. The tokens and the text come with index format 3:
``flask search reindex --if-stale`` (run by ``make db``) rebuilds an index of an older format,
and until then searches ask the whole index at once, as before
(``core.search._word_statistics``).
"""

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from community.core.search import CREATE_SEARCH_WINDOW, DROP_SEARCH_WINDOW

revision = "0013_search_recency_tokens"
down_revision = "0012_case_order_indexes"
branch_labels = None
depends_on = None


def _previous():
    """Revision 0011, which holds the function this one replaces."""
    path = Path(__file__).with_name("0011_search_window_function.py")
    spec = importlib.util.spec_from_file_location("search_window_0011", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade():
    op.add_column("search_document", sa.Column("normalised_text", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        # beside the out-of-line tsv, a kilobyte of text stays in the row, uncompressed: the
        # check of a candidate reads it in about 2 µs (compressed, or out of line as the tsv
        # is, 5 µs or more). 0006's toast target of 128 bytes would push it out of the row.
        op.execute("ALTER TABLE search_document ALTER COLUMN normalised_text SET STORAGE EXTERNAL")
        op.execute("ALTER TABLE search_document RESET (toast_tuple_target)")
        op.execute(_previous().DROP_SEARCH_WINDOW)
        op.execute(CREATE_SEARCH_WINDOW)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_document SET (toast_tuple_target = 128)")
        op.execute(DROP_SEARCH_WINDOW)
        op.execute(_previous().CREATE_SEARCH_WINDOW)
    with op.batch_alter_table("search_document") as batch:
        batch.drop_column("normalised_text")

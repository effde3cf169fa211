"""search_window() looks among the newest documents first, by their recency tokens, and checks
a longer term in a document's normalised text

Revision ID: 0013_search_recency_tokens
Revises: 0012_case_order_indexes
Create Date: 2026-11-26 15:00:00

The function is PostgreSQL's only, as it was at this revision (0014_search_text replaces it);
the new column stays empty on SQLite. The tokens and the text come with index format 3:
``flask search reindex --if-stale`` (run by ``make db``) rebuilds an index of an older format,
and until then searches ask the whole index at once, as before
(``core.search._word_statistics``).
"""

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0013_search_recency_tokens"
down_revision = "0012_case_order_indexes"
branch_labels = None
depends_on = None


CREATE_SEARCH_WINDOW = """
CREATE OR REPLACE FUNCTION search_window(
    search_kind text,  -- the kind of document
    words tsquery,     -- every word asked of the index
    phrases text[],    -- LIKE patterns of each candidate's text; NULL when the words are exact
    phrase_query tsquery,  -- the same as phrases of the tsv, for a document without its text
    size integer,      -- the window's size; NULL for every match
    span integer,      -- how many of the newest documents to look in first; NULL for all
    block integer      -- document ids per recency token
)
RETURNS TABLE (object_id integer, document_id integer)
LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
DECLARE
    asked tsquery;
    upper_id integer;  -- a pass reads documents below this id (NULL: the newest)
    lower_id integer;  -- and from this one, the first of a block (NULL: every older one)
    found integer := 0;
    returned integer;
BEGIN
    IF span IS NOT NULL THEN
        SELECT max(d.id) + 1 INTO upper_id FROM search_document AS d;
    END IF;
    LOOP
        lower_id := (upper_id - 1 - span) / block * block;
        IF lower_id <= 0 OR (upper_id - lower_id) / block > 32 THEN
            lower_id := NULL;
        END IF;
        IF lower_id IS NULL THEN
            asked := words;
        ELSE
            SELECT words && string_agg(
                quote_literal('fxrecentx' || encode(convert_to(b::text, 'UTF8'), 'hex')),
                ' | '
            )::tsquery
            INTO asked
            FROM generate_series(lower_id / block, (upper_id - 1) / block) AS b;
        END IF;
        RETURN QUERY
        SELECT candidates.object_id, candidates.document_id
        FROM (
            -- "+ 0": an order no index gives, so that the ids come from the GIN index, not
            -- from a walk of the primary key testing every row's tsv
            SELECT d.object_id, d.id + 0 AS document_id
            FROM search_document AS d
            WHERE d.kind = search_kind AND d.tsv @@ asked
                AND (upper_id IS NULL OR d.id < upper_id)
            ORDER BY 2 DESC
            OFFSET 0
        ) AS candidates
        WHERE phrases IS NULL OR (
            -- the text is empty in an index of an older format, until it is rebuilt
            SELECT coalesce(c.normalised_text LIKE ALL (phrases), c.tsv @@ phrase_query)
            FROM search_document AS c
            WHERE c.id = candidates.document_id
        )
        LIMIT size - found;
        GET DIAGNOSTICS returned = ROW_COUNT;
        found := found + returned;
        EXIT WHEN lower_id IS NULL OR found >= size;
        -- these blocks held less than a window: older ones next
        upper_id := lower_id;
        span := span * 4;
    END LOOP;
END
$$
"""
DROP_SEARCH_WINDOW = "DROP FUNCTION IF EXISTS search_window(text, tsquery, text[], tsquery, integer, integer, integer)"


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

"""search_window(): a search's window read from the GIN index, never by a table scan

Revision ID: 0011_search_window_function
Revises: 0010_channels
Create Date: 2026-11-26 10:45:00

PostgreSQL only; nothing on SQLite. The function as it was at this revision:
0013_search_recency_tokens replaces it.
"""

from alembic import op

revision = "0011_search_window_function"
down_revision = "0010_channels"
branch_labels = None
depends_on = None


CREATE_SEARCH_WINDOW = """
CREATE OR REPLACE FUNCTION search_window(text, tsquery, tsquery, integer)
RETURNS TABLE (object_id integer, document_id integer)
LANGUAGE sql STABLE SET enable_seqscan = off AS $$
    SELECT candidates.object_id, candidates.document_id
    FROM (
        SELECT d.object_id, d.id + 0 AS document_id
        FROM search_document AS d
        WHERE d.kind = $1 AND d.tsv @@ $2
        ORDER BY 2 DESC
        OFFSET 0
    ) AS candidates
    WHERE $3 IS NULL
        OR (SELECT c.tsv @@ $3 FROM search_document AS c WHERE c.id = candidates.document_id)
    LIMIT $4
$$
"""
DROP_SEARCH_WINDOW = "DROP FUNCTION IF EXISTS search_window(text, tsquery, tsquery, integer)"


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(CREATE_SEARCH_WINDOW)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(DROP_SEARCH_WINDOW)

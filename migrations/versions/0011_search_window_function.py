"""search_window(): a search's window read from the GIN index, never by a table scan

Revision ID: 0011_search_window_function
Revises: 0010_channels
Create Date: 2026-11-26 10:45:00

PostgreSQL only (see ``community.core.search.CREATE_SEARCH_WINDOW``); nothing on SQLite.
"""

from alembic import op

from community.core.search import CREATE_SEARCH_WINDOW, DROP_SEARCH_WINDOW

revision = "0011_search_window_function"
down_revision = "0010_channels"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(CREATE_SEARCH_WINDOW)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(DROP_SEARCH_WINDOW)

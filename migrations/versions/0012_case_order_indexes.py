"""indexes for the library's orders: newest first and most rolled out first

Revision ID: 0012_case_order_indexes
Revises: 0011_search_window_function
Create Date: 2026-11-26 12:15:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0012_case_order_indexes"
down_revision = "0011_search_window_function"
branch_labels = None
depends_on = None

NEWEST = sa.text("coalesce(published_at, created_at)")


def upgrade():
    op.create_index("ix_case_newest", "case", [NEWEST, "id"])
    op.create_index("ix_case_rolled_out", "case", ["rollout_count", NEWEST, "id"])


def downgrade():
    op.drop_index("ix_case_rolled_out", table_name="case")
    op.drop_index("ix_case_newest", table_name="case")

"""forum: facilitator removal of posts (removed_at, removed_by)

Two nullable columns on forum_posts, added in place (ALTER TABLE ADD COLUMN on
both databases). ``removed_by`` has no foreign key: on SQLite a new foreign
key means rebuilding the table, which would drop the search triggers.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("forum_posts", sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("forum_posts", sa.Column("removed_by", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("forum_posts", "removed_by")
    op.drop_column("forum_posts", "removed_at")

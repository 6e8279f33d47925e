"""forum threads, posts, edits, follows, read positions, search index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

Search is built per database and kept out of the ORM metadata (names start
with "forum_search", which autogenerate and the drift check skip):

- SQLite: an FTS5 table over forum_posts(title, body_source) with external
  content, kept in sync by triggers, so every writer of forum_posts (edits,
  author deletes, erasure) updates the index in its own transaction.
  Caution: a batch "recreate" of forum_posts in a later migration drops the
  triggers; run SQLITE_SEARCH_TRIGGERS again and rebuild the index there.
- PostgreSQL: a stored generated tsvector column forum_posts.forum_search_tsv
  (title weight A, body weight B) with a GIN index; not in the ORM model, so
  no Python code ever writes it.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_SEARCH_TABLE = (
    "CREATE VIRTUAL TABLE forum_search_fts USING fts5("
    "title, body_source, content='forum_posts', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
SQLITE_SEARCH_TRIGGERS = (
    "CREATE TRIGGER forum_search_ai AFTER INSERT ON forum_posts BEGIN "
    "INSERT INTO forum_search_fts(rowid, title, body_source) VALUES (new.id, new.title, new.body_source); END",
    "CREATE TRIGGER forum_search_ad AFTER DELETE ON forum_posts BEGIN "
    "INSERT INTO forum_search_fts(forum_search_fts, rowid, title, body_source) "
    "VALUES ('delete', old.id, old.title, old.body_source); END",
    "CREATE TRIGGER forum_search_au AFTER UPDATE OF title, body_source ON forum_posts BEGIN "
    "INSERT INTO forum_search_fts(forum_search_fts, rowid, title, body_source) "
    "VALUES ('delete', old.id, old.title, old.body_source); "
    "INSERT INTO forum_search_fts(rowid, title, body_source) VALUES (new.id, new.title, new.body_source); END",
)
# A stored generated tsvector (title weight A, body weight B), computed once
# per write, so ranking never re-parses post text; GIN-indexed.
PG_SEARCH_COLUMN = (
    "ALTER TABLE forum_posts ADD COLUMN forum_search_tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('english'::regconfig, body_source), 'B')) STORED"
)
PG_SEARCH_INDEX = "CREATE INDEX forum_search_posts_tsv ON forum_posts USING gin (forum_search_tsv)"


def upgrade() -> None:
    op.create_table('forum_threads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_activity_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reply_count', sa.Integer(), nullable=False),
    sa.Column('last_post_id', sa.Integer(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_forum_threads_author_id_users')),
    sa.ForeignKeyConstraint(['category_id'], ['forum_categories.id'], name=op.f('fk_forum_threads_category_id_forum_categories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_threads'))
    )
    with op.batch_alter_table('forum_threads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_threads_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_forum_threads_listing', ['category_id', 'pinned', 'last_activity_at', 'id'], unique=False)

    op.create_table('forum_follows',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('following', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['forum_threads.id'], name=op.f('fk_forum_follows_thread_id_forum_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'thread_id', name=op.f('pk_forum_follows'))
    )
    with op.batch_alter_table('forum_follows', schema=None) as batch_op:
        batch_op.create_index('ix_forum_follows_thread_id', ['thread_id', 'following'], unique=False)

    op.create_table('forum_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('root_id', sa.Integer(), nullable=True),
    sa.Column('reply_to_id', sa.Integer(), nullable=True),
    sa.Column('depth', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body_source', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('edit_count', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('crisis_level', sa.String(length=16), nullable=False),
    sa.Column('crisis_category', sa.String(length=32), nullable=True),
    sa.Column('personal_kinds', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_forum_posts_author_id_users')),
    sa.ForeignKeyConstraint(['parent_id'], ['forum_posts.id'], name=op.f('fk_forum_posts_parent_id_forum_posts')),
    sa.ForeignKeyConstraint(['thread_id'], ['forum_threads.id'], name=op.f('fk_forum_posts_thread_id_forum_threads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_posts'))
    )
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_posts_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_forum_posts_tree', ['thread_id', 'root_id', 'id'], unique=False)

    op.create_table('forum_read_positions',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('last_read_post_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['forum_threads.id'], name=op.f('fk_forum_read_positions_thread_id_forum_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_read_positions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'thread_id', name=op.f('pk_forum_read_positions'))
    )
    op.create_table('forum_notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_notifications_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['thread_id'], ['forum_threads.id'], name=op.f('fk_forum_notifications_thread_id_forum_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_notifications'))
    )
    with op.batch_alter_table('forum_notifications', schema=None) as batch_op:
        batch_op.create_index('ix_forum_notifications_user_id', ['user_id', 'id'], unique=False)

    op.create_table('forum_post_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('body_source', sa.Text(), nullable=False),
    sa.Column('replaced_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_post_revisions_post_id_forum_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_post_revisions'))
    )
    with op.batch_alter_table('forum_post_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_post_revisions_post_id'), ['post_id'], unique=False)

    with op.batch_alter_table('forum_categories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('personal_policy', sa.String(length=16), server_default='warn', nullable=False))
        batch_op.add_column(sa.Column('agreement_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('locked', sa.Boolean(), server_default=sa.false(), nullable=False))

    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_SEARCH_TABLE)
        for trigger in SQLITE_SEARCH_TRIGGERS:
            op.execute(trigger)
    else:
        op.execute(PG_SEARCH_COLUMN)
        op.execute(PG_SEARCH_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("forum_search_ai", "forum_search_ad", "forum_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS forum_search_fts")
    else:
        op.execute("DROP INDEX IF EXISTS forum_search_posts_tsv")
        op.execute("ALTER TABLE forum_posts DROP COLUMN IF EXISTS forum_search_tsv")

    with op.batch_alter_table('forum_post_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_post_revisions_post_id'))

    op.drop_table('forum_post_revisions')
    with op.batch_alter_table('forum_notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_notifications_user_id')

    op.drop_table('forum_notifications')
    op.drop_table('forum_read_positions')
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_posts_tree')
        batch_op.drop_index(batch_op.f('ix_forum_posts_author_id'))

    op.drop_table('forum_posts')
    with op.batch_alter_table('forum_follows', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_follows_thread_id')

    op.drop_table('forum_follows')
    with op.batch_alter_table('forum_threads', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_threads_listing')
        batch_op.drop_index(batch_op.f('ix_forum_threads_author_id'))

    op.drop_table('forum_threads')
    with op.batch_alter_table('forum_categories', schema=None) as batch_op:
        batch_op.drop_column('locked')
        batch_op.drop_column('agreement_id')
        batch_op.drop_column('personal_policy')

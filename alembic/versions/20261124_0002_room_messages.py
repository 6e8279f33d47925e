"""room messages and room settings (realtime)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('rooms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seq', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('personal_policy', sa.String(length=16), server_default='warn', nullable=False))
        batch_op.add_column(sa.Column('retention_days', sa.Integer(), nullable=True))

    op.create_table('room_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('client_msg_id', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('crisis_level', sa.String(length=16), nullable=False),
    sa.Column('crisis_category', sa.String(length=64), nullable=True),
    sa.Column('personal_kinds', sa.String(length=200), nullable=False),
    sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('removed_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_room_messages_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['removed_by'], ['users.id'], name=op.f('fk_room_messages_removed_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_room_messages_room_id_rooms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_messages')),
    sa.UniqueConstraint('room_id', 'author_id', 'client_msg_id', name='uq_room_messages_client_msg'),
    sa.UniqueConstraint('room_id', 'seq', name='uq_room_messages_room_id_seq')
    )
    with op.batch_alter_table('room_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_room_messages_author_id'), ['author_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('room_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_room_messages_author_id'))

    op.drop_table('room_messages')
    with op.batch_alter_table('rooms', schema=None) as batch_op:
        batch_op.drop_column('retention_days')
        batch_op.drop_column('personal_policy')
        batch_op.drop_column('last_seq')

"""crisis escalations and crisis resources (US defaults seeded)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""
import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The defaults from DESIGN.md ("Crisis resources"); admins edit them later.
# Written out here rather than imported so the migration never changes when
# application code does.
VERIFIED = dt.date(2026, 11, 24)
DEFAULT_RESOURCES = [
    {
        "position": 0,
        "name": "SAMHSA National Helpline",
        "summary": "Free, confidential treatment referral and information for people facing substance use "
                   "or mental health problems, and their families. English and Spanish.",
        "hours": "24 hours a day, 365 days a year",
        "languages": ["en", "es"],
        "contacts": [
            {"kind": "call", "label": "Call 1-800-662-4357 (1-800-662-HELP)", "href": "tel:+18006624357"},
            {"kind": "tty", "label": "TTY 1-800-487-4889", "href": "tel:+18004874889"},
        ],
        "emergency": False,
    },
    {
        "position": 1,
        "name": "988 Suicide & Crisis Lifeline",
        "summary": "If you are thinking about suicide, are in crisis, or are worried about someone: "
                   "call or text 988, or chat online.",
        "hours": "24 hours a day, 7 days a week",
        "languages": [],
        "contacts": [
            {"kind": "call", "label": "Call 988", "href": "tel:988"},
            {"kind": "text", "label": "Text 988", "href": "sms:988"},
            {"kind": "chat", "label": "Chat at 988lifeline.org", "href": "https://988lifeline.org"},
        ],
        "emergency": False,
    },
    {
        "position": 2,
        "name": "Emergency services",
        "summary": "If you or someone with you is in immediate danger, has taken too much, or is not waking "
                   "up or not breathing: call 911 now.",
        "hours": "Always",
        "languages": [],
        "contacts": [{"kind": "call", "label": "Call 911", "href": "tel:911"}],
        "emergency": True,
    },
]


def upgrade() -> None:
    resources = op.create_table('crisis_resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('hours', sa.String(length=120), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('contacts', sa.JSON(), nullable=False),
    sa.Column('emergency', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('last_verified', sa.Date(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by'], ['users.id'], name=op.f('fk_crisis_resources_updated_by_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_resources'))
    )
    op.create_table('escalations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('open_key', sa.String(length=64), nullable=True),
    sa.Column('writer_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('place_kind', sa.String(length=16), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('scope_kind', sa.String(length=16), nullable=True),
    sa.Column('scope_id', sa.Integer(), nullable=True),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ack_due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('next_alert_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('realerts', sa.Integer(), nullable=False),
    sa.Column('acked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acked_by', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['acked_by'], ['users.id'], name=op.f('fk_escalations_acked_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by'], ['users.id'], name=op.f('fk_escalations_resolved_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['writer_id'], ['users.id'], name=op.f('fk_escalations_writer_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalations')),
    sa.UniqueConstraint('open_key', name=op.f('uq_escalations_open_key'))
    )
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.create_index('ix_escalations_status_next_alert_at', ['status', 'next_alert_at'], unique=False)
        batch_op.create_index('ix_escalations_status_opened_at', ['status', 'opened_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_escalations_writer_id'), ['writer_id'], unique=False)

    op.create_table('escalation_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('escalation_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=True),
    sa.Column('outcome', sa.String(length=32), nullable=True),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_escalation_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalations.id'], name=op.f('fk_escalation_events_escalation_id_escalations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalation_events'))
    )
    with op.batch_alter_table('escalation_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalation_events_escalation_id'), ['escalation_id'], unique=False)

    op.create_table('escalation_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('escalation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=True),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalations.id'], name=op.f('fk_escalation_items_escalation_id_escalations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalation_items')),
    sa.UniqueConstraint('escalation_id', 'kind', 'item_id', name=op.f('uq_escalation_items_escalation_id_kind_item_id'))
    )
    with op.batch_alter_table('escalation_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalation_items_escalation_id'), ['escalation_id'], unique=False)

    now = dt.datetime.now(dt.UTC)
    op.bulk_insert(resources, [
        {**row, "active": True, "last_verified": VERIFIED, "updated_at": now, "updated_by": None}
        for row in DEFAULT_RESOURCES
    ])


def downgrade() -> None:
    with op.batch_alter_table('escalation_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalation_items_escalation_id'))

    op.drop_table('escalation_items')
    with op.batch_alter_table('escalation_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalation_events_escalation_id'))

    op.drop_table('escalation_events')
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalations_writer_id'))
        batch_op.drop_index('ix_escalations_status_opened_at')
        batch_op.drop_index('ix_escalations_status_next_alert_at')

    op.drop_table('escalations')
    op.drop_table('crisis_resources')

"""moderation: scopes, duty, sanctions, room controls and pins, check-ins,
notes, reports, and the append-only audit log

The audit log is append-only in the database too: triggers refuse UPDATE and
DELETE (and TRUNCATE on PostgreSQL) on ``mod_audit``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_TRIGGERS = (
    "CREATE TRIGGER mod_audit_no_update BEFORE UPDATE ON mod_audit "
    "BEGIN SELECT RAISE(ABORT, 'mod_audit is append-only'); END",
    "CREATE TRIGGER mod_audit_no_delete BEFORE DELETE ON mod_audit "
    "BEGIN SELECT RAISE(ABORT, 'mod_audit is append-only'); END",
)
_PG_TRIGGERS = (
    "CREATE FUNCTION mod_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'mod_audit is append-only'; END $$",
    "CREATE TRIGGER mod_audit_no_change BEFORE UPDATE OR DELETE ON mod_audit "
    "FOR EACH ROW EXECUTE FUNCTION mod_audit_append_only()",
    "CREATE TRIGGER mod_audit_no_truncate BEFORE TRUNCATE ON mod_audit "
    "FOR EACH STATEMENT EXECUTE FUNCTION mod_audit_append_only()",
)


def _append_only_audit() -> None:
    statements = _PG_TRIGGERS if op.get_bind().dialect.name == "postgresql" else _SQLITE_TRIGGERS
    for statement in statements:
        op.execute(statement)


def _drop_append_only_audit() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS mod_audit_no_truncate ON mod_audit")
        op.execute("DROP TRIGGER IF EXISTS mod_audit_no_change ON mod_audit")
        op.execute("DROP FUNCTION IF EXISTS mod_audit_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS mod_audit_no_update")
        op.execute("DROP TRIGGER IF EXISTS mod_audit_no_delete")


def upgrade() -> None:
    op.create_table('mod_room_controls',
    sa.Column('room_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('slow_mode_seconds', sa.Integer(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('room_id', name=op.f('pk_mod_room_controls'))
    )
    op.create_table('mod_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('target_kind', sa.String(length=16), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('place_kind', sa.String(length=16), nullable=True),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('ref_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_mod_audit_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mod_audit'))
    )
    with op.batch_alter_table('mod_audit', schema=None) as batch_op:
        batch_op.create_index('ix_mod_audit_actor_id_id', ['actor_id', 'id'], unique=False)
        batch_op.create_index('ix_mod_audit_target', ['target_kind', 'target_id', 'id'], unique=False)

    op.create_table('mod_checkins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('from_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['from_id'], ['users.id'], name=op.f('fk_mod_checkins_from_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mod_checkins_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mod_checkins'))
    )
    with op.batch_alter_table('mod_checkins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mod_checkins_user_id'), ['user_id'], unique=False)

    op.create_table('mod_duty',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mod_duty_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_mod_duty'))
    )
    op.create_table('mod_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('target_kind', sa.String(length=16), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('open_key', sa.String(length=40), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('place_kind', sa.String(length=16), nullable=True),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('severity', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('filings', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('resolved_by', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('action_audit_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['claimed_by'], ['users.id'], name=op.f('fk_mod_reports_claimed_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by'], ['users.id'], name=op.f('fk_mod_reports_resolved_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['users.id'], name=op.f('fk_mod_reports_subject_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mod_reports')),
    sa.UniqueConstraint('open_key', name=op.f('uq_mod_reports_open_key'))
    )
    with op.batch_alter_table('mod_reports', schema=None) as batch_op:
        batch_op.create_index('ix_mod_reports_queue', ['status', 'severity', 'created_at'], unique=False)

    op.create_table('mod_room_pins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('pinned_by', sa.Integer(), nullable=True),
    sa.Column('pinned_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['pinned_by'], ['users.id'], name=op.f('fk_mod_room_pins_pinned_by_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mod_room_pins')),
    sa.UniqueConstraint('room_id', 'message_id', name=op.f('uq_mod_room_pins_room_id_message_id'))
    )
    op.create_table('mod_sanctions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('place_kind', sa.String(length=16), nullable=True),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('lifted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('lifted_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_mod_sanctions_created_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lifted_by'], ['users.id'], name=op.f('fk_mod_sanctions_lifted_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mod_sanctions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mod_sanctions'))
    )
    with op.batch_alter_table('mod_sanctions', schema=None) as batch_op:
        batch_op.create_index('ix_mod_sanctions_user_id_kind', ['user_id', 'kind'], unique=False)

    op.create_table('mod_scopes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('place_kind', sa.String(length=16), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mod_scopes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mod_scopes')),
    sa.UniqueConstraint('user_id', 'place_kind', 'place_id', name=op.f('uq_mod_scopes_user_id_place_kind_place_id'))
    )
    with op.batch_alter_table('mod_scopes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mod_scopes_user_id'), ['user_id'], unique=False)

    op.create_table('mod_user_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_mod_user_notes_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mod_user_notes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mod_user_notes'))
    )
    with op.batch_alter_table('mod_user_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mod_user_notes_user_id'), ['user_id'], unique=False)

    op.create_table('mod_report_filings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('target_kind', sa.String(length=16), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('text', sa.String(length=1000), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['mod_reports.id'], name=op.f('fk_mod_report_filings_report_id_mod_reports'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_mod_report_filings_reporter_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mod_report_filings')),
    sa.UniqueConstraint('reporter_id', 'target_kind', 'target_id', name=op.f('uq_mod_report_filings_reporter_id_target_kind_target_id'))
    )
    with op.batch_alter_table('mod_report_filings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mod_report_filings_report_id'), ['report_id'], unique=False)
    _append_only_audit()


def downgrade() -> None:
    _drop_append_only_audit()
    with op.batch_alter_table('mod_report_filings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mod_report_filings_report_id'))

    op.drop_table('mod_report_filings')
    with op.batch_alter_table('mod_user_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mod_user_notes_user_id'))

    op.drop_table('mod_user_notes')
    with op.batch_alter_table('mod_scopes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mod_scopes_user_id'))

    op.drop_table('mod_scopes')
    with op.batch_alter_table('mod_sanctions', schema=None) as batch_op:
        batch_op.drop_index('ix_mod_sanctions_user_id_kind')

    op.drop_table('mod_sanctions')
    op.drop_table('mod_room_pins')
    with op.batch_alter_table('mod_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_mod_reports_queue')

    op.drop_table('mod_reports')
    op.drop_table('mod_duty')
    with op.batch_alter_table('mod_checkins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mod_checkins_user_id'))

    op.drop_table('mod_checkins')
    with op.batch_alter_table('mod_audit', schema=None) as batch_op:
        batch_op.drop_index('ix_mod_audit_target')
        batch_op.drop_index('ix_mod_audit_actor_id_id')

    op.drop_table('mod_audit')
    op.drop_table('mod_room_controls')

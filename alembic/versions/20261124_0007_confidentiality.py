"""confidentiality: agreements, acceptances, retention bookkeeping, erasure holds

Adds the agreement tables (with the default agreement, version 1), the
agreement a room requires, hour-level room retention and the purge record
(counts only). Handle holds after erasure need no table: the erased account's
``users.handle_key`` holds a keyed hash until the hold ends.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Kept in step with peerhub.moderation.confidentiality.DEFAULT_AGREEMENT_TEXT
# (a migration never imports application code).
DEFAULT_TITLE = "Our confidentiality agreement"
DEFAULT_TEXT = (
    "What's said here stays here.\n\n"
    "1. Stay anonymous. Use your pseudonym; don't share your full name, phone number, e-mail, address "
    "or social-media profiles, and don't ask others for theirs.\n"
    "2. Other people's stories are theirs. Don't repeat, quote or share what someone says here "
    "outside peerhub, and don't try to find out who anyone is.\n"
    "3. No screenshots, recordings or copies of conversations.\n"
    "4. No identifying details about anyone else either: names, workplaces, meeting places.\n"
    "5. Facilitators may act on safety concerns. If someone may be in danger, trained facilitators "
    "see the message and reach out, and in an emergency they may point to crisis services. "
    "That is the one exception to confidentiality here."
)


def upgrade() -> None:
    agreements = op.create_table(
        "conf_agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name=op.f("fk_conf_agreements_updated_by_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conf_agreements")),
        sa.UniqueConstraint("slug", name=op.f("uq_conf_agreements_slug")),
    )
    op.create_table(
        "conf_acceptances",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["conf_agreements.id"],
                                name=op.f("fk_conf_acceptances_agreement_id_conf_agreements"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_conf_acceptances_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "agreement_id", name=op.f("pk_conf_acceptances")),
    )
    op.create_table(
        "conf_room_agreements",
        sa.Column("room_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["conf_agreements.id"],
                                name=op.f("fk_conf_room_agreements_agreement_id_conf_agreements"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("room_id", name=op.f("pk_conf_room_agreements")),
    )
    with op.batch_alter_table("conf_room_agreements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conf_room_agreements_agreement_id"), ["agreement_id"], unique=False)
    op.create_table(
        "conf_room_retention",
        sa.Column("room_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("keep_hours", sa.Integer(), nullable=True),
        sa.Column("days_written", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("room_id", name=op.f("pk_conf_room_retention")),
    )
    op.create_table(
        "conf_purges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.Column("revisions", sa.Integer(), nullable=False),
        sa.Column("other", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conf_purges")),
    )
    with op.batch_alter_table("conf_purges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conf_purges_at"), ["at"], unique=False)
    op.bulk_insert(agreements, [{
        "slug": "default", "title": DEFAULT_TITLE, "version": 1, "text": DEFAULT_TEXT,
        "updated_at": datetime(2026, 11, 24, tzinfo=UTC), "updated_by": None,
    }])


def downgrade() -> None:
    with op.batch_alter_table("conf_purges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conf_purges_at"))
    op.drop_table("conf_purges")
    op.drop_table("conf_room_retention")
    with op.batch_alter_table("conf_room_agreements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conf_room_agreements_agreement_id"))
    op.drop_table("conf_room_agreements")
    op.drop_table("conf_acceptances")
    op.drop_table("conf_agreements")

"""Forum tables: categories, threads, posts, edit history, follows, read
positions and notifications.

Posts form a tree inside their thread: ``parent_id`` is the post answered
(NULL for a top-level post, the opening post included), ``root_id`` the
top-level ancestor (NULL on top-level posts), so a page of top-level posts
and all their descendants is two indexed queries. ``depth`` is stored, never
computed on read.

Search indexes live outside the ORM metadata, because each database builds
its own: a FTS5 virtual table plus triggers on SQLite, a GIN expression
index on PostgreSQL (migration 0003). Their names start with
``SEARCH_PREFIX`` and ``Base.metadata.info["unmanaged_prefixes"]`` lists that
prefix, so autogenerate and the drift check leave them alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from peerhub.db import Base, UTCDateTime

SEARCH_PREFIX = "forum_search"
Base.metadata.info.setdefault("unmanaged_prefixes", set()).add(SEARCH_PREFIX)


class Category(Base):
    __tablename__ = "forum_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # What the moderation pipeline does with personal details here
    # (moderation.personal.Policy: warn / redact / block / allow).
    personal_policy: Mapped[str] = mapped_column(String(16), default="warn", server_default="warn")
    # A category that needs a confidentiality agreement before reading or
    # writing (agreements are added by the confidentiality subsystem; no
    # foreign key until that table exists).
    agreement_id: Mapped[int | None] = mapped_column(default=None)
    # Locked: readable, but no new threads or replies.
    locked: Mapped[bool] = mapped_column(default=False, server_default=false())


class Thread(Base):
    __tablename__ = "forum_threads"
    __table_args__ = (
        # The category page order: pinned first, then by last activity (keyset).
        Index("ix_forum_threads_listing", "category_id", "pinned", "last_activity_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("forum_categories.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # When the newest post was written (edits do not count).
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Posts other than the opening one, not counting removed ones.
    reply_count: Mapped[int] = mapped_column(default=0)
    # Highest post id in the thread: read positions and unread counts compare with it.
    last_post_id: Mapped[int] = mapped_column(default=0)
    pinned: Mapped[bool] = mapped_column(default=False)
    locked: Mapped[bool] = mapped_column(default=False)
    # A deleted thread is gone for everyone but staff: 404, like one that never existed.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class Post(Base):
    __tablename__ = "forum_posts"
    __table_args__ = (Index("ix_forum_posts_tree", "thread_id", "root_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("forum_threads.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("forum_posts.id"), default=None)
    root_id: Mapped[int | None] = mapped_column(default=None)
    # The post the writer pressed "reply" on; differs from parent_id when the
    # depth cap re-attached the reply higher up.
    reply_to_id: Mapped[int | None] = mapped_column(default=None)
    depth: Mapped[int] = mapped_column(default=0)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The thread title on the opening post, "" elsewhere: titles and bodies
    # are indexed for search from this one row.
    title: Mapped[str] = mapped_column(String(200), default="")
    body_source: Mapped[str] = mapped_column(Text)
    # Sanitised HTML rendered from body_source at write time (served as is).
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    edit_count: Mapped[int] = mapped_column(default=0)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # Set when a facilitator removed the post (moderation's "post" content
    # provider); the text is kept so it can be restored and staff still see it.
    # ``removed_by`` has no foreign key on purpose: adding one would rebuild the
    # table on SQLite (and drop its search triggers); the audit log names the actor.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    removed_by: Mapped[int | None] = mapped_column(default=None)
    # Moderation annotations, computed once at write time (pipeline.Annotations).
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    crisis_level: Mapped[str] = mapped_column(String(16), default="none")
    crisis_category: Mapped[str | None] = mapped_column(String(32), default=None)
    personal_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)


class PostRevision(Base):
    """An earlier version of a post, kept on edit and on author delete (staff-only)."""

    __tablename__ = "forum_post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_posts.id", ondelete="CASCADE"), index=True)
    # "edit" (replaced by a newer version) or "delete" (removed by its author).
    reason: Mapped[str] = mapped_column(String(16))
    body_source: Mapped[str] = mapped_column(Text)
    # When this version was replaced.
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Follow(Base):
    """Whether a person follows a thread. An explicit unfollow is kept as
    ``following=False`` so that replying again does not re-follow."""

    __tablename__ = "forum_follows"
    __table_args__ = (Index("ix_forum_follows_thread_id", "thread_id", "following"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("forum_threads.id", ondelete="CASCADE"), primary_key=True)
    following: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReadPosition(Base):
    """The highest post id a person has read in a thread (only moves forward)."""

    __tablename__ = "forum_read_positions"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("forum_threads.id", ondelete="CASCADE"), primary_key=True)
    last_read_post_id: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Notification(Base):
    """A new post someone should hear about: a reply to their post, or a post
    in a thread they follow."""

    __tablename__ = "forum_notifications"
    __table_args__ = (Index("ix_forum_notifications_user_id", "user_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # "reply" (to one of your posts) or "followed_thread".
    kind: Mapped[str] = mapped_column(String(16))
    thread_id: Mapped[int] = mapped_column(ForeignKey("forum_threads.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_posts.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


def annotations_json(post: Post) -> dict[str, Any]:
    """The stored moderation annotations of a post (for staff views and filters)."""
    return {
        "topics": list(post.topics or []),
        "crisis_level": post.crisis_level,
        "crisis_category": post.crisis_category,
        "personal": list(post.personal_kinds or []),
    }

"""Forum queries for trigger filters: what ``moderation.filters`` decides on
for thread titles and the unread counts (notifications, threads). SQL only, like
``store``; each function is one statement whatever the page holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.forum.models import Notification, Post, ReadPosition, Thread


@dataclass(frozen=True, slots=True)
class OpeningFacts:
    """A thread's opening post as trigger filters see it (the title's
    annotations were merged into its topics at write time)."""

    post_id: int
    author_id: int
    topics: list[str]
    body_source: str


async def get_opening_facts(session: AsyncSession, thread_ids: Sequence[int]) -> dict[int, OpeningFacts]:
    """``{thread id: OpeningFacts}``; the opening post is a thread's lowest post id."""
    if not thread_ids:
        return {}
    first = select(func.min(Post.id)).where(Post.thread_id.in_(list(thread_ids))).group_by(Post.thread_id)
    result = await session.execute(
        select(Post.thread_id, Post.id, Post.author_id, Post.topics, Post.body_source).where(Post.id.in_(first)))
    return {int(tid): OpeningFacts(int(pid), int(author), list(topics or []), body)
            for tid, pid, author, topics, body in result.all()}


async def list_unread_notification_facts(
    session: AsyncSession, user_id: int, limit: int
) -> list[tuple[int, list[str], str]]:
    """The newest ``limit`` unread notifications counted by ``store.count_unread_notifications``,
    as ``(post author, post topics, post body)``."""
    result = await session.execute(
        select(Post.author_id, Post.topics, Post.body_source)
        .select_from(Notification)
        .join(Thread, Thread.id == Notification.thread_id)
        .join(Post, Post.id == Notification.post_id)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None), Thread.deleted_at.is_(None),
               Post.deleted_at.is_(None), Post.removed_at.is_(None))
        .order_by(Notification.id.desc())
        .limit(limit)
    )
    return [(int(a), list(t or []), b) for a, t, b in result.all()]


@dataclass(frozen=True, slots=True)
class UnreadFacts:
    """An unread post as trigger filters see it."""

    post_id: int
    thread_id: int
    author_id: int
    topics: list[str]
    body_source: str


async def list_unread_post_facts(
    session: AsyncSession, user_id: int, thread_ids: Sequence[int], per_thread: int
) -> list[UnreadFacts]:
    """The newest ``per_thread`` posts of each thread counted by
    ``store.unread_counts`` (after the read position, live: not removed by
    their author or a facilitator, not the viewer's own)."""
    if not thread_ids:
        return []
    read = select(ReadPosition).where(ReadPosition.user_id == user_id).subquery()
    newest = func.row_number().over(partition_by=Post.thread_id, order_by=Post.id.desc()).label("n")
    unread = (
        select(Post.id, Post.thread_id, Post.author_id, Post.topics, Post.body_source, newest)
        .outerjoin(read, read.c.thread_id == Post.thread_id)
        .where(
            Post.thread_id.in_(list(thread_ids)),
            Post.deleted_at.is_(None),
            Post.removed_at.is_(None),
            Post.author_id != user_id,
            Post.id > func.coalesce(read.c.last_read_post_id, 0),
        )
        .subquery()
    )
    result = await session.execute(
        select(unread.c.id, unread.c.thread_id, unread.c.author_id, unread.c.topics, unread.c.body_source)
        .where(unread.c.n <= per_thread))
    return [UnreadFacts(int(pid), int(tid), int(author), list(topics or []), body)
            for pid, tid, author, topics, body in result.all()]

"""SQL for the forum. Takes the session; never commits.

Every list function returns whole pages in a fixed number of statements,
whatever the page holds: author handles are joined in, counts are grouped,
so no read does a query per post or per thread. Search lives in
``forum.search`` (one interface, one implementation per database).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.models import User
from peerhub.forum.models import Category, Follow, Notification, Post, PostRevision, ReadPosition, Thread


@dataclass(frozen=True, slots=True)
class PostRow:
    """A post as read for display: plain columns, no ORM identity (a 500-post
    page builds in a fraction of the time ORM instances take)."""

    id: int
    thread_id: int
    parent_id: int | None
    root_id: int | None
    reply_to_id: int | None
    depth: int
    author_id: int
    body_source: str
    body_html: str
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    topics: list[str]
    author_handle: str
    removed_at: datetime | None = None


_POST_ROW_COLUMNS = (
    Post.id, Post.thread_id, Post.parent_id, Post.root_id, Post.reply_to_id, Post.depth, Post.author_id,
    Post.body_source, Post.body_html, Post.created_at, Post.edited_at, Post.deleted_at, Post.topics, User.handle,
    Post.removed_at,
)


@dataclass(frozen=True, slots=True)
class ThreadKey:
    """A position in the category order (pinned first, newest activity first, id)."""

    pinned: bool
    last_activity_at: datetime
    id: int


def _insert(session: AsyncSession, table: type[Follow] | type[ReadPosition]) -> postgresql.Insert | sqlite.Insert:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


# Categories


async def list_categories(session: AsyncSession) -> list[tuple[Category, int]]:
    """Every category in display order, with its count of live threads."""
    counts = (
        select(Thread.category_id, func.count().label("n"))
        .where(Thread.deleted_at.is_(None))
        .group_by(Thread.category_id)
        .subquery()
    )
    result = await session.execute(
        select(Category, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.category_id == Category.id)
        .order_by(Category.position, Category.id)
    )
    return [(row[0], int(row[1])) for row in result]


async def get_category(session: AsyncSession, category_id: int) -> Category | None:
    return await session.get(Category, category_id)


async def get_category_by_slug(session: AsyncSession, slug: str) -> Category | None:
    result = await session.execute(select(Category).where(Category.slug == slug))
    return result.scalar_one_or_none()


async def add_category(session: AsyncSession, category: Category) -> Category:
    session.add(category)
    await session.flush()
    return category


# Threads


async def get_thread(session: AsyncSession, thread_id: int) -> Thread | None:
    return await session.get(Thread, thread_id, populate_existing=True)


async def get_thread_with_category(session: AsyncSession, thread_id: int) -> tuple[Thread, Category] | None:
    result = await session.execute(
        select(Thread, Category).join(Category, Category.id == Thread.category_id).where(Thread.id == thread_id)
    )
    row = result.first()
    return None if row is None else (row[0], row[1])


async def add_thread(session: AsyncSession, thread: Thread) -> Thread:
    session.add(thread)
    await session.flush()
    return thread


def _thread_listing(category_id: int) -> Select[Thread, str]:
    return (
        select(Thread, User.handle)
        .join(User, User.id == Thread.author_id)
        .where(Thread.category_id == category_id, Thread.deleted_at.is_(None))
    )


async def list_threads(
    session: AsyncSession, category_id: int, after: ThreadKey | None, limit: int
) -> list[tuple[Thread, str]]:
    """One keyset page: pinned first, then newest activity, ties broken by id (descending)."""
    stmt = _thread_listing(category_id)
    if after is not None:
        later = or_(
            Thread.last_activity_at < after.last_activity_at,
            and_(Thread.last_activity_at == after.last_activity_at, Thread.id < after.id),
        )
        if after.pinned:
            stmt = stmt.where(or_(Thread.pinned.is_(False), and_(Thread.pinned.is_(True), later)))
        else:
            stmt = stmt.where(Thread.pinned.is_(False), later)
    stmt = stmt.order_by(Thread.pinned.desc(), Thread.last_activity_at.desc(), Thread.id.desc()).limit(limit)
    return [(row[0], row[1]) for row in await session.execute(stmt)]


async def unread_counts(session: AsyncSession, user_id: int, thread_ids: Sequence[int]) -> dict[int, int]:
    """Live posts after the viewer's read position, per thread (absent means 0):
    not the viewer's own, not removed by their author or a facilitator (as
    ``count_unread_notifications`` counts)."""
    if not thread_ids:
        return {}
    read = select(ReadPosition).where(ReadPosition.user_id == user_id).subquery()
    stmt = (
        select(Post.thread_id, func.count())
        .outerjoin(read, read.c.thread_id == Post.thread_id)
        .where(
            Post.thread_id.in_(thread_ids),
            Post.deleted_at.is_(None),
            Post.removed_at.is_(None),
            Post.author_id != user_id,
            Post.id > func.coalesce(read.c.last_read_post_id, 0),
        )
        .group_by(Post.thread_id)
    )
    return {int(tid): int(n) for tid, n in await session.execute(stmt)}


async def bump_thread(session: AsyncSession, thread_id: int, post_id: int, when: datetime) -> None:
    """Count a new reply atomically (concurrent replies on PostgreSQL never lose one)."""
    await session.execute(
        update(Thread)
        .where(Thread.id == thread_id)
        .values(
            reply_count=Thread.reply_count + 1,
            last_activity_at=when,
            last_post_id=case((Thread.last_post_id < post_id, post_id), else_=Thread.last_post_id),
        )
    )


async def drop_reply(session: AsyncSession, thread_id: int) -> None:
    await session.execute(
        update(Thread).where(Thread.id == thread_id, Thread.reply_count > 0).values(reply_count=Thread.reply_count - 1)
    )


async def get_author_handle(session: AsyncSession, user_id: int) -> str:
    result = await session.execute(select(User.handle).where(User.id == user_id))
    return result.scalar_one_or_none() or ""


# Posts


async def add_post(session: AsyncSession, post: Post) -> Post:
    session.add(post)
    await session.flush()
    return post


async def get_post(session: AsyncSession, post_id: int) -> Post | None:
    return await session.get(Post, post_id, populate_existing=True)


def _post_rows() -> Select[*tuple[Any, ...]]:
    return select(*_POST_ROW_COLUMNS).join(User, User.id == Post.author_id)


async def list_top_level(session: AsyncSession, thread_id: int, after_id: int, limit: int) -> list[PostRow]:
    """Top-level posts (the opening post first) after ``after_id``, oldest first."""
    stmt = (
        _post_rows()
        .where(Post.thread_id == thread_id, Post.root_id.is_(None), Post.id > after_id)
        .order_by(Post.id)
        .limit(limit)
    )
    return [PostRow(*row) for row in await session.execute(stmt)]


async def list_descendants(session: AsyncSession, thread_id: int, root_ids: Sequence[int]) -> list[PostRow]:
    """Every reply below the given top-level posts, in id order."""
    if not root_ids:
        return []
    stmt = _post_rows().where(Post.thread_id == thread_id, Post.root_id.in_(root_ids)).order_by(Post.id)
    return [PostRow(*row) for row in await session.execute(stmt)]


async def get_post_facts(session: AsyncSession, post_ids: Sequence[int]) -> dict[int, tuple[int, list[str]]]:
    """``{post id: (author id, stored topic ids)}``: what trigger filters decide on."""
    if not post_ids:
        return {}
    result = await session.execute(select(Post.id, Post.author_id, Post.topics).where(Post.id.in_(list(post_ids))))
    return {int(pid): (int(author), list(topics or [])) for pid, author, topics in result.all()}


async def count_live_posts(session: AsyncSession, thread_id: int) -> int:
    result = await session.execute(
        select(func.count()).select_from(Post).where(Post.thread_id == thread_id, Post.deleted_at.is_(None))
    )
    return int(result.scalar_one())


async def add_revision(session: AsyncSession, revision: PostRevision) -> None:
    session.add(revision)
    await session.flush()


async def list_revisions(session: AsyncSession, post_id: int) -> list[PostRevision]:
    result = await session.execute(
        select(PostRevision).where(PostRevision.post_id == post_id).order_by(PostRevision.id)
    )
    return list(result.scalars())


# Follows and read positions


async def follow_if_new(session: AsyncSession, user_id: int, thread_id: int, when: datetime) -> None:
    """Follow unless a follow row exists (an explicit unfollow is respected)."""
    stmt = _insert(session, Follow).values(user_id=user_id, thread_id=thread_id, following=True, updated_at=when)
    await session.execute(stmt.on_conflict_do_nothing(index_elements=["user_id", "thread_id"]))


async def set_follow(session: AsyncSession, user_id: int, thread_id: int, following: bool, when: datetime) -> None:
    stmt = _insert(session, Follow).values(user_id=user_id, thread_id=thread_id, following=following, updated_at=when)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["user_id", "thread_id"], set_={"following": following, "updated_at": when}
        )
    )


async def list_follower_ids(session: AsyncSession, thread_id: int) -> list[int]:
    result = await session.execute(
        select(Follow.user_id).where(Follow.thread_id == thread_id, Follow.following.is_(True)).order_by(Follow.user_id)
    )
    return [int(uid) for uid in result.scalars()]


@dataclass(frozen=True, slots=True)
class ViewerThreadState:
    following: bool
    read_position: int
    author_handle: str


async def get_viewer_thread_state(session: AsyncSession, user_id: int, thread: Thread) -> ViewerThreadState:
    """Whether the person follows the thread, their read position and the
    thread author's handle, in one statement."""
    following = (
        select(Follow.following)
        .where(Follow.user_id == user_id, Follow.thread_id == thread.id)
        .scalar_subquery()
    )
    read = (
        select(ReadPosition.last_read_post_id)
        .where(ReadPosition.user_id == user_id, ReadPosition.thread_id == thread.id)
        .scalar_subquery()
    )
    author = select(User.handle).where(User.id == thread.author_id).scalar_subquery()
    row = (await session.execute(select(following, read, author))).one()
    return ViewerThreadState(bool(row[0]), int(row[1] or 0), str(row[2] or ""))


async def advance_read_position(
    session: AsyncSession, user_id: int, thread_id: int, post_id: int, when: datetime
) -> None:
    """Move the read position forward to ``post_id``; never backwards."""
    stmt = _insert(session, ReadPosition).values(
        user_id=user_id, thread_id=thread_id, last_read_post_id=post_id, updated_at=when
    )
    current = ReadPosition.__table__.c.last_read_post_id
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["user_id", "thread_id"],
            set_={
                "last_read_post_id": case(
                    (stmt.excluded.last_read_post_id > current, stmt.excluded.last_read_post_id), else_=current
                ),
                "updated_at": when,
            },
        )
    )


# Notifications


async def add_notifications(session: AsyncSession, rows: Sequence[Notification]) -> None:
    session.add_all(rows)
    await session.flush()


async def list_notifications(
    session: AsyncSession, user_id: int, before_id: int | None, limit: int
) -> list[tuple[Notification, Thread, Post, str]]:
    """Newest first; notifications about removed posts (by author or facilitator) or deleted threads are left out."""
    stmt = (
        select(Notification, Thread, Post, User.handle)
        .join(Thread, Thread.id == Notification.thread_id)
        .join(Post, Post.id == Notification.post_id)
        .join(User, User.id == Post.author_id)
        .where(Notification.user_id == user_id, Thread.deleted_at.is_(None), Post.deleted_at.is_(None),
               Post.removed_at.is_(None))
    )
    if before_id is not None:
        stmt = stmt.where(Notification.id < before_id)
    stmt = stmt.order_by(Notification.id.desc()).limit(limit)
    return [(row[0], row[1], row[2], row[3]) for row in await session.execute(stmt)]


async def count_unread_notifications(session: AsyncSession, user_id: int) -> int:
    result = await session.execute(
        select(func.count())
        .select_from(Notification)
        .join(Thread, Thread.id == Notification.thread_id)
        .join(Post, Post.id == Notification.post_id)
        .where(
            Notification.user_id == user_id,
            Notification.read_at.is_(None),
            Thread.deleted_at.is_(None),
            Post.deleted_at.is_(None),
            Post.removed_at.is_(None),
        )
    )
    return int(result.scalar_one())


async def mark_notifications_read(session: AsyncSession, user_id: int, up_to_id: int, when: datetime) -> None:
    await session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.id <= up_to_id, Notification.read_at.is_(None))
        .values(read_at=when)
    )


async def get_post_with_handle(session: AsyncSession, post_id: int) -> tuple[Post, Thread, str] | None:
    """A post, its thread and its author's handle (moderation's content provider)."""
    result = await session.execute(
        select(Post, Thread, User.handle)
        .join(Thread, Thread.id == Post.thread_id)
        .join(User, User.id == Post.author_id)
        .where(Post.id == post_id)
        .execution_options(populate_existing=True)
    )
    row = result.first()
    return None if row is None else (row[0], row[1], row[2])


async def list_neighbour_posts(session: AsyncSession, thread_id: int, post_id: int, count: int) -> tuple[
        list[PostRow], list[PostRow]]:
    """Up to ``count`` posts of the thread before and after ``post_id`` (id order)."""
    before = [PostRow(*row) for row in await session.execute(
        _post_rows().where(Post.thread_id == thread_id, Post.id < post_id).order_by(Post.id.desc()).limit(count))]
    after = [PostRow(*row) for row in await session.execute(
        _post_rows().where(Post.thread_id == thread_id, Post.id > post_id).order_by(Post.id).limit(count))]
    before.reverse()
    return before, after


async def set_post_moderated(session: AsyncSession, post_id: int, by: int | None, when: datetime | None) -> None:
    """A facilitator's removal (``when`` set) or restore (``when`` None); the text is kept."""
    await session.execute(update(Post).where(Post.id == post_id).values(removed_at=when, removed_by=by))

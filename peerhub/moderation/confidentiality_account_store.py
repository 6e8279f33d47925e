"""SQL for export and erasure. Takes the session; never commits.

"Rows keyed to a person" are found from the metadata: every table with a
``user_id`` column referencing ``users.id``. Erasure deletes them all except
``KEEP_BY_USER_ID`` (records *about* the person that safety needs); export
lists them all except ``PRIVATE_BY_USER_ID`` (secrets and staff records). A
table added later (per-user filters, say) is covered without a change here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, and_, delete, exists, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.models import User
from peerhub.db import Base
from peerhub.moderation.confidentiality_store import messages, posts, revisions, rooms, threads
from peerhub.moderation.models import CheckIn, ReportFiling, RoomPin, UserNote

# Kept on erasure: sanctions (a ban outlives the account) and facilitators'
# notes about the person (the recent ones; see ``delete_old_notes_about``).
KEEP_BY_USER_ID = frozenset({"mod_sanctions", "mod_user_notes"})
# Not exported: secrets (hashed tokens and codes), staff-only records, and
# staff bookkeeping that is not the person's own setting.
PRIVATE_BY_USER_ID = frozenset({
    "auth_sessions", "recovery_codes", "mod_sanctions", "mod_user_notes", "mod_duty", "mod_scopes",
    "forum_notifications",
})
# The placeholder an erased person's post keeps when others replied under it.
DELETED = "[deleted]"
DELETED_HTML = "<p>[deleted]</p>"
# Erased handles show as this in the audit log and on kept placeholders.
ERASED_HANDLE = "[deleted]"


def user_keyed_tables() -> list[Table]:
    """Every table with a ``user_id`` column referencing ``users.id``."""
    found = []
    for t in Base.metadata.sorted_tables:
        col = t.c.get("user_id")
        if col is not None and any(fk.column.table.name == "users" for fk in col.foreign_keys):
            found.append(t)
    return found


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


# --- export -------------------------------------------------------------------------


async def export_settings(session: AsyncSession, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Rows of every person-keyed table that is theirs to see, without the ``user_id``."""
    out: dict[str, list[dict[str, Any]]] = {}
    for t in user_keyed_tables():
        if t.name in PRIVATE_BY_USER_ID:
            continue
        rows = (await session.execute(select(t).where(t.c.user_id == user_id))).mappings().all()
        out[t.name] = [{k: _plain(v) for k, v in r.items() if k != "user_id"} for r in rows]
    return out


async def export_messages(session: AsyncSession, user_id: int) -> list[dict[str, Any]]:
    result = await session.execute(
        select(rooms.c.slug, messages.c.seq, messages.c.text, messages.c.created_at, messages.c.removed_at)
        .join(rooms, rooms.c.id == messages.c.room_id)
        .where(messages.c.author_id == user_id)
        .order_by(messages.c.id)
    )
    return [{"room": r.slug, "seq": r.seq, "text": r.text, "ts": _plain(r.created_at),
             "removed": r.removed_at is not None} for r in result]


async def export_posts(session: AsyncSession, user_id: int) -> list[dict[str, Any]]:
    result = await session.execute(
        select(posts.c.id, posts.c.thread_id, posts.c.parent_id, posts.c.title, posts.c.body_source,
               posts.c.created_at, posts.c.edited_at, posts.c.deleted_at, threads.c.title.label("thread_title"))
        .join(threads, threads.c.id == posts.c.thread_id)
        .where(posts.c.author_id == user_id)
        .order_by(posts.c.id)
    )
    return [{"id": r.id, "thread_id": r.thread_id, "thread_title": r.thread_title, "parent_id": r.parent_id,
             "title": r.title, "body": r.body_source, "created_at": _plain(r.created_at),
             "edited_at": _plain(r.edited_at), "deleted": r.deleted_at is not None} for r in result]


async def export_reports(session: AsyncSession, user_id: int) -> list[dict[str, Any]]:
    result = await session.execute(
        select(ReportFiling).where(ReportFiling.reporter_id == user_id).order_by(ReportFiling.id)
    )
    return [{"target_kind": f.target_kind, "target_id": f.target_id, "reason": f.reason, "text": f.text,
             "created_at": _plain(f.created_at)} for f in result.scalars()]


# --- erasure -------------------------------------------------------------------------


async def delete_user_messages(session: AsyncSession, user_id: int) -> list[tuple[int, str, int]]:
    """Delete every chat line ``user_id`` wrote; returns (room id, slug, seq) of each."""
    found = [(int(i), int(r), str(s), int(q)) for i, r, s, q in (await session.execute(
        select(messages.c.id, messages.c.room_id, rooms.c.slug, messages.c.seq)
        .join(rooms, rooms.c.id == messages.c.room_id)
        .where(messages.c.author_id == user_id)
    )).all()]
    ids = [f[0] for f in found]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        await session.execute(delete(RoomPin).where(RoomPin.message_id.in_(chunk)))
        await session.execute(delete(messages).where(messages.c.id.in_(chunk)))
    return [(r, s, q) for _, r, s, q in found]


async def erase_user_posts(session: AsyncSession, user_id: int, now: datetime) -> tuple[int, set[int]]:
    """Delete ``user_id``'s posts; one with replies under it keeps its place as
    "[deleted]". Returns (posts deleted or blanked, thread ids touched)."""
    thread_ids = {int(t) for t in (await session.execute(
        select(posts.c.thread_id).where(posts.c.author_id == user_id).distinct()
    )).scalars()}
    child, other = posts.alias("child"), posts.alias("other")
    # A post with replies under it, or a thread's opening post while the thread
    # has other posts, keeps its place.
    first_in_thread = select(func.min(other.c.id)).where(other.c.thread_id == posts.c.thread_id).scalar_subquery()
    has_others = exists().where(other.c.thread_id == posts.c.thread_id, other.c.id != posts.c.id)
    anchored = exists().where(child.c.parent_id == posts.c.id) | ((posts.c.id == first_in_thread) & has_others)
    count = 0
    while True:  # leaves first: a post whose only replies were theirs goes too
        result = await session.execute(delete(posts).where(posts.c.author_id == user_id, ~anchored))
        gone = int(result.rowcount)  # type: ignore[attr-defined]
        count += gone
        if gone == 0:
            break
    kept = [int(i) for i in (await session.execute(
        select(posts.c.id).where(posts.c.author_id == user_id)
    )).scalars()]
    if kept:
        await session.execute(delete(revisions).where(revisions.c.post_id.in_(kept)))
        await session.execute(
            update(posts).where(posts.c.id.in_(kept)).values(
                title="", body_source=DELETED, body_html=DELETED_HTML, topics=[], personal_kinds=[],
                crisis_level="none", deleted_at=func.coalesce(posts.c.deleted_at, now),
            )
        )
    count += len(kept)
    if thread_ids:
        await session.execute(
            update(posts).where(posts.c.thread_id.in_(thread_ids), posts.c.reply_to_id.is_not(None),
                                ~exists().where(child.c.id == posts.c.reply_to_id))
            .values(reply_to_id=None)
        )
    return count, thread_ids


async def tidy_threads(session: AsyncSession, user_id: int, thread_ids: set[int]) -> None:
    """After erasing posts: threads left without posts go; kept threads the person
    opened lose their title; reply counts and newest-post ids are recounted."""
    ids = sorted(thread_ids | {int(t) for t in (await session.execute(
        select(threads.c.id).where(threads.c.author_id == user_id)
    )).scalars()})
    if not ids:
        return
    any_post = exists().where(posts.c.thread_id == threads.c.id)
    await session.execute(delete(threads).where(threads.c.id.in_(ids), ~any_post))
    await session.execute(update(threads).where(threads.c.id.in_(ids), threads.c.author_id == user_id)
                          .values(title=DELETED))
    live_replies = (select(func.count()).where(posts.c.thread_id == threads.c.id, posts.c.parent_id.is_not(None),
                                               posts.c.deleted_at.is_(None)).scalar_subquery())
    newest = select(func.coalesce(func.max(posts.c.id), 0)).where(posts.c.thread_id == threads.c.id).scalar_subquery()
    await session.execute(update(threads).where(threads.c.id.in_(ids))
                          .values(reply_count=live_replies, last_post_id=newest))


async def forget_user_writing(session: AsyncSession, user_id: int, notes_before: datetime) -> None:
    """Report filings keep their reason code, not the person's words; check-ins
    they wrote go; notes about them older than ``notes_before`` go; notes they
    wrote as a facilitator stay, unsigned."""
    await session.execute(update(ReportFiling).where(ReportFiling.reporter_id == user_id).values(text=None))
    await session.execute(delete(CheckIn).where(CheckIn.from_id == user_id))
    await session.execute(delete(UserNote).where(UserNote.user_id == user_id, UserNote.created_at < notes_before))
    await session.execute(update(UserNote).where(UserNote.author_id == user_id).values(author_id=None))


async def delete_user_keyed_rows(session: AsyncSession, user_id: int) -> int:
    total = 0
    for t in user_keyed_tables():
        if t.name not in KEEP_BY_USER_ID:
            result = await session.execute(delete(t).where(t.c.user_id == user_id))
            total += int(result.rowcount)  # type: ignore[attr-defined]
    return total


async def blank_account(session: AsyncSession, user_id: int, held_key: str, now: datetime) -> None:
    """The account row keeps its id (the audit log points at it) and the handle
    hold; nothing else that names or authenticates the person."""
    await session.execute(update(User).where(User.id == user_id).values(
        handle=ERASED_HANDLE, handle_key=held_key, password_hash=None, role="member", created_at=now, erased_at=now,
    ))


async def release_handle_holds(session: AsyncSession, erased_before: datetime) -> int:
    result = await session.execute(
        update(User).where(and_(User.erased_at.is_not(None), User.erased_at < erased_before,
                                User.handle_key.is_not(None))).values(handle_key=None)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def optimize_search_index(session: AsyncSession) -> None:
    """SQLite FTS5 keeps deleted terms in old segments until they merge; merge now.
    (PostgreSQL's generated tsvector column changes with the row.)"""
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(text("INSERT INTO forum_search_fts(forum_search_fts) VALUES ('optimize')"))


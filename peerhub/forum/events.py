"""Forum events, published on the broker after the writing transaction committed.

Channels and payloads (documented in docs/protocol.md, "Forum frames"):

- ``thread:<id>``: ``{"type": "forum", "event": "post_created" | "post_edited" |
  "post_removed" | "post_restored", "thread_id", "post": {...}, "topics":
  [...], "source": "...", "title": {...}}`` for the sockets watching the
  thread (``post_event``). ``post`` is the public form (no viewer-specific
  fields). Server-only, for each recipient's trigger filters (the hub strips
  them before sending): ``topics`` (the stored topic ids), ``source`` (the
  Markdown the read path scans for custom words) and, for a thread's opening
  post, ``title``: ``{author_id, topics, text}``, the title and opening post
  as the one item the read path decides the title on (``present.thread_item``),
  so a title a watcher hides hides the opening post live as in the thread view.
- ``user:<id>``: ``{"type": "forum", "event": "notification", "notification":
  {...}}`` for each person notified (never the writer), built per recipient:
  nobody is told about a post their filters hide, and a thread title they
  hide or collapse is named as in thread lists (``present.filtered_title``).

A failed publish is logged (ids only) and swallowed: the post is stored and
clients catch up by reloading the thread or ``/api/me/notifications``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from peerhub.context import AppContext
from peerhub.forum import store_filters
from peerhub.forum.models import Notification, Post, Thread
from peerhub.forum.present import decision_pair, filtered_title, iso, present_post_public, thread_item
from peerhub.forum.store_filters import OpeningFacts
from peerhub.moderation.filters import Decision
from peerhub.moderation.filters_service import decide_each

log = logging.getLogger("peerhub.forum")


def thread_channel(thread_id: int) -> str:
    return f"thread:{thread_id}"


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"


def notification_json(note: Notification, thread_title: str, author_handle: str,
                      thread_filter: dict[str, Any] | None = None) -> dict[str, Any]:
    """``thread_title`` and ``thread_filter`` as ``present.filtered_title``
    gives them for the recipient (the marker only when their filters apply)."""
    data: dict[str, Any] = {
        "id": note.id,
        "kind": note.kind,
        "thread_id": note.thread_id,
        "thread_title": thread_title,
        "post_id": note.post_id,
        "author": {"handle": author_handle},
        "created_at": iso(note.created_at),
        "read": note.read_at is not None,
    }
    if thread_filter is not None:
        data["thread_filter"] = thread_filter
    return data


async def _publish(ctx: AppContext, channel: str, event: dict[str, Any]) -> None:
    try:
        await ctx.broker.publish(channel, event)
    except Exception as exc:  # the post is stored; a lost event is caught up by reloading
        log.warning("forum.publish_failed", extra={"fields": {"channel": channel.split(":")[0],
                                                              "error": type(exc).__name__}})


def post_event(kind: str, thread: Thread, post: Post, author_handle: str) -> dict[str, Any]:
    """The ``thread:<id>`` event for ``post`` (see the module docstring). A
    removed post (by its author or a facilitator) is the same placeholder for
    everyone: no filter facts, no text."""
    public = present_post_public(post, author_handle)
    event: dict[str, Any] = {"type": "forum", "event": kind, "thread_id": thread.id, "post": public, "topics": []}
    if public["removed"] is not None:
        return event
    topics = list(post.topics or [])
    event.update(topics=topics, source=post.body_source)
    if post.parent_id is None and post.title != "":  # the opening post (as service.do_delete_post tells it)
        author_id, title_topics, text = thread_item(thread.title, OpeningFacts(post.id, post.author_id, topics,
                                                                               post.body_source))
        event["title"] = {"author_id": author_id, "topics": title_topics, "text": text}
    return event


async def _decide(
    ctx: AppContext, thread: Thread, post: Post, notifications: Sequence[Notification]
) -> dict[int, list[Decision]] | None:
    """Each recipient with filters -> ``[decision on the post, decision on the
    thread title]`` (title and opening post as one item, as the read path
    decides it); None if that cannot be known (then nobody is told: a missed
    notification is the lesser harm)."""
    if not notifications:
        return {}
    try:
        async with ctx.db.read() as session:
            opening = (await store_filters.get_opening_facts(session, [thread.id])).get(thread.id)
        items: list[tuple[int, Sequence[str], str]] = [(post.author_id, post.topics or [], post.body_source)]
        if opening is not None:
            items.append(thread_item(thread.title, opening))
        return await decide_each(ctx, [n.user_id for n in notifications], items)
    except Exception as exc:
        log.warning("forum.filter_check_failed", extra={"fields": {"error": type(exc).__name__}})
        return None


async def publish_post_created(
    ctx: AppContext, thread: Thread, post: Post, author_handle: str, notifications: Sequence[Notification]
) -> None:
    await _publish(ctx, thread_channel(thread.id), post_event("post_created", thread, post, author_handle))
    # Trigger filters: someone who hides this post is not told about it; the
    # thread title follows their filters as in thread lists.
    decided = await _decide(ctx, thread, post, notifications)
    if decided is None:
        return
    for note in notifications:
        mine = decided.get(note.user_id, [])  # [on the post, on the title]; [] without filters
        if mine and mine[0].hidden:
            continue
        title, marker = filtered_title(thread.title, decision_pair(mine[1]) if len(mine) > 1 else None)
        await _publish(
            ctx,
            user_channel(note.user_id),
            {"type": "forum", "event": "notification",
             "notification": notification_json(note, title, author_handle, marker)},
        )


async def publish_post_changed(ctx: AppContext, kind: str, thread: Thread, post: Post, author_handle: str) -> None:
    await _publish(ctx, thread_channel(thread.id), post_event(kind, thread, post, author_handle))

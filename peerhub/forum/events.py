"""Forum events, published on the broker after the writing transaction committed.

Channels and payloads (documented in docs/protocol.md, "Forum frames"):

- ``thread:<id>``: ``{"type": "forum", "event": "post_created" | "post_edited" |
  "post_removed", "thread_id", "post": {...}, "topics": [...]}`` for the
  sockets watching the thread. ``post`` is the public form (no viewer-specific
  fields); ``topics`` are the stored topic ids, so the hub can apply each
  recipient's trigger filters without rescanning, and must strip before sending.
- ``user:<id>``: ``{"type": "forum", "event": "notification", "notification":
  {...}}`` for each person notified (never the writer).

A failed publish is logged (ids only) and swallowed: the post is stored and
clients catch up by reloading the thread or ``/api/me/notifications``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from peerhub.context import AppContext
from peerhub.forum.models import Notification, Post, Thread
from peerhub.forum.present import iso, present_post_public
from peerhub.moderation.filters_service import who_hides

log = logging.getLogger("peerhub.forum")


def thread_channel(thread_id: int) -> str:
    return f"thread:{thread_id}"


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"


def notification_json(note: Notification, thread_title: str, author_handle: str) -> dict[str, Any]:
    return {
        "id": note.id,
        "kind": note.kind,
        "thread_id": note.thread_id,
        "thread_title": thread_title,
        "post_id": note.post_id,
        "author": {"handle": author_handle},
        "created_at": iso(note.created_at),
        "read": note.read_at is not None,
    }


async def _publish(ctx: AppContext, channel: str, event: dict[str, Any]) -> None:
    try:
        await ctx.broker.publish(channel, event)
    except Exception as exc:  # the post is stored; a lost event is caught up by reloading
        log.warning("forum.publish_failed", extra={"fields": {"channel": channel.split(":")[0],
                                                              "error": type(exc).__name__}})


def _post_event(kind: str, thread: Thread, post: Post, author_handle: str) -> dict[str, Any]:
    return {
        "type": "forum",
        "event": kind,
        "thread_id": thread.id,
        "post": present_post_public(post, author_handle),
        "topics": [] if post.deleted_at is not None else list(post.topics or []),
    }


async def _who_hides(ctx: AppContext, post: Post, notifications: Sequence[Notification]) -> set[int]:
    """Recipients whose filters hide ``post``; if that cannot be known, all of
    them (a missed notification is the lesser harm)."""
    if not notifications:
        return set()
    try:
        return await who_hides(ctx, [n.user_id for n in notifications], post.author_id, post.topics or [],
                               post.body_source)
    except Exception as exc:
        log.warning("forum.filter_check_failed", extra={"fields": {"error": type(exc).__name__}})
        return {n.user_id for n in notifications}


async def publish_post_created(
    ctx: AppContext, thread: Thread, post: Post, author_handle: str, notifications: Sequence[Notification]
) -> None:
    await _publish(ctx, thread_channel(thread.id), _post_event("post_created", thread, post, author_handle))
    # Trigger filters: someone who hides this post is not told about it.
    hiding = await _who_hides(ctx, post, notifications)
    for note in notifications:
        if note.user_id in hiding:
            continue
        await _publish(
            ctx,
            user_channel(note.user_id),
            {"type": "forum", "event": "notification",
             "notification": notification_json(note, thread.title, author_handle)},
        )


async def publish_post_changed(ctx: AppContext, kind: str, thread: Thread, post: Post, author_handle: str) -> None:
    await _publish(ctx, thread_channel(thread.id), _post_event(kind, thread, post, author_handle))

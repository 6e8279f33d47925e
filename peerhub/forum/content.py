"""Forum posts as moderation content: the ``"post"`` ``ContentProvider`` and
the live side of a facilitator's removal.

Moderation (which never imports forum) removes and restores a post through
``ForumPosts`` inside its own write transaction. Removal sets
``removed_at``/``removed_by`` and keeps the text, so a restore brings it back
and staff can still read it; members see a "[removed by a facilitator]"
placeholder in thread views (``present.present_post``), and search and
notifications leave the post out. A post its author deleted, one in a
deleted thread, or one whose removed text the confidentiality purge already
cleared (after 7 days) is gone for good: ``describe`` answers None ("not found").

Live: moderation publishes ``content_removed``/``content_restored`` on
``mod:category:<id>`` after commit. ``thread_event_for`` turns one of those
into the forum's own ``thread:<id>`` event (``post_removed`` with the
placeholder, or ``post_restored`` with the post and its filter facts, so the
hub applies each watcher's trigger filters). The app wiring hands that event
to the *local* hub on every process (not the broker: each process already got
the moderation event, so publishing again would deliver it once per process).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.context import AppContext
from peerhub.forum import store
from peerhub.forum.events import post_event, thread_channel
from peerhub.forum.models import Post, Thread
from peerhub.forum.present import PostLike, iso
from peerhub.moderation.service import ContentInfo, Place

MODERATION_EVENTS = {"content_removed": "post_removed", "content_restored": "post_restored"}


def post_json(post: PostLike, handle: str) -> dict[str, Any]:
    """A post as staff see it in the review queue (Markdown source, removed marked)."""
    return {
        "id": post.id, "thread_id": post.thread_id, "author": {"id": post.author_id, "handle": handle},
        "body": post.body_source, "created_at": iso(post.created_at), "removed": post.removed_at is not None,
    }


def _gone(post: Post, thread: Thread) -> bool:
    """Deleted by its author, in a deleted thread, or removed long enough ago
    that the confidentiality purge cleared its text: nothing left to restore."""
    cleared = post.removed_at is not None and post.body_source == ""
    return post.deleted_at is not None or thread.deleted_at is not None or cleared


class ForumPosts:
    """The provider; stateless, registered once by the app wiring."""

    async def describe(self, session: AsyncSession, target_id: int, context: int) -> ContentInfo | None:
        found = await store.get_post_with_handle(session, target_id)
        if found is None or _gone(found[0], found[1]):
            return None
        post, thread, handle = found
        before: list[dict[str, Any]] = []
        after: list[dict[str, Any]] = []
        if context > 0:
            rows_before, rows_after = await store.list_neighbour_posts(session, thread.id, post.id, context)
            before = [post_json(p, p.author_handle) for p in rows_before]
            after = [post_json(p, p.author_handle) for p in rows_after]
        return ContentInfo("post", post.id, post.author_id, Place("category", thread.category_id),
                           post.removed_at is not None, post_json(post, handle), before, after)

    async def set_removed(
        self, session: AsyncSession, target_id: int, removed: bool, actor_id: int, now: datetime
    ) -> ContentInfo | None:
        found = await store.get_post_with_handle(session, target_id)
        if found is None or _gone(found[0], found[1]):
            return None
        await store.set_post_moderated(session, target_id, actor_id if removed else None, now if removed else None)
        return await self.describe(session, target_id, 0)


async def thread_event_for(ctx: AppContext, event: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The ``thread:<id>`` forum event for a moderation event about a post, or None.

    ``post_removed`` carries the public placeholder (no text, no author);
    ``post_restored`` the public post and its server-only filter facts
    (``events.post_event``: stripped by the hub) so watchers' filters apply
    as for a new post, the title's included for an opening post.
    """
    name = MODERATION_EVENTS.get(str(event.get("event")))
    target = event.get("target")
    if name is None or not isinstance(target, dict) or target.get("kind") != "post":
        return None
    async with ctx.db.read() as session:
        found = await store.get_post_with_handle(session, int(target["id"]))
    if found is None or _gone(found[0], found[1]):
        return None
    post, thread, handle = found
    return thread_channel(thread.id), post_event(name, thread, post, handle)


Deliver = Callable[[str, dict[str, Any]], Awaitable[None]]


def live_thread_hook(ctx: AppContext, deliver: Deliver) -> Deliver:
    """A ``mod:category:<id>`` handler that hands the thread event to ``deliver``
    (the wiring passes the local hub's ``on_event``, never the broker)."""

    async def on_moderation_event(channel: str, event: dict[str, Any]) -> None:
        found = await thread_event_for(ctx, event)
        if found is not None:
            await deliver(*found)

    return on_moderation_event

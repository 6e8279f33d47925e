"""Forum write path: threads, replies, edits, author deletes, follows, read
positions, categories.

Every action is ``access_*`` (fetch + authorise) -> ``check_*`` (moderation
pipeline and Markdown rendering, pure and outside any transaction) -> ``do_*``
(one transaction that re-checks access, then publishes after commit).

Policies:
- Missing, deleted and (later) hidden threads all answer the same 404, so an
  id reveals nothing. A post that exists but is not yours answers 403.
- A reply names its parent; a parent in another thread, removed, or unknown
  is one error (``invalid_parent``) that does not say which.
- Deleting your post keeps its place in the tree as a "[removed by author]"
  placeholder; its last text is kept as a staff-only revision. Deleting the
  opening post of a thread with no live replies deletes the thread.
- The thread author and everyone who replies follow the thread unless they
  unfollowed it explicitly. A new post notifies the parent's author
  ("reply") and every other follower ("followed_thread"), never the writer.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import Forbidden, InvalidInput, NotFound, TooLarge
from peerhub.forum import events, store
from peerhub.forum.models import Category, Notification, Post, PostRevision, Thread
from peerhub.forum.tree import place_reply
from peerhub.moderation.confidentiality import check_accepted
from peerhub.moderation.escalation_hooks import on_post_stored
from peerhub.moderation.personal import Policy
from peerhub.moderation.pipeline import (
    POST_MAX_CHARS,
    TITLE_MAX_CHARS,
    TITLE_MIN_CHARS,
    Action,
    Annotations,
    Verdict,
    check_text,
)
from peerhub.moderation.sanitize import render_markdown
from peerhub.moderation.service import Place, check_can_post

log = logging.getLogger("peerhub.forum")

# Controls, bidi marks/overrides and zero-width spaces have no place in a
# one-line title (an unbalanced override would reverse the list text after
# it). ZWJ/ZWNJ stay: emoji sequences and several scripts need them.
_TITLE_DROP = re.compile("[\u0000-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored post; ``support`` is the crisis support card for the writer
    (moderation's escalation hook), None unless the post reads as a crisis."""

    thread: Thread
    post: Post
    support: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class CheckedText:
    text: str
    html: str
    annotations: Annotations


def clean_title(raw: str) -> str:
    """One line of visible text: controls and invisibles dropped, spaces collapsed."""
    return _SPACES.sub(" ", _TITLE_DROP.sub(" ", raw)).strip()


def _policy(category: Category) -> Policy:
    try:
        return Policy(category.personal_policy)
    except ValueError:
        return Policy.WARN


def _refuse(verdict: Verdict, field: str, max_chars: int) -> None:
    """Turn a non-ALLOW verdict into the client error (no submitted text in it)."""
    message = verdict.message or "That can't be posted."
    if verdict.action is Action.CONFIRM:
        raise InvalidInput("personal_details", message, kinds=sorted(verdict.annotations.personal), field=field)
    if verdict.code == "too_long":
        raise TooLarge("too_long", message, field=field, max_chars=max_chars)
    code = "personal_details_blocked" if verdict.code == "personal_details" else (verdict.code or "invalid_input")
    raise InvalidInput(code, message, field=field)


def check_title(raw: str, category: Category, confirmed: bool) -> Verdict:
    verdict = check_text(
        clean_title(raw), min_chars=TITLE_MIN_CHARS, max_chars=TITLE_MAX_CHARS,
        personal_policy=_policy(category), confirmed=confirmed,
    )
    if verdict.action is not Action.ALLOW:
        _refuse(verdict, "title", TITLE_MAX_CHARS)
    return verdict


def check_body(raw: str, category: Category, confirmed: bool, title: Verdict | None = None) -> CheckedText:
    """Run the pipeline and render; ``title`` annotations merge into an opening post's."""
    verdict = check_text(raw, max_chars=POST_MAX_CHARS, personal_policy=_policy(category), confirmed=confirmed)
    if verdict.action is not Action.ALLOW:
        _refuse(verdict, "body", POST_MAX_CHARS)
    notes = verdict.annotations if title is None else title.annotations.merged(verdict.annotations)
    return CheckedText(verdict.text, render_markdown(verdict.text), notes)


def _annotate(post: Post, notes: Annotations) -> None:
    post.topics = sorted(notes.topics)
    post.crisis_level = notes.crisis_level
    post.crisis_category = notes.crisis_category
    post.personal_kinds = sorted(notes.personal)


# Access hooks. HOOK (moderation): bans, mutes, hidden threads and
# confidentiality agreements are checked in these three functions only.


async def access_category_for_post(
    session: AsyncSession, viewer: Viewer, category_id: int, *, now: datetime
) -> Category:
    """The category ``viewer`` may start a thread in (404 if unknown, 403 if
    locked, banned or muted there or site-wide)."""
    category = await store.get_category(session, category_id)
    if category is None:
        raise NotFound()
    # SANCTIONS: a ban or mute of ``viewer`` (site-wide or in this category) raises here.
    await check_can_post(session, viewer, Place("category", category.id), now)
    if category.locked and not viewer.is_staff:
        raise Forbidden("category_locked", "This category is closed to new posts.")
    # HOOK (confidentiality): the category's agreement, accepted in its current version.
    await check_accepted(session, viewer.id, category.agreement_id)
    return category


async def access_thread(
    session: AsyncSession, viewer: Viewer, thread_id: int, *, write: bool, now: datetime | None = None
) -> tuple[Thread, Category]:
    """The thread and its category, for reading or (``write``) replying.

    Deleted threads are 404 for everyone here, exactly like unknown ids.
    Writing with ``now`` (a reply, an edit) also refuses a banned or muted
    viewer (403 ``banned``/``muted`` with ``until``). An author deleting their
    own post passes no ``now``: taking your own words down is never refused.
    """
    found = await store.get_thread_with_category(session, thread_id)
    if found is None or found[0].deleted_at is not None:
        raise NotFound()
    thread, category = found
    # SANCTIONS: hidden threads (404), agreements (403) and bans/mutes (403 on write) go here.
    if write and now is not None:
        await check_can_post(session, viewer, Place("category", category.id), now)
    if write and not viewer.is_staff:
        if category.locked:
            raise Forbidden("category_locked", "This category is closed to new posts.")
        if thread.locked:
            raise Forbidden("thread_locked", "This thread is locked.")
    return thread, category


async def access_own_post(
    session: AsyncSession, viewer: Viewer, post_id: int, *, now: datetime | None
) -> tuple[Post, Thread, Category]:
    """A live post of ``viewer``'s in a thread they may write in (404 / 403 not_author);
    with ``now`` (edits) bans and mutes refuse too, as in ``access_thread``."""
    post = await store.get_post(session, post_id)
    if post is None or post.deleted_at is not None:
        raise NotFound()
    thread, category = await access_thread(session, viewer, post.thread_id, write=True, now=now)
    if post.author_id != viewer.id:
        raise Forbidden("not_author", "Only the person who wrote a post can change it.")
    return post, thread, category


async def _access_parent(session: AsyncSession, thread_id: int, parent_id: int | None) -> Post | None:
    if parent_id is None:
        return None
    parent = await store.get_post(session, parent_id)
    if parent is None or parent.thread_id != thread_id or parent.deleted_at is not None:
        raise InvalidInput("invalid_parent", "You can only reply to a post that is still in this thread.")
    return parent


# Threads and posts


async def do_create_thread(
    ctx: AppContext, viewer: Viewer, category_id: int, title: str, body: str, *, confirmed: bool = False
) -> Stored:
    """Store a thread and its opening post; then run the escalation hook."""
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        category = await access_category_for_post(session, viewer, category_id, now=now)
    title_verdict = check_title(title, category, confirmed)
    checked = check_body(body, category, confirmed, title=title_verdict)
    async with ctx.db.write() as session:
        await access_category_for_post(session, viewer, category_id, now=now)
        thread = await store.add_thread(
            session,
            Thread(category_id=category_id, author_id=viewer.id, title=title_verdict.text, created_at=now,
                   last_activity_at=now, reply_count=0, last_post_id=0, pinned=False, locked=False),
        )
        post = Post(thread_id=thread.id, depth=0, author_id=viewer.id, title=thread.title,
                    body_source=checked.text, body_html=checked.html, created_at=now, edit_count=0)
        _annotate(post, checked.annotations)
        await store.add_post(session, post)
        thread.last_post_id = post.id
        await store.follow_if_new(session, viewer.id, thread.id, now)
        await store.advance_read_position(session, viewer.id, thread.id, post.id, now)
    return Stored(thread, post, await _after_stored(ctx, viewer, thread, post, checked.annotations))


async def _after_stored(
    ctx: AppContext, viewer: Viewer, thread: Thread, post: Post, notes: Annotations
) -> dict[str, Any] | None:
    """Moderation's after-commit hook: crisis escalation and the writer's support card."""
    return await on_post_stored(
        ctx, viewer, thread_id=thread.id, category_id=thread.category_id, post_id=post.id, annotations=notes
    )


async def do_create_post(
    ctx: AppContext, viewer: Viewer, thread_id: int, parent_id: int | None, body: str, *, confirmed: bool = False
) -> Stored:
    """Store a reply, notify, then publish ``post_created`` and notifications
    after commit, then run the escalation hook."""
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        _, category = await access_thread(session, viewer, thread_id, write=True, now=now)
        # HOOK (confidentiality): replying needs the category's agreement too
        # (not in access_thread: editing or deleting your own post never does).
        await check_accepted(session, viewer.id, category.agreement_id)
        await _access_parent(session, thread_id, parent_id)
    checked = check_body(body, category, confirmed)
    async with ctx.db.write() as session:
        thread, _ = await access_thread(session, viewer, thread_id, write=True, now=now)
        parent = await _access_parent(session, thread_id, parent_id)
        place = place_reply(parent)
        post = Post(thread_id=thread_id, parent_id=place.parent_id, root_id=place.root_id, depth=place.depth,
                    reply_to_id=parent_id, author_id=viewer.id, title="", body_source=checked.text,
                    body_html=checked.html, created_at=now, edit_count=0)
        _annotate(post, checked.annotations)
        await store.add_post(session, post)
        await store.bump_thread(session, thread_id, post.id, now)
        await store.follow_if_new(session, viewer.id, thread_id, now)
        await store.advance_read_position(session, viewer.id, thread_id, post.id, now)
        notifications = _notifications_for(post, parent, await store.list_follower_ids(session, thread_id))
        await store.add_notifications(session, notifications)
    await events.publish_post_created(ctx, thread, post, viewer.handle, notifications)
    return Stored(thread, post, await _after_stored(ctx, viewer, thread, post, checked.annotations))


def _notifications_for(post: Post, parent: Post | None, followers: list[int]) -> list[Notification]:
    recipients: dict[int, str] = {}
    if parent is not None and parent.author_id != post.author_id:
        recipients[parent.author_id] = "reply"
    for user_id in followers:
        if user_id != post.author_id:
            recipients.setdefault(user_id, "followed_thread")
    return [
        Notification(user_id=uid, kind=kind, thread_id=post.thread_id, post_id=post.id, created_at=post.created_at)
        for uid, kind in sorted(recipients.items())
    ]


async def do_edit_post(
    ctx: AppContext, viewer: Viewer, post_id: int, body: str, *, confirmed: bool = False
) -> Stored:
    """Replace the body; the previous version is kept as a staff-only revision.
    An edit that now reads as a crisis escalates like a new post."""
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        post, thread, category = await access_own_post(session, viewer, post_id, now=now)
    title = check_title(thread.title, category, True) if post.title else None
    checked = check_body(body, category, confirmed, title=title)
    async with ctx.db.write() as session:
        post, thread, _ = await access_own_post(session, viewer, post_id, now=now)
        await store.add_revision(
            session, PostRevision(post_id=post.id, reason="edit", body_source=post.body_source, replaced_at=now)
        )
        post.body_source, post.body_html = checked.text, checked.html
        _annotate(post, checked.annotations)
        post.edited_at = now
        post.edit_count += 1
    await events.publish_post_changed(ctx, "post_edited", thread, post, viewer.handle)
    return Stored(thread, post, await _after_stored(ctx, viewer, thread, post, checked.annotations))


async def do_delete_post(ctx: AppContext, viewer: Viewer, post_id: int) -> Post:
    """Leave a placeholder; the text moves to a staff-only revision."""
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        post, thread, _ = await access_own_post(session, viewer, post_id, now=None)  # never refused by a sanction
        await store.add_revision(
            session, PostRevision(post_id=post.id, reason="delete", body_source=post.body_source, replaced_at=now)
        )
        opening = post.parent_id is None and post.title != ""
        post.body_source, post.body_html, post.title = "", "", ""
        post.deleted_at = now
        await session.flush()
        if not opening:
            await store.drop_reply(session, thread.id)
        elif await store.count_live_posts(session, thread.id) == 0:
            thread.deleted_at = now
    await events.publish_post_changed(ctx, "post_removed", thread, post, viewer.handle)
    return post


# Follows and read positions


async def do_set_follow(ctx: AppContext, viewer: Viewer, thread_id: int, following: bool) -> None:
    async with ctx.db.write() as session:
        await access_thread(session, viewer, thread_id, write=False)
        await store.set_follow(session, viewer.id, thread_id, following, ctx.clock.now())


async def do_mark_read(ctx: AppContext, viewer: Viewer, thread_id: int, post_id: int) -> int:
    """Advance the read position (clamped to the thread's newest post); returns it."""
    async with ctx.db.write() as session:
        thread, _ = await access_thread(session, viewer, thread_id, write=False)
        position = min(post_id, thread.last_post_id)
        await store.advance_read_position(session, viewer.id, thread_id, position, ctx.clock.now())
        state = await store.get_viewer_thread_state(session, viewer.id, thread)
    return state.read_position


async def do_mark_notifications_read(ctx: AppContext, viewer: Viewer, up_to_id: int) -> None:
    async with ctx.db.write() as session:
        await store.mark_notifications_read(session, viewer.id, up_to_id, ctx.clock.now())

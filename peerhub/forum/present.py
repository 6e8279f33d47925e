"""Serialising forum rows for one viewer: the single place a post becomes JSON.

``present_post`` is where per-recipient rules apply. Today: removed posts
become a "[removed by author]" placeholder, posts a facilitator removed a
"[removed by a facilitator]" one (staff who may moderate the place see the
post itself with ``removed: "facilitator"``: ``Audience.moderator``), and the author sees their own
Markdown source (to edit it). Trigger filters: ``load_audience`` loads the
viewer's filters once per request; ``_filter_action`` asks
``moderation.filters`` (stored topic ids, the author, and the viewer's own
custom words matched once per post): a *hidden* post becomes a neutral
placeholder that keeps its place in the tree (its replies stay visible); a
*collapsed* post carries ``filter: {action: "collapse", reasons: [...]}``.

Titles and handles are plain text: clients render them as text, never as HTML.
``body_html`` was sanitised at write time and is served as stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.service import Viewer
from peerhub.forum.models import Category, Thread
from peerhub.forum.store_filters import OpeningFacts
from peerhub.moderation.filters import DELIVER, HIDDEN_POST_HTML, Decision, Filters, RoomWords
from peerhub.moderation.filters_service import load_filters_in


class PostLike(Protocol):
    """A stored post: the ORM row or a ``store.PostRow``."""

    @property
    def id(self) -> int: ...
    @property
    def thread_id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def reply_to_id(self) -> int | None: ...
    @property
    def depth(self) -> int: ...
    @property
    def author_id(self) -> int: ...
    @property
    def body_source(self) -> str: ...
    @property
    def body_html(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def edited_at(self) -> datetime | None: ...
    @property
    def deleted_at(self) -> datetime | None: ...
    @property
    def topics(self) -> list[str]: ...
    @property
    def removed_at(self) -> datetime | None: ...


REMOVED_BY_AUTHOR = "[removed by author]"
REMOVED_HTML = "<p>[removed by author]</p>"
REMOVED_BY_FACILITATOR_HTML = "<p>[removed by a facilitator]</p>"
HIDDEN_HTML = HIDDEN_POST_HTML
# What a thread list, search hit or notification shows instead of a title the viewer hides.
HIDDEN_THREAD_TITLE = "Thread hidden by your filters"


@dataclass(frozen=True)
class Audience:
    """The viewer plus what they asked not to see (filled by the trigger filters)."""

    viewer: Viewer
    filters: Filters | None = None
    now: datetime | None = None
    words: RoomWords | None = field(default=None, repr=False)
    # May moderate the place being shown: sees facilitator-removed posts, marked.
    moderator: bool = False

    def decide(self, author_id: int, topics: list[str] | None, text: str) -> tuple[str, list[str]] | None:
        """("hide" | "collapse", reasons) for this viewer, or None to show it.
        Authors always see their own posts; the text is scanned only for the
        viewer's own words, once."""
        return decision_pair(self.decision(author_id, topics, text))

    def decision(self, author_id: int, topics: Sequence[str] | None, text: str) -> Decision:
        """:meth:`decide` as ``moderation.filters.Decision``."""
        f, now, words = self.filters, self.now, self.words
        if f is None or now is None or words is None or author_id == self.viewer.id:
            return DELIVER
        found = frozenset() if words.empty else words.matches(text)
        return f.decide(now, author_id, frozenset(topics or ()), found)


def decision_pair(d: Decision) -> tuple[str, list[str]] | None:
    """``moderation.filters.Decision`` in the form the read path passes around."""
    if d.hidden:
        return "hide", []
    if d.collapsed:
        return "collapse", list(d.reasons)
    return None


async def load_audience(session: AsyncSession, viewer: Viewer, now: datetime | None = None) -> Audience:
    """One load per request (never per post). Without ``now`` no filters are
    loaded (fine for answering a writer about their own post)."""
    if now is None:
        return Audience(viewer)
    filters = await load_filters_in(session, viewer.id)
    if filters.active(now).empty:
        return Audience(viewer)
    return Audience(viewer, filters, now, RoomWords(filters.word_keys))


def post_filter_action(post: PostLike, audience: Audience) -> tuple[str, list[str]] | None:
    """("hide" | "collapse", reasons) for this viewer, or None to show the post."""
    return audience.decide(post.author_id, post.topics, post.body_source)


def thread_filter_action(title: str, opening: OpeningFacts | None, audience: Audience) -> tuple[str, list[str]] | None:
    """The viewer's decision on a thread's title: the title and the opening
    post (``store_filters.get_opening_facts``) decided as one item, so a word in the
    title hides it even when the opening post's body is harmless."""
    if opening is None or audience.filters is None:
        return None
    return audience.decide(*thread_item(title, opening))


def thread_item(title: str, opening: OpeningFacts) -> tuple[int, list[str], str]:
    """``(author id, topic ids, text)`` that filters decide on for a thread
    title: the title with its opening post, as one item."""
    return opening.author_id, opening.topics, f"{title}\n{opening.body_source}"


def filtered_title(title: str, decision: tuple[str, list[str]] | None) -> tuple[str, dict[str, Any] | None]:
    """A thread title as the viewer may see it, with the ``filter`` marker
    (``decision`` from :func:`thread_filter_action`): hidden ->
    ``HIDDEN_THREAD_TITLE``; collapsed -> the title with ``{action, reasons}``
    so the client folds it. Thread lists and headers, search hits and
    notifications all name a thread through this."""
    if decision is None:
        return title, None
    if decision[0] == "hide":
        return HIDDEN_THREAD_TITLE, {"action": "hide"}
    return title, {"action": decision[0], "reasons": decision[1]}


def iso(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat()


def present_post(
    post: PostLike, author_handle: str, audience: Audience, decision: tuple[str, list[str]] | None = None
) -> dict[str, Any]:
    """The post as ``audience.viewer`` may see it; ``decision`` overrides the
    post's own filter decision (an opening post hidden with its title)."""
    data: dict[str, Any] = {
        "id": post.id,
        "thread_id": post.thread_id,
        "parent_id": post.parent_id,
        "reply_to_id": post.reply_to_id,
        "depth": post.depth,
        "created_at": iso(post.created_at),
        "edited": post.edited_at is not None,
        "edited_at": iso(post.edited_at),
        "removed": None,
        "mine": False,
    }
    if post.deleted_at is not None:
        data.update(author=None, body_html=REMOVED_HTML, removed="author")
        return data
    if post.removed_at is not None:
        if not audience.moderator:
            data.update(author=None, body_html=REMOVED_BY_FACILITATOR_HTML, removed="facilitator")
            return data
        data["removed"] = "facilitator"  # staff see what was removed, marked (and can restore it)
    decision = decision or post_filter_action(post, audience)
    if decision is not None and decision[0] == "hide":
        data.update(author=None, body_html=HIDDEN_HTML, filter={"action": "hide"})
        return data
    data.update(author={"id": post.author_id, "handle": author_handle}, body_html=post.body_html)
    if decision is not None:
        data["filter"] = {"action": decision[0], "reasons": decision[1]}
    if post.author_id == audience.viewer.id:
        data.update(mine=True, body=post.body_source)
    return data


def present_post_public(post: PostLike, author_handle: str) -> dict[str, Any]:
    """The post as published on the broker, before any per-recipient rule.

    The realtime hub must apply the recipient's filters (``event.topics``)
    before forwarding; ``mine`` and the Markdown source are left out.
    """
    removed = "author" if post.deleted_at is not None else "facilitator" if post.removed_at is not None else None
    return {
        "id": post.id,
        "thread_id": post.thread_id,
        "parent_id": post.parent_id,
        "reply_to_id": post.reply_to_id,
        "depth": post.depth,
        "created_at": iso(post.created_at),
        "edited": post.edited_at is not None,
        "edited_at": iso(post.edited_at),
        "removed": removed,
        "author": None if removed else {"id": post.author_id, "handle": author_handle},
        "body_html": {"author": REMOVED_HTML, "facilitator": REMOVED_BY_FACILITATOR_HTML}.get(removed or "",
                                                                                          post.body_html),
    }


def present_thread(
    thread: Thread, author_handle: str, unread: int | None = None,
    decision: tuple[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The thread header; ``decision`` from :func:`thread_filter_action`: a
    hidden title becomes ``HIDDEN_THREAD_TITLE`` with no author, a collapsed
    one carries ``filter`` so the client folds it."""
    data: dict[str, Any] = {
        "id": thread.id,
        "category_id": thread.category_id,
        "title": thread.title,
        "author": {"id": thread.author_id, "handle": author_handle},
        "created_at": iso(thread.created_at),
        "last_activity_at": iso(thread.last_activity_at),
        "reply_count": thread.reply_count,
        "last_post_id": thread.last_post_id,
        "pinned": thread.pinned,
        "locked": thread.locked,
    }
    if unread is not None:
        data["unread_count"] = unread
    title, marker = filtered_title(thread.title, decision)
    if marker is not None:
        data.update(title=title, filter=marker)
        if marker["action"] == "hide":
            data["author"] = None
    return data


def present_category(category: Category, thread_count: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": category.id,
        "slug": category.slug,
        "title": category.title,
        "description": category.description,
        "position": category.position,
        "personal_policy": category.personal_policy,
        "agreement_id": category.agreement_id,
        "locked": category.locked,
    }
    if thread_count is not None:
        data["thread_count"] = thread_count
    return data

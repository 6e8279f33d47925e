"""How moderation sees room messages and forum posts without importing realtime or forum.

Moderation sits below both subsystems (they call it, never the reverse), so
the review queue, reports and remove/restore reach content through a
``ContentProvider`` that the app wiring registers per target kind:

    runtime = app.state.moderation            # a ModerationRuntime
    runtime.content.register("message", RoomMessageProvider())   # realtime
    runtime.content.register("post", ForumPostProvider())        # forum

A provider runs inside the caller's session (read or write transaction) and
never commits or publishes. Unknown ids, and content the provider treats as
gone for good (e.g. an erased account's), answer ``None``: the caller then
says "not found", which also hides whether the thing ever existed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.errors import InvalidInput

CONTENT_KINDS = ("message", "post")
# Messages/posts shown before and after a reported item in the review queue.
QUEUE_CONTEXT = 3


@dataclass(frozen=True)
class Place:
    """Where something happens: a room or a forum category."""

    kind: str  # "room" | "category"
    id: int

    def __post_init__(self) -> None:
        if self.kind not in ("room", "category"):
            raise InvalidInput("invalid_place", "A place is a room or a category.")

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id}

    @property
    def channel(self) -> str:
        """The broker channel for moderation events about this place."""
        return f"mod:{self.kind}:{self.id}"


def place_or_none(kind: str | None, place_id: int | None) -> Place | None:
    return None if kind is None or place_id is None else Place(kind, place_id)


@dataclass(frozen=True)
class ContentInfo:
    """What moderation needs to know about one message or post.

    ``item``, ``before`` and ``after`` are JSON objects shown to staff in the
    review queue (the provider decides their shape: id, seq, author, text,
    ts, removed, ...). They are never stored by moderation or written to the
    audit log.
    """

    kind: str
    id: int
    author_id: int | None
    place: Place
    removed: bool
    item: dict[str, Any] = field(default_factory=dict)
    before: list[dict[str, Any]] = field(default_factory=list)
    after: list[dict[str, Any]] = field(default_factory=list)


class ContentProvider(Protocol):
    async def describe(self, session: AsyncSession, target_id: int, context: int) -> ContentInfo | None:
        """The item with up to ``context`` neighbours on each side (0: none), or None."""
        ...

    async def set_removed(
        self, session: AsyncSession, target_id: int, removed: bool, actor_id: int, now: datetime
    ) -> ContentInfo | None:
        """Mark the item removed (or restored) in the caller's transaction; None if unknown.

        Must not commit or publish: moderation writes the audit row in the
        same transaction and publishes ``content_removed``/``content_restored``
        after commit; the owning subsystem turns that into its own frames.
        """
        ...


class ContentRegistry:
    """Providers by target kind, filled once by the app wiring (or a test)."""

    def __init__(self) -> None:
        self._providers: dict[str, ContentProvider] = {}

    def register(self, kind: str, provider: ContentProvider) -> None:
        if kind not in CONTENT_KINDS:
            raise ValueError(f"unknown content kind {kind!r}")
        self._providers[kind] = provider

    def get(self, kind: str) -> ContentProvider | None:
        return self._providers.get(kind)

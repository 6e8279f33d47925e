"""Shared set-up for the moderation tests (no tests here).

``World`` is a live server with one person per role (anonymous, member,
scoped facilitator outside/inside room 1, site facilitator, admin), a
``victim`` member to act on, a fake content provider standing in for room
messages and forum posts (moderation must not import realtime or forum),
and a recorder of every broker event published.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.service import do_set_role
from peerhub.context import AppContext
from peerhub.moderation.content import ContentInfo, Place
from peerhub.moderation.runtime import ModerationRuntime
from tests.conftest import ApiClient, LiveServer

ROLES = ("anonymous", "member", "scoped_out", "scoped_in", "site", "admin")
ROOM = 1  # scoped_in's room
OTHER_ROOM = 2  # scoped_out's room
HANDLES = {"member": "maple_leaf", "scoped_out": "cedar_grove", "scoped_in": "birch_lane", "site": "oak_hollow",
           "admin": "pine_ridge", "victim": "willow_bend", "spare": "aspen_field"}


@dataclass
class FakeItem:
    id: int
    place: Place
    author_id: int
    text: str
    removed: bool = False


class FakeContent:
    """Messages (or posts) in memory, shaped like a subsystem's provider."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.items: dict[int, FakeItem] = {}
        self._next = 1

    def add(self, place: Place, author_id: int, text: str = "hello") -> int:
        item = FakeItem(self._next, place, author_id, text)
        self.items[item.id] = item
        self._next += 1
        return item.id

    def _json(self, item: FakeItem) -> dict[str, Any]:
        return {"id": item.id, "author_id": item.author_id, "text": item.text, "removed": item.removed}

    async def describe(self, session: AsyncSession, target_id: int, context: int) -> ContentInfo | None:
        item = self.items.get(target_id)
        if item is None:
            return None
        same = sorted(i for i, it in self.items.items() if it.place == item.place)
        at = same.index(item.id)
        before = [self._json(self.items[i]) for i in same[max(0, at - context):at]] if context else []
        after = [self._json(self.items[i]) for i in same[at + 1:at + 1 + context]] if context else []
        return ContentInfo(self.kind, item.id, item.author_id, item.place, item.removed, self._json(item),
                           before, after)

    async def set_removed(
        self, session: AsyncSession, target_id: int, removed: bool, actor_id: int, now: datetime
    ) -> ContentInfo | None:
        item = self.items.get(target_id)
        if item is None:
            return None
        item.removed = removed
        return await self.describe(session, target_id, 0)


@dataclass
class World:
    live: LiveServer
    clients: dict[str, ApiClient]
    ids: dict[str, int]
    messages: FakeContent
    posts: FakeContent
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def ctx(self) -> AppContext:
        ctx: AppContext = self.live.app.state.ctx
        return ctx

    @property
    def runtime(self) -> ModerationRuntime:
        runtime: ModerationRuntime = self.live.app.state.moderation
        return runtime

    def events_on(self, channel: str) -> list[dict[str, Any]]:
        return [e for c, e in self.events if c == channel]

    async def audit(self, **params: Any) -> list[dict[str, Any]]:
        r = await self.clients["admin"].get("/api/moderation/audit", params=params)
        assert r.status_code == 200, r.text
        entries: list[dict[str, Any]] = r.json()["entries"]
        return entries


async def make_world(live: LiveServer, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    """The fixture body; each test module does ``world = pytest.fixture(make_world)``."""
    ctx: AppContext = live.app.state.ctx
    runtime: ModerationRuntime = live.app.state.moderation
    messages, posts = FakeContent("message"), FakeContent("post")
    runtime.content.register("message", messages)
    runtime.content.register("post", posts)
    clients: dict[str, ApiClient] = {}
    ids: dict[str, int] = {}
    for role in (*ROLES[1:], "victim", "spare"):
        client = live.client()
        user = await client.signup_login(HANDLES[role])
        clients[role], ids[role] = client, int(user["id"])
    clients["anonymous"] = live.client()
    for role, new_role in (("scoped_out", "facilitator"), ("scoped_in", "facilitator"), ("site", "facilitator"),
                           ("spare", "facilitator"), ("admin", "admin")):
        await do_set_role(ctx, HANDLES[role], new_role)
    for role, room in (("scoped_in", ROOM), ("scoped_out", OTHER_ROOM)):
        r = await clients["admin"].put("/api/moderation/scopes",
                                       json={"user_id": ids[role], "places": [{"kind": "room", "id": room}]})
        assert r.status_code == 200, r.text
    w = World(live, clients, ids, messages, posts)
    real_publish = ctx.broker.publish

    async def recording_publish(channel: str, event: dict[str, Any]) -> None:
        w.events.append((channel, event))
        await real_publish(channel, event)

    monkeypatch.setattr(ctx.broker, "publish", recording_publish)
    try:
        yield w
    finally:
        for client in clients.values():
            await client.aclose()

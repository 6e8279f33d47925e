"""Signed-up members with their API clients and sockets, closed at the end.

    people = People(live)                  # ws() connects only
    crew = People(live, hello=True, room="lobby")   # ws() also reads `hello` and joins

Each ``api(handle, role)`` advances the fake clock a little so the
per-address sign-up/log-in limit refills between people.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

import pytest

from peerhub.accounts.service import do_set_role
from tests.conftest import ApiClient, LiveServer
from tests.wsclient import WsClient

_UNSET: Any = object()
G = TypeVar("G", bound="People")


class People:
    def __init__(self, live: LiveServer, *, hello: bool = False, room: str | None = None) -> None:
        self.live = live
        self.hello = hello
        self.room = room
        self.apis: list[ApiClient] = []
        self.sockets: list[WsClient] = []

    async def api(self, handle: str, role: str | None = None) -> ApiClient:
        client = self.live.client()
        self.apis.append(client)
        self.live.clock.advance(20)  # refill the per-address sign-up/log-in limit
        await client.signup_login(handle)
        if role is not None:
            await do_set_role(self.live.app.state.ctx, handle, role)
        return client

    async def ws(self, api: ApiClient, room: str | None = _UNSET, **kwargs: Any) -> WsClient:
        ws = await WsClient.connect(self.live.ws_url, api.session_cookie, **kwargs)
        self.sockets.append(ws)
        if self.hello:
            await ws.expect("hello")
        room = self.room if room is _UNSET else room
        if room is not None:
            await ws.join(room)
        return ws

    async def close(self) -> None:
        await asyncio.gather(*(ws.close() for ws in self.sockets), return_exceptions=True)
        await asyncio.gather(*(api.aclose() for api in self.apis))


def group_fixture(make: Callable[[LiveServer], G], name: str) -> Any:
    """A fixture named ``name`` yielding ``make(live)`` and closing it afterwards:
    ``people = group_fixture(People, "people")``."""

    @pytest.fixture(name=name)
    async def fixture(live: LiveServer) -> AsyncIterator[G]:
        group = make(live)
        try:
            yield group
        finally:
            await group.close()

    return fixture

"""HTTP endpoints for trigger filters: the topic catalogue and one's own filters.

``/api/me/filters`` only ever addresses the caller's own filters: there is no
route that takes a user, so nobody else (facilitators and admins included)
can read them. Responses are ``Cache-Control: no-store``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from peerhub.http import Strict, api, app_ctx, ok, read_json, require_viewer
from peerhub.moderation import filters_service as service
from peerhub.moderation.triggers import TOPICS

# Loose bounds here only stop absurd bodies early; the real limits (200
# words, 60 characters, known topics, hide/collapse) are checked by the
# service so each failure gets its own clear 422 code.
_LOOSE_TEXT = 1000
_LOOSE_ITEMS = 5000


class TopicFilterIn(Strict):
    topic: str = Field(max_length=_LOOSE_TEXT)
    action: str = Field(max_length=_LOOSE_TEXT)
    until: datetime | None = None


class WordFilterIn(Strict):
    text: str = Field(max_length=_LOOSE_TEXT)
    action: str = Field(max_length=_LOOSE_TEXT)
    whole_word: bool = True
    until: datetime | None = None


class MutedUserIn(Strict):
    handle: str = Field(max_length=_LOOSE_TEXT)
    action: str = Field(max_length=_LOOSE_TEXT)
    until: datetime | None = None


class FiltersIn(Strict):
    topics: list[TopicFilterIn] = Field(default_factory=list, max_length=_LOOSE_ITEMS)
    words: list[WordFilterIn] = Field(default_factory=list, max_length=_LOOSE_ITEMS)
    muted_users: list[MutedUserIn] = Field(default_factory=list, max_length=_LOOSE_ITEMS)


Act = Literal["hide", "collapse"]


class TopicFilterOut(BaseModel):
    topic: str
    action: Act
    until: str | None


class WordFilterOut(BaseModel):
    text: str
    action: Act
    whole_word: bool
    until: str | None


class MutedUserOut(BaseModel):
    handle: str
    action: Act
    until: str | None


class FiltersOut(BaseModel):
    topics: list[TopicFilterOut]
    words: list[WordFilterOut]
    muted_users: list[MutedUserOut]


class TopicOut(BaseModel):
    id: str
    name: str
    description: str


class TopicsOut(BaseModel):
    topics: list[TopicOut]


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@api("The built-in trigger topics a person may mute", response=TopicsOut)
async def list_topics(request: Request) -> Response:
    await require_viewer(request)
    return ok({"topics": [{"id": t.id, "name": t.name, "description": t.description} for t in TOPICS]})


@api("Your own trigger filters (private: only you can read them)", response=FiltersOut)
async def get_filters(request: Request) -> Response:
    viewer = await require_viewer(request)
    return _private(ok(await service.get_my_filters(app_ctx(request), viewer)))


@api("Replace your trigger filters; takes effect at once on your open connections",
     body=FiltersIn, response=FiltersOut)
async def put_filters(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, FiltersIn)
    result = await service.do_set_filters(
        app_ctx(request), viewer,
        [service.TopicIn(t.topic, t.action, t.until) for t in body.topics],
        [service.WordIn(w.text, w.action, w.whole_word, w.until) for w in body.words],
        [service.MuteIn(m.handle, m.action, m.until) for m in body.muted_users],
    )
    return _private(ok(result))


def routes() -> list[BaseRoute]:
    return [
        Route("/api/moderation/topics", list_topics, methods=["GET"]),
        Route("/api/me/filters", get_filters, methods=["GET"]),
        Route("/api/me/filters", put_filters, methods=["PUT"]),
    ]

"""HTTP endpoints for rooms, and the ``/ws`` route. Thin wrappers over ``realtime.service``."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket

from peerhub.http import Strict, api, app_ctx, int_param, ok, read_json, require_staff, require_viewer
from peerhub.realtime import service
from peerhub.realtime.endpoint import ws_endpoint
from peerhub.realtime.filtering import filtered_history
from peerhub.realtime.hub import Hub
from peerhub.realtime.models import Room
from peerhub.realtime.moderating import staff_history

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
Policy = Literal["warn", "redact", "block", "allow"]


class RoomIn(Strict):
    slug: str = Field(pattern=SLUG_PATTERN)
    title: str = Field(min_length=1, max_length=100)
    description: str = Field(default="", max_length=2000)
    personal_policy: Policy = "warn"
    retention_days: int | None = Field(default=None, ge=1, le=3650)


class RoomPatch(Strict):
    title: str | None = Field(default=None, min_length=1, max_length=100)
    description: str | None = Field(default=None, max_length=2000)
    position: int | None = Field(default=None, ge=0, le=10_000)
    personal_policy: Policy | None = None
    retention_days: int | None = Field(default=None, ge=1, le=3650)


class RoomOut(BaseModel):
    id: int
    slug: str
    title: str
    description: str
    online: int
    facilitator_on_duty: bool
    last_seq: int
    personal_policy: str
    retention_days: int | None


class RoomsOut(BaseModel):
    rooms: list[RoomOut]


class MessageOut(BaseModel):
    type: str
    room: str
    seq: int
    id: int | None = None
    author: dict[str, Any] | None = None
    text: str | None = None
    ts: str | None = None
    filter: dict[str, Any] | None = None
    # Staff who moderate the room: a facilitator-removed line with {at, by}.
    removed: dict[str, Any] | None = None


class MessagesOut(BaseModel):
    room: str
    messages: list[MessageOut]


def _hub(request: Request) -> Hub:
    hub: Hub = request.app.state.hub
    return hub


def _room_json(request: Request, room: Room) -> dict[str, Any]:
    presence = _hub(request).presence
    return {
        "id": room.id, "slug": room.slug, "title": room.title, "description": room.description,
        "online": len(presence.online(room.id)), "facilitator_on_duty": presence.facilitator_on_duty(room.id),
        "last_seq": room.last_seq, "personal_policy": room.personal_policy, "retention_days": room.retention_days,
    }


@api("List the chat rooms with how many people are in each", response=RoomsOut)
async def list_rooms(request: Request) -> Response:
    await require_viewer(request)
    rooms = await service.list_rooms(app_ctx(request))
    return ok({"rooms": [_room_json(request, r) for r in rooms]})


@api("One chat room", response=RoomOut)
async def get_room(request: Request) -> Response:
    await require_viewer(request)
    room = await service.access_room(app_ctx(request), request.path_params["slug"])
    return ok(_room_json(request, room))


@api("Create a chat room (facilitators and admins)", body=RoomIn, response=RoomOut, auth="facilitator", status=201)
async def create_room(request: Request) -> Response:
    viewer = await require_staff(request)
    body = await read_json(request, RoomIn)
    room = await service.do_create_room(app_ctx(request), viewer, body.slug, body.title, body.description,
                                        body.personal_policy, body.retention_days)
    return ok(_room_json(request, room), 201)


@api("Change a chat room's title, description, order or policies (facilitators and admins)",
     body=RoomPatch, response=RoomOut, auth="facilitator")
async def patch_room(request: Request) -> Response:
    viewer = await require_staff(request)
    body = await read_json(request, RoomPatch)
    changes = {k: v for k, v in body.model_dump(exclude_unset=True).items() if v is not None or k == "retention_days"}
    room = await service.do_update_room(app_ctx(request), viewer, request.path_params["slug"], changes)
    return ok(_room_json(request, room))


@api("A page of a room's messages, oldest first (keyset: after=SEQ or before=SEQ, limit <= 200)",
     response=MessagesOut, query=("after", "before", "limit"))
async def room_messages(request: Request) -> Response:
    viewer = await require_viewer(request)
    ctx = app_ctx(request)
    room = await service.access_room(ctx, request.path_params["slug"])
    after = int_param(request, "after")
    before = int_param(request, "before")
    limit = int_param(request, "limit", 50, lo=1, hi=service.MAX_HISTORY_PAGE) or 50
    rows = await service.history(ctx, room, after=after, before=before, limit=limit)
    page = await filtered_history(ctx, viewer.id, rows, room.slug)
    # HOOK (moderation): staff who moderate the room see removed lines, marked.
    return ok({"room": room.slug, "messages": await staff_history(ctx, viewer, room, rows, page)})


class WsApp:
    """``/ws`` as a plain ASGI app rather than a Starlette endpoint function, so
    each frame goes through one exception wrapper fewer on its way to uvicorn
    (fan-out writes one frame per recipient: this is the hot path)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await ws_endpoint(WebSocket(scope, receive, send))


def routes() -> list[BaseRoute]:
    return [
        Route("/api/rooms", list_rooms, methods=["GET"]),
        Route("/api/rooms", create_room, methods=["POST"]),
        Route("/api/rooms/{slug}", get_room, methods=["GET"]),
        Route("/api/rooms/{slug}", patch_room, methods=["PATCH"]),
        Route("/api/rooms/{slug}/messages", room_messages, methods=["GET"]),
        WebSocketRoute("/ws", WsApp()),
    ]

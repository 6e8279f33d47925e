"""HTTP endpoints for agreements, room/category confidentiality settings,
purge counts, and a person's export and erasure. Thin wrappers over
``confidentiality``, ``confidentiality_purge`` and ``confidentiality_account``."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from peerhub.http import (
    SESSION_COOKIE,
    Strict,
    api,
    app_ctx,
    int_param,
    ok,
    passwords,
    path_int,
    read_json,
    require_admin,
    require_viewer,
)
from peerhub.moderation import confidentiality as service
from peerhub.moderation import confidentiality_account as account
from peerhub.moderation import confidentiality_store
from peerhub.ratelimit import RateLimiter

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
# Purge records shown to admins per request.
PURGES_PAGE_MAX = 200


class AgreementOut(BaseModel):
    id: int
    slug: str
    title: str
    version: int
    text: str
    accepted_version: int | None = None
    accepted: bool | None = None


class AgreementsOut(BaseModel):
    agreements: list[AgreementOut]


class AgreementIn(Strict):
    slug: str = Field(pattern=SLUG_PATTERN)
    title: str = Field(max_length=200)
    text: str = Field(max_length=20_000)


class AgreementPatch(Strict):
    title: str | None = Field(default=None, max_length=200)
    text: str | None = Field(default=None, max_length=20_000)


class AcceptIn(Strict):
    version: int = Field(ge=1)


class AcceptOut(BaseModel):
    agreement_id: int
    version: int
    accepted: bool


class RoomSettingsIn(Strict):
    agreement_id: int | None = None
    retention: str | None = Field(default=None, max_length=20)


class RoomSettingsOut(BaseModel):
    room: str
    agreement_id: int | None
    retention: str
    retention_hours: int | None


class CategorySettingsIn(Strict):
    agreement_id: int | None


class CategorySettingsOut(BaseModel):
    category_id: int
    agreement_id: int | None


class PurgeOut(BaseModel):
    at: str
    kind: str
    messages: int
    posts: int
    revisions: int
    other: int


class PurgesOut(BaseModel):
    purges: list[PurgeOut]


class EraseIn(Strict):
    password: str = Field(max_length=1024)
    mode: Literal["erase"]


class EraseOut(BaseModel):
    erased: bool
    messages: int
    posts: int


@api("List the confidentiality agreements", response=AgreementsOut)
async def list_agreements(request: Request) -> Response:
    await require_viewer(request)
    return ok({"agreements": await service.list_agreements(app_ctx(request))})


@api("One agreement's current text and version, and the version you accepted", response=AgreementOut)
async def get_agreement(request: Request) -> Response:
    viewer = await require_viewer(request)
    return ok(await service.get_agreement(app_ctx(request), viewer, path_int(request, "agreement_id")))


@api("Accept an agreement's current version (409 agreement_changed if the version is not current)",
     body=AcceptIn, response=AcceptOut)
async def accept_agreement(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, AcceptIn)
    return ok(await service.do_accept(app_ctx(request), viewer, path_int(request, "agreement_id"), body.version))


@api("Create an agreement (admins)", body=AgreementIn, response=AgreementOut, auth="admin", status=201)
async def create_agreement(request: Request) -> Response:
    viewer = await require_admin(request)
    body = await read_json(request, AgreementIn)
    return ok(await service.do_create_agreement(app_ctx(request), viewer, body.slug, body.title, body.text), 201)


@api("Change an agreement (admins); new text is a new version everyone must accept again",
     body=AgreementPatch, response=AgreementOut, auth="admin")
async def update_agreement(request: Request) -> Response:
    viewer = await require_admin(request)
    body = await read_json(request, AgreementPatch)
    return ok(await service.do_update_agreement(app_ctx(request), viewer, path_int(request, "agreement_id"),
                                                body.title, body.text))


@api("A room's agreement and retention", response=RoomSettingsOut)
async def get_room_settings(request: Request) -> Response:
    viewer = await require_viewer(request)
    return ok(await service.get_room_settings(app_ctx(request), viewer, request.path_params["slug"]))


@api("Set a room's agreement (null: none) and/or retention ('forever', '24h', '7d') (admins)",
     body=RoomSettingsIn, response=RoomSettingsOut, auth="admin")
async def put_room_settings(request: Request) -> Response:
    viewer = await require_admin(request)
    body = await read_json(request, RoomSettingsIn)
    changes = body.model_dump(exclude_unset=True)
    if changes.get("retention", "") is None:
        changes.pop("retention")
    return ok(await service.do_set_room_settings(app_ctx(request), viewer, request.path_params["slug"], changes))


@api("Set the agreement a forum category requires (null: none) (admins)",
     body=CategorySettingsIn, response=CategorySettingsOut, auth="admin")
async def put_category_settings(request: Request) -> Response:
    viewer = await require_admin(request)
    body = await read_json(request, CategorySettingsIn)
    return ok(await service.do_set_category_agreement(app_ctx(request), viewer, path_int(request, "category_id"),
                                                      body.agreement_id))


@api("Recent purges and erasures, as counts only (admins)", response=PurgesOut, auth="admin", query=("limit",))
async def list_purges(request: Request) -> Response:
    await require_admin(request)
    limit = int_param(request, "limit", 50, lo=1, hi=PURGES_PAGE_MAX) or 50
    async with app_ctx(request).db.read() as session:
        runs = await confidentiality_store.list_purge_runs(session, limit)
    return ok({"purges": [{"at": r.at.isoformat(), "kind": r.kind, "messages": r.messages, "posts": r.posts,
                           "revisions": r.revisions, "other": r.other} for r in runs]})


@api("Everything you wrote and your settings, as one JSON download")
async def export_me(request: Request) -> Response:
    viewer = await require_viewer(request)
    data: dict[str, Any] = await account.export_account(app_ctx(request), viewer)
    return Response(
        json.dumps(data, ensure_ascii=False, indent=1),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="peerhub-export.json"', "Cache-Control": "no-store"},
    )


@api("Erase your account: everything you wrote, your settings, sessions and open sockets",
     body=EraseIn, response=EraseOut)
async def delete_me(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, EraseIn)
    limiter: RateLimiter = request.app.state.auth_limiter
    limiter.check("handle:" + viewer.handle.casefold())
    counts = await account.do_erase(app_ctx(request), passwords(request), viewer, body.password)
    response = ok({"erased": True, "messages": counts["messages"], "posts": counts["posts"]})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def routes() -> list[BaseRoute]:
    return [
        Route("/api/agreements", list_agreements, methods=["GET"]),
        Route("/api/agreements", create_agreement, methods=["POST"]),
        Route("/api/agreements/{agreement_id:int}", get_agreement, methods=["GET"]),
        Route("/api/agreements/{agreement_id:int}", update_agreement, methods=["PATCH"]),
        Route("/api/agreements/{agreement_id:int}/accept", accept_agreement, methods=["POST"]),
        Route("/api/confidentiality/rooms/{slug}", get_room_settings, methods=["GET"]),
        Route("/api/confidentiality/rooms/{slug}", put_room_settings, methods=["PUT"]),
        Route("/api/confidentiality/categories/{category_id:int}", put_category_settings, methods=["PUT"]),
        Route("/api/confidentiality/purges", list_purges, methods=["GET"]),
        Route("/api/me/export", export_me, methods=["GET"]),
        Route("/api/me", delete_me, methods=["DELETE"]),
    ]

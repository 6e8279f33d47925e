"""HTTP endpoints under ``/api/moderation/``: thin wrappers over the moderation services.

Each view authenticates, parses, calls one service function (which does the
access check) and serialises. ``auth`` in ``@api`` is the least role that
can succeed; scoped facilitators are further limited by the service.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from peerhub.http import (
    Strict,
    api,
    app_ctx,
    int_param,
    ok,
    path_int,
    read_json,
    require_admin,
    require_viewer,
)
from peerhub.moderation import audit, duty, people, reports, rooms, sanctions, scopes
from peerhub.moderation.content import ContentRegistry, Place
from peerhub.moderation.runtime import ModerationRuntime

Reason = Field(default=None, max_length=500)


class PlaceIn(Strict):
    kind: Literal["room", "category"]
    id: int = Field(ge=1)

    def place(self) -> Place:
        return Place(self.kind, self.id)


class ScopesIn(Strict):
    user_id: int = Field(ge=1)
    places: list[PlaceIn] = Field(max_length=scopes.MAX_SCOPES)


class DutyIn(Strict):
    on: bool


class SanctionIn(Strict):
    kind: Literal["mute", "kick", "ban"]
    user_id: int = Field(ge=1)
    place: PlaceIn | None = None
    duration_seconds: int | None = Field(default=None, ge=1, le=sanctions.MAX_SANCTION_SECONDS)
    reason: str | None = Reason


class ReasonIn(Strict):
    reason: str | None = Reason


class RoomControlsIn(Strict):
    slow_mode_seconds: int | None = Field(default=None, ge=0, le=rooms.MAX_SLOW_MODE_SECONDS)
    locked: bool | None = None
    reason: str | None = Reason


class PinIn(Strict):
    message_id: int = Field(ge=1)
    reason: str | None = Reason


class CheckinIn(Strict):
    user_id: int = Field(ge=1)
    text: str = Field(min_length=1, max_length=2000)


class NoteIn(Strict):
    text: str = Field(min_length=1, max_length=4000)


class ReportIn(Strict):
    target_kind: Literal["message", "post", "user"]
    target_id: int = Field(ge=1)
    reason: Literal["harassment", "spam", "personal_details", "unsafe_content", "safety_concern", "other"]
    text: str | None = Field(default=None, max_length=1000)


class ResolveIn(Strict):
    outcome: Literal["dismissed", "actioned"]
    action_audit_id: int | None = Field(default=None, ge=1)
    reason: str | None = Reason


def _runtime(request: Request) -> ModerationRuntime:
    runtime: ModerationRuntime = request.app.state.moderation
    return runtime


def _content(request: Request) -> ContentRegistry:
    return _runtime(request).content


@api("Set the rooms/categories a facilitator is limited to (empty: site-wide)", body=ScopesIn, auth="admin")
async def put_scopes(request: Request) -> Response:
    viewer = await require_admin(request)
    body = await read_json(request, ScopesIn)
    places = await scopes.do_set_scopes(app_ctx(request), viewer, body.user_id, [p.place() for p in body.places])
    return ok({"user_id": body.user_id, "places": [p.to_json() for p in places]})


@api("Every scoped facilitator and their places", auth="admin")
async def get_scopes(request: Request) -> Response:
    await require_admin(request)
    found = await scopes.list_scopes(app_ctx(request))
    return ok({"scopes": [{"user_id": u, "places": [p.to_json() for p in ps]} for u, ps in found.items()]})


@api("Go on or off duty", body=DutyIn, auth="facilitator")
async def post_duty(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, DutyIn)
    return ok({"on": await duty.do_set_duty(app_ctx(request), viewer, body.on)})


@api("Who is on duty now", auth="facilitator")
async def get_duty(request: Request) -> Response:
    viewer = await require_viewer(request)
    return ok({"on_duty": await duty.list_on_duty(app_ctx(request), viewer)})


@api("Mute, kick or ban someone (site-wide when no place)", body=SanctionIn, auth="facilitator", status=201)
async def post_sanction(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, SanctionIn)
    ctx = app_ctx(request)
    applied = await sanctions.do_sanction(
        ctx, viewer, body.kind, body.user_id, body.place.place() if body.place else None,
        body.duration_seconds, body.reason,
    )
    return ok({"sanction": sanctions.sanction_json(applied.sanction, ctx.clock.now()),
               "audit_id": applied.audit_id}, 201)


@api("Active mutes and bans", auth="facilitator", query=("user_id",))
async def get_sanctions(request: Request) -> Response:
    viewer = await require_viewer(request)
    user_id = int_param(request, "user_id", lo=1)
    return ok({"sanctions": await sanctions.list_active(app_ctx(request), viewer, user_id)})


@api("Lift a mute or ban early", body=ReasonIn, auth="facilitator")
async def lift_sanction(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, ReasonIn)
    ctx = app_ctx(request)
    applied = await sanctions.do_lift(ctx, viewer, path_int(request, "sanction_id"), body.reason)
    return ok({"sanction": sanctions.sanction_json(applied.sanction, ctx.clock.now()),
               "audit_id": applied.audit_id})


@api("A room's slow mode, lock and pinned messages")
async def get_room(request: Request) -> Response:
    await require_viewer(request)
    state = await rooms.read_room_state(app_ctx(request), path_int(request, "room_id"))
    return ok(state.to_json())


@api("Change a room's slow mode and/or lock", body=RoomControlsIn, auth="facilitator")
async def patch_room(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, RoomControlsIn)
    state = await rooms.do_set_room_controls(
        app_ctx(request), viewer, path_int(request, "room_id"), body.slow_mode_seconds, body.locked, body.reason
    )
    return ok(state.to_json())


@api("Pin a message in a room", body=PinIn, auth="facilitator", status=201)
async def post_pin(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, PinIn)
    state = await rooms.do_pin(
        app_ctx(request), _content(request), viewer, path_int(request, "room_id"), body.message_id, True, body.reason
    )
    return ok(state.to_json(), 201)


@api("Unpin a message", auth="facilitator")
async def delete_pin(request: Request) -> Response:
    viewer = await require_viewer(request)
    state = await rooms.do_pin(
        app_ctx(request), _content(request), viewer, path_int(request, "room_id"),
        path_int(request, "message_id"), False, None,
    )
    return ok(state.to_json())


async def _set_removed(request: Request, removed: bool) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, ReasonIn)
    kind = request.path_params.get("kind")
    if kind not in ("message", "post"):
        kind = "unknown"
    audit_id = await rooms.do_set_removed(
        app_ctx(request), _content(request), viewer, kind, path_int(request, "target_id"), removed, body.reason
    )
    return ok({"removed": removed, "audit_id": audit_id})


@api("Remove a room message or forum post (kind: message|post)", body=ReasonIn, auth="facilitator")
async def remove_content(request: Request) -> Response:
    return await _set_removed(request, True)


@api("Restore a removed message or post", body=ReasonIn, auth="facilitator")
async def restore_content(request: Request) -> Response:
    return await _set_removed(request, False)


@api("Send someone a private, supportive check-in (not a sanction)", body=CheckinIn, auth="facilitator",
     status=201)
async def post_checkin(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, CheckinIn)
    row = await people.do_checkin(app_ctx(request), viewer, body.user_id, body.text)
    return ok({"checkin": people.checkin_json(row)}, 201)


@api("The check-ins facilitators sent me")
async def get_my_checkins(request: Request) -> Response:
    viewer = await require_viewer(request)
    rows = await people.list_my_checkins(app_ctx(request), viewer)
    return ok({"checkins": [people.checkin_json(c) for c in rows]})


@api("Add a private facilitator note about someone", body=NoteIn, auth="facilitator", status=201)
async def post_note(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, NoteIn)
    row = await people.do_add_note(app_ctx(request), viewer, path_int(request, "user_id"), body.text)
    return ok({"note": {"id": row.id, "created_at": row.created_at.isoformat()}}, 201)


@api("Someone's moderation history (this view is audited)", auth="facilitator")
async def get_user_history(request: Request) -> Response:
    viewer = await require_viewer(request)
    return ok(await people.get_history(app_ctx(request), viewer, path_int(request, "user_id")))


@api("Report a message, post or person", body=ReportIn, status=201)
async def post_report(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, ReportIn)
    runtime = _runtime(request)
    filing = await reports.file_report(
        app_ctx(request), runtime.content, runtime.report_limiter, viewer,
        body.target_kind, body.target_id, body.reason, body.text,
    )
    return ok({"report": {"id": filing.id, "status": "open"}}, 201)


@api("My reports and whether they were reviewed")
async def get_my_reports(request: Request) -> Response:
    viewer = await require_viewer(request)
    return ok({"reports": await reports.list_mine(app_ctx(request), viewer)})


@api("The review queue: severity first, then oldest", auth="facilitator", query=("status",))
async def get_queue(request: Request) -> Response:
    viewer = await require_viewer(request)
    status = request.query_params.get("status") or "open"
    return ok({"reports": await reports.list_queue(app_ctx(request), _content(request), viewer, status)})


@api("One report with its reporters and context (this view is audited)", auth="facilitator")
async def get_report(request: Request) -> Response:
    viewer = await require_viewer(request)
    return ok(await reports.get_report(app_ctx(request), _content(request), viewer, path_int(request, "report_id")))


@api("Claim a report to review it", auth="facilitator")
async def claim_report(request: Request) -> Response:
    viewer = await require_viewer(request)
    report = await reports.do_claim(app_ctx(request), viewer, path_int(request, "report_id"))
    return ok({"id": report.id, "claimed_by": report.claimed_by})


@api("Resolve a report as dismissed or actioned (linking the action's audit entry)", body=ResolveIn,
     auth="facilitator")
async def resolve_report(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, ResolveIn)
    report = await reports.do_resolve(
        app_ctx(request), viewer, path_int(request, "report_id"), body.outcome, body.action_audit_id, body.reason
    )
    return ok({"id": report.id, "status": report.status, "outcome": report.outcome,
               "action_audit_id": report.action_audit_id})


@api("The audit log, newest first (keyset: pass next_cursor back as cursor)", auth="facilitator",
     query=("actor", "target", "cursor"))
async def get_audit(request: Request) -> Response:
    viewer = await require_viewer(request)
    rows, cursor = await audit.list_entries(
        app_ctx(request), viewer, actor_id=int_param(request, "actor", lo=1),
        target=request.query_params.get("target"), cursor=int_param(request, "cursor", lo=1),
    )
    return ok({"entries": [audit.entry_json(e) for e in rows], "next_cursor": cursor})


def routes() -> list[BaseRoute]:
    p = "/api/moderation"
    return [
        Route(f"{p}/scopes", put_scopes, methods=["PUT"]),
        Route(f"{p}/scopes", get_scopes, methods=["GET"]),
        Route(f"{p}/duty", post_duty, methods=["POST"]),
        Route(f"{p}/duty", get_duty, methods=["GET"]),
        Route(f"{p}/sanctions", post_sanction, methods=["POST"]),
        Route(f"{p}/sanctions", get_sanctions, methods=["GET"]),
        Route(f"{p}/sanctions/{{sanction_id:int}}/lift", lift_sanction, methods=["POST"]),
        Route(f"{p}/rooms/{{room_id:int}}", get_room, methods=["GET"]),
        Route(f"{p}/rooms/{{room_id:int}}", patch_room, methods=["PATCH"]),
        Route(f"{p}/rooms/{{room_id:int}}/pins", post_pin, methods=["POST"]),
        Route(f"{p}/rooms/{{room_id:int}}/pins/{{message_id:int}}", delete_pin, methods=["DELETE"]),
        Route(f"{p}/content/{{kind}}/{{target_id:int}}/remove", remove_content, methods=["POST"]),
        Route(f"{p}/content/{{kind}}/{{target_id:int}}/restore", restore_content, methods=["POST"]),
        Route(f"{p}/checkins", post_checkin, methods=["POST"]),
        Route(f"{p}/checkins", get_my_checkins, methods=["GET"]),
        Route(f"{p}/users/{{user_id:int}}", get_user_history, methods=["GET"]),
        Route(f"{p}/users/{{user_id:int}}/notes", post_note, methods=["POST"]),
        Route(f"{p}/reports", post_report, methods=["POST"]),
        Route(f"{p}/reports", get_queue, methods=["GET"]),
        Route(f"{p}/reports/mine", get_my_reports, methods=["GET"]),
        Route(f"{p}/reports/{{report_id:int}}", get_report, methods=["GET"]),
        Route(f"{p}/reports/{{report_id:int}}/claim", claim_report, methods=["POST"]),
        Route(f"{p}/reports/{{report_id:int}}/resolve", resolve_report, methods=["POST"]),
        Route(f"{p}/audit", get_audit, methods=["GET"]),
    ]

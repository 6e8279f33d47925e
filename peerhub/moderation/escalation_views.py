"""HTTP endpoints for crisis escalations (staff), crisis resources (admins)
and the support card (members). Thin: authenticate, parse, call one service
function, serialise; metrics are observed here because they live on the app.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from peerhub.errors import InvalidInput
from peerhub.http import Strict, api, app_ctx, int_param, ok, path_int, read_json, require_viewer
from peerhub.metrics import Metrics
from peerhub.moderation import escalation, escalation_queue, escalation_stats, resources
from peerhub.moderation.content import ContentRegistry


class ResolveIn(Strict):
    outcome: Literal["supported", "referred", "emergency_services", "no_response", "not_a_crisis", "other"]
    note: str | None = Field(default=None, max_length=escalation.MAX_NOTE_CHARS)


class ContactIn(Strict):
    kind: Literal["call", "text", "tty", "chat", "web"]
    label: str = Field(min_length=1, max_length=80)
    href: str = Field(min_length=4, max_length=300)


class ResourceIn(Strict):
    name: str = Field(min_length=1, max_length=120)
    summary: str = Field(default="", max_length=500)
    hours: str = Field(default="", max_length=120)
    languages: list[str] = Field(default_factory=list, max_length=20)
    contacts: list[ContactIn] = Field(min_length=1, max_length=resources.MAX_CONTACTS)
    emergency: bool = False
    active: bool = True
    position: int | None = Field(default=None, ge=0, le=1000)
    last_verified: date


class ResourcePatch(Strict):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    summary: str | None = Field(default=None, max_length=500)
    hours: str | None = Field(default=None, max_length=120)
    languages: list[str] | None = Field(default=None, max_length=20)
    contacts: list[ContactIn] | None = Field(default=None, min_length=1, max_length=resources.MAX_CONTACTS)
    emergency: bool | None = None
    active: bool | None = None
    position: int | None = Field(default=None, ge=0, le=1000)
    last_verified: date | None = None


class EscalationOut(BaseModel):
    escalation: dict[str, Any]


def _metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


def _content(request: Request) -> ContentRegistry | None:
    runtime = getattr(request.app.state, "moderation", None)
    content = getattr(runtime, "content", None)
    return content if isinstance(content, ContentRegistry) else None


async def _refresh_gauge(request: Request) -> None:
    _metrics(request).open_escalations.set(await escalation_queue.count_unresolved(app_ctx(request)))


@api("Crisis escalations: urgent (crisis, safety reports) before review (concerns); in each, waiting "
     "ones first, oldest first (staff only)", auth="facilitator", query=("status", "priority", "before", "limit"))
async def list_escalations(request: Request) -> Response:
    viewer = await require_viewer(request)
    status = request.query_params.get("status") or "unresolved"
    before = int_param(request, "before", lo=1)
    limit = int_param(request, "limit", escalation_queue.MAX_LIST, lo=1, hi=escalation_queue.MAX_LIST)
    rows, cursor = await escalation_queue.list_escalations(
        app_ctx(request), viewer, status, before=before, limit=limit or escalation_queue.MAX_LIST,
        priority=request.query_params.get("priority") or None,
    )
    return ok({"escalations": rows, "next": cursor})


@api("One escalation with its items, a little context and its history (staff only)",
     auth="facilitator", response=EscalationOut)
async def get_escalation(request: Request) -> Response:
    viewer = await require_viewer(request)
    data = await escalation_queue.get_escalation(
        app_ctx(request), viewer, path_int(request, "escalation_id"), _content(request)
    )
    return ok({"escalation": data})


@api("Acknowledge an escalation: stops the deadline re-alerts", auth="facilitator", response=EscalationOut)
async def ack_escalation(request: Request) -> Response:
    viewer = await require_viewer(request)
    step = await escalation.do_ack(app_ctx(request), viewer, path_int(request, "escalation_id"))
    if step.ack_seconds is not None and step.urgent:
        _metrics(request).time_to_ack.observe(step.ack_seconds)
    await _refresh_gauge(request)
    return ok({"escalation": step.escalation, "time_to_ack_seconds": step.ack_seconds})


@api("Resolve an escalation with an outcome and an optional staff-only note", body=ResolveIn,
     auth="facilitator", response=EscalationOut)
async def resolve_escalation(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, ResolveIn)
    step = await escalation.do_resolve(
        app_ctx(request), viewer, path_int(request, "escalation_id"), body.outcome, body.note
    )
    if step.ack_seconds is not None and step.urgent:
        _metrics(request).time_to_ack.observe(step.ack_seconds)
    await _refresh_gauge(request)
    return ok({"escalation": step.escalation, "time_to_ack_seconds": step.ack_seconds,
               "time_to_resolve_seconds": step.resolve_seconds})


@api("Escalations per UTC day and the median time to acknowledge (staff)", auth="facilitator", query=("days",))
async def get_stats(request: Request) -> Response:
    viewer = await require_viewer(request)
    days = int_param(request, "days", 7, lo=1, hi=escalation_stats.MAX_STATS_DAYS) or 7
    return ok({"days": await escalation_stats.daily_stats(app_ctx(request), viewer, days)})


@api("The support card as of now: helplines and whether a facilitator is on duty")
async def get_support_card(request: Request) -> Response:
    await require_viewer(request)
    return ok(await resources.current_card(app_ctx(request)))


@api("Every crisis resource, inactive ones included (admins)", auth="admin")
async def list_resources(request: Request) -> Response:
    viewer = await require_viewer(request)
    return ok({"resources": await resources.list_resources(app_ctx(request), viewer)})


@api("Add a crisis resource (admins)", body=ResourceIn, auth="admin", status=201)
async def create_resource(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, ResourceIn)
    fields = body.model_dump(exclude_none=True)
    row = await resources.do_create_resource(app_ctx(request), viewer, fields)
    return ok({"resource": row}, 201)


@api("Edit a crisis resource; deactivate rather than delete (admins)", body=ResourcePatch, auth="admin")
async def update_resource(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, ResourcePatch)
    changes = body.model_dump(exclude_unset=True)
    if any(v is None for v in changes.values()):
        raise InvalidInput("invalid_input", "Fields cannot be set to null; leave them out instead.")
    row = await resources.do_update_resource(app_ctx(request), viewer, path_int(request, "resource_id"), changes)
    return ok({"resource": row})


def routes() -> list[BaseRoute]:
    p = "/api/moderation/escalations"
    return [
        Route(p, list_escalations, methods=["GET"]),
        Route(f"{p}/stats", get_stats, methods=["GET"]),
        Route(f"{p}/{{escalation_id:int}}", get_escalation, methods=["GET"]),
        Route(f"{p}/{{escalation_id:int}}/ack", ack_escalation, methods=["POST"]),
        Route(f"{p}/{{escalation_id:int}}/resolve", resolve_escalation, methods=["POST"]),
        Route("/api/support/card", get_support_card, methods=["GET"]),
        Route("/api/support/resources", list_resources, methods=["GET"]),
        Route("/api/support/resources", create_resource, methods=["POST"]),
        Route("/api/support/resources/{resource_id:int}", update_resource, methods=["PATCH"]),
    ]

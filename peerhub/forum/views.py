"""HTTP endpoints for the forum: thin wrappers over ``forum.service``,
``forum.reading`` and ``forum.staff``. Every endpoint needs a logged-in
member; category changes need an admin, pin/lock and history staff.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from peerhub.accounts.service import Viewer
from peerhub.errors import InvalidInput, RateLimited
from peerhub.forum import reading, service, staff
from peerhub.forum.present import load_audience, present_post, present_thread
from peerhub.http import Strict, api, app_ctx, int_param, ok, path_int, read_json, require_viewer
from peerhub.ratelimit import RateLimiter

# The longest search query read; longer input is refused, not cut silently.
MAX_QUERY_CHARS = 500


class CategoryIn(Strict):
    slug: str = Field(max_length=64)
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=2_000)
    position: int = 0
    personal_policy: str = "warn"
    agreement_id: int | None = None
    locked: bool = False


class CategoryPatch(Strict):
    slug: str | None = Field(default=None, max_length=64)
    title: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=2_000)
    position: int | None = None
    personal_policy: str | None = None
    agreement_id: int | None = None
    locked: bool | None = None


class ThreadIn(Strict):
    category_id: int
    title: str
    body: str
    confirm: bool = False


class ThreadFlagsIn(Strict):
    pinned: bool | None = None
    locked: bool | None = None
    # Move the thread to another category (staff who moderate both).
    category_id: int | None = Field(default=None, ge=1)
    # The facilitator's own short reason, kept in the moderation audit log.
    reason: str | None = Field(default=None, max_length=500)


class PostIn(Strict):
    body: str
    parent_id: int | None = None
    confirm: bool = False


class PostEditIn(Strict):
    body: str
    confirm: bool = False


class ReadIn(Strict):
    post_id: int = Field(ge=0)


class NotificationsReadIn(Strict):
    up_to_id: int = Field(ge=0)


async def _post_out(request: Request, stored: service.Stored) -> dict[str, Any]:
    """The writer's view of a stored post, plus the crisis support card when there is one."""
    viewer = await require_viewer(request)
    async with app_ctx(request).db.read() as session:
        audience = await load_audience(session, viewer)
    out: dict[str, Any] = {"post": present_post(stored.post, viewer.handle, audience)}
    if stored.support is not None:
        out["support"] = stored.support
    return out


@api("Forum categories in display order, with thread counts")
async def list_categories(request: Request) -> Response:
    viewer = await require_viewer(request)
    return ok({"categories": await reading.list_categories(app_ctx(request), viewer)})


@api("Create a category (admin)", body=CategoryIn, auth="admin", status=201)
async def create_category(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, CategoryIn)
    return ok({"category": await staff.do_create_category(app_ctx(request), viewer, body.model_dump())}, 201)


@api("Change a category (admin); only the given fields change", body=CategoryPatch, auth="admin")
async def update_category(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, CategoryPatch)
    fields = {k: v for k, v in body.model_dump(exclude_unset=True).items() if v is not None or k == "agreement_id"}
    category = await staff.do_update_category(app_ctx(request), viewer, path_int(request, "category_id"), fields)
    return ok({"category": category})


@api("Threads of a category: pinned first, then by last activity (keyset pages)", query=("cursor", "limit"))
async def list_threads(request: Request) -> Response:
    viewer = await require_viewer(request)
    limit = int_param(request, "limit", reading.THREADS_PAGE, lo=1, hi=100) or reading.THREADS_PAGE
    page = await reading.list_threads(
        app_ctx(request), viewer, path_int(request, "category_id"), request.query_params.get("cursor"), limit
    )
    return ok(page)


def _limit_writing(request: Request, viewer: Viewer) -> None:
    """Posting flood guard per person (staff exempt): thread starts, replies and
    edits share one bucket of ``settings.forum_post_burst`` refilled every
    ``forum_post_interval_seconds`` (defaults 10 and 12 s: enough for a heated
    conversation, not for a flood)."""
    if viewer.is_staff:
        return
    limiter: RateLimiter = request.app.state.forum_post_limiter
    wait = limiter.take(f"user:{viewer.id}")
    if wait > 0:
        raise RateLimited(wait, "rate_limited", "You're posting very quickly. Take a breath and try again shortly.")


@api("Start a thread: a title (3-200 characters) and the opening post", body=ThreadIn, status=201)
async def create_thread(request: Request) -> Response:
    viewer = await require_viewer(request)
    _limit_writing(request, viewer)
    body = await read_json(request, ThreadIn)
    ctx = app_ctx(request)
    stored = await service.do_create_thread(
        ctx, viewer, body.category_id, body.title, body.body, confirmed=body.confirm
    )
    request.app.state.metrics.posts.inc()
    return ok({"thread": present_thread(stored.thread, viewer.handle)} | await _post_out(request, stored), 201)


@api("A thread and one page of its posts as a tree (paged by top-level post)", query=("cursor", "limit"))
async def get_thread(request: Request) -> Response:
    viewer = await require_viewer(request)
    limit = int_param(request, "limit", reading.TOP_LEVEL_PAGE, lo=1, hi=200) or reading.TOP_LEVEL_PAGE
    page = await reading.get_thread(
        app_ctx(request), viewer, path_int(request, "thread_id"), request.query_params.get("cursor"), limit
    )
    return ok(page)


@api("Pin, lock or move a thread (staff who moderate its category; audited)", body=ThreadFlagsIn,
     auth="facilitator")
async def update_thread(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, ThreadFlagsIn)
    thread = await staff.do_set_thread_flags(
        app_ctx(request), viewer, path_int(request, "thread_id"), pinned=body.pinned, locked=body.locked,
        category_id=body.category_id, reason=body.reason,
    )
    return ok({"thread": thread})


@api("Reply in a thread (to a post with parent_id, or at the top level)", body=PostIn, status=201)
async def create_post(request: Request) -> Response:
    viewer = await require_viewer(request)
    _limit_writing(request, viewer)
    body = await read_json(request, PostIn)
    ctx = app_ctx(request)
    stored = await service.do_create_post(
        ctx, viewer, path_int(request, "thread_id"), body.parent_id, body.body, confirmed=body.confirm
    )
    request.app.state.metrics.posts.inc()
    return ok(await _post_out(request, stored), 201)


@api("Edit your post; earlier versions are kept for facilitators", body=PostEditIn)
async def edit_post(request: Request) -> Response:
    viewer = await require_viewer(request)
    _limit_writing(request, viewer)
    body = await read_json(request, PostEditIn)
    ctx = app_ctx(request)
    stored = await service.do_edit_post(ctx, viewer, path_int(request, "post_id"), body.body, confirmed=body.confirm)
    return ok(await _post_out(request, stored))


@api("Remove your post; a '[removed by author]' placeholder keeps the tree")
async def delete_post(request: Request) -> Response:
    viewer = await require_viewer(request)
    ctx = app_ctx(request)
    post = await service.do_delete_post(ctx, viewer, path_int(request, "post_id"))
    async with ctx.db.read() as session:
        audience = await load_audience(session, viewer)
    return ok({"post": present_post(post, viewer.handle, audience)})


@api("Earlier versions of a post (staff)", auth="facilitator")
async def post_history(request: Request) -> Response:
    viewer = await require_viewer(request)
    return ok(await staff.post_history(app_ctx(request), viewer, path_int(request, "post_id")))


@api("Follow a thread")
async def follow_thread(request: Request) -> Response:
    viewer = await require_viewer(request)
    await service.do_set_follow(app_ctx(request), viewer, path_int(request, "thread_id"), True)
    return ok({"following": True})


@api("Stop following a thread (replying later does not re-follow)")
async def unfollow_thread(request: Request) -> Response:
    viewer = await require_viewer(request)
    await service.do_set_follow(app_ctx(request), viewer, path_int(request, "thread_id"), False)
    return ok({"following": False})


@api("Move your read position in a thread forward", body=ReadIn)
async def mark_read(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, ReadIn)
    position = await service.do_mark_read(app_ctx(request), viewer, path_int(request, "thread_id"), body.post_id)
    return ok({"read_position": position})


@api("Search thread titles and posts; snippets are escaped HTML with <mark>", query=("q", "category_id", "limit"))
async def search(request: Request) -> Response:
    viewer = await require_viewer(request)
    query = request.query_params.get("q", "")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidInput("query_too_long", f"Search for at most {MAX_QUERY_CHARS} characters.")
    category_id = int_param(request, "category_id", None, lo=1)
    limit = int_param(request, "limit", reading.SEARCH_LIMIT, lo=1, hi=50) or reading.SEARCH_LIMIT
    return ok(await reading.search(app_ctx(request), viewer, query, category_id, limit))


@api("Your forum notifications, newest first", query=("cursor", "limit"))
async def notifications(request: Request) -> Response:
    viewer = await require_viewer(request)
    limit = int_param(request, "limit", reading.NOTIFICATIONS_PAGE, lo=1, hi=100) or reading.NOTIFICATIONS_PAGE
    page = await reading.list_notifications(app_ctx(request), viewer, request.query_params.get("cursor"), limit)
    return ok(page)


@api("Mark notifications read up to an id", body=NotificationsReadIn)
async def notifications_read(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, NotificationsReadIn)
    await service.do_mark_notifications_read(app_ctx(request), viewer, body.up_to_id)
    return ok({"ok": True})


def routes() -> list[BaseRoute]:
    return [
        Route("/api/forum/categories", list_categories, methods=["GET"]),
        Route("/api/forum/categories", create_category, methods=["POST"]),
        Route("/api/forum/categories/{category_id:int}", update_category, methods=["PATCH"]),
        Route("/api/forum/categories/{category_id:int}/threads", list_threads, methods=["GET"]),
        Route("/api/forum/threads", create_thread, methods=["POST"]),
        Route("/api/forum/threads/{thread_id:int}", get_thread, methods=["GET"]),
        Route("/api/forum/threads/{thread_id:int}", update_thread, methods=["PATCH"]),
        Route("/api/forum/threads/{thread_id:int}/posts", create_post, methods=["POST"]),
        Route("/api/forum/threads/{thread_id:int}/follow", follow_thread, methods=["POST"]),
        Route("/api/forum/threads/{thread_id:int}/follow", unfollow_thread, methods=["DELETE"]),
        Route("/api/forum/threads/{thread_id:int}/read", mark_read, methods=["PUT"]),
        Route("/api/forum/posts/{post_id:int}", edit_post, methods=["PATCH"]),
        Route("/api/forum/posts/{post_id:int}", delete_post, methods=["DELETE"]),
        Route("/api/forum/posts/{post_id:int}/history", post_history, methods=["GET"]),
        Route("/api/forum/search", search, methods=["GET"]),
        Route("/api/me/notifications", notifications, methods=["GET"]),
        Route("/api/me/notifications/read", notifications_read, methods=["POST"]),
    ]

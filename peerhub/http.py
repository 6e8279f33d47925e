"""Helpers every HTTP view uses: JSON in and out, the viewer, API metadata.

Views stay thin: ``body = await read_json(request, Model)``, ``viewer =
await require_viewer(request)``, call one service function, ``return ok(...)``.
``@api(...)`` records the request/response models so ``/api/openapi.json``
describes every endpoint from the route table itself.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from peerhub.accounts.passwords import Passwords
from peerhub.accounts.service import Viewer, authenticate
from peerhub.context import AppContext
from peerhub.errors import Forbidden, InvalidInput, NotAuthenticated, TooLarge

SESSION_COOKIE = "peerhub_session"
CSRF_HEADER = "x-csrf-token"
# Largest JSON body any endpoint accepts; forum posts (20,000 characters,
# up to 4 bytes each in UTF-8) are the biggest legitimate bodies.
MAX_JSON_BYTES = 128 * 1024
# Integers in requests: ids, counts and durations are 32-bit columns (PostgreSQL
# integer); anything bigger cannot be valid and would fail in the database.
MAX_INT = 2**31 - 1

M = TypeVar("M", bound=BaseModel)
Endpoint = Callable[[Request], Awaitable[Response]]


class Strict(BaseModel):
    """Base for request bodies: unknown fields are refused, not ignored."""

    model_config = {"extra": "forbid", "str_strip_whitespace": False}


@dataclass(frozen=True)
class ApiMeta:
    summary: str
    body: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    auth: str = "member"  # "public", "member", "facilitator", "admin"
    status: int = 200
    query: tuple[str, ...] = ()


def api(
    summary: str,
    *,
    body: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    auth: str = "member",
    status: int = 200,
    query: tuple[str, ...] = (),
) -> Callable[[Endpoint], Endpoint]:
    def mark(fn: Endpoint) -> Endpoint:
        fn.api_meta = ApiMeta(summary, body, response, auth, status, query)  # type: ignore[attr-defined]
        return fn

    return mark


def app_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


def passwords(request: Request) -> Passwords:
    pw: Passwords = request.app.state.passwords
    return pw


def _out_of_range(data: object) -> str | None:
    """The path of the first integer outside the 32-bit range, or None."""
    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, int) and not isinstance(value, bool) and not -MAX_INT - 1 <= value <= MAX_INT:
            return path.lstrip(".")
        if isinstance(value, dict):
            stack.extend((f"{path}.{k}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{path}.{i}", v) for i, v in enumerate(value))
    return None


async def read_json(request: Request, model: type[M]) -> M:
    """Parse and validate a JSON object body against ``model``.

    Every integer in a request must fit in 32 bits (ids and counts are 32-bit
    columns): a bigger one is refused here as ``invalid_input`` instead of
    failing in the database. Nesting past Python's recursion limit is
    ``malformed_json``."""
    raw = await request.body()
    if len(raw) > MAX_JSON_BYTES:
        raise TooLarge("too_large", "That request is too large.")
    try:
        data = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise InvalidInput("malformed_json", "The request body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise InvalidInput("malformed_json", "The request body must be a JSON object.")
    bad = _out_of_range(data)
    if bad is not None:
        raise InvalidInput("invalid_input", "Some fields are missing or not valid.",
                           fields=[{"field": bad, "problem": "int_out_of_range"}])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # Field names and reasons only: never echo the submitted values.
        fields = [
            {"field": ".".join(str(p) for p in err["loc"]), "problem": err["type"]}
            for err in exc.errors(include_input=False, include_url=False)
        ]
        raise InvalidInput("invalid_input", "Some fields are missing or not valid.", fields=fields) from None


async def current_viewer(request: Request) -> Viewer | None:
    if "viewer" in request.state._state:
        cached: Viewer | None = request.state.viewer
        return cached
    viewer = await authenticate(app_ctx(request), request.cookies.get(SESSION_COOKIE))
    request.state.viewer = viewer
    return viewer


async def require_viewer(request: Request) -> Viewer:
    viewer = await current_viewer(request)
    if viewer is None:
        raise NotAuthenticated()
    return viewer


async def require_staff(request: Request) -> Viewer:
    viewer = await require_viewer(request)
    if not viewer.is_staff:
        raise Forbidden()
    return viewer


async def require_admin(request: Request) -> Viewer:
    viewer = await require_viewer(request)
    if not viewer.is_admin:
        raise Forbidden()
    return viewer


def ok(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def int_param(request: Request, name: str, default: int | None = None, *, lo: int = 0, hi: int = 2**62) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput("invalid_query", f"'{name}' must be a whole number.") from None
    if not lo <= value <= hi:
        raise InvalidInput("invalid_query", f"'{name}' must be between {lo} and {hi}.")
    return value


def path_int(request: Request, name: str) -> int:
    """An integer path parameter; one outside 32 bits cannot name anything: ``invalid_path``."""
    try:
        value = int(request.path_params[name])
    except (KeyError, ValueError):
        raise InvalidInput("invalid_path", "That address is not valid.") from None
    if not -MAX_INT - 1 <= value <= MAX_INT:
        raise InvalidInput("invalid_path", "That address is not valid.")
    return value

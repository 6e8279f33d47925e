"""HTTP endpoints for accounts: thin wrappers over ``accounts.service``."""

from __future__ import annotations

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from peerhub.accounts import service
from peerhub.accounts.service import LoginResult, user_json
from peerhub.http import (
    SESSION_COOKIE,
    Strict,
    api,
    app_ctx,
    ok,
    passwords,
    read_json,
    require_viewer,
)
from peerhub.ratelimit import RateLimiter


class SignupIn(Strict):
    handle: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class LoginIn(Strict):
    handle: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class PasswordIn(Strict):
    old_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class RecoverIn(Strict):
    handle: str = Field(max_length=64)
    recovery_code: str = Field(max_length=64)
    new_password: str = Field(max_length=1024)


class UserOut(BaseModel):
    id: int
    handle: str
    role: str


class SignupOut(BaseModel):
    user: UserOut
    recovery_codes: list[str]


class LoginOut(BaseModel):
    user: UserOut
    csrf_token: str


class OkOut(BaseModel):
    ok: bool


def client_key(request: Request) -> str:
    """The address used for rate limiting only (kept hashed, in memory)."""
    resolved: str = request.scope.get("peerhub.client_ip") or (request.client.host if request.client else "?")
    return resolved


def _limit(request: Request, handle: str) -> None:
    limiter: RateLimiter = request.app.state.auth_limiter
    addr_limiter: RateLimiter = request.app.state.auth_addr_limiter
    addr_limiter.check("addr:" + client_key(request))
    limiter.check("handle:" + handle.strip().casefold())


def _with_session(request: Request, result: LoginResult, status: int = 200) -> Response:
    response = JSONResponse({"user": user_json(result.user), "csrf_token": result.csrf_token}, status_code=status)
    settings = app_ctx(request).settings
    response.set_cookie(
        SESSION_COOKIE,
        result.token,
        max_age=settings.session_absolute_seconds,
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
    )
    return response


@api("Create a pseudonymous account; returns recovery codes once", body=SignupIn, response=SignupOut,
     auth="public", status=201)
async def signup(request: Request) -> Response:
    body = await read_json(request, SignupIn)
    _limit(request, body.handle)
    user, codes = await service.do_signup(app_ctx(request), passwords(request), body.handle, body.password)
    return ok({"user": user_json(user), "recovery_codes": codes}, 201)


@api("Log in; sets the session cookie and returns the CSRF token", body=LoginIn, response=LoginOut, auth="public")
async def login(request: Request) -> Response:
    body = await read_json(request, LoginIn)
    _limit(request, body.handle)
    result = await service.do_login(app_ctx(request), passwords(request), body.handle, body.password)
    return _with_session(request, result)


@api("Log out and end this session", response=OkOut, auth="public")
async def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await service.do_logout(app_ctx(request), token)
    response = ok({"ok": True})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@api("The logged-in person and their CSRF token", response=LoginOut)
async def me(request: Request) -> Response:
    viewer = await require_viewer(request)
    csrf = service.csrf_for(app_ctx(request).settings.secret_key, viewer.token_hash)
    return ok({"user": {"id": viewer.id, "handle": viewer.handle, "role": viewer.role}, "csrf_token": csrf})


@api("Change password; ends every session and starts a new one", body=PasswordIn, response=LoginOut)
async def change_password(request: Request) -> Response:
    viewer = await require_viewer(request)
    body = await read_json(request, PasswordIn)
    _limit(request, viewer.handle)
    result = await service.do_change_password(
        app_ctx(request), passwords(request), viewer, body.old_password, body.new_password
    )
    return _with_session(request, result)


@api("Recover an account with a one-time recovery code", body=RecoverIn, response=LoginOut, auth="public")
async def recover(request: Request) -> Response:
    body = await read_json(request, RecoverIn)
    _limit(request, body.handle)
    result = await service.do_recover(
        app_ctx(request), passwords(request), body.handle, body.recovery_code, body.new_password
    )
    return _with_session(request, result)


def routes() -> list[BaseRoute]:
    return [
        Route("/api/auth/signup", signup, methods=["POST"]),
        Route("/api/auth/login", login, methods=["POST"]),
        Route("/api/auth/logout", logout, methods=["POST"]),
        Route("/api/auth/password", change_password, methods=["POST"]),
        Route("/api/auth/recover", recover, methods=["POST"]),
        Route("/api/me", me, methods=["GET"]),
    ]

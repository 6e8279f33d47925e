"""ASGI middleware: request ids and access log, security headers, CSRF and Origin checks.

The access log line has the method, the route *template* (never the raw
path's query string), the status and the duration. No client address.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import secrets
import time
from http.cookies import SimpleCookie

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peerhub.accounts.service import csrf_for, token_hash
from peerhub.http import CSRF_HEADER, MAX_JSON_BYTES, SESSION_COOKIE
from peerhub.logs import request_id
from peerhub.settings import Settings

log = logging.getLogger("peerhub.access")
# Scope key: the server's own ASGI ``send`` for a websocket, before Starlette's
# wrappers (which only watch HTTP responses); the chat socket sends through it.
SCOPE_SERVER_SEND = "peerhub.server_send"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Endpoints that create a session rather than use one: a stale cookie must not block them.
CSRF_EXEMPT = frozenset({"/api/auth/login", "/api/auth/signup", "/api/auth/recover"})
# Anything bigger than this is refused before it is read (forum bodies are the largest).
MAX_BODY_BYTES = 4 * MAX_JSON_BYTES


def _header_pairs(extra: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.encode(), v.encode()) for k, v in extra.items()]


BASE_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
}


def own_origin(scope: Scope, headers: Headers) -> str:
    scheme = scope.get("peerhub.scheme") or scope.get("scheme", "http")
    scheme = {"ws": "http", "wss": "https"}.get(scheme, scheme)
    host = headers.get("host", "")
    return f"{scheme}://{host}".rstrip("/")


def origin_allowed(scope: Scope, headers: Headers, settings: Settings) -> bool:
    """No Origin header (same-origin GET, curl) is allowed; a foreign one is not."""
    origin = headers.get("origin")
    if origin is None:
        return True
    origin = origin.rstrip("/")
    return origin == own_origin(scope, headers) or origin in settings.allowed_origins


def resolve_client(scope: Scope, headers: Headers, settings: Settings) -> None:
    """Trust X-Forwarded-For/Proto only from configured proxy addresses."""
    client = scope.get("client")
    peer = client[0] if client else ""
    scope["peerhub.client_ip"] = peer
    if not settings.trusted_proxies or not peer:
        return
    try:
        peer_ip = ipaddress.ip_address(peer)
        trusted = any(peer_ip in ipaddress.ip_network(net, strict=False) for net in settings.trusted_proxies)
    except ValueError:
        return
    if not trusted:
        return
    forwarded = headers.get("x-forwarded-for")
    if forwarded:
        scope["peerhub.client_ip"] = forwarded.split(",")[-1].strip()
    proto = headers.get("x-forwarded-proto")
    if proto in {"http", "https"}:
        scope["peerhub.scheme"] = proto


def _error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}).encode()


class PeerhubMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in {"http", "websocket"}:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        resolve_client(scope, headers, self.settings)
        rid = secrets.token_hex(8)
        token = request_id.set(rid)
        try:
            if scope["type"] == "websocket":
                scope[SCOPE_SERVER_SEND] = send
                await self.app(scope, receive, send)
                return
            await self._http(scope, receive, send, headers, rid)
        finally:
            request_id.reset(token)

    async def _http(self, scope: Scope, receive: Receive, send: Send, headers: Headers, rid: str) -> None:
        start = time.perf_counter()
        status_holder = [500]
        path: str = scope["path"]
        is_api = path.startswith("/api/")

        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder[0] = message["status"]
                extra = dict(BASE_HEADERS)
                extra["x-request-id"] = rid
                if is_api or path in {"/healthz", "/readyz", "/metrics"}:
                    extra["cache-control"] = "no-store"
                existing = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    pair for pair in _header_pairs(extra) if pair[0] not in existing
                ]
            await send(message)

        refusal = self._refuse(scope, headers)
        if refusal is not None:
            status, code, msg = refusal
            body = _error_body(code, msg)
            await send_wrapped({"type": "http.response.start", "status": status,
                                "headers": [(b"content-type", b"application/json"),
                                            (b"content-length", str(len(body)).encode())]})
            await send_wrapped({"type": "http.response.body", "body": body})
        else:
            received = [0]

            async def receive_limited() -> Message:
                message = await receive()
                if message["type"] == "http.request":
                    received[0] += len(message.get("body", b""))
                    if received[0] > MAX_BODY_BYTES:
                        raise BodyTooLarge()
                return message

            try:
                await self.app(scope, receive_limited, send_wrapped)
            except BodyTooLarge:
                body = _error_body("too_large", "That request is too large.")
                await send_wrapped({"type": "http.response.start", "status": 413,
                                    "headers": [(b"content-type", b"application/json")]})
                await send_wrapped({"type": "http.response.body", "body": body})
        route = scope.get("route")
        template = getattr(route, "path", None) or ("/static" if not is_api else "unmatched")
        elapsed = time.perf_counter() - start
        app = scope.get("app")
        metrics = getattr(getattr(app, "state", None), "metrics", None)
        if metrics is not None:
            metrics.request_latency.labels(scope["method"], template, f"{status_holder[0] // 100}xx").observe(elapsed)
        log.info(
            "request",
            extra={"fields": {"method": scope["method"], "route": template, "status": status_holder[0],
                              "ms": round(elapsed * 1000, 1)}},
        )

    def _refuse(self, scope: Scope, headers: Headers) -> tuple[int, str, str] | None:
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return 413, "too_large", "That request is too large."
        if scope["method"] in SAFE_METHODS:
            return None
        if not origin_allowed(scope, headers, self.settings):
            return 403, "origin_forbidden", "Requests from that site are not allowed."
        path: str = scope["path"]
        if not path.startswith("/api/") or path in CSRF_EXEMPT:
            return None
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:
            return None
        morsel = cookie.get(SESSION_COOKIE)
        if morsel is None or not morsel.value:
            return None
        expected = csrf_for(self.settings.secret_key, token_hash(morsel.value))
        given = headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(expected, given):
            return 403, "csrf_failed", "Your session's security token is missing or wrong. Reload and try again."
        return None


class BodyTooLarge(Exception):
    pass

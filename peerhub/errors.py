"""One error tree with stable string codes.

    PeerhubError               code, safe message, HTTP status, WebSocket close code
    ├── InvalidInput           400/413/422  invalid_input, too_large, weak_password, ...
    ├── NotAuthenticated       401          not_authenticated
    ├── Forbidden              403          forbidden, csrf_failed, origin_forbidden, banned, ...
    ├── NotFound               404          not_found (also used where "forbidden" would leak existence)
    ├── Conflict               409          handle_taken, ...
    ├── RateLimited            429          rate_limited (carries retry_after seconds)
    └── Unavailable            503          unavailable (retryable)
    ConfigError                             refused configuration at start-up (never sent to clients)

``app.py`` has the one handler that turns these into ``{"error": {"code",
"message", ...}}`` responses; the WebSocket endpoint sends them as ``error``
frames or closes with ``ws_close``. Services raise these, never HTTPException.
Messages are written for the person using the app and never include internals.
"""

from __future__ import annotations

from typing import Any, ClassVar

# WebSocket close codes (documented in docs/protocol.md).
WS_NORMAL = 1000
WS_GOING_AWAY = 1001
WS_POLICY = 1008  # repeated abuse, forged origin
WS_TOO_BIG = 1009  # frame over the limit
WS_SERVER_ERROR = 1011
WS_RESTART = 1012  # server restarting: reconnect and resume with `since`
WS_TRY_AGAIN = 1013  # overloaded / too slow: reconnect and resume
WS_UNAUTHENTICATED = 4401  # no cookie or a dead session
WS_FORBIDDEN = 4403  # banned / account erased / origin refused
WS_SLOW_CONSUMER = 4408  # outgoing queue overflowed: resume with `since`
WS_REPLACED = 4409  # kicked by a facilitator


class ConfigError(Exception):
    """The configuration is unsafe or invalid; the server refuses to start."""


class PeerhubError(Exception):
    status: ClassVar[int] = 400
    default_code: ClassVar[str] = "error"
    default_message: ClassVar[str] = "Something went wrong."
    ws_close: ClassVar[int | None] = None

    def __init__(self, code: str | None = None, message: str | None = None, **extra: Any) -> None:
        self.code = code or self.default_code
        self.message = message or self.default_message
        self.extra = extra
        super().__init__(self.code)

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        body.update(self.extra)
        return body


class InvalidInput(PeerhubError):
    status = 422
    default_code = "invalid_input"
    default_message = "That request is not valid."


class TooLarge(InvalidInput):
    status = 413
    default_code = "too_large"
    default_message = "That is too large."


class NotAuthenticated(PeerhubError):
    status = 401
    default_code = "not_authenticated"
    default_message = "Please log in."
    ws_close = WS_UNAUTHENTICATED


class Forbidden(PeerhubError):
    status = 403
    default_code = "forbidden"
    default_message = "You can't do that here."


class NotFound(PeerhubError):
    status = 404
    default_code = "not_found"
    default_message = "Not found."


class Conflict(PeerhubError):
    status = 409
    default_code = "conflict"
    default_message = "That conflicts with something that already exists."


class RateLimited(PeerhubError):
    status = 429
    default_code = "rate_limited"
    default_message = "Slow down a little and try again shortly."

    def __init__(self, retry_after: float, code: str | None = None, message: str | None = None) -> None:
        super().__init__(code, message, retry_after=max(1, int(retry_after + 0.999)))

    @property
    def retry_after(self) -> int:
        return int(self.extra["retry_after"])


class Unavailable(PeerhubError):
    status = 503
    default_code = "unavailable"
    default_message = "peerhub is briefly unavailable. Please try again in a moment."

    def __init__(self, code: str | None = None, message: str | None = None, **extra: Any) -> None:
        extra.setdefault("retryable", True)
        super().__init__(code, message, **extra)

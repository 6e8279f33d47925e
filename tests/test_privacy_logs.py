"""No log line carries what people wrote or where they connect from.

A scripted session through the public surface (sign-up and log-in, a bad
log-in, chat over the socket, personal details, a crisis message, a forum
thread and reply, search, filters, a report, export, erasure) puts a
distinct canary string into every field. Every log record of every logger
(root at DEBUG, uvicorn and SQLAlchemy included) is formatted with
peerhub's ``JsonFormatter`` as in production, and none may contain a
canary or a client address.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from peerhub.clock import FakeClock
from peerhub.logs import JsonFormatter, configure_logging
from peerhub.settings import Settings
from tests.conftest import start_server, stop_server
from tests.wsclient import WsClient, WsError

CRISIS = "Honestly I just want to die, I cannot do this anymore"
CANARIES = {
    "handle": "hdlcanaryzq",
    "password": "pwdcanaryzq-2026-long",
    "bad_password": "badpwdcanaryzq-2026",
    "chat": "chatcanaryzq",
    "phone_note": "phonecanaryzq",
    "crisis": "crsscanaryzq",
    "title": "ttlcanaryzq",
    "body": "bodycanaryzq",
    "reply": "rplycanaryzq",
    "search": "srchcanaryzq",
    "filter": "fltrcanaryzq",
    "report": "rprtcanaryzq",
    "bad_handle": "bad handle hndlcanaryzq",
}
ADDRESS = "127.0.0.1"
CLIENT_LOGGERS = ("httpx", "httpcore", "websockets.client")
NOISY = ("uvicorn", "uvicorn.error", "uvicorn.access", "sqlalchemy", "sqlalchemy.engine", "sqlalchemy.pool",
         "websockets", "asyncio", "peerhub")


class Capture(logging.Handler):
    """Every record, formatted as production formats it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(JsonFormatter())
        self.lines: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, self.format(record)))


@pytest.fixture
def capture() -> Iterator[Capture]:
    """Production logging (``configure_logging``), then every logger at DEBUG into one handler."""
    root = logging.getLogger()
    saved_root = (root.handlers[:], root.level)
    saved = {name: (logging.getLogger(name).level, logging.getLogger(name).disabled,
                    logging.getLogger(name).propagate, logging.getLogger(name).handlers[:]) for name in NOISY}
    configure_logging("DEBUG")
    handler = Capture()
    root.handlers[:] = [handler]
    for name in ("sqlalchemy", "sqlalchemy.engine", "sqlalchemy.pool", "websockets"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.handlers[:], _ = saved_root
        root.setLevel(saved_root[1])
        for name, (level, disabled, propagate, handlers) in saved.items():
            logger = logging.getLogger(name)
            logger.setLevel(level)
            logger.disabled, logger.propagate, logger.handlers[:] = disabled, propagate, handlers


async def test_scripted_session_leaves_no_canary_or_address_in_logs(
    capture: Capture, settings: Settings, clock: FakeClock
) -> None:
    c = CANARIES
    # Control: a peerhub line is captured with its arguments, so a leak would show.
    logging.getLogger("peerhub.test").debug("control %s", "ctrlcanaryzq")
    assert any("ctrlcanaryzq" in line for _, line in capture.lines)
    live = await start_server(settings, clock)
    try:
        async with live.client() as api, live.client() as other:
            r = await api.post("/api/auth/signup", json={"handle": c["bad_handle"], "password": c["password"]})
            assert r.status_code == 422
            r = await api.post("/api/auth/signup", json={"handle": c["handle"], "password": c["password"]})
            assert r.status_code == 201, r.text
            r = await api.post("/api/auth/login", json={"handle": c["handle"], "password": c["bad_password"]})
            assert r.status_code == 401
            r = await api.post("/api/auth/login", json={"handle": c["handle"], "password": c["password"]})
            assert r.status_code == 200
            other_user = await other.signup_login("plain_other")

            ws = await WsClient.connect(live.ws_url, api.session_cookie)
            try:
                await ws.expect("hello")
                await ws.join("lobby")
                await ws.say("lobby", f"{c['chat']} hello all")
                with pytest.raises(WsError):
                    await ws.say("lobby", f"text me on 415 555 0134 {c['phone_note']}")
                await ws.say("lobby", f"text me on 415 555 0134 {c['phone_note']}", confirm=True)
                await ws.say("lobby", f"{c['crisis']} {CRISIS}")
                await ws.expect("support")
                await ws.send_frame({"type": "send", "room": "lobby", "text": c["chat"]})  # malformed: no id
                await ws.expect("error")
            finally:
                await ws.close()

            cats = (await api.get("/api/forum/categories")).json()["categories"]
            r = await api.post("/api/forum/threads", json={"category_id": cats[0]["id"], "title": f"{c['title']} week",
                                                           "body": f"{c['body']} so far"})
            assert r.status_code == 201, r.text
            thread_id = r.json()["thread"]["id"]
            r = await api.post(f"/api/forum/threads/{thread_id}/posts", json={"body": f"{c['reply']} more"})
            assert r.status_code == 201, r.text
            r = await api.get("/api/forum/search", params={"q": c["search"]})
            assert r.status_code == 200, r.text
            r = await api.put("/api/me/filters", json={"words": [{"text": c["filter"], "action": "hide"}]})
            assert r.status_code == 200, r.text
            r = await api.post("/api/moderation/reports", json={
                "target_kind": "user", "target_id": other_user["id"], "reason": "other", "text": c["report"]})
            assert r.status_code in (200, 201), r.text
            assert (await api.get("/api/me/export")).status_code == 200
            r = await api.request("DELETE", "/api/me", json={"password": c["password"], "mode": "erase"})
            assert r.status_code == 200, r.text
    finally:
        await stop_server(live)

    names = {name.split(".")[0] for name, _ in capture.lines}
    assert {"peerhub", "sqlalchemy", "uvicorn"} <= names, names  # the capture really saw everything
    assert any(name == "peerhub.access" for name, _ in capture.lines)
    leaks = [(name, key) for name, line in capture.lines for key, canary in CANARIES.items()
             if canary.lower() in line.lower()]
    assert leaks == []
    # The test's own HTTP/WebSocket clients log the server address they dial;
    # that is this process being a client, not the server recording one.
    server_side = [(name, line) for name, line in capture.lines if not name.startswith(CLIENT_LOGGERS)]
    addresses = [(name, line) for name, line in server_side if ADDRESS in line]
    assert addresses == []

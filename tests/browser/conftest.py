"""Browser-test fixtures: Debian's Chromium driven by Playwright (async API)
against the real ``live`` server from ``tests/conftest.py``.

Never downloads a browser. Without Chromium the tests skip with the reason,
except under ``CI=true`` where that is a failure. Every page is watched: a
JavaScript dialog, an uncaught error, a CSP violation or a request to any host
other than the test server fails the test that caused it.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI, TEST_PASSWORD, LiveServer

CHROMIUM = os.environ.get("PEERHUB_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
# Generous upper bound for one UI step on a loaded 2-core CI box; steps
# normally finish in well under a second.
STEP_MS = 10_000
# Console errors Chromium itself prints for failed loads and refused sockets
# (expected in offline/reconnect tests); anything else is a test failure.
BROWSER_NOISE = ("Failed to load resource", "WebSocket connection to")


def _need_chromium() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium; set PEERHUB_TEST_CHROMIUM)"
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    executable = _need_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        instance = await pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            await instance.close()


@dataclass
class Person:
    """One browser context (one person) with everything the page did wrong."""

    context: Any
    page: Any
    base_url: str
    handle: str = ""
    problems: list[str] = field(default_factory=list)

    async def goto(self, hash_route: str) -> None:
        await self.page.goto(f"{self.base_url}/#{hash_route}")

    async def api(self, method: str, path: str, body: Any = None) -> Any:
        """Call the API with this person's cookies (the context's request client)."""
        headers = {}
        if method not in {"GET", "HEAD"}:
            me = await self.context.request.get(f"{self.base_url}/api/me")
            if me.ok:
                headers["X-CSRF-Token"] = (await me.json())["csrf_token"]
        response = await self.context.request.fetch(
            f"{self.base_url}{path}", method=method, data=body, headers=headers
        )
        return response

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.stash[FAILED] = report.failed


FAILED = pytest.StashKey[bool]()


@pytest.fixture
async def people(
    browser: Any, live: LiveServer, request: pytest.FixtureRequest
) -> AsyncIterator[Callable[..., Awaitable[Person]]]:
    """Factory: ``await people(viewport=PHONE)`` opens a fresh context and page."""
    made: list[Person] = []
    own_host = re.escape(live.base_url.split("//", 1)[1])
    allowed = re.compile(rf"^(https?|wss?)://{own_host}/|^(data|blob|about):")

    async def make(viewport: dict[str, int] | None = None, color_scheme: str = "dark") -> Person:
        context = await browser.new_context(viewport=viewport or DESKTOP, color_scheme=color_scheme)
        context.set_default_timeout(STEP_MS)
        page = await context.new_page()
        person = Person(context, page, live.base_url)

        async def on_dialog(dialog: Any) -> None:
            person.problems.append(f"a {dialog.type} dialog opened: {dialog.message!r}")
            await dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda exc: person.problems.append(f"page error: {exc}"))

        def on_console(msg: Any) -> None:
            if msg.type == "error" and "Content Security Policy" in msg.text:
                person.problems.append(f"CSP violation: {msg.text}")
            elif msg.type == "error" and not msg.text.startswith(BROWSER_NOISE):
                person.problems.append(f"console error: {msg.text}")

        page.on("console", on_console)
        page.on("request", lambda req: None if allowed.match(req.url) else person.problems.append(
            f"external request: {req.url}"))
        made.append(person)
        return person

    yield make
    if request.node.stash.get(FAILED, False):
        failures = ARTIFACTS / "failures"
        failures.mkdir(parents=True, exist_ok=True)
        for number, person in enumerate(made):
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            try:
                await person.page.screenshot(path=str(failures / f"{name}-{number}.png"))
            except Exception:  # the page may be gone; the test already failed
                pass
    for person in made:
        await person.context.close()
    for person in made:
        person.check()


async def signup_via_ui(person: Person, handle: str, password: str = TEST_PASSWORD) -> list[str]:
    """Sign up through the screens; returns the recovery codes shown once."""
    page = person.page
    await person.goto("/signup")
    await page.get_by_label("Pseudonym").fill(handle)
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Create account").click()
    await page.get_by_role("heading", name="Your recovery codes").wait_for()
    codes = [c.strip() for c in await page.locator("ol.codes code").all_text_contents()]
    await page.get_by_label("I saved my recovery codes").check()
    await page.get_by_role("button", name="Continue").click()
    await page.get_by_role("heading", name="Rooms").wait_for()
    person.handle = handle
    return codes


async def signup_via_api(person: Person, handle: str, password: str = TEST_PASSWORD) -> None:
    """Create the account and log this context in without the screens (faster)."""
    base = person.base_url
    r = await person.context.request.post(f"{base}/api/auth/signup", data={"handle": handle, "password": password})
    assert r.status == 201, await r.text()
    r = await person.context.request.post(f"{base}/api/auth/login", data={"handle": handle, "password": password})
    assert r.status == 200, await r.text()
    person.handle = handle


async def has_route(live: LiveServer, method: str, path: str) -> bool:
    """Whether the server's OpenAPI document lists this endpoint (for features still landing)."""
    async with live.client() as client:
        doc = (await client.get("/api/openapi.json")).json()
    return method.lower() in doc.get("paths", {}).get(path, {})


async def require_route(live: LiveServer, method: str, path: str, issue: str) -> None:
    """Skip a test whose endpoint has not landed yet; under ``CI=true`` that is a failure
    (every endpoint the browser tests use has landed, so a missing one is a regression)."""
    if not await has_route(live, method, path):
        reason = f"{method} {path} has not landed yet ({issue})"
        if IN_CI:
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)


async def screenshot(person: Person, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = person.page.viewport_size
    await person.page.screenshot(path=str(SCREENSHOTS / f"{name}-{size['width']}x{size['height']}.png"), full_page=False)


async def seed_room(live: LiveServer, handle: str, slug: str, lines: list[str]) -> None:
    """Post ``lines`` to a room as ``handle`` over a plain WebSocket (faster than
    typing them). The fake clock moves a second per line so the per-user send
    rate limit, which is not under test here, never refuses one."""
    import json
    import uuid

    import websockets

    async with live.client() as client:
        await client.signup_login(handle)
        headers = {"Cookie": f"peerhub_session={client.session_cookie}", "Origin": live.base_url}
        async with websockets.connect(live.ws_url, additional_headers=headers) as ws:
            await ws.send(json.dumps({"type": "join", "room": slug}))
            for line in lines:
                live.clock.advance(1.0)
                cid = uuid.uuid4().hex
                await ws.send(json.dumps({"type": "send", "room": slug, "client_msg_id": cid, "text": line}))
                while True:
                    frame = json.loads(await ws.recv())
                    assert frame["type"] != "error", frame
                    if frame["type"] == "ack" and frame["client_msg_id"] == cid:
                        break


async def enter_lobby(person: Person) -> None:
    """Open the Lobby and wait until its socket is live."""
    await person.goto("/rooms/lobby")
    await person.page.get_by_role("heading", name="Lobby", level=1).wait_for()
    await person.page.locator("ph-conn-status[data-state=open]").wait_for()


async def say(person: Person, text: str, *, wait_sent: bool = False) -> None:
    """Type ``text`` into the Lobby and press Enter (with ``wait_sent``: until the server acked it)."""
    box = person.page.get_by_label("Message Lobby")
    await box.fill(text)
    await box.press("Enter")
    if wait_sent:
        await person.page.locator("li.msg.own[data-state=sent]", has_text=text).wait_for()

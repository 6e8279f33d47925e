"""Keyboard-only use and automated accessibility checks (our own; axe-core
cannot be vendored): labels, names, landmarks, one h1, unique ids, text
contrast in the dark and light themes, visible focus, no horizontal scrolling
at 360 px wide and at 200% zoom (640 CSS px)."""

from __future__ import annotations

from typing import Any

import pytest

from peerhub.accounts import service as accounts
from tests.browser.conftest import DESKTOP, Person, has_route, seed_room, signup_via_api
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

AUDIT = """() => {
  const problems = [];
  const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const nameOf = el => (el.getAttribute('aria-label') || '').trim()
    || (el.getAttribute('aria-labelledby') || '').split(/\\s+/).map(id => document.getElementById(id)?.textContent || '').join(' ').trim()
    || [...(el.labels || [])].map(l => l.textContent).join(' ').trim()
    || (el.textContent || '').trim() || (el.getAttribute('title') || '').trim();
  if (!document.documentElement.lang) problems.push('html has no lang');
  if (document.querySelectorAll('main').length !== 1) problems.push('not exactly one main');
  if (!document.querySelector('header, [role=banner]')) problems.push('no banner');
  if (!document.querySelector('nav')) problems.push('no nav');
  const h1s = [...document.querySelectorAll('main h1')].filter(visible);
  if (h1s.length !== 1) problems.push(`${h1s.length} visible h1 in main`);
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length) problems.push('duplicate ids: ' + dup.join(','));
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    if (![...(el.labels || [])].length && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      problems.push(`unlabelled ${el.tagName} ${el.name || el.id}`);
  }
  for (const el of document.querySelectorAll('button, a[href], summary, [role=button]')) {
    if (visible(el) && !nameOf(el)) problems.push(`nameless ${el.tagName} ${el.outerHTML.slice(0, 60)}`);
  }
  for (const el of document.querySelectorAll('img')) if (!el.hasAttribute('alt')) problems.push('img without alt');
  for (const el of document.querySelectorAll('svg[role=img]')) if (!nameOf(el)) problems.push('svg image without a name');
  // Contrast of every visible text node against the first opaque background behind it.
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = ({ r, g, b }) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const bgOf = el => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a >= 0.99) return c; } return parse(getComputedStyle(document.body).backgroundColor); };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.data.trim() || !el || seen.has(el) || !visible(el) || el.closest('.visually-hidden, [aria-hidden=true], option')) continue;
    seen.add(el);
    const s = getComputedStyle(el);
    const fg = parse(s.color); const bg = bgOf(el);
    if (!fg || !bg) continue;
    const opacity = [...function* () { for (let e = el; e; e = e.parentElement) yield Number(getComputedStyle(e).opacity); }()].reduce((a, b) => a * b, 1);
    if (el.closest('button:disabled')) continue;  // disabled controls are exempt (WCAG 1.4.3)
    const mix = { r: fg.r * opacity + bg.r * (1 - opacity), g: fg.g * opacity + bg.g * (1 - opacity), b: fg.b * opacity + bg.b * (1 - opacity) };
    const [hi, lo] = [lum(mix), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(s.fontSize); const bold = Number(s.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) problems.push(`contrast ${ratio.toFixed(2)} < ${need} for "${n.data.trim().slice(0, 30)}"`);
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`horizontal scroll: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
  return problems;
}"""


async def audit(person: Person, where: str) -> list[str]:
    return [f"{where}: {p}" for p in await person.page.evaluate(AUDIT)]


async def focus_visible(person: Person) -> bool:
    """Tab once and check the focused element draws an outline."""
    await person.page.keyboard.press("Tab")
    return bool(await person.page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"))


async def tab_to(person: Person, name: str, limit: int = 60) -> None:
    """Press Tab until the focused element's accessible text is ``name``."""
    for _ in range(limit):
        await person.page.keyboard.press("Tab")
        text = await person.page.evaluate(
            "() => (document.activeElement.getAttribute('aria-label') || document.activeElement.textContent || '').trim()")
        if text == name:
            return
    raise AssertionError(f"could not reach {name!r} with Tab")


async def test_keyboard_only_send_and_open_thread(live, people) -> None:
    person = await people()
    await signup_via_api(person, "keys_only")
    await person.goto("/rooms")
    await person.page.get_by_role("heading", name="Rooms").wait_for()
    if await has_route(live, "GET", "/api/rooms"):
        await tab_to(person, "Lobby")
        await person.page.keyboard.press("Enter")
        await person.page.get_by_role("heading", name="Lobby", level=1).wait_for()
        # Focus lands in the composer; Enter sends, Shift+Enter adds a line.
        await person.page.keyboard.type("first line")
        await person.page.keyboard.press("Shift+Enter")
        await person.page.keyboard.type("second line")
        await person.page.keyboard.press("Enter")
        await person.page.locator("li.msg.own[data-state=sent]", has_text="second line").wait_for()
        shown = await person.page.locator("li.msg.own .msg-text").all_text_contents()
        assert shown == ["first line\nsecond line"], shown
    if await has_route(live, "POST", "/api/forum/threads"):
        async with live.client() as api:
            await api.signup_login("thread_starter")
            cat = (await api.get("/api/forum/categories")).json()["categories"][0]
            r = await api.post("/api/forum/threads", json={"category_id": cat["id"], "title": "Reach me by keyboard",
                                                            "body": "hello"})
            assert r.status_code == 201
        await person.goto("/rooms")
        await person.page.get_by_role("heading", name="Rooms").wait_for()
        await tab_to(person, "Forums")
        await person.page.keyboard.press("Enter")
        await person.page.get_by_role("heading", name="Forums", exact=True).wait_for()
        await tab_to(person, cat["title"])
        await person.page.keyboard.press("Enter")
        await person.page.get_by_role("heading", name=cat["title"], level=1).wait_for()
        await tab_to(person, "Reach me by keyboard")
        await person.page.keyboard.press("Enter")
        await person.page.get_by_role("heading", name="Reach me by keyboard", level=1).wait_for()


async def visit_all(live: Any, person: Person, thread_id: int | None) -> list[str]:
    page = person.page
    problems: list[str] = []
    screens = [("/rooms", "Rooms"), ("/account", "Account"), ("/filters", "Filters"), ("/reports", "My reports")]
    if await has_route(live, "GET", "/api/rooms"):
        screens.append(("/rooms/lobby", "Lobby"))
    if await has_route(live, "GET", "/api/forum/categories"):
        screens.append(("/forum", "Forums"))
    if thread_id:
        screens.append((f"/forum/t/{thread_id}", "A calm thread"))
    if person.handle.startswith("staff"):
        screens.append(("/dashboard", "Facilitator dashboard"))
    for route, heading in screens:
        await person.goto(route)
        await page.get_by_role("heading", name=heading, exact=True, level=1).wait_for()
        if route == "/rooms/lobby":
            await page.locator("ol.messages li").first.wait_for()
            await page.locator("details.pins", has_text="good morning").wait_for()
            await page.locator(".room-status", has_text="Slow mode").wait_for()
            await page.locator("details.room-controls > summary").click()
            problems += await audit(person, f"{route} (room controls open)")
            await page.locator("details.room-controls > summary").click()
        if route == "/dashboard":
            await page.locator("article.alert-item").first.wait_for()
        if route == "/reports":
            await page.get_by_text("Waiting for review").wait_for()
        problems += await audit(person, route)
    return problems


@pytest.mark.parametrize("scheme", ["dark", "light"])
async def test_accessibility_checks(live, people, scheme: str) -> None:
    if await has_route(live, "GET", "/api/rooms"):
        await seed_room(live, "chatty_one", "lobby", ["good morning", "made it through the night"])
    thread_id = None
    # Room state members see (a pin, slow mode), an open escalation for the dashboard.
    async with live.client() as keeper:
        await keeper.signup_login("room_keeper_a11y")
        await accounts.do_set_role(live.app.state.ctx, "room_keeper_a11y", "facilitator")
        lobby = next(r for r in (await keeper.get("/api/rooms")).json()["rooms"] if r["slug"] == "lobby")
        first = (await keeper.get("/api/rooms/lobby/messages")).json()["messages"][0]
        assert (await keeper.post(f"/api/moderation/rooms/{lobby['id']}/pins", json={"message_id": first["id"]})).status_code == 201
        assert (await keeper.patch(f"/api/moderation/rooms/{lobby['id']}", json={"slow_mode_seconds": 30})).status_code == 200
    async with live.client() as writer:
        await writer.signup_login("hard_night_a11y")
        cat = (await writer.get("/api/forum/categories")).json()["categories"][0]["id"]
        await writer.post("/api/forum/threads", json={"category_id": cat, "title": "tonight",
                                                      "body": "I want to kill myself tonight"})
    if await has_route(live, "POST", "/api/forum/threads"):
        async with live.client() as api:
            await api.signup_login("poster_one")
            cat = (await api.get("/api/forum/categories")).json()["categories"][0]["id"]
            r = await api.post("/api/forum/threads", json={"category_id": cat, "title": "A calm thread",
                                                            "body": "Some **bold** words.\n\n> a quote"})
            thread_id = r.json()["thread"]["id"]
            await api.post(f"/api/forum/threads/{thread_id}/posts", json={"body": "a reply"})

    problems: list[str] = []
    for viewport in ({"width": 360, "height": 740}, {"width": 640, "height": 400}, DESKTOP):
        person = await people(viewport=viewport, color_scheme=scheme)
        for route, heading in (("/login", "Welcome back"), ("/signup", "Join peerhub"), ("/recover", "Recover your account")):
            await person.goto(route)
            await person.page.get_by_role("heading", name=heading).wait_for()
            problems += await audit(person, f"{viewport['width']}px {route}")
        assert await focus_visible(person), "focused element has no visible outline"
        handle = f"staff_{scheme}_{viewport['width']}"
        await signup_via_api(person, handle)
        await accounts.do_set_role(live.app.state.ctx, handle, "facilitator")
        # A check-in banner from a colleague, and a report of their own for My reports.
        me = (await (await person.api("GET", "/api/me")).json())["user"]["id"]
        async with live.client() as keeper:
            await keeper.post("/api/auth/login", json={"handle": "room_keeper_a11y", "password": TEST_PASSWORD})
            r = await keeper.post("/api/moderation/checkins", json={"user_id": me, "text": "Long shift tonight: take a break when you can."})
            assert r.status_code == 201, r.text
        r = await person.api("POST", "/api/moderation/reports", {"target_kind": "message", "target_id": first["id"], "reason": "spam"})
        assert r.ok, await r.text()
        await person.page.reload()
        problems += [f"{viewport['width']}px {p}" for p in await visit_all(live, person, thread_id)]
    assert problems == []

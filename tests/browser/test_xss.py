"""The XSS corpus (tests/data/xss_corpus.jsonl) rendered by the real frontend:
as room messages, forum post bodies, thread titles and search. No dialog may
open, no CSP violation may be reported, and no element the app did not make
may appear (no script, no handler attribute, no dangerous URL, no embedded
document). Handles are limited to letters, digits, '_', '-' and '.', so no
corpus payload is a valid handle (checked below).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import websockets

from peerhub.accounts.handles import HANDLE_RE
from tests.browser.conftest import Person, require_route, signup_via_api
from tests.xss import load_xss_corpus

pytestmark = pytest.mark.browser

# Runs in the page: everything that would mean markup from a payload became live.
INJECTION_PROBE = """() => {
  const bad = [];
  const scripts = [...document.scripts].filter(s => !/\\/js\\/app\\.js$/.test(s.src));
  if (scripts.length) bad.push('script: ' + scripts.map(s => s.outerHTML.slice(0, 80)).join(' | '));
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) bad.push(`${el.tagName} ${attr.name}`);
      if (/^(href|src|action|formaction|xlink:href|data)$/i.test(attr.name)
          && /^\\s*(javascript|data|vbscript):/i.test(attr.value.replace(/[\\u0000-\\u001f\\s]/g, ''))) {
        bad.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 40)}`);
      }
    }
  }
  const foreign = document.querySelectorAll(
    'main iframe, main object, main embed, main img, main video, main audio, main form[action], main style, ' +
    'main link, main meta, main base, main math, main template, main svg:not(.chart), body > svg, body > img');
  for (const el of foreign) bad.push('element ' + el.tagName);
  if (window.__xss) bad.push('window.__xss was set');
  return bad;
}"""


def test_no_payload_is_a_valid_handle() -> None:
    assert not [p for p in load_xss_corpus() if HANDLE_RE.fullmatch(p.strip())]


async def probe(person: Person) -> None:
    bad = await person.page.evaluate(INJECTION_PROBE)
    assert bad == [], bad[:10]


async def send_all(live: Any, handle: str, slug: str, payloads: list[str]) -> list[str]:
    """Post each payload as a chat line; returns the texts the server stored.

    A personal-details question is answered with confirm (URLs in payloads
    can look like profile links); other refusals (e.g. empty after trimming)
    are skipped: the test is about rendering what was stored.
    """
    stored: list[str] = []
    async with live.client() as client:
        await client.signup_login(handle)
        headers = {"Cookie": f"peerhub_session={client.session_cookie}", "Origin": live.base_url}
        async with websockets.connect(live.ws_url, additional_headers=headers, max_size=2**22) as ws:
            await ws.send(json.dumps({"type": "join", "room": slug}))
            for payload in payloads:
                for confirm in (False, True):
                    live.clock.advance(1.0)
                    cid = uuid.uuid4().hex
                    await ws.send(json.dumps({"type": "send", "room": slug, "client_msg_id": cid,
                                              "text": payload, "confirm": confirm}))
                    while True:
                        frame = json.loads(await ws.recv())
                        if frame.get("client_msg_id") == cid or frame.get("ref") == cid:
                            break
                    if frame["type"] == "ack":
                        stored.append(payload)
                        break
                    if frame.get("code") != "personal_details":
                        break
    return stored


async def test_xss_corpus_in_room_messages(live, people) -> None:
    await require_route(live, "GET", "/api/rooms", "issue 3")
    payloads = load_xss_corpus()
    stored = await send_all(live, "xss_writer", "lobby", payloads)
    assert len(stored) >= len(payloads) * 0.8, f"only {len(stored)} of {len(payloads)} payloads were stored"
    reader = await people()
    await signup_via_api(reader, "xss_reader")
    await reader.goto("/rooms/lobby")
    page = reader.page
    await page.get_by_role("heading", name="Lobby").wait_for()
    await page.locator("ol.messages li").first.wait_for()
    more = page.get_by_role("button", name="Load earlier messages")
    while await more.is_visible():
        before = await page.locator("ol.messages li").count()
        await more.click()
        await page.wait_for_function(
            "n => document.querySelectorAll('ol.messages li').length > n || "
            "document.querySelector('.load-earlier').hidden", arg=before)
    assert await page.locator("ol.messages li").count() == len(stored)
    await probe(reader)


async def test_xss_corpus_in_forum_titles_bodies_and_search(live, people) -> None:
    await require_route(live, "POST", "/api/forum/threads", "issue 4")
    payloads = load_xss_corpus()
    async with live.client() as api:
        await api.signup_login("xss_poster")
        cats = (await api.get("/api/forum/categories")).json()["categories"]
        cat = cats[0]["id"]
        titles = [p for p in payloads if 3 <= len(p.strip()) <= 200]
        step = max(1, len(titles) // 24)
        thread_ids = []
        for title in [*titles[::step][:24], "XSS corpus thread"]:
            r = await api.post("/api/forum/threads", json={"category_id": cat, "title": title,
                                                            "body": "a body", "confirm": True})
            if r.status_code == 201:
                thread_ids.append(r.json()["thread"]["id"])
        assert len(thread_ids) >= 20
        target = thread_ids[-1]
        posted = 0
        for payload in payloads:
            r = await api.post(f"/api/forum/threads/{target}/posts", json={"body": payload, "confirm": True})
            posted += r.status_code == 201
        assert posted >= len(payloads) * 0.8

    reader = await people()
    await signup_via_api(reader, "xss_forum_reader")
    page = reader.page
    await reader.goto(f"/forum/c/{cat}")
    await page.locator("ul.thread-list li").first.wait_for()
    await probe(reader)

    await reader.goto(f"/forum/t/{target}")
    await page.get_by_role("heading", name="XSS corpus thread", level=1).wait_for()
    more = page.get_by_role("button", name="More posts")
    while await more.is_visible():
        before = await page.locator("article.post").count()
        await more.click()
        await page.wait_for_function("n => document.querySelectorAll('article.post').length > n", arg=before)
    assert await page.locator("article.post").count() == posted + 1
    await probe(reader)

    for query in ("script", "alert", "javascript", "<img src=x onerror=alert(1)>"):
        await reader.goto(f"/forum/search?q={query}")
        await page.get_by_role("heading", name="Search").wait_for()
        await page.get_by_role("status").first.wait_for()
        await probe(reader)

"""Forum bad input and security: the XSS corpus through titles, bodies and
search; size limits; empty input; parents in other threads; who may do what;
deleted threads that look exactly like missing ones."""

from __future__ import annotations

from typing import Any

import pytest

from peerhub.clock import FakeClock
from peerhub.forum.service import clean_title
from peerhub.moderation.pipeline import POST_MAX_CHARS
from peerhub.moderation.sanitize import ALLOWED_TAGS, sanitize_html
from peerhub.settings import Settings
from tests.conftest import ApiClient, LiveServer, start_server, stop_server
from tests.forum_helpers import category_ids, new_thread, reply, thread_view
from tests.xss import assert_safe_html, load_xss_corpus

BODY_ATTRS = {"a": {"href", "title", "rel"}, "ol": {"start"}, "code": {"class"}}


async def _post_thread(api: ApiClient, category_id: int, title: str, body: str) -> dict[str, Any]:
    """Create a thread, confirming when the pipeline asks about personal details."""
    payload = {"category_id": category_id, "title": title, "body": body}
    r = await api.post("/api/forum/threads", json=payload)
    if r.status_code == 422 and r.json()["error"]["code"] == "personal_details":
        r = await api.post("/api/forum/threads", json=payload | {"confirm": True})
    assert r.status_code == 201, (title, r.text)
    data: dict[str, Any] = r.json()
    return data


async def test_xss_corpus_in_titles_bodies_and_search_queries(live: LiveServer) -> None:
    corpus = load_xss_corpus()
    assert len(corpus) >= 100
    async with live.client() as a:
        await a.signup_login("xss_tester")
        cat = (await category_ids(a))[0]
        made: list[tuple[str, dict[str, Any]]] = []
        for n, payload in enumerate(corpus):
            title = clean_title(payload)
            title = title if 3 <= len(title) <= 200 else f"payload {n}"
            made.append((payload, await _post_thread(a, cat, title, payload)))

        listing: list[dict[str, Any]] = []
        cursor = None
        while True:
            r = await a.get(f"/api/forum/categories/{cat}/threads",
                            params={"limit": 100} | ({"cursor": cursor} if cursor else {}))
            listing += r.json()["threads"]
            if (cursor := r.json()["next_cursor"]) is None:
                break
        titles = {t["id"]: t["title"] for t in listing}

        for payload, data in made:
            html = data["post"]["body_html"]
            assert_safe_html(html, ALLOWED_TAGS, BODY_ATTRS)
            assert sanitize_html(html) == html  # stored HTML is a fixed point of the sanitiser
            # Titles stay plain text, stored as written (one line, no invisibles).
            expected = clean_title(payload)
            if 3 <= len(expected) <= 200:
                assert titles[data["thread"]["id"]] == expected
        # The stored HTML served by the thread view is the same safe HTML.
        view = await thread_view(a, made[0][1]["thread"]["id"])
        assert view["posts"][0]["body_html"] == made[0][1]["post"]["body_html"]

        checked = 0
        for payload in corpus:
            r = await a.get("/api/forum/search", params={"q": payload[:500]})
            assert r.status_code == 200, r.text
            for hit in r.json()["results"]:
                assert_safe_html(hit["snippet_html"], {"mark"}, {})
                assert_safe_html(hit["title_html"], {"mark"}, {})
                checked += 1
        assert checked > 1_000  # the payloads' own words find the stored payloads


async def test_size_limits_and_empty_input(api: ApiClient) -> None:
    await api.signup_login("limit_tester")
    cat = (await category_ids(api))[0]

    async def create(title: str, body: str) -> tuple[int, dict[str, Any]]:
        r = await api.post("/api/forum/threads", json={"category_id": cat, "title": title, "body": body})
        return r.status_code, r.json()

    status, body = await create("Long post", "word " * (POST_MAX_CHARS // 5) + "x")
    assert (status, body["error"]["code"], body["error"]["field"]) == (413, "too_long", "body")
    assert body["error"]["max_chars"] == POST_MAX_CHARS
    status, body = await create("Huge post", "y" * 200_000)
    assert (status, body["error"]["code"]) == (413, "too_large")
    status, body = await create("Just right", "z" * POST_MAX_CHARS)
    assert status == 201
    tid = body["thread"]["id"]

    for title, code, http in [("", "empty", 422), ("   \n\t ", "empty", 422), ("ab", "too_short", 422),
                              ("t" * 201, "too_long", 413), ("\u202e\u200b", "empty", 422)]:
        status, body = await create(title, "fine body")
        assert (status, body["error"]["code"], body["error"]["field"]) == (http, code, "title"), title
    for text in ["", "   ", "\n\n"]:
        status, body = await create("Fine title", text)
        assert (status, body["error"]["code"], body["error"]["field"]) == (422, "empty", "body")
        r = await api.post(f"/api/forum/threads/{tid}/posts", json={"body": text})
        assert r.status_code == 422 and r.json()["error"]["code"] == "empty"
    r = await api.post(f"/api/forum/threads/{tid}/posts", json={"body": "a" * (POST_MAX_CHARS + 1)})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_long"
    r = await api.post(f"/api/forum/threads/{tid}/posts", json={"body": "ok", "extra": 1})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_input"
    r = await api.post(f"/api/forum/threads/{tid}/posts", json={"body": 5})
    assert r.status_code == 422


async def test_replies_must_stay_in_their_thread(live: LiveServer) -> None:
    async with live.client() as a:
        await a.signup_login("parent_tester")
        cat = (await category_ids(a))[0]
        one = await new_thread(a, cat, "Thread one", "one")
        two = await new_thread(a, cat, "Thread two", "two")
        for parent in (two["post"]["id"], 10_000_000, -1):
            r = await a.post(f"/api/forum/threads/{one['thread']['id']}/posts",
                             json={"body": "misplaced", "parent_id": parent})
            assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_parent", parent
        # Deleting the opening post of a thread nobody answered deletes the thread.
        assert (await a.delete(f"/api/forum/posts/{two['post']['id']}")).status_code == 200
        r = await a.post(f"/api/forum/threads/{two['thread']['id']}/posts", json={"body": "anyone?"})
        assert r.status_code == 404
        r = await a.post(f"/api/forum/threads/{one['thread']['id']}/posts",
                         json={"body": "late", "parent_id": two["post"]["id"]})
        assert r.json()["error"]["code"] == "invalid_parent"


async def test_deleted_threads_look_exactly_like_missing_ones(live: LiveServer) -> None:
    async with live.client() as a, live.client() as b:
        await a.signup_login("vanishing_author")
        await b.signup_login("curious_reader")
        cat = (await category_ids(a))[0]
        gone = await new_thread(a, cat, "Second thoughts", "I should not have posted this")
        kept = await new_thread(a, cat, "Still here", "and answered")
        answer = await reply(b, kept["thread"]["id"], "hello")
        await a.delete(f"/api/forum/posts/{gone['post']['id']}")
        tid = gone["thread"]["id"]
        missing = 10_000_000
        pairs = [
            ("GET", f"/api/forum/threads/{tid}", f"/api/forum/threads/{missing}", None),
            ("POST", f"/api/forum/threads/{tid}/posts", f"/api/forum/threads/{missing}/posts", {"body": "hi"}),
            ("POST", f"/api/forum/threads/{tid}/follow", f"/api/forum/threads/{missing}/follow", None),
            ("PUT", f"/api/forum/threads/{tid}/read", f"/api/forum/threads/{missing}/read", {"post_id": 1}),
            ("PATCH", f"/api/forum/posts/{gone['post']['id']}", f"/api/forum/posts/{missing}", {"body": "x"}),
            ("DELETE", f"/api/forum/posts/{gone['post']['id']}", f"/api/forum/posts/{missing}", None),
        ]
        for method, deleted_url, missing_url, payload in pairs:
            for client in (a, b):
                r1 = await client.request(method, deleted_url, json=payload)
                r2 = await client.request(method, missing_url, json=payload)
                assert (r1.status_code, r1.json()) == (r2.status_code, r2.json()) == (404, r2.json()), deleted_url
        listing = (await b.get(f"/api/forum/categories/{cat}/threads")).json()["threads"]
        assert [t["id"] for t in listing] == [kept["thread"]["id"]]
        assert (await b.get("/api/forum/search", params={"q": "thoughts"})).json()["results"] == []
        # The opening post of an answered thread leaves a placeholder instead.
        await a.delete(f"/api/forum/posts/{kept['post']['id']}")
        view = await thread_view(b, kept["thread"]["id"])
        assert [p["removed"] for p in view["posts"]] == ["author", None]
        assert view["posts"][1]["id"] == answer["id"]


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/api/forum/categories"),
        ("GET", "/api/forum/categories/1/threads"),
        ("POST", "/api/forum/threads"),
        ("GET", "/api/forum/threads/1"),
        ("POST", "/api/forum/threads/1/posts"),
        ("PATCH", "/api/forum/posts/1"),
        ("DELETE", "/api/forum/posts/1"),
        ("GET", "/api/forum/search?q=x"),
        ("GET", "/api/me/notifications"),
    ],
)
async def test_every_forum_endpoint_needs_a_session(api: ApiClient, method: str, url: str) -> None:
    r = await api.request(method, url, json={} if method != "GET" else None)
    assert r.status_code in (401, 403)
    assert r.json()["error"]["code"] in ("not_authenticated", "csrf_failed")


async def test_writes_need_the_csrf_token(api: ApiClient) -> None:
    await api.signup_login("csrf_tester")
    cat = (await category_ids(api))[0]
    token, api.csrf = api.csrf, None
    r = await api.post("/api/forum/threads", json={"category_id": cat, "title": "No token", "body": "hi"})
    assert r.status_code == 403
    api.csrf = token
    r = await api.post("/api/forum/threads", json={"category_id": cat, "title": "With token", "body": "hi"})
    assert r.status_code == 201


async def test_openapi_documents_every_forum_endpoint(live: LiveServer, api: ApiClient) -> None:
    from peerhub.forum.views import routes
    from peerhub.openapi import iter_api_routes

    found = iter_api_routes(routes())
    assert found and all(meta is not None for _, _, meta in found)
    doc = (await api.get("/api/openapi.json")).json()
    for method, path, _ in found:
        clean = path.replace(":int}", "}")
        assert method.lower() in doc["paths"][clean], (method, path)


async def test_posting_flood_is_rate_limited_with_retry_after(settings: Settings, clock: FakeClock) -> None:
    live = await start_server(settings.with_overrides(forum_post_burst=10), clock)
    try:
        await _flood(live)
    finally:
        await stop_server(live)


async def _flood(live: LiveServer) -> None:
    async with live.client() as a:
        await a.signup_login("fast_typist")
        cats = (await a.get("/api/forum/categories")).json()["categories"]
        r = await a.post("/api/forum/threads", json={"category_id": cats[0]["id"], "title": "Quick one", "body": "first"})
        assert r.status_code == 201, r.text
        thread_id = r.json()["thread"]["id"]
        statuses = [
            (await a.post(f"/api/forum/threads/{thread_id}/posts", json={"body": f"reply number {i}"})).status_code
            for i in range(11)
        ]
        assert statuses[:9] == [201] * 9
        assert statuses[-1] == 429
        limited = await a.post(f"/api/forum/threads/{thread_id}/posts", json={"body": "one more"})
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
        live.clock.advance(30)  # the bucket refills with time
        r = await a.post(f"/api/forum/threads/{thread_id}/posts", json={"body": "after a breath"})
        assert r.status_code == 201
        thread = (await a.get(f"/api/forum/threads/{thread_id}")).json()
        bodies = [p.get("body") for p in thread["posts"]]
        assert "after a breath" in bodies and "one more" not in bodies

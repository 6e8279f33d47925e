"""Export and erasure through the public surface, then a grep of the whole
database (every table, every column, SQLite and PostgreSQL) for the erased
person's canary strings."""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

import asyncpg

from peerhub.moderation.confidentiality_purge import HANDLE_HOLD_DAYS, run_purge
from tests.conftest import TEST_PASSWORD, ApiClient, LiveServer, both_backends
from tests.forum_helpers import category_ids, new_thread, reply, thread_view
from tests.people import group_fixture
from tests.test_confidentiality import CRISIS, People, default_agreement, messages
from tests.wsclient import WsClient

DAY = 24 * 3600
# Lower-case words without "i" (handle keys fold i to l), with distinct
# starts so the search index cannot prefix-compress one into another.
HANDLE = "vwkhandlecanary"
CANARIES = {
    "handle": HANDLE,
    "chat": "jqpchatcanary",
    "title": "fzbtitlecanary",
    "body": "kmwbodycanary",
    "reply": "hxvreplycanary",
    "reply2": "cvnsecondcanary",
    "edit": "gjdeditcanary",
    "lonely": "rtwlonelycanary",
    "report": "ypzreportcanary",
    "filter": "tqwfiltercanary",
    "crisis": "bnqcrisiscanary",
}


people = group_fixture(People, "people")


def _hits(text: str) -> list[str]:
    """Canaries found in ``text``: whole, or their middle (a search index
    stores prefix-compressed and stemmed terms)."""
    low = text.lower()
    return [name for name, c in CANARIES.items() if c in low or c[3:-1] in low]


async def grep_database(database_url: str) -> list[tuple[str, str]]:
    """(table, canary) for every canary found in any column of any table."""
    found: list[tuple[str, str]] = []
    if database_url.startswith("sqlite"):
        path = database_url.split("///", 1)[1]
        conn = sqlite3.connect(path)
        try:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for t in tables:
                for row in conn.execute(f'SELECT * FROM "{t}"'):
                    for value in row:
                        raw = value.decode("latin-1") if isinstance(value, bytes) else str(value)
                        found += [(t, c) for c in _hits(raw)]
        finally:
            conn.close()
        return found
    dsn = database_url.replace("postgresql+asyncpg://", "postgresql://")
    conn = await asyncpg.connect(dsn)
    try:
        tables = [r["tablename"] for r in await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        for t in tables:
            for row in await conn.fetch(f'SELECT t::text AS row FROM "{t}" t'):
                found += [(t, c) for c in _hits(row["row"])]
    finally:
        await conn.close()
    return found


async def _write_everything(live: LiveServer, people: People, victim: ApiClient, friend: ApiClient) -> dict[str, Any]:
    """The victim writes a canary into every field; the friend replies under some of it."""
    c = CANARIES
    agreement = await default_agreement(victim)
    assert (await victim.post(f"/api/agreements/{agreement['id']}/accept", json={"version": 1})).status_code == 200
    r = await victim.put("/api/me/filters", json={"words": [{"text": c["filter"], "action": "hide"}]})
    assert r.status_code == 200, r.text

    ws = await people.ws(victim)
    await ws.join("lobby")
    chat = await ws.say("lobby", f"{c['chat']} hello everyone")
    await ws.say("lobby", f"{c['crisis']} {CRISIS}")
    await ws.expect("support")

    cid = (await category_ids(victim))[1]
    own = await new_thread(victim, cid, f"{c['title']} my first week", f"{c['body']} it has been hard")
    await reply(friend, own["thread"]["id"], "you are not alone")
    other = await new_thread(friend, cid, "Friends thread", "How is everyone doing?")
    answered = await reply(victim, other["thread"]["id"], f"{c['reply']} doing ok")
    r = await victim.patch(f"/api/forum/posts/{answered['id']}", json={"body": f"{c['edit']} doing better"})
    assert r.status_code == 200, r.text
    await reply(friend, other["thread"]["id"], "glad to hear it", parent_id=answered["id"])
    await reply(victim, other["thread"]["id"], f"{c['reply2']} thanks")
    lonely = await new_thread(victim, cid, f"{c['lonely']} anyone up", "nobody answers this")

    friend_id = friend.user["id"] if friend.user else 0
    r = await victim.post("/api/moderation/reports", json={"target_kind": "user", "target_id": friend_id,
                                                            "reason": "other", "text": f"{c['report']} was rude"})
    assert r.status_code in (200, 201), r.text
    return {"ws": ws, "chat_seq": chat["seq"], "own": own, "other": other, "answered": answered, "lonely": lonely}


@both_backends
async def test_export_then_erase_leaves_nothing(live: LiveServer, people: People, database_url: str) -> None:
    victim = await people.api(HANDLE)
    friend = await people.api("steady_friend")
    watcher = await people.ws(friend)
    await watcher.join("lobby")
    wrote = await _write_everything(live, people, victim, friend)
    assert {c for _, c in await grep_database(database_url)} >= {"handle", "chat", "title", "body", "edit", "report",
                                                                  "filter"}

    # Export: one JSON download with everything they wrote and their settings.
    r = await victim.get("/api/me/export")
    assert r.status_code == 200
    assert r.headers["content-disposition"] == 'attachment; filename="peerhub-export.json"'
    export = json.loads(r.content)
    assert export["account"]["handle"] == HANDLE
    texts = [m["text"] for m in export["messages"]]
    assert texts[0] == f"{CANARIES['chat']} hello everyone" and len(texts) == 2
    bodies = {p["body"] for p in export["posts"]}
    assert f"{CANARIES['body']} it has been hard" in bodies and f"{CANARIES['edit']} doing better" in bodies
    assert any(p["title"].startswith(CANARIES["title"]) for p in export["posts"])
    assert export["reports_filed"][0]["text"] == f"{CANARIES['report']} was rude"
    assert export["agreements"][0]["agreement"] == "default"
    assert CANARIES["filter"] in json.dumps(export["settings"]["user_filters"])
    assert "auth_sessions" not in export["settings"] and "recovery_codes" not in export["settings"]

    # Erase: a wrong password changes nothing.
    r = await victim.request("DELETE", "/api/me", json={"password": "not my password", "mode": "erase"})
    assert r.status_code == 403
    ws: WsClient = wrote["ws"]
    started = time.monotonic()
    r = await victim.request("DELETE", "/api/me", json={"password": TEST_PASSWORD, "mode": "erase"})
    assert r.status_code == 200 and r.json() == {"erased": True, "messages": 2, "posts": 4}, r.text
    assert await ws.closed(timeout=1.0) == 4403
    assert time.monotonic() - started < 1.0
    # Sockets still in the room drop the lines.
    await watcher.expect("removed", room="lobby", seq=wrote["chat_seq"])

    assert await grep_database(database_url) == []

    # What others wrote keeps its place; the erased person's posts say "[deleted]".
    own = await thread_view(friend, wrote["own"]["thread"]["id"])
    assert own["thread"]["title"] == "[deleted]"
    assert "you are not alone" in json.dumps(own)
    other = await thread_view(friend, wrote["other"]["thread"]["id"])
    assert "glad to hear it" in json.dumps(other) and not any(_hits(json.dumps(other)))
    assert (await friend.get(f"/api/forum/threads/{wrote['lonely']['thread']['id']}")).status_code == 404
    assert await messages(friend, "lobby") == []

    # The account is gone: no session, no log-in, no socket.
    assert (await victim.get("/api/me")).status_code == 401
    r = await live.client().post("/api/auth/login", json={"handle": HANDLE, "password": TEST_PASSWORD})
    assert r.status_code == 401

    # The pseudonym is held for 30 days, then free again.
    fresh = live.client()
    people.apis.append(fresh)
    r = await fresh.post("/api/auth/signup", json={"handle": HANDLE, "password": TEST_PASSWORD})
    assert r.status_code == 409 and r.json()["error"]["code"] == "handle_taken"
    live.clock.advance((HANDLE_HOLD_DAYS - 1) * DAY)
    assert (await run_purge(live.app.state.ctx)).holds == 0
    assert (await fresh.post("/api/auth/signup", json={"handle": HANDLE, "password": TEST_PASSWORD})).status_code == 409
    live.clock.advance(2 * DAY)
    assert (await run_purge(live.app.state.ctx)).holds == 1
    r = await fresh.post("/api/auth/signup", json={"handle": HANDLE, "password": TEST_PASSWORD})
    assert r.status_code == 201, r.text
    assert r.json()["user"]["id"] != (victim.user or {}).get("id")


async def test_erase_needs_the_mode_and_a_session(live: LiveServer, people: People) -> None:
    someone = await people.api("plain_person")
    r = await someone.request("DELETE", "/api/me", json={"password": TEST_PASSWORD})
    assert r.status_code == 422
    r = await someone.request("DELETE", "/api/me", json={"password": TEST_PASSWORD, "mode": "deactivate"})
    assert r.status_code == 422
    anonymous = live.client()
    people.apis.append(anonymous)
    assert (await anonymous.get("/api/me/export")).status_code == 401

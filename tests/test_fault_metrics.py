"""The counters operators watch during faults move when the events happen:
open sockets, messages (duplicates not counted), forum posts, fan-out
timings, slow-consumer closes, broker reconnects and resyncs."""

from __future__ import annotations

import re

from peerhub.errors import WS_SLOW_CONSUMER
from peerhub.realtime.hub import Hub
from tests.conftest import ApiClient, LiveServer
from tests.people import group_fixture
from tests.test_realtime import People, tick

people = group_fixture(People, "people")


def sample(text: str, name: str) -> float:
    """The value of an unlabelled sample in Prometheus text (0 when absent)."""
    found = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


async def scrape(api: ApiClient) -> str:
    r = await api.get("/metrics")
    assert r.status_code == 200
    return r.text


async def test_realtime_and_forum_counters(live: LiveServer, people: People) -> None:
    a_api, b_api = await people.api("metric_a"), await people.api("metric_b")
    before = await scrape(a_api)
    a, b = await people.ws(a_api), await people.ws(b_api)
    await a.join("lobby")
    await b.join("lobby")
    now = await scrape(a_api)
    assert sample(now, "peerhub_ws_connections") == sample(before, "peerhub_ws_connections") + 2
    for i in range(3):
        tick(live)
        await a.say("lobby", f"counted {i}", client_msg_id=f"cid-{i}")
    tick(live)
    await a.say("lobby", "counted 2", client_msg_id="cid-2")  # a repeat: acknowledged, not counted
    await b.wait_seq("lobby", 3)
    now = await scrape(a_api)
    assert sample(now, "peerhub_messages_total") == 3
    assert sample(now, "peerhub_fanout_seconds_count") == 3

    cats = (await a_api.get("/api/forum/categories")).json()["categories"]
    r = await a_api.post("/api/forum/threads", json={"category_id": cats[0]["id"], "title": "Counting days",
                                                     "body": "Day one again, and that is fine."})
    assert r.status_code == 201, r.text
    thread_id = r.json()["thread"]["id"]
    r = await b_api.post(f"/api/forum/threads/{thread_id}/posts", json={"body": "Day one is a good day."})
    assert r.status_code == 201, r.text
    assert sample(await scrape(a_api), "peerhub_posts_total") == 2

    await b.close()
    await a.wait_for(lambda: a.online("lobby") == ["metric_a"])
    assert sample(await scrape(a_api), "peerhub_ws_connections") == sample(before, "peerhub_ws_connections") + 1


async def test_slow_consumer_and_resync_counters(live: LiveServer, people: People) -> None:
    api = await people.api("metric_slow")
    ws = await people.ws(api)
    await ws.join("lobby")
    hub: Hub = live.app.state.hub
    # A burst faster than any socket drains: push never waits, and this loop
    # does not yield, so the client cannot read; once the socket buffers are
    # full the outbox overflows and the socket is closed.
    (conn,) = hub.connections
    padding = "x" * 64 * 1024
    for i in range(2000):
        if conn.closing is not None:
            break
        conn.push(f'{{"type":"pong","n":{i},"pad":"{padding}"}}')
    assert conn.closing is not None and conn.closing[0] == WS_SLOW_CONSUMER
    # The close frame queues behind megabytes the client never read, so the
    # code it sees depends on timing (4408, or 1006 when the transport drops).
    assert await ws.closed() in (WS_SLOW_CONSUMER, 1006)
    watcher = await people.ws(api)
    await watcher.join("lobby")
    await hub.on_resync()  # what the Redis broker calls after it re-subscribes
    await watcher.expect("resync", room="lobby")
    text = await scrape(api)
    assert sample(text, "peerhub_ws_slow_consumer_closes_total") == 1
    assert sample(text, "peerhub_broker_reconnects_total") == 1
    assert sample(text, "peerhub_resyncs_total") == 1

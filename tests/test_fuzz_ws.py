"""WebSocket frame fuzzer: random bytes, malformed JSON, wrong types, huge
numbers, deep nesting, unknown types and oversized frames on one socket,
while two other members keep talking. The server must answer bad frames
with ``error`` frames or a documented close (1007 bad UTF-8, 1008 too many
bad frames, 1009 too big), never 1011, and the bystanders' lines must keep
arriving, in order, each once."""

from __future__ import annotations

import json
import random
from typing import Any

from websockets.exceptions import ConnectionClosed

from tests.conftest import LiveServer
from tests.wsclient import WsClient

FRAMES = 700
SEED = 20261124
TYPES = ["join", "leave", "send", "typing", "ping", "watch_thread", "unwatch_thread", "hello", "ack", "", "__init__",
         "on_send", "JOIN", "send\x00", "x" * 200]
FIELDS = ["type", "room", "since", "client_msg_id", "text", "confirm", "thread_id"]
# Close codes a misbehaving client may earn (docs/protocol.md).
ALLOWED_CLOSES = {1007, 1008, 1009}


def value(rng: random.Random, depth: int = 0) -> Any:
    pick = rng.randrange(14)
    if pick == 0:
        return rng.choice([10**30, -(10**30), 2**31, 2**63, -1, 0, 1.5, float("1e308")])
    if pick == 1:
        return rng.choice([True, False, None])
    if pick == 2:
        return "lobby" if rng.random() < 0.5 else rng.choice(["", "night-owls", "nope", "x" * 70, "\u202e\u0000"])
    if pick == 3:
        return "".join(chr(rng.randrange(0x20, 0x2FFF)) for _ in range(rng.randrange(0, 40)))
    if pick == 4 and depth < 3:
        return [value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    if pick == 5 and depth < 3:
        return {rng.choice(FIELDS): value(rng, depth + 1) for _ in range(rng.randrange(0, 4))}
    if pick == 6:
        return rng.randrange(-5, 50)
    return rng.choice(["lobby", "hello", 7, None, "c" * rng.randrange(1, 80)])


def frame(rng: random.Random) -> str | bytes | tuple[str, bytes]:
    kind = rng.randrange(10)
    if kind == 9 and rng.random() < 0.3:
        return ("text", b'{"type": "ping", "x": "\xff\xfe"}')  # a text frame that is not UTF-8: 1007
    if kind == 0:
        return rng.randbytes(rng.randrange(0, 300))  # a binary frame
    if kind == 1:
        good = json.dumps({"type": "send", "room": "lobby", "client_msg_id": "a", "text": "hi"})
        return good[: rng.randrange(0, len(good))]  # truncated JSON
    if kind == 2:
        return rng.choice(["[]", "null", "42", '"send"', "{", "}", "{{}}", '{"type": 1}', "NaN", "1e999", ""])
    if kind == 3:
        depth = rng.randrange(500, 7000)
        return "[" * depth + "]" * depth  # deep nesting, under the 16 KiB limit
    if kind == 4:
        depth = rng.randrange(500, 2500)
        return '{"type": "join", "room": ' + '{"a":' * depth + "1" + "}" * depth + "}"
    if kind == 5:
        return json.dumps({"type": "join", "room": "lobby", "since": rng.choice([10**40, -1, 2**31, 1.5, "7", True])})
    if kind == 6 and rng.random() < 0.2:
        return "x" * (16 * 1024 + rng.randrange(1, 5000))  # over the frame limit: 1009
    body = {f: value(rng) for f in rng.sample(FIELDS, rng.randrange(0, len(FIELDS)))}
    body["type"] = rng.choice(TYPES) if rng.random() < 0.8 else value(rng)
    return json.dumps(body, allow_nan=True)


async def test_fuzzed_socket_never_disturbs_the_room(live: LiveServer) -> None:
    apis = []
    for i in range(3):
        api = live.client()
        live.clock.advance(20)
        await api.signup_login(f"fuzz_ws_{i}")
        apis.append(api)
    speaker = await WsClient.connect(live.ws_url, apis[1].session_cookie)
    listener = await WsClient.connect(live.ws_url, apis[2].session_cookie)
    await speaker.join("lobby")
    await listener.join("lobby")
    rng = random.Random(SEED)
    fuzzer = await WsClient.connect(live.ws_url, apis[0].session_cookie)
    closes: list[int] = []
    said: list[str] = []
    try:
        for i in range(FRAMES):
            data = frame(rng)
            try:
                if isinstance(data, tuple):
                    await fuzzer.conn.send(data[1], text=True)
                else:
                    await fuzzer.send_raw(data)
            except ConnectionClosed:
                pass
            if fuzzer.close_code is not None or fuzzer.conn.close_code is not None:
                await fuzzer.closed()
                closes.append(fuzzer.close_code or 0)
                live.clock.advance(60)  # forgive the bad-frame budget, as time would
                fuzzer = await WsClient.connect(live.ws_url, apis[0].session_cookie)
            if i % 25 == 0:
                live.clock.advance(1)
                text = f"still talking {i}"
                await speaker.say("lobby", text)
                said.append(text)
                await listener.expect("message", text=text, timeout=10)
    finally:
        await fuzzer.close()
    if fuzzer.close_code not in (None, 1000):
        closes.append(fuzzer.close_code)
    live.clock.advance(60)
    again = await WsClient.connect(live.ws_url, apis[0].session_cookie)  # the fuzzing member is still served
    await again.ping()
    await again.close()
    print("fuzz ws: closes", sorted(set(closes)), len(closes))
    assert set(closes) <= ALLOWED_CLOSES, closes
    assert len(closes) > 10  # the fuzzer did earn closes: the frames were bad enough
    assert 1011 not in closes
    heard = [m["text"] for m in listener.messages("lobby") if m["text"].startswith("still talking")]
    assert heard == said
    assert len([f for f in listener.frames if f["type"] == "message"]) == len(listener.messages("lobby"))
    assert (await apis[1].get("/healthz")).status_code == 200
    await speaker.close()
    await listener.close()
    for api in apis:
        await api.aclose()

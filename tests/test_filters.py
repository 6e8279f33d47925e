"""Filters over HTTP (catalogue, save/read, privacy, validation codes) and the
pure decision in ``moderation.filters``."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerhub.accounts.models import Role
from peerhub.accounts.service import Viewer, do_set_role
from peerhub.clock import FakeClock
from peerhub.moderation.filters import (
    MAX_WORDS,
    Action,
    Decision,
    Filters,
    MuteRule,
    RoomWords,
    TopicRule,
    WordRule,
    decide,
)
from peerhub.moderation.triggers import TOPIC_IDS, topics_of
from peerhub.realtime.connection import Connection
from peerhub.realtime.delivery import DELIVER, HIDE, Collapse, MessageView
from peerhub.realtime.filtering import FILTERS_KEY, LiveFilters
from tests.conftest import ApiClient, LiveServer, both_backends

T0 = datetime(2026, 1, 1, tzinfo=UTC)


# -- the pure decision --------------------------------------------------------------


def test_decision_rules() -> None:
    f = Filters(
        user_id=1,
        topics=(TopicRule("alcohol", Action.COLLAPSE), TopicRule("gambling", Action.HIDE, until=T0 + timedelta(hours=1))),
        words=(WordRule("casino", Action.HIDE), WordRule("cut", Action.COLLAPSE, whole_word=False)),
        muted=(MuteRule(7, Action.HIDE, until=T0 + timedelta(days=1)), MuteRule(8, Action.COLLAPSE)),
    )
    words = RoomWords(f.word_keys)
    drink = topics_of("grabbed a cold one after work")
    assert "alcohol" in drink
    assert f.decide(T0, 2, drink) == Decision("collapse", ("alcohol",))
    assert f.decide(T0, 1, drink).action == "deliver"  # authors are never filtered for themselves
    assert f.decide(T0, 2, frozenset({"gambling"})).hidden
    assert f.decide(T0 + timedelta(hours=2), 2, frozenset({"gambling"})).action == "deliver"  # expired
    assert f.decide(T0, 2, frozenset(), words.matches("The CASINO near me")).hidden
    assert f.decide(T0, 2, frozenset(), words.matches("casinos")).action == "deliver"  # whole word only
    assert f.decide(T0, 2, frozenset(), words.matches("cutting onions")) == Decision("collapse", ("word",))
    assert f.decide(T0, 7, frozenset()).hidden
    assert f.decide(T0 + timedelta(days=2), 7, frozenset()).action == "deliver"
    assert f.decide(T0, 8, drink) == Decision("collapse", ("alcohol", "person"))
    # hide beats collapse
    assert f.decide(T0, 8, frozenset({"gambling", "alcohol"})).hidden
    assert topics_of("shot a video of my dog") == frozenset()
    assert f.decide(T0, 2, topics_of("a bar of soap")).action == "deliver"


_ACTIONS = st.sampled_from([Action.HIDE, Action.COLLAPSE])
_UNTIL = st.sampled_from([None, T0 - timedelta(hours=1), T0 + timedelta(hours=1)])
_WORDS = [("casino", True), ("cut", False), ("pour", True)]


@settings(max_examples=300, deadline=None)
@given(
    topics=st.lists(st.tuples(st.sampled_from(sorted(TOPIC_IDS)[:4]), _ACTIONS, _UNTIL), max_size=3),
    words=st.lists(st.tuples(st.sampled_from(_WORDS), _ACTIONS, _UNTIL), max_size=3),
    muted=st.lists(st.tuples(st.integers(2, 5), _ACTIONS, _UNTIL), max_size=3),
    author=st.integers(1, 6),
    item_topics=st.frozensets(st.sampled_from(sorted(TOPIC_IDS)[:4]), max_size=2),
    item_words=st.frozensets(st.sampled_from(_WORDS), max_size=2),
)
def test_live_decide_gives_the_full_decision(
        topics: list[Any], words: list[Any], muted: list[Any], author: int,
        item_topics: frozenset[str], item_words: frozenset[Any]) -> None:
    """LiveFilters.decide (fan-out's per-recipient call, with its shortcut for
    items without topics or words) agrees with the full rule evaluation."""
    f = Filters(
        user_id=1,
        topics=tuple(TopicRule(t, a, until=u) for t, a, u in topics),
        words=tuple(WordRule(w[0], a, whole_word=w[1], until=u) for w, a, u in words),
        muted=tuple(MuteRule(m, a, until=u) for m, a, u in muted),
    )
    clock = FakeClock(T0)
    live = LiveFilters(cast(Any, SimpleNamespace(clock=clock)), cast(Any, None))
    conn = Connection(Viewer(1, "reader", Role.member, 1, "x"), _never_sent)
    conn.attrs[FILTERS_KEY] = f
    got = live.decide(conn, MessageView(1, 1, author, item_topics, "none", item_words))
    want = decide(1, f.active(T0), author, item_topics, item_words)
    if want.action == "deliver":
        assert got is DELIVER
    elif want.hidden:
        assert got is HIDE
    else:
        assert isinstance(got, Collapse) and got.reasons == want.reasons


async def _never_sent(frame: str) -> None:
    raise AssertionError("nothing is sent")


def test_room_words_keep_each_persons_mode_apart() -> None:
    whole = Filters(1, words=(WordRule("cut", Action.HIDE, whole_word=True),))
    part = Filters(2, words=(WordRule("Cut", Action.HIDE, whole_word=False),))
    room = RoomWords.of([whole, part])
    found = room.matches("cutting it fine")
    assert not whole.decide(T0, 3, frozenset(), found).hidden
    assert part.decide(T0, 3, frozenset(), found).hidden
    found = room.matches("a c-u-t? no: a CUT.")
    assert whole.decide(T0, 3, frozenset(), found).hidden and part.decide(T0, 3, frozenset(), found).hidden


def test_active_rules_recomputed_only_at_expiry() -> None:
    f = Filters(1, topics=(TopicRule("alcohol", Action.HIDE, until=T0 + timedelta(minutes=5)),))
    first = f.active(T0)
    assert f.active(T0 + timedelta(minutes=4)) is first
    assert f.active(T0 + timedelta(minutes=5)).empty


# -- HTTP -------------------------------------------------------------------------------


async def _user(live: LiveServer, handle: str, role: str | None = None) -> ApiClient:
    client = live.client()
    live.clock.advance(20)
    await client.signup_login(handle)
    if role:
        await do_set_role(live.app.state.ctx, handle, role)
    return client


@both_backends
async def test_topics_save_read_and_privacy(live: LiveServer, caplog: pytest.LogCaptureFixture) -> None:
    a, b, fac = await _user(live, "priv_a"), await _user(live, "priv_b"), await _user(live, "priv_fac", "facilitator")
    try:
        topics = (await a.get("/api/moderation/topics")).json()["topics"]
        assert {t["id"] for t in topics} == TOPIC_IDS and all(t["name"] and t["description"] for t in topics)
        assert (await a.get("/api/me/filters")).json() == {"topics": [], "words": [], "muted_users": []}

        body = {"topics": [{"topic": "alcohol", "action": "collapse"}],
                "words": [{"text": "casino", "action": "hide", "whole_word": True}],
                "muted_users": [{"handle": "PRIV_B", "action": "collapse"}]}
        with caplog.at_level(logging.DEBUG):
            r = await a.put("/api/me/filters", json=body)
        assert r.status_code == 200, r.text
        assert r.headers["cache-control"] == "no-store"
        expected = {"topics": [{"topic": "alcohol", "action": "collapse", "until": None}],
                    "words": [{"text": "casino", "action": "hide", "whole_word": True, "until": None}],
                    "muted_users": [{"handle": "priv_b", "action": "collapse", "until": None}]}
        assert r.json() == expected
        assert (await a.get("/api/me/filters")).json() == expected
        # Never logged by peerhub (its records carry structured fields in ``fields``).
        ours = [r for r in caplog.records if r.name.startswith("peerhub")]
        assert ours and not any("casino" in f"{r.getMessage()} {getattr(r, 'fields', '')}" for r in ours)

        # Nobody else can read them: each person only ever gets their own.
        for other in (b, fac):
            assert (await other.get("/api/me/filters")).json() == {"topics": [], "words": [], "muted_users": []}
        spec = (await a.get("/api/openapi.json")).json()
        assert [p for p in spec["paths"] if "filters" in p] == ["/api/me/filters"]
        async with live.client() as anon:
            assert (await anon.get("/api/me/filters")).status_code == 401
    finally:
        for c in (a, b, fac):
            await c.aclose()


async def _problem(api: ApiClient, body: dict[str, Any]) -> tuple[int, str]:
    r = await api.put("/api/me/filters", json=body)
    return r.status_code, r.json()["error"]["code"]


async def test_validation_codes(live: LiveServer) -> None:
    a = await _user(live, "valid_a")
    try:
        word = {"action": "hide", "whole_word": True}
        many = [{"text": f"word{i}", **word} for i in range(MAX_WORDS + 1)]
        assert await _problem(a, {"words": many}) == (422, "too_many_words")
        assert (await a.put("/api/me/filters", json={"words": many[:MAX_WORDS]})).status_code == 200
        assert await _problem(a, {"words": [{"text": "x" * 61, **word}]}) == (422, "word_too_long")
        assert await _problem(a, {"words": [{"text": "   ", **word}]}) == (422, "empty_word")
        assert await _problem(a, {"topics": [{"topic": "sports", "action": "hide"}]}) == (422, "unknown_topic")
        assert await _problem(a, {"topics": [{"topic": "alcohol", "action": "mute"}]}) == (422, "invalid_action")
        assert await _problem(a, {"words": [{"text": "dice", "action": "blur"}]}) == (422, "invalid_action")
        assert await _problem(a, {"muted_users": [{"handle": "nobody_here", "action": "hide"}]}) == (422, "unknown_user")
        assert await _problem(a, {"muted_users": [{"handle": "valid_a", "action": "hide"}]}) == (422, "cannot_mute_self")
        assert await _problem(a, {"topics": [{"topic": "alcohol", "action": "hide",
                                              "until": "2026-02-01T00:00:00"}]}) == (422, "invalid_until")
        assert await _problem(a, {"colour": "red"}) == (422, "invalid_input")
        r = await a.put("/api/me/filters", json={"words": [{"text": "x" * 61, **word}]})
        assert "xxxx" not in r.text  # the submitted word is never echoed
        # A failed save changed nothing.
        assert len((await a.get("/api/me/filters")).json()["words"]) == MAX_WORDS
    finally:
        await a.aclose()

"""Rooms in a real browser: live chat between two people, offline and back
with every missed message shown once and in order, send state, history."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, Person, require_route, say, seed_room, signup_via_api, signup_via_ui

pytestmark = pytest.mark.browser


async def open_room(person: Person, slug: str, title: str) -> None:
    await person.goto(f"/rooms/{slug}")
    await person.page.get_by_role("heading", name=title).wait_for()
    await person.page.locator("ph-conn-status[data-state=open]").wait_for()


def texts(person: Person) -> object:
    return person.page.locator("ol.messages li .msg-text").all_text_contents()


async def wait_for_text(person: Person, text: str) -> None:
    await person.page.locator("ol.messages li .msg-text", has_text=text).first.wait_for()


async def test_two_people_chat_live_and_resume_after_offline(live, people) -> None:
    await require_route(live, "GET", "/api/rooms", "issue 3")
    ana = await people(viewport=PHONE)
    await signup_via_ui(ana, "ana_morning")
    ben = await people()
    await signup_via_api(ben, "ben_evening")

    # Room list shows the seeded rooms; open the lobby from it.
    await ana.page.get_by_role("link", name="Lobby").click()
    await ana.page.get_by_role("heading", name="Lobby").wait_for()
    await ana.page.locator("ph-conn-status[data-state=open]").wait_for()
    await open_room(ben, "lobby", "Lobby")

    await say(ana, "hello from ana")
    await wait_for_text(ben, "hello from ana")
    await say(ben, "hi ana, ben here")
    await wait_for_text(ana, "hi ana, ben here")
    # Ana's own message went sending -> sent (no state label left, no retry button).
    mine = ana.page.locator("li.msg.own", has_text="hello from ana")
    await mine.and_(ana.page.locator("[data-state=sent]")).wait_for()
    assert await mine.get_by_role("button", name="Retry").count() == 0

    # Ben drops off the network; Ana keeps writing.
    await ben.context.set_offline(True)
    await ben.page.locator("ph-conn-status[data-state=offline]").wait_for()
    missed = [f"while you were away {n}" for n in range(1, 8)]
    for line in missed:
        await say(ana, line)
    await ana.page.locator("li.msg.own[data-state=sent]", has_text=missed[-1]).wait_for()
    # Ben writes while offline: the line waits as "Sending…", not lost.
    await say(ben, "typed in a tunnel")
    await ben.page.locator("li.msg.own[data-state=sending]", has_text="typed in a tunnel").wait_for()
    assert missed[0] not in await texts(ben)

    await ben.context.set_offline(False)
    await ben.page.locator("ph-conn-status[data-state=open]").wait_for()
    await wait_for_text(ben, missed[-1])
    await ben.page.locator("li.msg.own[data-state=sent]", has_text="typed in a tunnel").wait_for()
    await wait_for_text(ana, "typed in a tunnel")

    expected = ["hello from ana", "hi ana, ben here", *missed, "typed in a tunnel"]
    for person in (ana, ben):
        shown = await texts(person)
        assert shown == expected, (person.handle, shown)
        seqs = [int(s) for s in await person.page.locator("ol.messages li[data-seq]").evaluate_all(
            "els => els.map(e => e.dataset.seq)")]
        assert seqs == sorted(seqs) and len(seqs) == len(set(seqs)) == len(expected)

    # A reload rebuilds the same conversation from history.
    await ben.page.reload()
    await ben.page.get_by_role("heading", name="Lobby").wait_for()
    await wait_for_text(ben, "typed in a tunnel")
    assert await texts(ben) == expected


async def test_history_scrolls_back(live, people) -> None:
    await require_route(live, "GET", "/api/rooms/{slug}/messages", "issue 3")
    await seed_room(live, "many_words", "lobby", [f"line {n}" for n in range(1, 61)])
    reader = await people(viewport=PHONE)
    await signup_via_api(reader, "late_reader")
    await open_room(reader, "lobby", "Lobby")
    await wait_for_text(reader, "line 60")
    assert "line 1" not in await texts(reader)  # only the newest page at first
    await reader.page.get_by_role("button", name="Load earlier messages").click()
    await reader.page.locator("ol.messages li .msg-text").get_by_text("line 1", exact=True).wait_for()
    shown = await texts(reader)
    assert shown == [f"line {n}" for n in range(1, 61)]

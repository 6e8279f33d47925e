"""Facilitator tools in a real browser, and what the member on the other end
sees: remove (gone live for others), pin and slow mode/read-only (room state
shown to members), a report reaching the queue and coming back "reviewed"
on My reports, a private check-in note, a mute with its until-time, a kick
and a ban, each as a calm banner rather than a mere failed send."""

from __future__ import annotations

import re

import pytest

from peerhub.accounts import service as accounts
from tests.browser.conftest import PHONE, Person, enter_lobby, say, signup_via_api

pytestmark = pytest.mark.browser


async def staff_action(staff: Person, text: str, author: str, action: str) -> None:
    """Open the "More" menu of ``author``'s message ``text`` and pick ``action``."""
    message = staff.page.locator("ol.messages li", has_text=text)
    await message.get_by_label(f"More actions for message from {author}").click()
    await message.get_by_role("button", name=action).click()


async def confirm(staff: Person, title: str, *, duration: str | None = None, text: str | None = None) -> None:
    dialog = staff.page.get_by_role("dialog", name=title)
    if duration:
        await dialog.get_by_label("For how long").select_option(label=duration)
    if text:
        await dialog.get_by_role("textbox").fill(text)
    await dialog.get_by_role("button", name="Confirm").click()
    await dialog.wait_for(state="detached")


async def test_facilitator_actions_reach_members_live(live, people) -> None:
    staff = await people()
    await signup_via_api(staff, "steady_keeper")
    await accounts.do_set_role(live.app.state.ctx, "steady_keeper", "facilitator")
    alder = await people(viewport=PHONE)
    await signup_via_api(alder, "alder_a")
    birch = await people()
    await signup_via_api(birch, "birch_b")
    for person in (staff, alder, birch):
        await enter_lobby(person)
    await say(alder, "nobody here ever listens", wait_sent=True)
    await say(alder, "Rule of the night: be kind to yourself", wait_sent=True)

    # A member reports a line; it reaches the facilitators' queue.
    line = birch.page.locator("ol.messages li", has_text="nobody here ever listens")
    await line.get_by_label("More actions for message from alder_a").click()
    await line.get_by_role("button", name="Report").click()
    report = birch.page.get_by_role("dialog", name="Report to facilitators")
    await report.get_by_label("Something else").check()
    await report.get_by_label("What is happening? (a few words", exact=False).fill("keeps putting people down")
    await report.get_by_role("button", name="Send report").click()
    await birch.page.get_by_text("Facilitators will review it").wait_for()

    # Pin: everyone sees the pinned line above the conversation.
    await staff_action(staff, "Rule of the night", "alder_a", "Pin message")
    pinned = birch.page.locator("details.pins")
    await pinned.get_by_text("alder_a: Rule of the night: be kind to yourself").wait_for()
    await alder.page.locator("details.pins", has_text="Rule of the night").wait_for()

    # Slow mode from the room controls: members are told.
    await staff.page.locator("details.room-controls > summary").click()
    await staff.page.get_by_label("Slow mode").select_option("30")
    await staff.page.get_by_role("button", name="Apply").click()
    await birch.page.locator(".room-status", has_text="Slow mode: one message every 30 seconds.").wait_for()
    await staff.page.locator(".room-status", has_text="for members").wait_for()

    # Remove: the line disappears for another member, live.
    line = birch.page.locator(f'ol.messages li[data-seq="{await line.get_attribute("data-seq")}"]')
    await staff_action(staff, "nobody here ever listens", "alder_a", "Remove")
    await confirm(staff, "Remove this message", text="unkind")
    await line.get_by_text("Message removed by a facilitator.").wait_for()
    assert "nobody here ever listens" not in await birch.page.locator("ol.messages").inner_text()

    # The report is resolved on the dashboard (another tab); the reporter hears it was reviewed.
    dash = await staff.context.new_page()
    await dash.goto(f"{live.base_url}/#/dashboard")
    queued = dash.locator("article", has_text="nobody here ever listens")
    await queued.get_by_role("button", name="Dismiss").click()
    await dash.get_by_text("Report resolved.").wait_for()
    reviewed = birch.page.get_by_role("region", name="A facilitator reviewed your report")
    await reviewed.get_by_text("Outcome: reviewed").wait_for()
    await dash.close()

    # Check-in: a supportive note only the recipient sees.
    await staff_action(staff, "Rule of the night", "alder_a", "Check in with alder_a")
    await confirm(staff, "A private check-in for alder_a", text="Thinking of you tonight. I'm here if you want to talk.")
    note = alder.page.get_by_role("region", name="A facilitator checked in with you")
    await note.get_by_text("Thinking of you tonight.").wait_for()
    assert await birch.page.get_by_text("Thinking of you tonight.").count() == 0

    # Mute for an hour: a clear notice with the until-time; the composer closes.
    await staff_action(staff, "Rule of the night", "alder_a", "Mute alder_a")
    await confirm(staff, "Mute alder_a", duration="1 hour")
    muted = alder.page.get_by_role("region", name="Posting is paused for you")
    await muted.wait_for()
    assert re.search(r"in Lobby until [A-Z0-9]", await muted.inner_text()), await muted.inner_text()
    await alder.page.locator(".room-status", has_text="Posting is paused for you here until").wait_for()
    # Sending anyway is answered on the line itself, in the same words.
    await alder.page.get_by_label("Message Lobby").fill("can anyone hear me")
    await alder.page.get_by_label("Message Lobby").press("Enter")
    await alder.page.locator("li.msg.own[data-state=failed]", has_text="can't post in this room until").wait_for()

    # Read-only: members see it and cannot write; the facilitator still can.
    await staff.page.locator("details.room-controls > summary").click()
    await staff.page.get_by_label("Read-only for members").check()
    await staff.page.get_by_role("button", name="Apply").click()
    await birch.page.locator(".room-status", has_text="This room is read-only for now.").wait_for()
    assert await birch.page.get_by_label("Message Lobby").is_disabled()
    assert not await staff.page.get_by_label("Message Lobby").is_disabled()

    # Kick: the member is told calmly and when they can come back.
    await staff_action(staff, "Rule of the night", "alder_a", "Kick alder_a")
    await confirm(staff, "Kick alder_a from this room")
    kicked = alder.page.get_by_role("region", name="You were asked to step out of a room")
    await kicked.get_by_text("You can come back after").wait_for()
    await alder.page.locator(".room-status", has_text="asked you to step out of this room").wait_for()

    # Ban (from the room, a day): another member, told the same calm way, with helplines.
    await birch.page.reload()
    await birch.page.locator("ph-conn-status[data-state=open]").wait_for()
    await staff.page.reload()
    await staff.page.locator("ol.messages li", has_text="Rule of the night").wait_for()
    await say(staff, "Room is read-only for a bit. Back soon.", wait_sent=True)
    await birch.page.locator("ol.messages li", has_text="Back soon").wait_for()
    await birch_said_nothing_check(birch)
    ban_target = staff.page.locator("ol.messages li", has_text="Rule of the night")
    await ban_target.get_by_label("More actions for message from alder_a").click()
    await ban_target.get_by_role("button", name="Ban alder_a").click()
    await confirm(staff, "Ban alder_a", duration="1 day")
    banned = alder.page.get_by_role("region", name="You can no longer take part here")
    await banned.get_by_text("1-800-662-4357").wait_for()

    # The reporter's list says the report was reviewed (nothing about what was done).
    await birch.goto("/reports")
    mine = birch.page.locator("ul.thread-list li", has_text="Something else")
    await mine.get_by_text("Reviewed").wait_for()
    assert "alder_a" not in await birch.page.locator("main").inner_text()


async def birch_said_nothing_check(birch: Person) -> None:
    """The read-only room still refuses the member after a reload (state from ``joined``)."""
    await birch.page.locator(".room-status", has_text="This room is read-only for now.").wait_for()
    await birch.page.locator("details.pins", has_text="Rule of the night").wait_for()
    await birch.page.locator(".room-status", has_text="Slow mode").wait_for()

"""Forums in a real browser: start a thread, nested replies (collapsible),
edit and delete your own post, a live reply, follow, search, notifications."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, require_route, signup_via_api

pytestmark = pytest.mark.browser


async def test_thread_reply_edit_delete_live_search(live, people) -> None:
    await require_route(live, "GET", "/api/forum/categories", "issue 4")
    ana = await people()
    await signup_via_api(ana, "ana_writes")
    ben = await people(viewport=PHONE)
    await signup_via_api(ben, "ben_reads")

    page = ana.page
    await ana.goto("/forum")
    await page.get_by_role("link", name="Staying Sober").click()
    await page.get_by_role("link", name="New thread").click()
    await page.get_by_label("Title").fill("Day thirty, small wins")
    await page.get_by_label("Your post").fill("Made **tea** instead.\n\nStill here.")
    await page.get_by_role("button", name="Preview").click()
    preview = page.get_by_label("Preview")
    await preview.get_by_text("Made **tea** instead.").wait_for()  # plain text, not client-side HTML
    assert await preview.locator("strong").count() == 0
    await page.get_by_role("button", name="Start thread").click()
    await page.get_by_role("heading", name="Day thirty, small wins").wait_for()
    # The server rendered the Markdown.
    await page.locator("article.post .post-body strong", has_text="tea").wait_for()
    thread_url = page.url

    # Ben opens the thread from the category list, with an unread badge.
    await ben.goto("/forum")
    await ben.page.get_by_role("link", name="Staying Sober").click()
    row = ben.page.locator("ul.thread-list li", has_text="Day thirty, small wins")
    await row.locator(".unread").wait_for()
    await row.get_by_role("link", name="Day thirty, small wins").click()
    await ben.page.get_by_role("heading", name="Day thirty, small wins").wait_for()
    await ben.page.get_by_role("button", name="Follow").click()
    await ben.page.get_by_role("button", name="Following").wait_for()

    # Ana replies to her own post; Ben sees it arrive live, nested under it.
    await page.locator("article.post").first.get_by_role("button", name="Reply").click()
    await page.get_by_label("Reply to ana_writes").fill("Replying to myself: tea was good")
    await page.get_by_role("button", name="Post reply").first.click()
    await page.locator(".replies article.post", has_text="tea was good").wait_for()
    await ben.page.locator(".replies article.post", has_text="tea was good").wait_for()

    # Ben replies to the reply (depth 2); collapse and expand the branch.
    await ben.page.locator("article.post", has_text="tea was good").get_by_role("button", name="Reply").click()
    await ben.page.get_by_label("Reply to ana_writes").fill("proud of you")
    await ben.page.get_by_role("button", name="Post reply").first.click()
    nested = ben.page.locator(".replies .replies article.post", has_text="proud of you")
    await nested.wait_for()
    toggle = ben.page.get_by_role("button", name="Hide 1 reply").first
    await toggle.click()
    await ben.page.locator("article.post", has_text="tea was good").wait_for(state="hidden")
    await ben.page.get_by_role("button", name="Show 1 reply").first.click()
    await nested.wait_for()

    # Ana gets a notification for Ben's reply.
    await ana.goto("/notifications")
    await page.get_by_role("heading", name="Replies to you").wait_for()
    await page.get_by_text("ben_reads").first.wait_for()

    # Edit and delete own posts.
    await page.goto(thread_url)
    reply = page.locator("article.post", has_text="tea was good")
    await reply.get_by_role("button", name="Edit").click()
    await page.get_by_label("Edit your post").fill("Replying to myself: tea was great")
    await page.get_by_role("button", name="Save").click()
    await page.locator("article.post", has_text="tea was great").get_by_text("(edited)").wait_for()
    await page.locator("article.post", has_text="tea was great").get_by_role("button", name="Delete").click()
    await page.get_by_role("button", name="Delete post").click()
    await page.locator("article.post", has_text="[removed by author]").wait_for()
    # Replies keep their place under the placeholder.
    await page.locator(".replies .replies article.post", has_text="proud of you").wait_for()

    # Search finds the thread by a word inside the body, with the match marked.
    await ben.goto("/forum")
    await ben.page.get_by_role("searchbox", name="Search the forums").fill("instead")
    await ben.page.get_by_role("button", name="Search").click()
    hit = ben.page.locator("ul.thread-list li", has_text="Day thirty")
    await hit.locator("mark").first.wait_for()

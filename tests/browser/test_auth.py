"""Sign up, recovery codes shown once, log in, recover with a code, log out."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, signup_via_ui
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


async def test_signup_codes_login_recover(people) -> None:
    person = await people(viewport=PHONE)
    page = person.page
    codes = await signup_via_ui(person, "quiet_river")
    assert len(codes) == 8 and len(set(codes)) == 8

    # Logged in after "I saved them": the session survives a reload.
    await page.reload()
    await page.get_by_role("heading", name="Rooms").wait_for()

    await page.get_by_role("button", name="Log out").click()
    await page.get_by_role("heading", name="Welcome back").wait_for()

    # A wrong password is refused with the server's message, in an alert.
    await page.get_by_label("Pseudonym").fill("quiet_river")
    await page.get_by_label("Password").fill("not the password at all")
    await page.get_by_role("button", name="Log in").click()
    await page.get_by_role("alert").filter(has_text="don't match").wait_for()

    await page.get_by_label("Password").fill(TEST_PASSWORD)
    await page.get_by_role("button", name="Log in").click()
    await page.get_by_role("heading", name="Rooms").wait_for()
    await page.get_by_role("button", name="Log out").click()
    await page.get_by_role("heading", name="Welcome back").wait_for()

    # Recover with one code; the same code cannot be used twice.
    await page.get_by_role("link", name="Forgot your password? Use a recovery code").click()
    await page.get_by_role("heading", name="Recover your account").wait_for()
    await page.get_by_label("Pseudonym").fill("quiet_river")
    await page.get_by_label("Recovery code").fill(codes[0])
    await page.get_by_label("New password").fill("a brand new long night")
    await page.get_by_role("button", name="Set new password and log in").click()
    await page.get_by_role("heading", name="Rooms").wait_for()
    await page.get_by_role("button", name="Log out").click()

    await person.goto("/recover")
    await page.get_by_role("heading", name="Recover your account").wait_for()
    await page.get_by_label("Pseudonym").fill("quiet_river")
    await page.get_by_label("Recovery code").fill(codes[0])
    await page.get_by_label("New password").fill("another long quiet night")
    await page.get_by_role("button", name="Set new password and log in").click()
    await page.locator(".form-error[role=alert]").wait_for()

    await person.goto("/login")
    await page.get_by_role("heading", name="Welcome back").wait_for()
    await page.get_by_label("Pseudonym").fill("quiet_river")
    await page.get_by_label("Password").fill("a brand new long night")
    await page.get_by_role("button", name="Log in").click()
    await page.get_by_role("heading", name="Rooms").wait_for()


async def test_signed_out_routes_go_to_login(people) -> None:
    person = await people()
    await person.goto("/rooms/lobby")
    await person.page.get_by_role("heading", name="Welcome back").wait_for()
    assert "next=" in person.page.url


# The budget for the first load, uncompressed.
FIRST_LOAD_BUDGET = 150 * 1024


async def test_first_load_is_small_and_local(people, live) -> None:
    person = await people()
    sizes: dict[str, int] = {}

    async def on_response(response) -> None:
        if response.request.resource_type != "websocket":
            sizes[response.url] = len(await response.body())

    person.page.on("response", on_response)
    await person.goto("/login")
    await person.page.get_by_role("heading", name="Welcome back").wait_for()
    await person.page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    print(f"first load: {len(sizes)} requests, {total} bytes")
    assert total < FIRST_LOAD_BUDGET, sizes
    assert all(url.startswith(live.base_url) for url in sizes)

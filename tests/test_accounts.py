"""Accounts over real HTTP: sign-up, log-in, sessions, CSRF, recovery, limits."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_PASSWORD, ApiClient, LiveServer, both_backends


@both_backends
async def test_signup_login_me_logout(api: ApiClient) -> None:
    r = await api.post("/api/auth/signup", json={"handle": "quiet_river", "password": TEST_PASSWORD})
    assert r.status_code == 201
    body = r.json()
    assert body["user"]["handle"] == "quiet_river"
    assert body["user"]["role"] == "member"
    codes = body["recovery_codes"]
    assert len(codes) == 8 and len(set(codes)) == 8
    assert "peerhub_session" not in r.cookies

    r = await api.post("/api/auth/login", json={"handle": "Quiet_River", "password": TEST_PASSWORD})
    assert r.status_code == 200
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    me = await api.get("/api/me")
    assert me.status_code == 200
    assert me.json()["user"]["handle"] == "quiet_river"
    assert me.json()["csrf_token"] == api.csrf
    assert me.headers["cache-control"] == "no-store"

    assert (await api.post("/api/auth/logout")).status_code == 200
    assert (await api.get("/api/me")).status_code == 401


async def test_login_rotates_session(live: LiveServer) -> None:
    async with live.client() as a:
        await a.signup_login("rotator")
        first = a.session_cookie
        await a.post("/api/auth/login", json={"handle": "rotator", "password": TEST_PASSWORD})
        assert a.session_cookie and a.session_cookie != first


@pytest.mark.parametrize(
    ("handle", "code"),
    [
        ("ab", "invalid_handle"),
        ("x" * 33, "invalid_handle"),
        ("has space", "invalid_handle"),
        ("<script>", "invalid_handle"),
        ("admin", "handle_reserved"),
        ("Moderator", "handle_reserved"),
        ("peerhub_team", "handle_reserved"),
        ("support", "handle_reserved"),
    ],
)
async def test_bad_handles_refused(api: ApiClient, handle: str, code: str) -> None:
    r = await api.post("/api/auth/signup", json={"handle": handle, "password": TEST_PASSWORD})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == code


@both_backends
async def test_duplicate_and_lookalike_handles(api: ApiClient) -> None:
    assert (await api.post("/api/auth/signup", json={"handle": "sam.io", "password": TEST_PASSWORD})).status_code == 201
    for dup in ["sam.io", "SAM.IO", "ｓａｍ.ｉｏ", "5am.io", "sam_io", "sam-1o", "Sam.lo"]:
        r = await api.post("/api/auth/signup", json={"handle": dup, "password": TEST_PASSWORD})
        assert r.status_code == 409, dup
        assert r.json()["error"]["code"] == "handle_taken"


@pytest.mark.parametrize("password", ["short", "1234567890", "password123", "aaaaaaaaaaaa", "Qwertyuiop", "xwalker_99 pass"])
async def test_weak_passwords_refused(api: ApiClient, password: str) -> None:
    r = await api.post("/api/auth/signup", json={"handle": "xwalker_99", "password": password})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "weak_password"


async def test_unknown_handle_and_wrong_password_look_the_same(api: ApiClient) -> None:
    await api.post("/api/auth/signup", json={"handle": "realperson", "password": TEST_PASSWORD})
    wrong = await api.post("/api/auth/login", json={"handle": "realperson", "password": "not the password!"})
    unknown = await api.post("/api/auth/login", json={"handle": "nobody_here", "password": "not the password!"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


async def test_csrf_required_for_cookie_authenticated_writes(live: LiveServer) -> None:
    async with live.client() as a:
        await a.signup_login("csrf_person")
        token = a.csrf
        a.csrf = None
        r = await a.post("/api/auth/logout")
        assert r.status_code == 403 and r.json()["error"]["code"] == "csrf_failed"
        r = await a.post("/api/auth/logout", headers={"X-CSRF-Token": "0" * 64})
        assert r.status_code == 403 and r.json()["error"]["code"] == "csrf_failed"
        assert (await a.get("/api/me")).status_code == 200  # the session survived
        r = await a.post("/api/auth/logout", headers={"X-CSRF-Token": token or ""})
        assert r.status_code == 200


async def test_foreign_origin_refused(api: ApiClient) -> None:
    r = await api.post(
        "/api/auth/signup",
        json={"handle": "origin_test", "password": TEST_PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "origin_forbidden"
    ok = await api.post(
        "/api/auth/signup",
        json={"handle": "origin_test", "password": TEST_PASSWORD},
        headers={"Origin": api.base_url.__str__().rstrip("/")},
    )
    assert ok.status_code == 201


async def test_idle_and_absolute_expiry(live: LiveServer) -> None:
    async with live.client() as a:
        await a.signup_login("sleepy")
        live.clock.advance(6 * 24 * 3600)
        assert (await a.get("/api/me")).status_code == 200  # touched: idle timer restarts
        live.clock.advance(6 * 24 * 3600)
        assert (await a.get("/api/me")).status_code == 200
        live.clock.advance(8 * 24 * 3600)  # idle for 8 days
        r = await a.get("/api/me")
        assert r.status_code == 401 and r.json()["error"]["code"] == "not_authenticated"
    async with live.client() as b:
        await b.post("/api/auth/login", json={"handle": "sleepy", "password": TEST_PASSWORD})
        for _ in range(5):  # active every 6 days, but 30 days is the absolute limit
            live.clock.advance(6 * 24 * 3600 + 1)
            last = await b.get("/api/me")
        assert last.status_code == 401


async def test_password_change_ends_other_sessions(live: LiveServer) -> None:
    async with live.client() as a, live.client() as b:
        await a.signup_login("changer")
        await b.post("/api/auth/login", json={"handle": "changer", "password": TEST_PASSWORD})
        r = await a.post("/api/auth/password", json={"old_password": "wrong wrong wrong", "new_password": "brand new phrase 7"})
        assert r.status_code == 403
        r = await a.post("/api/auth/password", json={"old_password": TEST_PASSWORD, "new_password": "brand new phrase 7"})
        assert r.status_code == 200
        assert (await a.get("/api/me")).status_code == 200
        assert (await b.get("/api/me")).status_code == 401
        r = await b.post("/api/auth/login", json={"handle": "changer", "password": "brand new phrase 7"})
        assert r.status_code == 200


async def test_recover_with_code_uses_it_up(live: LiveServer) -> None:
    async with live.client() as a, live.client() as other:
        r = await a.post("/api/auth/signup", json={"handle": "forgetful", "password": TEST_PASSWORD})
        code = r.json()["recovery_codes"][3]
        await other.post("/api/auth/login", json={"handle": "forgetful", "password": TEST_PASSWORD})
        r = await a.post("/api/auth/recover", json={"handle": "forgetful", "recovery_code": "nope-nope", "new_password": "my second life 1"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "bad_recovery"
        r = await a.post("/api/auth/recover", json={"handle": "forgetful", "recovery_code": code.upper(), "new_password": "my second life 1"})
        assert r.status_code == 200
        assert (await a.get("/api/me")).status_code == 200
        assert (await other.get("/api/me")).status_code == 401  # every other session ended
        r = await a.post("/api/auth/recover", json={"handle": "forgetful", "recovery_code": code, "new_password": "my third life 22"})
        assert r.status_code == 401  # single use
        r = await a.post("/api/auth/login", json={"handle": "forgetful", "password": "my second life 1"})
        assert r.status_code == 200


async def test_login_rate_limited_with_retry_after(api: ApiClient) -> None:
    statuses = []
    for _ in range(12):
        r = await api.post("/api/auth/login", json={"handle": "target_person", "password": "guess guess guess"})
        statuses.append(r.status_code)
    assert statuses[:10] == [401] * 10
    assert statuses[-1] == 429
    assert int(r.headers["Retry-After"]) >= 1
    assert r.json()["error"]["code"] == "rate_limited"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", "malformed_json"),
        (b"[1,2]", "malformed_json"),
        (b'{"handle": "x"}', "invalid_input"),
        (b'{"handle": "abc", "password": "long enough pw", "extra": 1}', "invalid_input"),
    ],
)
async def test_malformed_bodies(api: ApiClient, body: bytes, code: str) -> None:
    r = await api.post("/api/auth/signup", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == code
    assert "long enough pw" not in r.text  # values are never echoed


async def test_oversized_body_refused(api: ApiClient) -> None:
    r = await api.post("/api/auth/signup", content=b"x" * (2 * 1024 * 1024), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"

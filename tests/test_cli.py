"""The CLI through subprocesses: same settings as the server, roles by command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from peerhub.settings import Settings
from tests.conftest import TEST_PASSWORD, LiveServer


def run_cli(*args: str, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "peerhub", *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def cli_env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERHUB_")}
    env["PEERHUB_DATA_DIR"] = str(settings.data_dir)
    env["PEERHUB_DATABASE_URL"] = settings.database_url
    return env


async def test_set_role_and_create_admin_act_on_the_server_database(live: LiveServer) -> None:
    env = cli_env(live.settings)
    async with live.client() as a:
        await a.signup_login("future_helper")
        assert a.user and a.user["role"] == "member"
    done = run_cli("set-role", "future_helper", "facilitator", env=env)
    assert done.returncode == 0, done.stderr
    async with live.client() as a:
        await a.post("/api/auth/login", json={"handle": "future_helper", "password": TEST_PASSWORD})
        assert (await a.get("/api/me")).json()["user"]["role"] == "facilitator"

    missing = run_cli("set-role", "nobody_at_all", "admin", env=env)
    assert missing.returncode == 1 and "No such pseudonym" in missing.stderr
    bad = run_cli("set-role", "future_helper", "king", env=env)
    assert bad.returncode == 2

    made = run_cli("create-admin", "site_keeper", "--password-stdin", env=env, stdin="a long admin passphrase\n")
    assert made.returncode == 0, made.stderr
    async with live.client() as a:
        r = await a.post("/api/auth/login", json={"handle": "site_keeper", "password": "a long admin passphrase"})
        assert r.status_code == 200 and r.json()["user"]["role"] == "admin"


def test_migrate_is_idempotent_and_uses_data_dir(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERHUB_")}
    env["PEERHUB_DATA_DIR"] = str(tmp_path / "data")
    for _ in range(2):
        done = run_cli("migrate", env=env)
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "peerhub.sqlite3").exists()
    assert (tmp_path / "data" / "secret_key").exists()


def test_production_refuses_placeholder_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERHUB_")}
    env.update(PEERHUB_ENV="production", PEERHUB_DATA_DIR=str(tmp_path), PEERHUB_SECRET_KEY="change-me")
    done = run_cli("migrate", env=env)
    assert done.returncode == 2
    assert "PEERHUB_SECRET_KEY" in done.stderr


def test_serve_seeds_defaults(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERHUB_")}
    env["PEERHUB_DATA_DIR"] = str(tmp_path)
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "peerhub", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        import time

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise AssertionError("server did not become ready")
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").json() == {"status": "ok"}
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
    import sqlite3

    con = sqlite3.connect(tmp_path / "peerhub.sqlite3")
    rooms = {r[0] for r in con.execute("select title from rooms")}
    cats = {r[0] for r in con.execute("select title from forum_categories")}
    assert {"Lobby", "Night Owls", "Cravings SOS"} <= rooms
    assert {"Introductions", "Staying Sober", "Family & Friends"} <= cats


def test_moderation_classify_reads_json_lines(tmp_path: Path) -> None:
    import json

    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERHUB_")}
    env["PEERHUB_DATA_DIR"] = str(tmp_path)
    lines = "\n".join([
        json.dumps({"id": "a", "text": "I have the whole bottle of pills in my hand and I want to die tonight"}),
        json.dumps({"id": "b", "text": "killing it at work today, 90 days sober"}),
        "this is not json",
        json.dumps({"id": "d", "text": "three shots of tequila and a beer chaser"}),
    ])
    done = run_cli("moderation", "classify", env=env, stdin=lines + "\n")
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", "b", None, "d"]
    assert out[0]["crisis"] is True and out[0]["level"] == "crisis" and out[0]["evidence"]
    assert out[1]["crisis"] is False and out[1]["topics"] == []
    assert "error" in out[2]
    assert "alcohol" in out[3]["topics"] and out[3]["crisis"] is False

"""The README's nginx example, tested: two peerhub processes sharing PostgreSQL
and Redis behind nginx behave as one server (HTTP, WebSocket upgrade, Origin
and forwarded headers trusted only from the proxy)."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import uuid
from pathlib import Path

import pytest

from peerhub.clock import FakeClock
from peerhub.settings import Settings
from tests.conftest import IN_CI, REDIS_URL, ApiClient, need_service, start_server, stop_server
from tests.wsclient import WsClient

CONF = Path(__file__).resolve().parents[1] / "docs" / "deploy" / "nginx-peerhub.conf"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if found:
        return found
    if IN_CI:
        pytest.fail("CI=true but nginx is not installed (.ci/run installs nginx-light)", pytrace=False)
    pytest.skip("nginx is not installed")


@pytest.mark.redis
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_two_processes_behind_the_documented_nginx_config(database_url: str, tmp_path: Path) -> None:
    nginx = _nginx()
    redis_url = need_service("redis", REDIS_URL)
    tag = f"peerhub-nginx-{uuid.uuid4().hex[:8]}"
    settings = Settings(
        env="development", data_dir=tmp_path, database_url=database_url, redis_url=redis_url,
        secret_key="test-secret-key-that-is-long-enough", trusted_proxies=("127.0.0.1",),
        redis_prefix=tag + ":", redis_name=tag,
    )
    clock = FakeClock()
    a = await start_server(settings, clock)
    b = await start_server(settings, clock)
    port = _free_port()
    site = CONF.read_text()
    port_a, port_b = a.base_url.rsplit(":", 1)[1], b.base_url.rsplit(":", 1)[1]
    site = site.replace("127.0.0.1:8001", f"127.0.0.1:{port_a}").replace("127.0.0.1:8002", f"127.0.0.1:{port_b}")
    site = site.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"daemon off; worker_processes 1; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
        f"  include {tmp_path}/site.conf; }}\n"
    )
    proc = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        async with ApiClient(base) as probe:
            for _ in range(100):
                try:
                    if (await probe.get("/healthz")).status_code == 200:
                        break
                except Exception:
                    pass
                await asyncio.sleep(0.05)
        async with ApiClient(base) as alice, ApiClient(base) as bob:
            await alice.signup_login("behind_proxy_a")
            await bob.signup_login("behind_proxy_b")
            # Round-robin: consecutive requests land on different processes; sessions hold on both.
            for _ in range(4):
                assert (await alice.get("/api/me")).status_code == 200
            ws_url = f"ws://127.0.0.1:{port}/ws"
            wa = await WsClient.connect(ws_url, cookie=alice.session_cookie)
            wb = await WsClient.connect(ws_url, cookie=bob.session_cookie)
            try:
                await wa.join("lobby")
                await wb.join("lobby")
                for i in range(10):
                    await (wa if i % 2 == 0 else wb).say("lobby", f"through the proxy {i}")
                await wa.wait_seq("lobby", 10)
                await wb.wait_seq("lobby", 10)
                assert [m["text"] for m in wa.messages("lobby")] == [f"through the proxy {i}" for i in range(10)]
                assert wa.messages("lobby") == wb.messages("lobby")
            finally:
                await wa.close()
                await wb.close()
            # A foreign Origin is refused through the proxy too.
            r = await alice.post("/api/auth/logout", headers={"Origin": "https://elsewhere.example"})
            assert r.status_code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        await stop_server(a)
        await stop_server(b)

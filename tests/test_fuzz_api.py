"""Fuzz the HTTP API from its own OpenAPI document (schemathesis): every
operation gets generated requests, as an admin (so staff endpoints run
their real checks) with the session cookie, CSRF token and our Origin. No
response may be a 5xx, and every response must match the documented
schema, status codes and content type.

The server is a ``peerhub serve`` subprocess (schemathesis calls are
blocking). Operations that would end the fuzzing session itself (log out,
erase the account, change the password) are left out. ``FUZZ_EXAMPLES`` per
operation keeps the run bounded (about 80 operations).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from bench.load_common import SECRET, ServerProc, prepare, server_env
from peerhub.accounts.service import do_set_role
from peerhub.broker import MemoryBroker
from peerhub.clock import SystemClock
from peerhub.context import AppContext
from peerhub.db import Database
from peerhub.settings import Settings
from tests.conftest import TEST_PASSWORD

FUZZ_EXAMPLES = int(os.environ.get("PEERHUB_FUZZ_EXAMPLES", "8"))
# The fuzzing session must survive the run.
SKIP = {("POST", "/api/auth/logout"), ("DELETE", "/api/me"), ("POST", "/api/auth/password")}
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    tmp = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite+aiosqlite:///{tmp / 'db.sqlite3'}"

    async def start() -> tuple[ServerProc, dict[str, str]]:
        # Members first, so the admin's id is one random ids rarely hit (a ban or a
        # role change aimed at the fuzzing admin itself would end the run).
        await prepare(url, 300, prefix="filler")
        server = await ServerProc(server_env(url, tmp), log_path=tmp / "serve.log").start()
        try:
            return server, await log_in(server)
        except BaseException:
            await server.stop()
            raise

    async def log_in(server: ServerProc) -> dict[str, str]:
        async with httpx.AsyncClient(base_url=server.base) as client:
            r = await client.post("/api/auth/signup", json={"handle": "fuzzing_keeper", "password": TEST_PASSWORD})
            assert r.status_code == 201, r.text
            db = Database(url, pool_size=1)
            ctx = AppContext(Settings(database_url=url, secret_key=SECRET, data_dir=tmp), db, SystemClock(),
                             MemoryBroker())
            await do_set_role(ctx, "fuzzing_keeper", "admin")
            await db.dispose()
            r = await client.post("/api/auth/login", json={"handle": "fuzzing_keeper", "password": TEST_PASSWORD})
            assert r.status_code == 200, r.text
            headers = {"Cookie": f"peerhub_session={client.cookies['peerhub_session']}",
                       "X-CSRF-Token": r.json()["csrf_token"], "Origin": server.base}
        return headers

    server, headers = asyncio.run(start())
    try:
        yield server.base, headers
    finally:
        asyncio.run(server.stop())


def test_every_operation_answers_within_its_schema(target: tuple[str, dict[str, str]]) -> None:
    base, headers = target
    schema = schemathesis.openapi.from_url(base + "/api/openapi.json")
    failures: list[str] = []
    statuses: dict[int, int] = {}
    succeeded: set[str] = set()
    tested = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIP:
            continue
        tested += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            response = case.call_and_validate(base_url=base, headers=headers, checks=CHECKS)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code < 300:
                succeeded.add(f"{operation.method} {operation.path}")

        try:
            run()
        except BaseException as exc:
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:2000]}")
    print("fuzz: operations", tested, "succeeded at least once", len(succeeded),
          "responses by status", dict(sorted(statuses.items())))
    assert tested > 60
    assert len(succeeded) >= tested // 2, sorted(succeeded)  # most operations got through, not only refusals
    assert not failures, "\n\n".join(failures)

"""The one-hop SQLite driver (peerhub.sqlite_driver): worker-thread round trips
per statement and per chat send, rollback after errors, and results identical
to plain aiosqlite."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from peerhub import sqlite_driver
from peerhub.db import Database
from tests.conftest import LiveServer
from tests.people import People, group_fixture

people = group_fixture(People, "people")


class Hops:
    """Counts calls queued for aiosqlite worker threads (each is one round trip)."""

    def __init__(self) -> None:
        self.count = 0


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> Iterator[Hops]:
    counter = Hops()
    original = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        counter.count += 1
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    yield counter


@pytest.fixture
async def scratch(tmp_path: Path) -> AsyncIterator[Database]:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'scratch.sqlite3'}", pool_size=1)
    async with db.write() as session:
        await session.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)"))
    yield db
    await db.dispose()


async def test_the_engine_uses_the_one_hop_connection(scratch: Database) -> None:
    async with scratch.engine.connect() as conn:
        raw = await conn.get_raw_connection()
        assert type(raw.driver_connection) is sqlite_driver.OneHopConnection


async def test_a_select_is_one_round_trip_and_a_read_session_ends_without_one(scratch: Database, hops: Hops) -> None:
    async with scratch.read() as session:
        await session.execute(text("SELECT 1"))  # the pooled connection is warm now
    hops.count = 0
    async with scratch.read() as session:
        rows = (await session.execute(text("SELECT name FROM t"))).all()
        assert hops.count == 1
    assert rows == []
    assert hops.count == 1  # no rollback call when the worker said no transaction is open


async def test_a_write_is_one_round_trip_per_statement_plus_the_commit(scratch: Database, hops: Hops) -> None:
    hops.count = 0
    async with scratch.write() as session:
        await session.execute(text("INSERT INTO t (name) VALUES ('a')"))
        await session.execute(text("UPDATE t SET name = 'b' WHERE name = 'a'"))
    assert hops.count == 3
    async with scratch.read() as session:
        assert (await session.execute(text("SELECT name FROM t"))).scalars().all() == ["b"]


async def test_a_failed_statement_rolls_the_transaction_back(scratch: Database) -> None:
    async with scratch.write() as session:
        await session.execute(text("INSERT INTO t (name) VALUES ('kept')"))
    with pytest.raises(IntegrityError):
        async with scratch.write() as session:
            await session.execute(text("INSERT INTO t (name) VALUES ('lost')"))
            await session.execute(text("INSERT INTO t (name) VALUES ('kept')"))  # unique: fails
    # The one pooled connection carries no open transaction (it would hold SQLite's write lock).
    async with scratch.write() as session:
        await session.execute(text("INSERT INTO t (name) VALUES ('after')"))
    async with scratch.read() as session:
        assert sorted((await session.execute(text("SELECT name FROM t"))).scalars()) == ["after", "kept"]


async def test_an_error_raised_between_statements_rolls_back(scratch: Database) -> None:
    with pytest.raises(RuntimeError):
        async with scratch.write() as session:
            await session.execute(text("INSERT INTO t (name) VALUES ('half')"))
            raise RuntimeError("refused")
    async with scratch.read() as session:
        assert (await session.execute(text("SELECT count(*) FROM t"))).scalar_one() == 0


async def _workload(db: Database) -> list[Any]:
    out: list[Any] = []
    async with db.write() as session:
        result = await session.execute(text("INSERT INTO t (name) VALUES ('x') RETURNING id, name"))
        out.append([tuple(r) for r in result])
        await session.execute(text("INSERT INTO t (name) VALUES (:n)"), [{"n": f"m{i}"} for i in range(5)])
        result = await session.execute(text("UPDATE t SET name = name || '!' WHERE name LIKE 'm%'"))
        out.append(result.rowcount)  # type: ignore[attr-defined]
        result = await session.execute(text("INSERT INTO t (name) VALUES ('y')"))
        out.append(result.lastrowid)  # type: ignore[attr-defined]
    async with db.read() as session:
        result = await session.execute(text("SELECT id, name FROM t ORDER BY id"))
        out.append(list(result.keys()))
        out.append([tuple(r) for r in result])
        out.append((await session.execute(text("SELECT name FROM t WHERE id = 999"))).first())
        out.append([tuple(r) for r in (await session.execute(text("PRAGMA table_info(t)")))])
    with pytest.raises(IntegrityError) as refused:
        async with db.write() as session:
            await session.execute(text("INSERT INTO t (name) VALUES ('x')"))
    out.append(type(refused.value.orig).__name__)
    return out


async def test_results_are_those_of_plain_aiosqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = []
    for name, one_hop in (("one_hop", True), ("plain", False)):
        monkeypatch.setattr(sqlite_driver, "available", lambda one_hop=one_hop: one_hop)
        db = Database(f"sqlite+aiosqlite:///{tmp_path / (name + '.sqlite3')}", pool_size=1)
        async with db.engine.connect() as conn:
            raw = await conn.get_raw_connection()
            assert (type(raw.driver_connection) is sqlite_driver.OneHopConnection) is one_hop
        async with db.write() as session:
            await session.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)"))
        try:
            results.append(await _workload(db))
        finally:
            await db.dispose()
    assert results[0] == results[1]
    assert results[0][1] == 5 and results[0][-1] == "IntegrityError"


def test_without_the_internals_it_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    assert sqlite_driver.available() is True
    monkeypatch.delattr(aiosqlite.Connection, "_execute")
    assert sqlite_driver.available() is False  # make_engine then builds a plain aiosqlite engine (above)


async def test_a_chat_send_is_four_round_trips(live: LiveServer, people: People, hops: Hops) -> None:
    ws = await people.ws(await people.api("counted_sender"))
    await ws.join("lobby")
    await ws.say("lobby", "warming up the pool")
    hops.count = 0
    ack = await ws.say("lobby", "one line, three statements and a commit")
    # The room's seq bump; one query for duplicate, sanctions, lock and slow mode; the insert; the commit.
    assert ack["seq"] == 2 and hops.count == 4


async def test_a_refused_send_takes_no_seq(live: LiveServer, people: People) -> None:
    api = await people.api("careful_sender")
    staff = await people.api("careful_staff", role="facilitator")
    ws = await people.ws(api)
    await ws.join("lobby")
    assert (await ws.say("lobby", "first"))["seq"] == 1
    changed = await staff.patch("/api/rooms/lobby", json={"personal_policy": "block"})
    assert changed.status_code == 200, changed.text
    await ws.send("lobby", "call me on 0412 345 678 tonight")
    refused = await ws.expect("error")
    assert refused["code"] == "personal_details"
    assert (await ws.say("lobby", "second"))["seq"] == 2

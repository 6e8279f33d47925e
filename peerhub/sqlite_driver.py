"""SQLite through aiosqlite with one worker-thread round trip per statement.

aiosqlite runs every call on its connection's worker thread and hands the
result back through the event loop. SQLAlchemy's aiosqlite adapter makes a
statement four such calls (open a cursor, execute, fetch the rows, close the
cursor), and returns each connection to the pool with a rollback call even
after a commit. A chat send (five to seven statements and a commit) was 28
thread round trips, each one a wake-up of the worker and then of the event
loop; under load every round trip also waits for the loop to finish whatever
fan-out it is running, so the sender's next message waited on them
(bench/README.md, "Fan-out").

``OneHopConnection`` is an ``aiosqlite.Connection`` whose cursors do all of a
statement in one call on the worker thread: open a sqlite3 cursor, execute,
fetch every row (as SQLAlchemy's adapter does anyway for a non-streaming
cursor), note ``description``, ``rowcount`` and ``lastrowid``, close it. The
rows then come from memory. Commit and rollback are skipped when the worker
reported no open transaction after the last statement (sqlite3 opens one only
before a data-changing statement), which is what a returned read session and
the rollback after a commit see. Anything run through aiosqlite's other
methods makes the state unknown again, so the next rollback is real.

It relies on two aiosqlite internals that its own ``Cursor`` uses (``_execute``
queues a function for the worker thread, ``_connection`` is the sqlite3
connection); ``available()`` is False if a release renames them, and the
engine then uses plain aiosqlite (``db.make_engine``).

Tests: tests/test_sqlite_driver.py (round trips per statement and per chat
send, rollback on error, results and errors identical to plain aiosqlite),
and every SQLite test of the suite runs on it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import aiosqlite

# The worker's answer for one statement: description, rowcount, lastrowid, rows, whether a transaction is open.
_Outcome = tuple[Any, int, int | None, list[Any], bool]


def available() -> bool:
    """Whether this aiosqlite has the internals ``OneHopConnection`` uses."""
    return (callable(getattr(aiosqlite.Connection, "_execute", None))
            and "_connection" in aiosqlite.Connection.__init__.__code__.co_names)


def _run(proxy: OneHopConnection, sql: str, parameters: Any, many: bool) -> _Outcome:
    """On the worker thread: the whole statement, cursor opened and closed here."""
    db: sqlite3.Connection = proxy._connection  # type: ignore[assignment]
    cur = db.cursor()
    try:
        if many:
            cur.executemany(sql, parameters)
        elif parameters is None:
            cur.execute(sql)
        else:
            cur.execute(sql, parameters)
        description = cur.description
        rows = cur.fetchall() if description is not None else []
        return description, cur.rowcount, cur.lastrowid, rows, db.in_transaction
    finally:
        cur.close()


class OneHopCursor:
    """The cursor SQLAlchemy's adapter sees: ``execute`` is one worker call, the rest is local."""

    __slots__ = ("_owner", "_rows", "arraysize", "description", "lastrowid", "rowcount")

    def __init__(self, owner: OneHopConnection) -> None:
        self._owner = owner
        self._rows: list[Any] = []
        self.arraysize = 1
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None

    async def __aenter__(self) -> OneHopCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _statement(self, sql: str, parameters: Any, many: bool) -> OneHopCursor:
        owner = self._owner
        outcome: _Outcome = await owner._execute(_run, owner, sql, parameters, many)
        self.description, self.rowcount, self.lastrowid, rows, open_tx = outcome
        self._rows = rows
        owner._settled = not open_tx
        return self

    async def execute(self, sql: str, parameters: Any = None) -> OneHopCursor:
        return await self._statement(sql, parameters, False)

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> OneHopCursor:
        return await self._statement(sql, parameters, True)

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> Sequence[Any]:
        count = self.arraysize if size is None else size
        taken, self._rows = self._rows[:count], self._rows[count:]
        return taken

    async def fetchall(self) -> Sequence[Any]:
        taken, self._rows = self._rows, []
        return taken

    async def close(self) -> None:
        self._rows = []


class OneHopConnection(aiosqlite.Connection):
    """``aiosqlite.Connection`` with one-call statements and no idle commit/rollback calls."""

    def __init__(self, connector: Callable[[], sqlite3.Connection], iter_chunk_size: int = 64) -> None:
        super().__init__(connector, iter_chunk_size)
        # True when the worker said, after the last thing it ran for us, that no transaction is open.
        self._settled = False

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        # Unknown until the worker says otherwise: aiosqlite's own methods, or a
        # statement that fails after sqlite3 opened a transaction for it.
        self._settled = False
        return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]

    def cursor(self) -> OneHopCursor:  # type: ignore[override]
        return OneHopCursor(self)

    async def commit(self) -> None:
        if not self._settled:
            await super().commit()
            self._settled = True

    async def rollback(self) -> None:
        if not self._settled:
            await super().rollback()
            self._settled = True


def connect(database: str, **kwargs: Any) -> OneHopConnection:
    """Like ``aiosqlite.connect`` (await it); the worker thread is a daemon, as SQLAlchemy makes it."""

    def connector() -> sqlite3.Connection:
        db: sqlite3.Connection = sqlite3.connect(database, **kwargs)
        return db

    conn = OneHopConnection(connector)
    conn._thread.daemon = True
    return conn

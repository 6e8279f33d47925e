"""Helpers for the forum tests: roles, thread/post shortcuts and a statement
counter on the live server's engine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from peerhub.accounts.service import do_set_role
from tests.conftest import ApiClient, LiveServer


async def set_role(live: LiveServer, handle: str, role: str) -> None:
    """What `peerhub set-role` does, on the live server's database."""
    await do_set_role(live.app.state.ctx, handle, role)


async def category_ids(api: ApiClient) -> list[int]:
    r = await api.get("/api/forum/categories")
    assert r.status_code == 200, r.text
    return [c["id"] for c in r.json()["categories"]]


async def new_thread(api: ApiClient, category_id: int, title: str, body: str, **extra: Any) -> dict[str, Any]:
    r = await api.post("/api/forum/threads", json={"category_id": category_id, "title": title, "body": body, **extra})
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


async def reply(api: ApiClient, thread_id: int, body: str, parent_id: int | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {"body": body}
    if parent_id is not None:
        payload["parent_id"] = parent_id
    r = await api.post(f"/api/forum/threads/{thread_id}/posts", json=payload)
    assert r.status_code == 201, r.text
    post: dict[str, Any] = r.json()["post"]
    return post


async def thread_view(api: ApiClient, thread_id: int, **params: Any) -> dict[str, Any]:
    r = await api.get(f"/api/forum/threads/{thread_id}", params=params)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


@contextmanager
def count_statements(live: LiveServer) -> Iterator[list[str]]:
    """Every SQL statement the live server runs inside the block."""
    engine = live.app.state.ctx.db.engine.sync_engine
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)

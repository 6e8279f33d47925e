"""Forum benchmark: seed 1,000 threads and one 500-post thread, then measure
requests/s and p50/p99 latency of the category list, a thread list page, the
500-post thread and search against a real ``peerhub serve`` process, on
SQLite and PostgreSQL; plus the Markdown + sanitise cost per post.

    .venv/bin/python bench/forum.py                       # SQLite only
    PEERHUB_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/forum.py --backends sqlite,postgres

Seeding goes through the real write path (``forum.service``: moderation
pipeline, Markdown, one transaction per post). The server runs in its own
process; the load generator is one asyncio process with ``--concurrency``
clients sharing a keep-alive pool. Results are printed as a Markdown table
(copy into bench/README.md with the machine description).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy import text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from peerhub.accounts.models import Role  # noqa: E402
from peerhub.accounts.passwords import Passwords  # noqa: E402
from peerhub.accounts.service import Viewer, do_signup  # noqa: E402
from peerhub.broker import MemoryBroker  # noqa: E402
from peerhub.clock import SystemClock  # noqa: E402
from peerhub.context import AppContext  # noqa: E402
from peerhub.db import Database  # noqa: E402
from peerhub.forum import service  # noqa: E402
from peerhub.migrations import upgrade  # noqa: E402
from peerhub.moderation.sanitize import render_markdown  # noqa: E402
from peerhub.seed import seed_defaults  # noqa: E402
from peerhub.settings import Settings, normalize_database_url  # noqa: E402

PASSWORD = "bench password that is long enough"
THREADS = 1_000
BIG_THREAD_POSTS = 500
WORDS = (
    "today meeting sponsor craving walk coffee sleep family relapse gratitude garden morning night "
    "patience step work friend call journal anxious calm hope tired proud honest slip recover"
).split()


def body(rng: random.Random, sentences: int) -> str:
    lines = []
    for _ in range(sentences):
        words = rng.choices(WORDS, k=rng.randint(6, 16))
        if rng.random() < 0.3:
            words[0] = f"**{words[0]}**"
        if rng.random() < 0.2:
            words[-1] = f"[{words[-1]}](https://example.org/{words[-1]})"
        lines.append(" ".join(words).capitalize() + ".")
    if rng.random() < 0.3:
        lines.append("\n- " + "\n- ".join(rng.choices(WORDS, k=3)))
    return " ".join(lines)


async def seed(url: str, rng: random.Random) -> tuple[int, int, float]:
    """Users, 1,000 threads across the categories, one 500-post thread.

    Returns (a category id, the big thread id, seconds spent seeding).
    """
    await upgrade(url)
    db = Database(url, pool_size=2)
    clock = SystemClock()
    await seed_defaults(db, clock)
    ctx = AppContext(settings=Settings(database_url=url, secret_key="bench-secret-key-long-enough"),
                     db=db, clock=clock, broker=MemoryBroker())
    passwords = Passwords(2)
    viewers = []
    for n in range(5):
        user, _ = await do_signup(ctx, passwords, f"bench_user_{n}", PASSWORD)
        viewers.append(Viewer(user.id, user.handle, Role.member, 0, ""))
    async with db.read() as session:
        cats = [int(c) for c in (await session.execute(text("SELECT id FROM forum_categories ORDER BY id"))).scalars()]
    started = time.perf_counter()
    for n in range(THREADS):
        author = viewers[n % len(viewers)]
        await service.do_create_thread(ctx, author, cats[n % len(cats)], f"Thread {n}: {' '.join(rng.choices(WORDS, k=4))}",
                                       body(rng, rng.randint(1, 6)), confirmed=True)
    made = await service.do_create_thread(ctx, viewers[0], cats[0], "The long thread", body(rng, 4),
                                          confirmed=True)
    big, opening = made.thread, made.post
    posts = [opening.id]
    for n in range(BIG_THREAD_POSTS - 1):
        parent: int | None = None if n % 10 == 0 else rng.choice(posts[-20:])
        stored = await service.do_create_post(ctx, viewers[n % len(viewers)], big.id, parent,
                                              body(rng, rng.randint(1, 4)), confirmed=True)
        posts.append(stored.post.id)
    seconds = time.perf_counter() - started
    await db.dispose()
    return cats[0], big.id, seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def start_server(url: str, data_dir: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = os.environ | {
        "PEERHUB_ENV": "development", "PEERHUB_DATABASE_URL": url, "PEERHUB_DATA_DIR": data_dir,
        "PEERHUB_SECRET_KEY": "bench-secret-key-that-is-long-enough", "PEERHUB_PORT": str(port),
        "PEERHUB_LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen([str(REPO / ".venv/bin/peerhub"), "serve"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base) as client:
        for _ in range(300):
            try:
                if (await client.get("/healthz")).status_code == 200:
                    return proc, base
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


async def measure(client: httpx.AsyncClient, paths: list[str], requests: int, concurrency: int) -> dict[str, float]:
    for path in paths[:20]:  # warm-up
        assert (await client.get(path)).status_code == 200, path
    latencies: list[float] = []
    queue = [paths[i % len(paths)] for i in range(requests)]

    async def worker() -> None:
        while queue:
            path = queue.pop()
            t0 = time.perf_counter()
            r = await client.get(path)
            latencies.append(time.perf_counter() - t0)
            if r.status_code != 200:
                raise RuntimeError(f"{path}: {r.status_code}")

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": requests / wall,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


async def bench_backend(name: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(4)
    cat, big, seed_seconds = await seed(url, rng)
    with tempfile.TemporaryDirectory() as data_dir:
        proc, base = await start_server(url, data_dir)
        try:
            limits = httpx.Limits(max_connections=args.concurrency)
            async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
                r = await client.post("/api/auth/login", json={"handle": "bench_user_1", "password": PASSWORD})
                assert r.status_code == 200, r.text
                big_view = (await client.get(f"/api/forum/threads/{big}", params={"limit": 200})).json()
                assert len(big_view["posts"]) == BIG_THREAD_POSTS, len(big_view["posts"])
                page2 = (await client.get(f"/api/forum/categories/{cat}/threads")).json()["next_cursor"]
                scenarios = {
                    "category list": ["/api/forum/categories"],
                    "thread list (page 1, page 2)": [f"/api/forum/categories/{cat}/threads",
                                                     f"/api/forum/categories/{cat}/threads?cursor={page2}"],
                    "500-post thread": [f"/api/forum/threads/{big}?limit=200"],
                    "search (1-2 words)": [f"/api/forum/search?q={w}" for w in WORDS]
                    + [f"/api/forum/search?q={a}+{b}" for a, b in zip(WORDS, WORDS[3:], strict=False)],
                }
                results = {}
                for label, paths in scenarios.items():
                    alone = await measure(client, paths, args.requests // 2, 1)
                    loaded = await measure(client, paths, args.requests, args.concurrency)
                    results[label] = {"p50": alone["p50"], "p99": alone["p99"], "rps": loaded["rps"],
                                      "p99_loaded": loaded["p99"]}
        finally:
            proc.terminate()
            proc.wait(15)
    return {"backend": name, "seed_seconds": seed_seconds, "results": results}


def markdown_cost(rng: random.Random) -> list[tuple[str, float]]:
    sizes = {"short (~150 chars)": 1, "typical (~1,000 chars)": 8, "long (~8,000 chars)": 64}
    out = []
    for label, sentences in sizes.items():
        texts = [body(rng, sentences) for _ in range(200)]
        started = time.perf_counter()
        for t in texts:
            render_markdown(t)
        out.append((f"{label}, {statistics.mean(len(t) for t in texts):,.0f} avg", (time.perf_counter() - started) / len(texts) * 1e6))
    return out


async def pg_database(admin_url: str) -> tuple[str, str]:
    name = f"peerhub_bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(admin_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return name, normalize_database_url(admin_url.rsplit("/", 1)[0] + "/" + name)


async def pg_drop(admin_url: str, name: str) -> None:
    conn = await asyncpg.connect(admin_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def pg_index_used(url: str) -> bool:
    """Whether the planner can answer search from the GIN index (seq scans off)."""
    from peerhub.forum.search import PG_DOCUMENT

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute("SET enable_seqscan = off")
        rows = await conn.fetch(
            f"EXPLAIN SELECT p.id FROM forum_posts p WHERE {PG_DOCUMENT} @@ to_tsquery('english', 'garden:*')"
        )
    finally:
        await conn.close()
    return any("forum_search_posts_tsv" in r[0] for r in rows)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    reports = []
    for backend in args.backends.split(","):
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                reports.append(await bench_backend("SQLite", f"sqlite+aiosqlite:///{tmp}/bench.sqlite3", args))
        elif backend == "postgres":
            admin = os.environ.get("PEERHUB_BENCH_POSTGRES_URL") or os.environ.get("PEERHUB_TEST_POSTGRES_URL")
            if not admin:
                raise SystemExit("set PEERHUB_TEST_POSTGRES_URL (or PEERHUB_BENCH_POSTGRES_URL) for --backends postgres")
            name, url = await pg_database(admin)
            try:
                report = await bench_backend("PostgreSQL", url, args)
                report["gin_index_usable"] = await pg_index_used(url)
                reports.append(report)
            finally:
                await pg_drop(admin, name)
    load = os.getloadavg()
    print(f"\nLatency: {args.requests // 2} sequential requests (1 client); throughput: {args.requests} requests "
          f"from {args.concurrency} concurrent clients; keep-alive. Load average at the end: "
          f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs.\n")
    print(f"| database | endpoint | p50 ms | p99 ms | requests/s ({args.concurrency} clients) "
          f"| p99 ms ({args.concurrency} clients) |")
    print("|---|---|---:|---:|---:|---:|")
    for report in reports:
        for label, r in report["results"].items():
            print(f"| {report['backend']} | {label} | {r['p50']:.1f} | {r['p99']:.1f} | {r['rps']:.0f} "
                  f"| {r['p99_loaded']:.1f} |")
    for report in reports:
        extra = f", GIN index usable: {report['gin_index_usable']}" if "gin_index_usable" in report else ""
        print(f"\n{report['backend']}: seeding {THREADS} threads + a {BIG_THREAD_POSTS}-post thread through the "
              f"write path took {report['seed_seconds']:.1f} s "
              f"({report['seed_seconds'] / (THREADS + BIG_THREAD_POSTS) * 1000:.1f} ms per post){extra}")
    print("\n| Markdown + sanitise | µs per post |\n|---|---:|")
    for label, micros in markdown_cost(random.Random(7)):
        print(f"| {label} | {micros:.0f} |")


if __name__ == "__main__":
    asyncio.run(main())

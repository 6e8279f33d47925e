"""Operations benchmarks: capacity, connect storm, crash, database outage,
Redis outage and soak. Each starts what it needs on 127.0.0.1 (``peerhub
serve`` subprocesses; a fresh PostgreSQL database and a Redis channel prefix
of its own on the shared servers), is bounded in time, and prints its
figures as JSON. ``--quick`` runs the short versions the test suite runs
(tests/test_fault_bench.py).

    .venv/bin/python bench/ops.py capacity [--quick]
    .venv/bin/python bench/ops.py storm [--quick]
    .venv/bin/python bench/ops.py crash [--quick]
    .venv/bin/python bench/ops.py db-outage [--quick]
    .venv/bin/python bench/ops.py redis-outage [--quick]
    .venv/bin/python bench/ops.py soak [--quick]

PostgreSQL and Redis come from PEERHUB_TEST_POSTGRES_URL / PEERHUB_TEST_REDIS_URL
(default: the local servers).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import fault_crash, fault_db, fault_redis, load_capacity, soak

# name -> (full run, quick run)
SCENARIOS: dict[str, tuple[Callable[[], Awaitable[dict[str, Any]]], Callable[[], Awaitable[dict[str, Any]]]]] = {
    "capacity": (lambda: load_capacity.capacity(10_000), lambda: load_capacity.capacity(500)),
    "storm": (lambda: load_capacity.storm(1000, 5.0), lambda: load_capacity.storm(200, 2.0)),
    "crash": (lambda: fault_crash.crash(50, before=10.0, after=15.0), lambda: fault_crash.crash(12, before=3.0, after=5.0)),
    "db-outage": (lambda: fault_db.outage(20, cut=10.0, around=5.0), lambda: fault_db.outage(8, cut=3.0, around=2.0)),
    "redis-outage": (lambda: fault_redis.outage(20, cut=5.0, around=5.0),
                     lambda: fault_redis.outage(8, cut=2.0, around=2.0)),
    "soak": (lambda: soak.soak(200, rate=10.0, seconds=600.0), lambda: soak.soak(100, rate=10.0, seconds=20.0)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", choices=[*SCENARIOS, "all"])
    parser.add_argument("--quick", action="store_true", help="the short version (as in the test suite)")
    args = parser.parse_args()
    names = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    for name in names:
        full, quick = SCENARIOS[name]
        started = time.monotonic()
        result = asyncio.run((quick if args.quick else full)())
        result["run_seconds"] = round(time.monotonic() - started, 1)
        print(json.dumps({"scenario": name, "quick": args.quick, **result}), flush=True)


if __name__ == "__main__":
    main()

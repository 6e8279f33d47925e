"""The ``peerhub`` command. Every command reads the same settings as the server."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable, Sequence

from peerhub.accounts import service as accounts
from peerhub.accounts.passwords import Passwords
from peerhub.broker import MemoryBroker
from peerhub.clock import SystemClock
from peerhub.context import AppContext
from peerhub.db import Database
from peerhub.errors import ConfigError, PeerhubError
from peerhub.settings import Settings


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ConfigError as exc:
        print(f"peerhub: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


async def _with_ctx(settings: Settings, fn: Callable[[AppContext], Awaitable[None]]) -> None:
    db = Database(settings.database_url, pool_size=2)
    try:
        await fn(AppContext(settings=settings, db=db, clock=SystemClock(), broker=MemoryBroker()))
    finally:
        await db.dispose()


async def _migrate_and_seed(settings: Settings) -> None:
    from peerhub.migrations import upgrade
    from peerhub.seed import seed_defaults

    await upgrade(settings.database_url)
    if settings.seed_defaults:
        db = Database(settings.database_url, pool_size=1)
        try:
            await seed_defaults(db, SystemClock())
        finally:
            await db.dispose()


def cmd_migrate(args: argparse.Namespace) -> int:
    settings = _settings()
    asyncio.run(_migrate_and_seed(settings))
    print("peerhub: database is up to date")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from peerhub.app import create_app
    from peerhub.logs import configure_logging
    from peerhub.serving import serve, serve_workers

    settings = _settings()
    host = args.host or settings.host
    port = args.port or settings.port
    settings = settings.with_overrides(host=host, port=port)
    configure_logging(settings.log_level)
    if args.workers > 1 and (settings.is_sqlite or not settings.redis_url):
        print("peerhub: --workers needs PostgreSQL (SQLite has one writer process) and PEERHUB_REDIS_URL "
              "(so the processes share chat events)", file=sys.stderr)
        return 2
    asyncio.run(_migrate_and_seed(settings))
    print(f"peerhub: serving on http://{host}:{port}", file=sys.stderr)
    if args.workers > 1:
        serve_workers(settings, args.workers, drain_seconds=args.drain_seconds)
    else:
        serve(create_app(settings), host, port, drain_seconds=args.drain_seconds)
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise SystemExit("peerhub: passwords did not match")
    return first


def cmd_create_admin(args: argparse.Namespace) -> int:
    settings = _settings()
    password = _read_password(args)

    async def go(ctx: AppContext) -> None:
        user = await accounts.do_create_admin(ctx, Passwords(1), args.handle, password)
        print(f"peerhub: created admin {user.handle}")

    asyncio.run(_migrate_and_seed(settings))
    asyncio.run(_with_ctx(settings, go))
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    settings = _settings()

    async def go(ctx: AppContext) -> None:
        user = await accounts.do_set_role(ctx, args.handle, args.role)
        print(f"peerhub: {user.handle} is now {user.role}")

    asyncio.run(_with_ctx(settings, go))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Online backup of the SQLite database (``VACUUM INTO``: consistent while serving)."""
    import sqlite3
    from pathlib import Path

    settings = _settings()
    if not settings.is_sqlite:
        print(
            "peerhub: the database is PostgreSQL; back it up with pg_dump, e.g.\n"
            "  pg_dump --format=custom --file=peerhub.dump \"$PEERHUB_DATABASE_URL\"\n"
            "and restore with pg_restore --clean --dbname=... peerhub.dump",
            file=sys.stderr,
        )
        return 2
    source = settings.database_url.split(":///", 1)[1]
    target = Path(args.path).resolve()
    if target.exists():
        print(f"peerhub: {target} already exists; choose a new file", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(source)
    try:
        con.execute("VACUUM INTO ?", (str(target),))
    finally:
        con.close()
    print(f"peerhub: backed up to {target}")
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    """Read JSON lines {"id", "text"} on stdin; write the detectors' verdicts as JSON lines.

    For facilitators auditing the detectors on their own samples. A line that
    is not a JSON object with a string "text" gets {"id", "error"} and the run
    goes on.
    """
    import json

    from peerhub.moderation.crisis import assess
    from peerhub.moderation.triggers import topics_of

    for raw in sys.stdin:
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except ValueError:
            item = None
        text = item.get("text") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(text, str):
            ident = item.get("id") if isinstance(item, dict) else None
            print(json.dumps({"id": ident, "error": "expected a JSON object with a string 'text'"}))
            continue
        result = assess(text)
        print(json.dumps({
            "id": item.get("id"),
            "crisis": result.escalates,
            "level": result.level.value,
            "category": result.category,
            "evidence": list(result.evidence),
            "topics": sorted(topics_of(text)),
        }, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="peerhub", description="peerhub peer-support chat and forum server")
    sub = parser.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="migrate, seed and serve")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, default=1, help="processes sharing the port (PostgreSQL + Redis)")
    serve.add_argument("--drain-seconds", type=float, default=0.0,
                       help="on SIGTERM, answer /readyz 503 this long before refusing connections")
    serve.set_defaults(fn=cmd_serve)
    sub.add_parser("migrate", help="apply database migrations and seed defaults").set_defaults(fn=cmd_migrate)
    admin = sub.add_parser("create-admin", help="create an admin account")
    admin.add_argument("handle")
    admin.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    admin.set_defaults(fn=cmd_create_admin)
    role = sub.add_parser("set-role", help="make someone a member, facilitator or admin")
    role.add_argument("handle")
    role.add_argument("role", choices=["member", "facilitator", "admin"])
    role.set_defaults(fn=cmd_set_role)
    moderation = sub.add_parser("moderation", help="moderation tools")
    mod_sub = moderation.add_subparsers(dest="moderation_command", required=True)
    mod_sub.add_parser("classify", help="classify JSON lines from stdin").set_defaults(fn=cmd_classify)
    backup = sub.add_parser("backup", help="write a consistent copy of the SQLite database to PATH")
    backup.add_argument("path")
    backup.set_defaults(fn=cmd_backup)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "fn"):
        args = parser.parse_args(["serve", *(argv or [])])
    try:
        result: int = args.fn(args)
        return result
    except PeerhubError as exc:
        print(f"peerhub: {exc.message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())

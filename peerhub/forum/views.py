"""HTTP endpoints for forum (filled in by its issue)."""

from __future__ import annotations

from starlette.routing import BaseRoute


def routes() -> list[BaseRoute]:
    return []

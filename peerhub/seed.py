"""Default rooms and forum categories, created on first start (idempotent)."""

from __future__ import annotations

from sqlalchemy import select

from peerhub.clock import Clock
from peerhub.db import Database
from peerhub.forum.models import Category
from peerhub.realtime.models import Room

DEFAULT_ROOMS = (
    ("lobby", "Lobby", "Say hello, check in, hang out."),
    ("night-owls", "Night Owls", "For the long hours when everyone else is asleep."),
    ("cravings-sos", "Cravings SOS", "Riding out a craving right now? Come in, you're not alone."),
)
DEFAULT_CATEGORIES = (
    ("introductions", "Introductions", "New here? Tell us as much or as little as you like."),
    ("staying-sober", "Staying Sober", "What works, what doesn't, day by day."),
    ("family-friends", "Family & Friends", "For the people who love someone in recovery."),
)


async def seed_defaults(db: Database, clock: Clock) -> int:
    """Create the default rooms and categories unless any exist; returns how many were made."""
    made = 0
    async with db.write() as session:
        if (await session.execute(select(Room.id).limit(1))).first() is None:
            for pos, (slug, title, desc) in enumerate(DEFAULT_ROOMS):
                session.add(Room(slug=slug, title=title, description=desc, position=pos, created_at=clock.now()))
                made += 1
        if (await session.execute(select(Category.id).limit(1))).first() is None:
            for pos, (slug, title, desc) in enumerate(DEFAULT_CATEGORIES):
                session.add(Category(slug=slug, title=title, description=desc, position=pos, created_at=clock.now()))
                made += 1
    return made

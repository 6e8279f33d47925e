"""Who may moderate where: roles and facilitator scopes.

Policy:
- Admins act everywhere.
- A facilitator with no scope rows is a *site facilitator* and acts everywhere.
- A facilitator with scope rows acts only in those rooms/categories; outside
  them they are refused exactly like a member (``Forbidden``), and they can
  never take site-wide actions (site mute/ban, scopes).
- Members moderate nothing.

Scopes are set by admins (``scopes.do_set_scopes``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.models import Role
from peerhub.accounts.service import Viewer
from peerhub.errors import Forbidden
from peerhub.moderation import store
from peerhub.moderation.content import Place


@dataclass(frozen=True)
class Reach:
    """Where a viewer may moderate: everywhere (``site``) or a set of places."""

    site: bool
    places: frozenset[Place]

    def covers(self, place: Place | None) -> bool:
        """``place`` None is a site-wide action: only site staff."""
        if self.site:
            return True
        return place is not None and place in self.places

    @property
    def is_staff(self) -> bool:
        return self.site or bool(self.places)


NOBODY = Reach(site=False, places=frozenset())
EVERYWHERE = Reach(site=True, places=frozenset())


async def get_reach(session: AsyncSession, viewer: Viewer | None) -> Reach:
    if viewer is None or viewer.role is Role.member:
        return NOBODY
    if viewer.role is Role.admin:
        return EVERYWHERE
    scopes = await store.list_scopes(session, viewer.id)
    if not scopes:
        return EVERYWHERE
    return Reach(site=False, places=frozenset(Place(s.place_kind, s.place_id) for s in scopes))


async def can_moderate(session: AsyncSession, viewer: Viewer | None, place: Place | None) -> bool:
    """For display decisions (show removed items marked, exempt from slow mode/lock)."""
    return (await get_reach(session, viewer)).covers(place)


async def access_moderate(session: AsyncSession, viewer: Viewer, place: Place | None) -> Reach:
    """Raise ``Forbidden`` unless ``viewer`` may moderate ``place`` (None: site-wide)."""
    reach = await get_reach(session, viewer)
    if not reach.covers(place):
        raise Forbidden()
    return reach


async def access_staff(session: AsyncSession, viewer: Viewer) -> Reach:
    """Any facilitator (scoped or not) or admin."""
    reach = await get_reach(session, viewer)
    if not reach.is_staff:
        raise Forbidden()
    return reach


def forbid_self(viewer: Viewer, user_id: int) -> None:
    """Staff cannot sanction or check in on themselves (it would only muddle the log)."""
    if viewer.id == user_id:
        raise Forbidden("not_yourself", "You can't do that to yourself.")

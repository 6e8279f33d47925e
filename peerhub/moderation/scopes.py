"""Facilitator scopes: admins limit a facilitator to some rooms/categories.

The list replaces the old one; an empty list makes them a site facilitator
again. Only people with the facilitator role can be scoped.
"""

from __future__ import annotations

from collections.abc import Sequence

from peerhub.accounts import store as accounts_store
from peerhub.accounts.models import Role
from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import Forbidden, InvalidInput, NotFound
from peerhub.moderation import audit, store
from peerhub.moderation.content import Place

# An admin scoping a facilitator to more places than this is doing something else.
MAX_SCOPES = 100


async def do_set_scopes(ctx: AppContext, admin: Viewer, user_id: int, places: Sequence[Place]) -> list[Place]:
    """Replace a facilitator's scopes (admin only); audited as ``scopes_set``."""
    if not admin.is_admin:
        raise Forbidden()
    unique = sorted(set(places), key=lambda p: (p.kind, p.id))
    if len(unique) > MAX_SCOPES:
        raise InvalidInput("too_many_scopes", f"At most {MAX_SCOPES} places per facilitator.")
    async with ctx.db.write() as session:
        user = await accounts_store.get_user(session, user_id)
        if user is None or user.erased_at is not None:
            raise NotFound("user_not_found", "No such person.")
        if user.role != Role.facilitator:
            raise InvalidInput("not_facilitator", "Only facilitators can be scoped; set the role first.")
        for p in unique:
            if not await store.place_exists(session, p.kind, p.id):
                raise NotFound("place_not_found", "No such room or category.")
        await store.replace_scopes(session, user_id, [(p.kind, p.id) for p in unique], ctx.clock.now())
        await audit.record(session, ctx.clock.now(), admin.id, "scopes_set", "user", user_id, ref_id=len(unique))
    return unique


async def list_scopes(ctx: AppContext) -> dict[int, list[Place]]:
    async with ctx.db.read() as session:
        rows = await store.list_all_scopes(session)
    out: dict[int, list[Place]] = {}
    for row in rows:
        out.setdefault(row.user_id, []).append(Place(row.place_kind, row.place_id))
    return out

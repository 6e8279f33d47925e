"""Confidentiality: agreements, the agreement gate, and per-room retention settings.

The rest of "what's said here stays here" lives beside this module:
``personal`` (the personal-details guard, applied by ``pipeline``),
``confidentiality_purge`` (retention and history purges, the background
task), ``confidentiality_account`` (export and erasure).

Agreements
- Versioned text. Changing the text bumps the version; an acceptance counts
  for the version it names only, so a new version must be accepted again.
- A room (``conf_room_agreements``) or a forum category
  (``forum_categories.agreement_id``) may require one. Joining such a room,
  or posting in such a category, needs the current version accepted:
  otherwise ``Forbidden("agreement_required")`` carrying ``agreement``
  (id, title, version, text), so a client can show it and accept at once.
- Everyone is bound, staff included: facilitators hear the same stories.
- Accepting names the version read; a stale version answers
  ``agreement_changed`` (409) with the current one, so nobody accepts text
  they never saw.

Retention
- ``forever`` or N hours/days per room. Hours live in
  ``conf_room_retention``; ``rooms.retention_days`` is kept in step (rounded
  up to whole days) and wins again if it is changed afterwards through
  ``PATCH /api/rooms/{slug}`` (see ``RoomRetention``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import Conflict, Forbidden, InvalidInput, NotFound
from peerhub.moderation import confidentiality_store as store
from peerhub.moderation.confidentiality_models import Agreement, RoomRetention

# Kept in step with migration 0007, which inserts it as the ``default`` agreement.
DEFAULT_AGREEMENT_SLUG = "default"
AGREEMENT_TITLE_MAX = 100
# Long enough for a full group agreement; short enough to read before joining.
AGREEMENT_TEXT_MAX = 10_000
# Retention bounds: under an hour nobody could follow a conversation; ten
# years is "forever" in all but name (and the column is whole days).
MIN_RETENTION_HOURS = 1
MAX_RETENTION_HOURS = 3650 * 24
_RETENTION = re.compile(r"\s*(\d{1,6})\s*(h|hours?|d|days?)\s*", re.IGNORECASE)


def agreement_json(agreement: Agreement) -> dict[str, Any]:
    return {"id": agreement.id, "slug": agreement.slug, "title": agreement.title,
            "version": agreement.version, "text": agreement.text}


def _require_admin(viewer: Viewer) -> None:
    if not viewer.is_admin:
        raise Forbidden()


def agreement_required(agreement: Agreement) -> Forbidden:
    return Forbidden(
        "agreement_required",
        "This place asks everyone to accept its confidentiality agreement first.",
        agreement=agreement_json(agreement),
    )


# --- the gate ------------------------------------------------------------------


async def check_accepted(session: AsyncSession, user_id: int, agreement_id: int | None) -> None:
    """Raise ``agreement_required`` unless ``user_id`` accepted the current version.

    ``agreement_id`` None (or an agreement deleted since) requires nothing.
    Runs in the caller's session: forum calls it from its ``access_*`` hooks.
    """
    if agreement_id is None:
        return
    agreement = await store.get_agreement(session, agreement_id)
    if agreement is None:
        return
    accepted = await store.get_acceptance(session, user_id, agreement_id)
    if accepted is None or accepted.version != agreement.version:
        raise agreement_required(agreement)


async def check_room_agreement(ctx: AppContext, viewer: Viewer, room_id: int) -> None:
    """The gate for joining a room (realtime calls it on ``join``)."""
    async with ctx.db.read() as session:
        await check_accepted(session, viewer.id, await store.get_room_agreement_id(session, room_id))


async def check_category_agreement(session: AsyncSession, viewer: Viewer, category_id: int) -> None:
    """The gate for posting in a forum category, in the caller's session."""
    await check_accepted(session, viewer.id, await store.get_category_agreement_id(session, category_id))


# --- agreements -------------------------------------------------------------------


async def get_agreement(ctx: AppContext, viewer: Viewer, agreement_id: int) -> dict[str, Any]:
    """The agreement with the version ``viewer`` accepted (None if never)."""
    async with ctx.db.read() as session:
        agreement = await store.get_agreement(session, agreement_id)
        if agreement is None:
            raise NotFound("agreement_not_found", "There is no such agreement.")
        accepted = await store.get_acceptance(session, viewer.id, agreement_id)
    body = agreement_json(agreement)
    body["accepted_version"] = None if accepted is None else accepted.version
    body["accepted"] = accepted is not None and accepted.version == agreement.version
    return body


async def list_agreements(ctx: AppContext) -> list[dict[str, Any]]:
    async with ctx.db.read() as session:
        return [agreement_json(a) for a in await store.list_agreements(session)]


async def do_accept(ctx: AppContext, viewer: Viewer, agreement_id: int, version: int) -> dict[str, Any]:
    """Record that ``viewer`` accepted ``version``, which must be the current one."""
    async with ctx.db.write() as session:
        agreement = await store.get_agreement(session, agreement_id)
        if agreement is None:
            raise NotFound("agreement_not_found", "There is no such agreement.")
        if version != agreement.version:
            raise Conflict("agreement_changed", "The agreement has changed. Please read the new version.",
                           agreement=agreement_json(agreement))
        await store.set_acceptance(session, viewer.id, agreement_id, version, ctx.clock.now())
    return {"agreement_id": agreement_id, "version": version, "accepted": True}


def _clean_title(title: str) -> str:
    clean = " ".join(title.split())
    if not 1 <= len(clean) <= AGREEMENT_TITLE_MAX:
        raise InvalidInput("invalid_title", f"Use 1 to {AGREEMENT_TITLE_MAX} characters.", field="title")
    return clean


def _clean_text(text: str) -> str:
    clean = text.strip()
    if not 1 <= len(clean) <= AGREEMENT_TEXT_MAX:
        raise InvalidInput("invalid_text", f"Use 1 to {AGREEMENT_TEXT_MAX:,} characters.", field="text")
    return clean


async def do_create_agreement(ctx: AppContext, viewer: Viewer, slug: str, title: str, text: str) -> dict[str, Any]:
    _require_admin(viewer)
    clean_title, clean_text = _clean_title(title), _clean_text(text)
    try:
        async with ctx.db.write() as session:
            if await store.get_agreement_by_slug(session, slug) is not None:
                raise Conflict("slug_taken", "An agreement with that name exists.")
            agreement = await store.add_agreement(session, Agreement(
                slug=slug, title=clean_title, text=clean_text, version=1, updated_at=ctx.clock.now(),
                updated_by=viewer.id,
            ))
    except IntegrityError:
        raise Conflict("slug_taken", "An agreement with that name exists.") from None
    return agreement_json(agreement)


async def do_update_agreement(
    ctx: AppContext, viewer: Viewer, agreement_id: int, title: str | None, text: str | None
) -> dict[str, Any]:
    """Change the title and/or text; a changed text is a new version everyone must accept."""
    _require_admin(viewer)
    clean_title = None if title is None else _clean_title(title)
    clean_text = None if text is None else _clean_text(text)
    async with ctx.db.write() as session:
        agreement = await store.get_agreement(session, agreement_id)
        if agreement is None:
            raise NotFound("agreement_not_found", "There is no such agreement.")
        if clean_title is not None:
            agreement.title = clean_title
        if clean_text is not None and clean_text != agreement.text:
            agreement.text = clean_text
            agreement.version += 1
        agreement.updated_at, agreement.updated_by = ctx.clock.now(), viewer.id
    return agreement_json(agreement)


# --- place settings -----------------------------------------------------------------


@dataclass(frozen=True)
class Retention:
    """``keep_hours`` None: forever."""

    keep_hours: int | None

    @property
    def label(self) -> str:
        if self.keep_hours is None:
            return "forever"
        if self.keep_hours % 24 == 0:
            return f"{self.keep_hours // 24}d"
        return f"{self.keep_hours}h"

    @property
    def days(self) -> int | None:
        return None if self.keep_hours is None else math.ceil(self.keep_hours / 24)


def parse_retention(raw: str) -> Retention:
    """``forever``, ``24h``, ``36 hours``, ``7d``, ``30 days``."""
    if raw.strip().lower() == "forever":
        return Retention(None)
    found = _RETENTION.fullmatch(raw)
    if found is None:
        raise InvalidInput("invalid_retention", "Retention is 'forever', or a number of hours ('24h') or days ('7d').")
    hours = int(found.group(1)) * (24 if found.group(2).lower().startswith("d") else 1)
    if not MIN_RETENTION_HOURS <= hours <= MAX_RETENTION_HOURS:
        raise InvalidInput("invalid_retention", "Retention is between 1 hour and 3650 days.")
    return Retention(hours)


def effective_retention(retention_days: int | None, row: RoomRetention | None) -> Retention:
    """The hour-level row while ``rooms.retention_days`` is still what was written with it."""
    if row is not None and row.days_written == retention_days:
        return Retention(row.keep_hours)
    return Retention(None if retention_days is None else retention_days * 24)


async def _room_settings(session: AsyncSession, room_id: int) -> dict[str, Any]:
    days = await store.get_room_retention_days(session, room_id)
    row = await session.get(RoomRetention, room_id)
    retention = effective_retention(days, row)
    return {"agreement_id": await store.get_room_agreement_id(session, room_id),
            "retention": retention.label, "retention_hours": retention.keep_hours}


async def _check_agreement_exists(session: AsyncSession, agreement_id: int | None) -> None:
    if agreement_id is not None and await store.get_agreement(session, agreement_id) is None:
        raise InvalidInput("agreement_not_found", "There is no such agreement.", field="agreement_id")


async def get_room_settings(ctx: AppContext, viewer: Viewer, slug: str) -> dict[str, Any]:
    async with ctx.db.read() as session:
        room_id = await store.get_room_id(session, slug)
        if room_id is None:
            raise NotFound("room_not_found", "There is no room by that name.")
        return {"room": slug, **await _room_settings(session, room_id)}


async def do_set_room_settings(ctx: AppContext, viewer: Viewer, slug: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Admins: ``agreement_id`` (None: no agreement) and/or ``retention``."""
    _require_admin(viewer)
    retention = parse_retention(str(changes["retention"])) if "retention" in changes else None
    async with ctx.db.write() as session:
        room_id = await store.get_room_id(session, slug)
        if room_id is None:
            raise NotFound("room_not_found", "There is no room by that name.")
        if "agreement_id" in changes:
            await _check_agreement_exists(session, changes["agreement_id"])
            await store.set_room_agreement(session, room_id, changes["agreement_id"])
        if retention is not None:
            await store.set_room_retention(session, room_id, retention.keep_hours, retention.days, ctx.clock.now())
        settings = await _room_settings(session, room_id)
    return {"room": slug, **settings}


async def do_set_category_agreement(
    ctx: AppContext, viewer: Viewer, category_id: int, agreement_id: int | None
) -> dict[str, Any]:
    _require_admin(viewer)
    async with ctx.db.write() as session:
        if not await store.category_exists(session, category_id):
            raise NotFound("category_not_found", "There is no such category.")
        await _check_agreement_exists(session, agreement_id)
        await store.set_category_agreement(session, category_id, agreement_id)
    return {"category_id": category_id, "agreement_id": agreement_id}

"""Crisis resources (helplines) and the support card built from them.

Resources are rows an admin edits (``crisis_resources``), each with the date
someone last checked the numbers; the migration ships the US defaults from
DESIGN.md (SAMHSA National Helpline, 988, 911). Every contact carries a
link a phone can act on: ``tel:`` for calls and TTY, ``sms:`` for texts,
``https:`` for chat and web pages; anything else is refused.

``support_card`` is the one builder of the card a writer sees after a
crisis message: the ``support`` WebSocket frame and the forum post HTTP
response both carry its output, so the two can never disagree. The card
says plainly whether a facilitator is on duty for that place right now and,
when nobody is, points to the helplines instead of promising a reply.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import Forbidden, InvalidInput, NotFound
from peerhub.moderation import duty
from peerhub.moderation import escalation_store as store
from peerhub.moderation import store as moderation_store
from peerhub.moderation.content import Place
from peerhub.moderation.escalation_models import CrisisResource

CONTACT_KINDS = ("call", "text", "tty", "chat", "web")
# A helpline has a handful of ways in; more than this is a different list.
MAX_CONTACTS = 8
# An admin keeps the list short enough to read in a crisis.
MAX_RESOURCES = 30
_TEL = re.compile(r"^tel:\+?[0-9][0-9-]{1,19}$")
_SMS = re.compile(r"^sms:\+?[0-9][0-9-]{1,19}$")
_HTTPS = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s<>\"']*)?$")
_LINKS = {"call": _TEL, "tty": _TEL, "text": _SMS, "chat": _HTTPS, "web": _HTTPS}

CALM_MESSAGE = (
    "Thank you for saying this. It sounds like things are really hard right now, and you deserve "
    "support. You don't have to get through this alone."
)
REMINDER_MESSAGE = (
    "Checking in again: if things are still hard, these people are there for you right now. "
    "It's free, confidential, and you can reach them any time of day."
)
ON_DUTY_MESSAGE = "A facilitator is on duty right now and has been asked to check in with you here."
NO_DUTY_MESSAGE = (
    "No facilitator is on duty right now, so nobody here may see this for a while. Please reach out "
    "to one of these free, confidential lines now: they answer 24 hours a day."
)
EMERGENCY_MESSAGE = (
    "If you or someone with you is in immediate danger, has taken too much, or is not waking up, call 911 now."
)


def check_contacts(raw: list[dict[str, str]]) -> list[dict[str, str]]:
    """Validate contacts: a known kind, a short label and an actionable link for that kind."""
    if not raw or len(raw) > MAX_CONTACTS:
        raise InvalidInput("invalid_contacts", f"Give between 1 and {MAX_CONTACTS} ways to reach this resource.")
    out = []
    for contact in raw:
        kind, label, href = contact.get("kind", ""), contact.get("label", "").strip(), contact.get("href", "")
        if kind not in CONTACT_KINDS:
            raise InvalidInput("invalid_contacts", "A contact's kind is call, text, tty, chat or web.")
        if not label or len(label) > 80:
            raise InvalidInput("invalid_contacts", "A contact needs a label of at most 80 characters.")
        if not _LINKS[kind].match(href):
            raise InvalidInput(
                "invalid_contacts",
                "Calls and TTY need a tel: link, texts an sms: link, chat and web an https:// link.",
            )
        out.append({"kind": kind, "label": label, "href": href})
    return out


def _display_number(href: str) -> str:
    """``tel:+18006624357`` -> ``1-800-662-4357``; short codes (988, 911) as they are."""
    number = href.split(":", 1)[1].lstrip("+")
    if len(number) == 11 and number.startswith("1") and number.isdigit():
        return f"1-{number[1:4]}-{number[4:7]}-{number[7:]}"
    return number


def _first(contacts: list[dict[str, Any]], kind: str) -> str | None:
    return next((str(c["href"]) for c in contacts if c.get("kind") == kind), None)


def resource_json(r: CrisisResource) -> dict[str, Any]:
    """A resource as clients get it: ``contacts`` is the full list; ``phone``,
    ``tel``, ``sms``, ``tty``, ``url`` and ``description`` repeat the first
    contact of each kind flat, for simple clients (and the web app)."""
    contacts = [dict(c) for c in r.contacts]
    call, text, tty = _first(contacts, "call"), _first(contacts, "text"), _first(contacts, "tty")
    url = _first(contacts, "chat") or _first(contacts, "web")
    return {
        "id": r.id, "name": r.name, "summary": r.summary, "hours": r.hours, "languages": list(r.languages),
        "contacts": contacts, "emergency": r.emergency, "last_verified": r.last_verified.isoformat(),
        "phone": _display_number(call) if call else None, "tel": call.split(":", 1)[1] if call else None,
        "sms": text.split(":", 1)[1] if text else None, "tty": _display_number(tty) if tty else None,
        "url": url, "description": r.summary,
    }


def admin_resource_json(r: CrisisResource) -> dict[str, Any]:
    data = resource_json(r)
    data.update(position=r.position, active=r.active, updated_at=r.updated_at.isoformat(), updated_by=r.updated_by)
    return data


def build_support_card(resources: list[dict[str, Any]], on_duty: bool, *, reminder: bool = False) -> dict[str, Any]:
    """The card's payload (pure): calm words, the duty status in plain words, the helplines."""
    return {
        "type": "support",
        "reason": "reminder" if reminder else "crisis",
        "message": REMINDER_MESSAGE if reminder else CALM_MESSAGE,
        "facilitator_on_duty": on_duty,
        "facilitator": ON_DUTY_MESSAGE if on_duty else NO_DUTY_MESSAGE,
        "emergency": EMERGENCY_MESSAGE,
        "resources": resources,
    }


async def on_duty_staff(session: AsyncSession, place: Place | None, now: datetime) -> list[int]:
    """Facilitators and admins on duty whose reach covers ``place`` (None: site-wide
    staff only), from the duty table (the truth, shared by every process)."""
    rows = await moderation_store.list_on_duty_reach(session, now - duty.DUTY_GRACE)
    return sorted({
        uid for uid, role, kind, pid in rows
        if role == "admin" or kind is None or (place is not None and kind == place.kind and pid == place.id)
    })


async def support_card(
    session: AsyncSession, place: Place | None, now: datetime, *, reminder: bool = False,
    on_duty: bool | None = None,
) -> dict[str, Any]:
    """The support card for someone writing in ``place`` right now (one read
    session); pass ``on_duty`` when the caller already looked it up."""
    rows = await store.list_resources(session, active_only=True)
    if on_duty is None:
        on_duty = bool(await on_duty_staff(session, place, now))
    return build_support_card([resource_json(r) for r in rows], on_duty, reminder=reminder)


async def current_card(ctx: AppContext, place: Place | None = None) -> dict[str, Any]:
    """The support card as of now, in its own read session (the "get help" button)."""
    async with ctx.db.read() as session:
        return await support_card(session, place, ctx.clock.now())


# --- admin editing -----------------------------------------------------------


async def list_resources(ctx: AppContext, viewer: Viewer) -> list[dict[str, Any]]:
    """Every resource, inactive ones included (admins only)."""
    if not viewer.is_admin:
        raise Forbidden()
    async with ctx.db.read() as session:
        return [admin_resource_json(r) for r in await store.list_resources(session, active_only=False)]


_EDITABLE = ("name", "summary", "hours", "languages", "contacts", "emergency", "active", "position", "last_verified")


def _check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(_EDITABLE)
    if unknown:
        raise InvalidInput("invalid_input", "Some fields cannot be edited.")
    if "contacts" in fields:
        fields["contacts"] = check_contacts(fields["contacts"])
    if "name" in fields and not str(fields["name"]).strip():
        raise InvalidInput("invalid_input", "A resource needs a name.")
    if "last_verified" in fields and not isinstance(fields["last_verified"], date):
        raise InvalidInput("invalid_input", "last_verified is a date (YYYY-MM-DD).")
    return fields


async def do_create_resource(ctx: AppContext, admin: Viewer, fields: dict[str, Any]) -> dict[str, Any]:
    """Add a resource (admins only); ``name``, ``contacts`` and ``last_verified`` are required."""
    if not admin.is_admin:
        raise Forbidden()
    fields = _check_fields(dict(fields))
    if not {"name", "contacts", "last_verified"} <= set(fields):
        raise InvalidInput("invalid_input", "A resource needs a name, contacts and the date it was last verified.")
    async with ctx.db.write() as session:
        existing = await store.list_resources(session, active_only=False)
        if len(existing) >= MAX_RESOURCES:
            raise InvalidInput("too_many_resources", f"Keep the list to {MAX_RESOURCES} resources or fewer.")
        fields.setdefault("position", max((r.position for r in existing), default=-1) + 1)
        row = await store.add_resource(session, CrisisResource(
            updated_at=ctx.clock.now(), updated_by=admin.id,
            **{"summary": "", "hours": "", "languages": [], "emergency": False, "active": True, **fields},
        ))
        return admin_resource_json(row)


async def do_update_resource(ctx: AppContext, admin: Viewer, resource_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    """Change some fields of a resource (admins only). Deactivate rather than delete:
    the row stays so old cards can be explained."""
    if not admin.is_admin:
        raise Forbidden()
    changes = _check_fields(dict(changes))
    async with ctx.db.write() as session:
        row = await store.get_resource(session, resource_id)
        if row is None:
            raise NotFound("resource_not_found", "No such resource.")
        for key, value in changes.items():
            setattr(row, key, value)
        row.updated_at, row.updated_by = ctx.clock.now(), admin.id
        await session.flush()
        return admin_resource_json(row)

"""Admin and facilitator actions on the forum: categories, pinning and
locking threads, and reading a post's edit history.

Categories are admin-only; pin/lock/move are for staff who may moderate the
thread's category (moderation's scopes) and are audited in moderation's log;
history is for staff (facilitators and admins). Everything else about sanctions belongs to the moderation
subsystem, which hooks into ``forum.service.access_*``.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.exc import IntegrityError

from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import Conflict, Forbidden, InvalidInput, NotFound
from peerhub.forum import store
from peerhub.forum.models import Category
from peerhub.forum.present import iso, present_category, present_thread
from peerhub.moderation.personal import Policy
from peerhub.moderation.service import Place, access_moderate, audit_record

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CATEGORY_TITLE_MAX = 100
CATEGORY_DESCRIPTION_MAX = 1_000


def _require_admin(viewer: Viewer) -> None:
    if not viewer.is_admin:
        raise Forbidden()


def _require_staff(viewer: Viewer) -> None:
    if not viewer.is_staff:
        raise Forbidden()


def check_category_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Validate the given category fields (only those present)."""
    clean: dict[str, Any] = {}
    if "slug" in fields:
        slug = str(fields["slug"]).strip().lower()
        if not 1 <= len(slug) <= 64 or SLUG.fullmatch(slug) is None:
            raise InvalidInput("invalid_slug", "Use lower-case letters, digits and dashes.", field="slug")
        clean["slug"] = slug
    if "title" in fields:
        title = " ".join(str(fields["title"]).split())
        if not 1 <= len(title) <= CATEGORY_TITLE_MAX:
            raise InvalidInput("invalid_title", f"Use 1 to {CATEGORY_TITLE_MAX} characters.", field="title")
        clean["title"] = title
    if "description" in fields:
        description = str(fields["description"]).strip()
        if len(description) > CATEGORY_DESCRIPTION_MAX:
            raise InvalidInput("too_long", f"Use at most {CATEGORY_DESCRIPTION_MAX} characters.", field="description")
        clean["description"] = description
    if "personal_policy" in fields:
        try:
            clean["personal_policy"] = Policy(fields["personal_policy"]).value
        except ValueError:
            raise InvalidInput(
                "invalid_policy", "Use warn, redact, block or allow.", field="personal_policy"
            ) from None
    for name in ("position", "agreement_id", "locked"):
        if name in fields:
            clean[name] = fields[name]
    return clean


async def do_create_category(ctx: AppContext, viewer: Viewer, fields: dict[str, Any]) -> dict[str, Any]:
    _require_admin(viewer)
    clean = check_category_fields(fields)
    try:
        async with ctx.db.write() as session:
            if await store.get_category_by_slug(session, clean["slug"]) is not None:
                raise Conflict("slug_taken", "A category with that address exists.")
            category = await store.add_category(session, Category(created_at=ctx.clock.now(), **clean))
    except IntegrityError:
        raise Conflict("slug_taken", "A category with that address exists.") from None
    return present_category(category)


async def do_update_category(
    ctx: AppContext, viewer: Viewer, category_id: int, fields: dict[str, Any]
) -> dict[str, Any]:
    _require_admin(viewer)
    clean = check_category_fields(fields)
    try:
        async with ctx.db.write() as session:
            category = await store.get_category(session, category_id)
            if category is None:
                raise NotFound()
            if "slug" in clean and clean["slug"] != category.slug:
                if await store.get_category_by_slug(session, clean["slug"]) is not None:
                    raise Conflict("slug_taken", "A category with that address exists.")
            for name, value in clean.items():
                setattr(category, name, value)
    except IntegrityError:
        raise Conflict("slug_taken", "A category with that address exists.") from None
    return present_category(category)


async def do_set_thread_flags(
    ctx: AppContext, viewer: Viewer, thread_id: int, *, pinned: bool | None, locked: bool | None,
    category_id: int | None = None, reason: str | None = None,
) -> dict[str, Any]:
    """Pin/unpin, lock/unlock and move a thread (staff who may moderate its category).

    Moderation decides who may act (``access_moderate``: a scoped facilitator
    outside the category is refused like a member; a move needs both
    categories). Each change that changes something is audited in the same
    transaction (``thread_pin``/``thread_unpin``/``thread_lock``/
    ``thread_unlock``/``thread_move``, the move with the old category as its
    place and the new one as ``ref_id``); setting a flag to its current value
    writes nothing. Members are refused before the thread is looked up.
    """
    _require_staff(viewer)
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        found = await store.get_thread_with_category(session, thread_id)
        if found is None or found[0].deleted_at is not None:
            raise NotFound()
        thread = found[0]
        place = Place("category", thread.category_id)
        await access_moderate(session, viewer, place)
        if category_id is not None and category_id != thread.category_id:
            if await store.get_category(session, category_id) is None:
                raise InvalidInput("invalid_category", "There is no such category.", field="category_id")
            await access_moderate(session, viewer, Place("category", category_id))
            await audit_record(session, now, viewer.id, "thread_move", "thread", thread.id, place=place,
                               reason=reason, ref_id=category_id)
            thread.category_id = category_id
        changes = (("pinned", pinned, "thread_pin", "thread_unpin"), ("locked", locked, "thread_lock", "thread_unlock"))
        for name, value, on, off in changes:
            if value is not None and value != getattr(thread, name):
                setattr(thread, name, value)
                await audit_record(session, now, viewer.id, on if value else off, "thread", thread.id,
                                   place=Place("category", thread.category_id), reason=reason)
        author = await store.get_author_handle(session, thread.author_id)
    return present_thread(thread, author)


async def post_history(ctx: AppContext, viewer: Viewer, post_id: int) -> dict[str, Any]:
    """Every earlier version, oldest first, with the current one (staff only)."""
    _require_staff(viewer)
    async with ctx.db.read() as session:
        post = await store.get_post(session, post_id)
        if post is None:
            raise NotFound()
        revisions = await store.list_revisions(session, post_id)
    return {
        "post_id": post.id,
        "thread_id": post.thread_id,
        "current": {"body": post.body_source, "edited_at": iso(post.edited_at), "removed": post.deleted_at is not None},
        "revisions": [
            {"reason": r.reason, "body": r.body_source, "replaced_at": iso(r.replaced_at)} for r in revisions
        ],
    }

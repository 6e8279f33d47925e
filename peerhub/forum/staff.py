"""Admin and facilitator actions on the forum: categories, pinning and
locking threads, and reading a post's edit history.

Categories are admin-only; pin/lock and history are for staff (facilitators
and admins). Everything else about sanctions belongs to the moderation
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
    ctx: AppContext, viewer: Viewer, thread_id: int, *, pinned: bool | None, locked: bool | None
) -> dict[str, Any]:
    _require_staff(viewer)
    async with ctx.db.write() as session:
        found = await store.get_thread_with_category(session, thread_id)
        if found is None or found[0].deleted_at is not None:
            raise NotFound()
        thread = found[0]
        if pinned is not None:
            thread.pinned = pinned
        if locked is not None:
            thread.locked = locked
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

"""Accounts write path: sign-up, log-in, sessions, recovery, roles.

Policies:
- Unknown handle and wrong password look the same (same error, a dummy
  hash is verified so timing matches).
- Session cookies carry an opaque random token; the database keeps only its
  sha256. Sessions expire when idle (``session_idle_seconds``) and absolutely
  (``session_absolute_seconds``). Log-in always creates a new session.
- The CSRF token is an HMAC of the session's token hash under the server
  secret, so it needs no storage and dies with the session.
- Recovery codes have 80 bits of entropy each, so a fast sha256 is enough to
  store them; they are single-use.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts import store
from peerhub.accounts.handles import (
    canonical_handle,
    check_handle_allowed,
    check_password_strength,
    handle_key,
    held_key,
)
from peerhub.accounts.models import AuthSession, Role, User
from peerhub.accounts.passwords import Passwords
from peerhub.context import AppContext
from peerhub.errors import Conflict, Forbidden, InvalidInput, NotAuthenticated, NotFound

RECOVERY_CODE_COUNT = 8
# Touch last_seen at most this often, so reads do not write on every request.
SEEN_RESOLUTION = timedelta(minutes=1)
BAD_LOGIN = "That pseudonym and password don't match."


@dataclass(frozen=True)
class Viewer:
    """The authenticated person behind a request or socket."""

    id: int
    handle: str
    role: Role
    session_id: int
    token_hash: str

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.facilitator, Role.admin)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.admin


@dataclass(frozen=True)
class LoginResult:
    user: User
    token: str
    csrf_token: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_for(secret_key: str, session_token_hash: str) -> str:
    return hmac.new(secret_key.encode(), b"csrf:" + session_token_hash.encode(), hashlib.sha256).hexdigest()


def _new_recovery_code() -> str:
    raw = secrets.token_hex(10)  # 80 bits
    return "-".join(raw[i : i + 5] for i in range(0, 20, 5))


def _recovery_hash(code: str) -> str:
    return hashlib.sha256(code.strip().lower().replace(" ", "").encode()).hexdigest()


def user_json(user: User) -> dict[str, object]:
    return {"id": user.id, "handle": user.handle, "role": user.role}


async def do_signup(ctx: AppContext, passwords: Passwords, raw_handle: str, password: str) -> tuple[User, list[str]]:
    handle = canonical_handle(raw_handle)
    check_handle_allowed(handle)
    check_password_strength(password, handle)
    key = handle_key(handle)
    pw_hash = await passwords.hash(password)
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    try:
        async with ctx.db.write() as session:
            # HOOK (confidentiality): an erased account holds its pseudonym for a while.
            held = await store.get_user_by_key(session, held_key(ctx.settings.secret_key, key))
            if held is not None or await store.get_user_by_key(session, key) is not None:
                raise Conflict("handle_taken", "That pseudonym (or one that looks just like it) is taken.")
            user = await store.add_user(
                session,
                User(handle=handle, handle_key=key, password_hash=pw_hash, role=Role.member, created_at=ctx.clock.now()),
            )
            await store.add_recovery_codes(session, user.id, [_recovery_hash(c) for c in codes])
    except IntegrityError:
        raise Conflict("handle_taken", "That pseudonym (or one that looks just like it) is taken.") from None
    return user, codes


async def _open_session(ctx: AppContext, session_db: AsyncSession, user: User) -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    th = token_hash(token)
    now = ctx.clock.now()
    await store.add_session(
        session_db,
        AuthSession(
            token_hash=th,
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(seconds=ctx.settings.session_absolute_seconds),
        ),
    )
    return token, csrf_for(ctx.settings.secret_key, th)


async def do_login(ctx: AppContext, passwords: Passwords, raw_handle: str, password: str) -> LoginResult:
    key = handle_key(raw_handle.strip())
    async with ctx.db.read() as session:
        user = await store.get_user_by_key(session, key)
    stored = user.password_hash if user is not None and user.erased_at is None else None
    if not await passwords.verify(stored, password) or user is None or stored is None:
        raise NotAuthenticated("bad_credentials", BAD_LOGIN)
    new_hash = await passwords.hash(password) if passwords.needs_rehash(stored) else None
    async with ctx.db.write() as session:
        fresh = await store.get_user(session, user.id)
        if fresh is None or fresh.erased_at is not None:
            raise NotAuthenticated("bad_credentials", BAD_LOGIN)
        if new_hash is not None:
            fresh.password_hash = new_hash
        token, csrf = await _open_session(ctx, session, fresh)
    return LoginResult(fresh, token, csrf)


async def do_logout(ctx: AppContext, token: str) -> None:
    async with ctx.db.write() as session:
        await store.delete_session(session, token_hash(token))


async def authenticate(ctx: AppContext, token: str | None) -> Viewer | None:
    """The viewer for a session token, or None if it is unknown or expired."""
    if not token or len(token) > 128:
        return None
    th = token_hash(token)
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        found = await store.get_session_with_user(session, th)
    if found is None:
        return None
    row, user = found
    idle_limit = row.last_seen_at + timedelta(seconds=ctx.settings.session_idle_seconds)
    if now >= row.expires_at or now >= idle_limit or user.erased_at is not None:
        async with ctx.db.write() as session:
            await store.delete_session(session, th)
        return None
    if now - row.last_seen_at >= SEEN_RESOLUTION:
        async with ctx.db.write() as session:
            await store.update_session_seen(session, row.id, now)
    return Viewer(id=user.id, handle=user.handle, role=Role(user.role), session_id=row.id, token_hash=th)


async def do_change_password(
    ctx: AppContext, passwords: Passwords, viewer: Viewer, old_password: str, new_password: str
) -> LoginResult:
    """Change the password; every session ends and a fresh one is returned."""
    async with ctx.db.read() as session:
        user = await store.get_user(session, viewer.id)
    if user is None or not await passwords.verify(user.password_hash, old_password):
        raise Forbidden("bad_credentials", "Your current password is not right.")
    check_password_strength(new_password, user.handle)
    new_hash = await passwords.hash(new_password)
    async with ctx.db.write() as session:
        fresh = await store.get_user(session, viewer.id)
        if fresh is None:
            raise NotAuthenticated()
        fresh.password_hash = new_hash
        await store.delete_user_sessions(session, fresh.id)
        token, csrf = await _open_session(ctx, session, fresh)
    return LoginResult(fresh, token, csrf)


async def do_recover(
    ctx: AppContext, passwords: Passwords, raw_handle: str, recovery_code: str, new_password: str
) -> LoginResult:
    """Use up one recovery code, set a new password, end every other session."""
    key = handle_key(raw_handle.strip())
    bad = NotAuthenticated("bad_recovery", "That pseudonym and recovery code don't match.")
    async with ctx.db.read() as session:
        user = await store.get_user_by_key(session, key)
    if user is None or user.erased_at is not None:
        raise bad
    check_password_strength(new_password, user.handle)
    new_hash = await passwords.hash(new_password)
    async with ctx.db.write() as session:
        code = await store.get_unused_recovery_code(session, user.id, _recovery_hash(recovery_code))
        fresh = await store.get_user(session, user.id)
        if code is None or fresh is None:
            raise bad
        code.used_at = ctx.clock.now()
        fresh.password_hash = new_hash
        await store.delete_user_sessions(session, fresh.id)
        token, csrf = await _open_session(ctx, session, fresh)
    return LoginResult(fresh, token, csrf)


async def do_set_role(ctx: AppContext, raw_handle: str, role: str) -> User:
    try:
        new_role = Role(role)
    except ValueError:
        raise InvalidInput("invalid_role", "Role must be member, facilitator or admin.") from None
    async with ctx.db.write() as session:
        user = await store.get_user_by_key(session, handle_key(raw_handle.strip()))
        if user is None or user.erased_at is not None:
            raise NotFound("user_not_found", "No such pseudonym.")
        user.role = new_role
    return user


async def do_create_admin(ctx: AppContext, passwords: Passwords, raw_handle: str, password: str) -> User:
    """Create an admin account (the reserved-word rule does not apply to admins made here)."""
    handle = canonical_handle(raw_handle)
    check_password_strength(password, handle)
    pw_hash = await passwords.hash(password)
    try:
        async with ctx.db.write() as session:
            if await store.get_user_by_key(session, handle_key(handle)) is not None:
                raise Conflict("handle_taken", "That pseudonym is taken.")
            user = await store.add_user(
                session,
                User(handle=handle, handle_key=handle_key(handle), password_hash=pw_hash, role=Role.admin,
                     created_at=ctx.clock.now()),
            )
    except IntegrityError:
        raise Conflict("handle_taken", "That pseudonym is taken.") from None
    return user

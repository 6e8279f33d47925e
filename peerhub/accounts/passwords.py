"""Password hashing (argon2id) with a bound on concurrent work.

The only module that imports argon2. Parameters are at least OWASP's
recommendation (19 MiB memory, 2 iterations, 1 lane). Hashing runs in a worker
thread behind a semaphore, so a login flood queues instead of allocating
19 MiB per request without limit. Unknown handles are verified against a dummy
hash so their timing matches a wrong password.
"""

from __future__ import annotations

import asyncio

import anyio.to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1


class Passwords:
    def __init__(self, max_concurrent: int = 4) -> None:
        self._hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM)
        self._slots = asyncio.Semaphore(max_concurrent)
        self._dummy = self._hasher.hash("peerhub-dummy-password-for-timing")

    async def hash(self, password: str) -> str:
        async with self._slots:
            return await anyio.to_thread.run_sync(self._hasher.hash, password)

    async def verify(self, stored: str | None, password: str) -> bool:
        """True when ``password`` matches; a missing hash costs the same as a mismatch."""
        target = stored or self._dummy
        async with self._slots:
            ok = await anyio.to_thread.run_sync(self._verify_sync, target, password)
        return ok and stored is not None

    def needs_rehash(self, stored: str) -> bool:
        return self._hasher.check_needs_rehash(stored)

    def _verify_sync(self, stored: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

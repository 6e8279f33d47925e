"""Handle and password rules for pseudonymous accounts.

A handle is 3–32 characters of letters, digits, ``_``, ``-`` and ``.`` after
Unicode NFKC. Its *key* folds case and look-alike characters (0/o, 1/l/i,
5/s, separators) so that a look-alike of an existing handle is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

from peerhub.errors import InvalidInput

HANDLE_RE = re.compile(r"[A-Za-z0-9_.\-]{3,32}")
_LOOKALIKE = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "5": "s", "$": "s", "-": "_", ".": "_"})
RESERVED = frozenset(
    {
        "admin", "administrator", "moderator", "mod", "mods", "facilitator", "staff", "support",
        "peerhub", "system", "root", "official", "help", "helpline", "samhsa", "crisis", "security",
        "deleted", "removed", "anonymous", "everyone", "here", "null", "undefined", "owner",
    }
)
# Words that may not appear anywhere in a handle, because they impersonate staff.
_RESERVED_PARTS = ("admin", "moderator", "facilitator", "peerhub", "samhsa")
MIN_PASSWORD = 10
MAX_PASSWORD = 256

# Common passwords of 10+ characters (the shorter ones fail the length rule anyway).
COMMON_PASSWORDS = frozenset(
    {
        "1234567890", "0123456789", "12345678910", "123456789a", "1234567890a", "0987654321",
        "1111111111", "0000000000", "1234512345", "1q2w3e4r5t", "1qaz2wsx3edc", "qwertyuiop",
        "qwerty12345", "qwerty123456", "qwertyuiop1", "asdfghjkl1", "zxcvbnm123", "password12",
        "password123", "password1234", "password!1", "passw0rd123", "p@ssw0rd123", "iloveyou12",
        "iloveyou123", "letmein123", "welcome123", "welcome1234", "abc1234567", "abcdefghij",
        "abcd123456", "football123", "baseball123", "monkey12345", "dragon12345", "sunshine123",
        "princess123", "superman123", "trustno1234", "changeme123", "administrator", "starwars123",
        "computer123", "michael123", "whatever123", "1q2w3e4r5t6y", "q1w2e3r4t5", "aa12345678",
        "a123456789", "12345qwert", "qwert12345", "myspace123", "charlie123", "password2024",
        "password2025", "password2026", "recovery123", "sobriety123", "soberlife123", "onedayatatime",
    }
)


def canonical_handle(raw: str) -> str:
    """NFKC and trim; raises ``InvalidInput`` unless the handle is well-formed."""
    handle = unicodedata.normalize("NFKC", raw).strip()
    if not HANDLE_RE.fullmatch(handle):
        raise InvalidInput(
            "invalid_handle",
            "A pseudonym is 3–32 characters: letters, digits, '_', '-' or '.'.",
        )
    return handle


def handle_key(handle: str) -> str:
    """The uniqueness key: case and look-alike characters folded."""
    return unicodedata.normalize("NFKC", handle).casefold().translate(_LOOKALIKE)


def held_key(secret_key: str, key: str) -> str:
    """The ``handle_key`` an erased account keeps during its hold: a keyed hash of
    the key (fits the 64-character column), so the row never names the handle
    yet sign-up can still refuse it until the hold ends."""
    digest = hmac.new(secret_key.encode(), b"handle-hold:" + key.encode(), hashlib.sha256).hexdigest()
    return "held:" + digest[:58]


def check_handle_allowed(handle: str) -> None:
    key = handle_key(handle)
    bare = key.strip("_").rstrip("0123456789_").replace("_", "")
    if key in _RESERVED_KEYS or bare in _RESERVED_KEYS or any(part in key for part in _RESERVED_PART_KEYS):
        raise InvalidInput("handle_reserved", "That pseudonym is reserved. Please choose another.")


_RESERVED_KEYS = frozenset(handle_key(word) for word in RESERVED)
_RESERVED_PART_KEYS = tuple(handle_key(part) for part in _RESERVED_PARTS)


def check_password_strength(password: str, handle: str | None = None) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("weak_password", f"Use at least {MIN_PASSWORD} characters for your password.")
    if len(password) > MAX_PASSWORD:
        raise InvalidInput("weak_password", f"Use at most {MAX_PASSWORD} characters for your password.")
    folded = password.casefold()
    if folded in COMMON_PASSWORDS or len(set(folded)) <= 2:
        raise InvalidInput("weak_password", "That password is too common. Please choose another.")
    if handle and handle.casefold() in folded:
        raise InvalidInput("weak_password", "Your password should not contain your pseudonym.")

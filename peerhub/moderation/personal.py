"""Personal-details guard: finds contact details and identities in user text.

Owns the detection of five kinds of personal detail in a chat line or forum
post (phone numbers, e-mail addresses, street addresses, social-media
profiles, full names) and their redaction. It is pure: no I/O, no logging,
no state beyond patterns compiled once at import. The pipeline decides what
to do with a finding through a :class:`Policy`.

Contracts:
- ``detect(text)`` equals ``redact(text)[1]``: both see the same matches.
- Matched values never leave this module except inside ``redact``'s output,
  where each is replaced by its placeholder; callers may log the kinds only.
- Public resources are not personal: toll-free numbers (800, 888, 877, 866,
  855, 844, 833; UK 0800/0808), 988, 911, short codes, and a bare ``@name``
  reply mention (a peerhub member, not a social profile).
- Matching runs on a light normal form of the raw text (NFKC, invisible
  characters removed, number words read as digits for phones) that keeps a
  map back to the original offsets, so redaction cuts the original text.
  ``normalize.normalize`` is deliberately not used: it rewrites "@" and
  digits inside words, which would destroy e-mail addresses and handles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum

from peerhub.moderation import personal_words as words
from peerhub.moderation.personal_text import TextView, digitise, prepare


class Kind(StrEnum):
    """A kind of personal detail."""

    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    SOCIAL = "social"
    NAME = "name"


class Policy(StrEnum):
    """What the pipeline does with a message that holds personal details."""

    WARN = "warn"
    REDACT = "redact"
    BLOCK = "block"
    ALLOW = "allow"


PLACEHOLDERS: dict[Kind, str] = {
    Kind.PHONE: "[phone number removed]",
    Kind.EMAIL: "[e-mail removed]",
    Kind.ADDRESS: "[address removed]",
    Kind.SOCIAL: "[social profile removed]",
    Kind.NAME: "[name removed]",
}


# --- phone numbers ----------------------------------------------------------

_DASHES = "\u2010-\u2015\u2212"
_PHONE_RUN = re.compile(
    rf"(?<![\w$£€#@/:.,+])(?:(?:\+|\b00)\s?)?\(?\d(?:[ \t.\-{_DASHES}(),]{{0,3}}\d)*\)?(?![\w%]|[:.,/]\d)"
)
_PHONE_CONTEXT = re.compile(
    r"\b(?:call|text|txt|phone|cell|mobile|number|num|digits|reach|ring|whats ?app|signal|landline|hmu|contact)\b",
    re.IGNORECASE,
)
_NOT_PHONE_CONTEXT = re.compile(
    r"\b(?:id|code|pin|passcode|password|room|zoom|meeting|order|ticket|case|account|acct|tracking|"
    r"confirmation|ref|reference|isbn|serial|version|invoice)\b",
    re.IGNORECASE,
)
_TOLL_FREE = ("800", "888", "877", "866", "855", "844", "833")


def _is_public_number(digits: str) -> bool:
    """Toll-free helplines and freephone numbers are public resources."""
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("1") and digits[1:4] in _TOLL_FREE:
        return True
    if digits[:3] in _TOLL_FREE and len(digits) in (7, 10):
        return True
    return digits.startswith(("0800", "0808", "44800", "44808"))


def _phone_shape_ok(run: str, spelled: bool, before: str) -> bool:
    """Decide from digit grouping whether a digit run is a phone number."""
    digits = re.sub(r"\D", "", run)
    if not 7 <= len(digits) <= 15 or _is_public_number(digits):
        return False
    # "meeting id changed to 654 332 1987": a code cue within the last few
    # words, with no phone cue after it, makes the number a code.
    cues = list(_NOT_PHONE_CONTEXT.finditer(before[-32:]))
    if cues and not _PHONE_CONTEXT.search(before[-32:][cues[-1].end() :]):
        return False
    if len(set(digits)) == 1 or digits in "0123456789" or digits in "1234567890":
        return False  # "1 2 3 4 5 6 7": counting, not a number
    stripped = run.strip()
    if stripped.startswith("+") or digits.startswith("00") or spelled:
        return len(digits) >= 7 if spelled else len(digits) >= 8
    groups = [len(g) for g in re.findall(r"\d+", stripped)]
    seps = set(re.findall(r"[^\d]+", stripped.strip("()")))
    context = bool(_PHONE_CONTEXT.search(before[-40:]))
    if len(groups) == 1:
        return len(digits) in (10, 11) or context
    if all(g == 1 for g in groups):
        return True
    if len(groups) == 3 and (
        (groups[0] <= 2 and groups[1] <= 2 and groups[2] in (2, 4)) or (groups[0] == 4 and groups[1] <= 2 and groups[2] <= 2)
    ):
        return False  # a date: 12-25-2019, 2023-01-05, 01.06.2022
    years = re.findall(r"\d+", stripped)
    if all(len(y) == 4 and y[:2] in ("19", "20") for y in years):
        return False  # a span of years: 2019-2023
    if groups[0] <= 3 and all(g == 3 for g in groups[1:]) and len(seps) == 1:
        return False  # thousands: 12,500,000
    if any("," in s for s in seps) and groups not in ([3, 4], [3, 3, 4], [1, 3, 3, 4]):
        return False
    if len(groups) >= 4 and all(g == 2 for g in groups[1:]):
        return True  # 06 12 34 56 78
    if len(digits) in (10, 11) and min(groups) >= 2:
        return True  # 555 301 22 19
    return groups[-1] >= 3 and groups[0] <= 5


def _phones(view: TextView, original: str) -> Iterator[tuple[int, int]]:
    if view.tokens.isdisjoint(words.NUMBER_TOKENS) and sum(c.isdigit() for c in view.text) < 7:
        return
    digits_view = digitise(view)
    for m in _PHONE_RUN.finditer(digits_view.text):
        start, end = digits_view.span(m.start(), m.end())
        spelled = any(c.isalpha() for c in original[start:end])
        if _phone_shape_ok(m.group(0), spelled, digits_view.text[max(0, m.start() - 60) : m.start()]):
            yield start, end


# --- e-mail addresses -------------------------------------------------------

_TLD = r"(?:com|net|org|edu|gov|mil|io|me|co|uk|us|ca|de|fr|es|it|nl|au|in|info|biz|fm|email|app|dev|xyz|ie|nz|ch|se)"
_PLAIN_EMAIL = re.compile(r"(?<![\w.+-])[\w][\w.+-]*@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}\b")
_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
_AT = rf"(?:\s*{_OPEN}\s*(?:at|@)\s*{_CLOSE}\s*|\s+at\s+|\s*@\s*)"
_DOT = rf"(?:\s*{_OPEN}\s*(?:dot|\.)\s*{_CLOSE}\s*|\s+dot\s+|\s*\.\s*)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+@-])(?!(?:{words.NOT_EMAIL_LOCAL})\b)(?P<local>[A-Za-z0-9][\w.+-]*+(?:\s+dot\s+[\w+-]++)*+)(?P<at>{_AT})"
    rf"(?P<domain>(?P<provider>{words.MAIL_PROVIDERS})\b(?:{_DOT}{_TLD})*"
    rf"|[A-Za-z0-9][\w-]*(?:{_DOT}[A-Za-z0-9][\w-]*)*?{_DOT}{_TLD})\b",
    re.IGNORECASE,
)
_DOMAIN_HINT = re.compile(rf"(?:\.|\bdot\b)\W{{0,3}}{_TLD}\b|\b(?:{words.MAIL_PROVIDERS})\b", re.IGNORECASE)
_SPELLED_DOT = re.compile(rf"\bdot\b|{_OPEN}", re.IGNORECASE)


def _emails(view: TextView) -> Iterator[tuple[int, int]]:
    if "@" in view.text:
        for m in _PLAIN_EMAIL.finditer(view.text):
            yield view.span(m.start(), m.end())
    if "@" not in view.text and ("at" not in view.tokens or not _DOMAIN_HINT.search(view.text)):
        return
    for m in _OBFUSCATED_EMAIL.finditer(view.text):
        # "every sunday at youtube.com" is a sentence, "jen at gmail.com" or
        # "jen at gmail dot com" an address: a plain " at " before a web
        # address counts only with a mail provider or a handle-like local part.
        plain = m.group("at").strip().lower() == "at" and not _SPELLED_DOT.search(m.group("domain"))
        if plain and not m.group("provider") and not re.search(r"[\d_.]", m.group("local")):
            continue
        yield view.span(m.start(), m.end())


# --- street addresses -------------------------------------------------------

_ADDRESS = re.compile(
    rf"(?<![\w$#.,/-])\d{{1,6}}[A-Za-z]?\s+(?:(?:[NSEW]\.?|north|south|east|west)\s+)?"
    rf"(?P<street>(?:(?!(?:{words.NOT_STREET})\b)(?:\d{{1,3}}(?:st|nd|rd|th)|[A-Za-z][A-Za-z'.-]*)\s+){{1,3}}?)"
    rf"(?:{words.STREET_SUFFIXES})\b\.?"
    r"(?:,?\s*(?:apt|apartment|unit|suite|ste|flat|#)\.?\s*#?\w{1,5}\b)?"
    r"(?:,\s*[A-Za-z][a-z]+(?:\s[A-Za-z][a-z]+)?,?\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?\b)?",
    re.IGNORECASE,
)
_PO_BOX = re.compile(r"\b(?:p\.?\s?o\.?|post\s+office)\s*box\s*#?\s*\d+[A-Za-z]?\b", re.IGNORECASE)
_CITY_ZIP = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")


def _addresses(view: TextView) -> Iterator[tuple[int, int]]:
    if not any(c.isdigit() for c in view.text):
        return
    for pattern in (_ADDRESS, _PO_BOX, _CITY_ZIP):
        for m in pattern.finditer(view.text):
            yield view.span(m.start(), m.end())


# --- social-media profiles --------------------------------------------------

_PROFILE_URL = re.compile(
    r"(?<![\w.])(?:https?://)?(?:www\.|m\.|mobile\.)?(?:"
    r"(?:facebook|fb)\.com/(?!groups/|events/|hashtag/)[\w.?=&%/-]+|instagram\.com/[\w.]+/?|instagr\.am/[\w.]+"
    r"|tiktok\.com/@[\w.]+|(?:twitter|x)\.com/\w+|snapchat\.com/add/[\w.-]+|linkedin\.com/in/[\w-]+"
    r"|youtube\.com/(?:@|c/|channel/|user/)[\w.-]+|reddit\.com/u(?:ser)?/[\w-]+|t(?:elegram)?\.me/\w+"
    r"|wa\.me/\+?\d+|discord(?:app)?\.com/users/\d+|bsky\.app/profile/[\w.-]+|threads\.net/@[\w.]+"
    r"|twitch\.tv/\w+|venmo\.com/(?:u/)?[\w-]+|cash\.app/\$\w+|onlyfans\.com/\w+)",
    re.IGNORECASE,
)
_REDDIT_USER = re.compile(r"(?<![\w/])/?u/[\w-]{3,20}\b")
_DISCORD_TAG = re.compile(rf"(?<![\w#@])(?!(?:{words.NOT_TAG_NAME})#)[A-Za-z][\w.]{{1,31}}#\d{{4}}\b", re.IGNORECASE)
_CONNECTOR = r"(?:\s*[:=,-]|\s*(?:is|it's|its|me|on|at|add|handle|username|user\s?name|user|name|id|tag|account|profile|page)\b)"
_PLATFORM_HANDLE = re.compile(
    rf"\b(?:{words.PLATFORMS})\b(?P<conn>(?:{_CONNECTOR}|\s*:)*)\s*(?P<handle>[@$]?[\w][\w.#$-]*[\w]|@?\w{{2}})",
    re.IGNORECASE,
)
_HANDLE_THEN_PLATFORM = re.compile(
    rf"(?<![\w@.])(?P<handle>@[\w.-]*+|[A-Za-z][\w.]*+)\s*(?:\(|\s(?:on|over on|at|via)\s+(?:my\s+)?)"
    rf"(?:{words.PLATFORMS})\b",
    re.IGNORECASE,
)
_HANDLE_LIKE = re.compile(r"^@\w|^\$[A-Za-z]|[A-Za-z].*[\d_.#]|[\d_.#].*[A-Za-z]")
_STRONG_CONNECTOR = re.compile(r":|=|\b(?:handle|username|user\s?name|tag|id)\b", re.IGNORECASE)
_NOT_HANDLE = re.compile(rf"^(?:{words.NOT_HANDLE})$", re.IGNORECASE)


def _handle_ok(handle: str, conn: str, after: str) -> bool:
    """Is the token after a platform word a handle rather than a word?"""
    if _NOT_HANDLE.match(handle.lstrip("@")) or handle.isdigit():
        return False
    if _HANDLE_LIKE.search(handle):
        return True
    if _STRONG_CONNECTOR.search(conn):
        return True
    # "my snap is jessrecovers" / "my snap is private now": a bare word after
    # "is" counts only when the sentence ends there.
    return bool(re.search(r"\bis\b", conn)) and bool(re.match(r"\s*(?:$|[.!,;)]|(?:if|and|or|add|hmu)\b)", after))


def _socials(view: TextView) -> Iterator[tuple[int, int]]:
    text = view.text
    for pattern, cue in ((_PROFILE_URL, "/"), (_REDDIT_USER, "u/"), (_DISCORD_TAG, "#")):
        if cue in text:
            for m in pattern.finditer(text):
                yield view.span(m.start(), m.end())
    if view.tokens.isdisjoint(words.PLATFORM_TOKENS):
        return
    for m in _PLATFORM_HANDLE.finditer(text):
        handle = m.group("handle").rstrip(".-")
        if _handle_ok(handle, m.group("conn"), text[m.start("handle") + len(handle) :]):
            yield view.span(m.start("handle"), m.start("handle") + len(handle))
    for m in _HANDLE_THEN_PLATFORM.finditer(text):
        handle = m.group("handle").rstrip(".-")
        # "@sam on insta" or "sam_22 on insta"; "posted on insta" is not a handle.
        if len(handle) > 2 and (handle.startswith("@") or re.search(r"[_.\d]", handle)):
            yield view.span(m.start("handle"), m.start("handle") + len(handle))


# --- full names -------------------------------------------------------------

_CAP = r"[A-Z][a-z]?'?[A-Z]?[a-z]+(?:-[A-Z][a-z]+)?"
_ANY = r"[A-Za-z][a-z'-]+"
_NOT_NAME = rf"(?!(?i:{words.NOT_NAME})\b)"
_NAME_STRONG = re.compile(
    rf"(?i:\b(?:my\s+(?:full\s+|real\s+|legal\s+|actual\s+|whole\s+)?name(?:'s|\s+is)|(?:full|real|legal)\s+name(?:'s|\s+is|:))\s+)"
    rf"(?P<name>{_NOT_NAME}{_ANY}(?:\s+{_NOT_NAME}{_ANY}){{1,2}})",
)
_SURNAME = re.compile(
    rf"(?i:\b(?:(?:last|family|sur)\s?name)(?:'s|\s+is|:)\s+)(?P<name>{_NOT_NAME}{_ANY})",
)
_NAME_WEAK = re.compile(
    rf"(?i:\b(?:i'm|i\s+am|im|this\s+is|call\s+me|it's)\s+)(?P<name>{_NOT_NAME}{_CAP}(?:\s+{_NOT_NAME}{_CAP}){{1,2}})\b(?!\s+[A-Z])",
)
_SIGN_OFF = re.compile(
    rf"(?im:^\s*(?:sincerely|regards|best|love|thanks|cheers|yours|warmly|[-\u2014~])[,\s]+)"
    rf"(?P<name>{_NOT_NAME}{_CAP}\s+{_NOT_NAME}{_CAP})\s*\Z",
)


_CAPITAL_PAIR = re.compile(r"[A-Z][a-z'-]+\s+[A-Z][a-z]")
_NAME_CUES = frozenset({"name", "surname", "lastname", "familyname"})


def _names(view: TextView) -> Iterator[tuple[int, int]]:
    patterns: list[re.Pattern[str]] = []
    if not view.tokens.isdisjoint(_NAME_CUES):
        patterns += [_NAME_STRONG, _SURNAME]
    if _CAPITAL_PAIR.search(view.text):
        patterns += [_NAME_WEAK, _SIGN_OFF]
    for pattern in patterns:
        for m in pattern.finditer(view.text):
            yield view.span(m.start("name"), m.end("name"))


# --- public API -------------------------------------------------------------


def _find(text: str) -> list[tuple[int, int, Kind]]:
    """Non-overlapping matches in original offsets, leftmost-longest first."""
    view = prepare(text)
    found: list[tuple[int, int, Kind]] = []
    for kind, spans in (
        (Kind.EMAIL, _emails(view)),
        (Kind.SOCIAL, _socials(view)),
        (Kind.PHONE, _phones(view, text)),
        (Kind.ADDRESS, _addresses(view)),
        (Kind.NAME, _names(view)),
    ):
        found.extend((a, b, kind) for a, b in spans if b > a)
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    kept: list[tuple[int, int, Kind]] = []
    for start, end, kind in found:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, kind))
    return kept


def detect(text: str) -> frozenset[Kind]:
    """Return the kinds of personal detail present in ``text`` (raw, unnormalised)."""
    return frozenset(kind for _, _, kind in _find(text))


def redact(text: str) -> tuple[str, frozenset[Kind]]:
    """Replace every personal detail in ``text`` by its placeholder.

    Returns the redacted text and the kinds replaced; text without personal
    details comes back unchanged. Surrounding words are kept, so
    "my insta is @x" becomes "my insta is [social profile removed]".
    """
    matches = _find(text)
    if not matches:
        return text, frozenset()
    parts: list[str] = []
    pos = 0
    for start, end, kind in matches:
        parts.append(text[pos:start])
        parts.append(PLACEHOLDERS[kind])
        pos = end
    parts.append(text[pos:])
    return "".join(parts), frozenset(kind for _, _, kind in matches)

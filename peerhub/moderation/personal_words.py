"""Word lists for the personal-details guard (``moderation.personal``).

Each list is written from the category it stands for (number words, mail
providers, platforms, ordinary words that look like names or handles), not
from any evaluation message. Lists are joined into regex alternations here,
once, at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _alt(items: Iterable[str]) -> str:
    """A regex alternation, longest first so "instagram" beats "insta"."""
    return "|".join(sorted((re.escape(i).replace(r"\ ", r"\s?") for i in items), key=len, reverse=True))


UNITS: dict[str, int] = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 2, "thirty": 3, "forty": 4, "fifty": 5,
    "sixty": 6, "seventy": 7, "eighty": 8, "ninety": 9,
}
UNITS_RE = _alt(UNITS)
TEENS_RE = _alt(TEENS)
TENS_RE = _alt(TENS)
NUMBER_TOKENS = frozenset([*UNITS, *TEENS, *TENS, "double", "triple"])

# Mail providers that identify an address even without "dot com".
MAIL_PROVIDER_WORDS = (
    "gmail", "googlemail", "yahoo", "hotmail", "outlook", "proton", "protonmail",
    "icloud", "aol", "msn", "gmx", "yandex", "fastmail", "zoho", "tutanota",
)
MAIL_PROVIDERS = _alt(MAIL_PROVIDER_WORDS)

# Words that precede " at <something>.com" in ordinary sentences, so they are
# not the local part of a spelled-out e-mail address.
NOT_EMAIL_LOCAL = _alt([
    "i", "me", "you", "we", "they", "he", "she", "it", "us", "him", "her", "them",
    "is", "am", "are", "was", "were", "be", "been", "look", "looking", "looked",
    "laugh", "laughing", "laughed", "lol", "lmao", "stay", "stayed", "staying",
    "meet", "met", "home", "work", "live", "lives", "living", "online", "posted",
    "up", "out", "here", "there", "that", "this", "and", "or", "but", "so",
    "just", "even", "still", "only", "not", "email", "mail", "write", "reach",
    "contact", "message", "find", "hit", "ping", "it's", "im", "i'm", "shoot",
])

# Social platforms (and their usual short names) that take a handle.
PLATFORM_WORDS = (
    "instagram", "insta", "ig", "snapchat", "snap", "sc", "tiktok", "tik tok", "twitter",
    "discord", "telegram", "whatsapp", "whats app", "kik", "facebook", "fb",
    "threads", "bluesky", "bsky", "twitch", "reddit", "venmo", "cashapp", "cash app",
    "linkedin", "youtube", "skype", "wechat", "signal", "messenger", "x",
)
PLATFORMS = _alt(PLATFORM_WORDS)
# First words of platform names, to skip the handle patterns cheaply.
PLATFORM_TOKENS = frozenset(p.split()[0] for p in PLATFORM_WORDS)

# Tokens that follow a platform word in ordinary talk about the platform.
NOT_HANDLE = _alt([
    "a", "an", "the", "is", "it", "its", "my", "your", "me", "you", "and", "or", "but",
    "if", "so", "too", "to", "for", "of", "in", "on", "at", "with", "was", "are", "be",
    "that", "this", "what", "whats", "who", "how", "why", "when", "where", "which",
    "now", "then", "later", "today", "tonight", "sometime", "please", "pls", "lol",
    "haha", "guys", "everyone", "anyone", "instead", "though", "again", "also",
    "private", "public", "dead", "gone", "deleted", "down", "toxic", "boring", "empty",
    "new", "old", "fake", "locked", "off", "inactive", "banned", "hacked", "broken",
    "fine", "weird", "cringe", "full", "judgments", "judgment", "judgement", "story",
    "stories", "stuff", "account", "app", "feed", "filter", "filters", "videos",
    "video", "posts", "post", "reels", "messages", "group", "groups", "server",
    "servers", "chat", "call", "calls", "streak", "streaks", "recovery", "too",
    "helps", "help", "makes", "made", "has", "had", "have", "does", "do", "did",
    "can", "could", "will", "would", "should", "not", "no", "yes", "there", "here",
    "like", "just", "really", "very", "still", "ever", "never", "always",
])

# Words before "#1234" that are ordinary numbering, not a Discord tag.
NOT_TAG_NAME = _alt([
    "step", "steps", "room", "meeting", "day", "issue", "ticket", "order", "case",
    "no", "number", "code", "pin", "id", "table", "page", "week", "chapter", "item",
])

# Street-name positions: words that mean "a count of something" or grammar,
# so "3 months down the road" and "90 days on the way" are not addresses.
NOT_STREET = _alt([
    "a", "an", "the", "my", "your", "his", "her", "our", "their", "this", "that",
    "of", "on", "in", "at", "to", "from", "by", "for", "with", "into", "along",
    "down", "up", "across", "around", "through", "and", "or", "but", "more",
    "days", "day", "weeks", "week", "months", "month", "years", "year", "hours",
    "hour", "minutes", "mins", "min", "seconds", "times", "time", "miles", "mile",
    "km", "blocks", "block", "meetings", "meeting", "steps", "step", "people",
    "drinks", "beers", "pills", "mg", "ml", "bucks", "dollars", "am", "pm",
    "different", "other", "new", "old", "good", "bad", "big", "small", "whole",
    "long", "short", "same", "extra", "last", "next", "first", "few", "many",
    "all", "is", "was", "were", "are", "went", "go", "going", "had", "have",
])

STREET_SUFFIXES = _alt([
    "street", "st", "avenue", "ave", "av", "road", "rd", "boulevard", "blvd",
    "lane", "ln", "drive", "dr", "court", "ct", "way", "place", "pl", "terrace",
    "ter", "circle", "cir", "parkway", "pkwy", "highway", "hwy", "square", "sq",
    "trail", "trl", "crescent", "cres", "close", "row", "alley", "loop", "pike",
    "plaza",
])

# Words that can follow "I'm" / "my name is" but are not part of a name.
NOT_NAME = _alt([
    # grammar and chat filler
    "a", "an", "the", "and", "but", "or", "so", "too", "also", "just", "still",
    "here", "there", "from", "in", "on", "at", "with", "to", "of", "for", "not",
    "no", "yes", "is", "am", "are", "was", "im", "i'm", "i", "btw", "lol", "haha",
    "by", "as", "if", "then", "now", "today", "tonight", "again", "really", "very",
    "always", "never", "what", "who", "how", "why", "this", "that", "it", "its",
    "it's", "my", "me", "your", "you", "we", "they", "he", "she", "when", "where",
    # feelings and states
    "okay", "ok", "fine", "good", "bad", "sad", "happy", "tired", "sorry", "glad",
    "proud", "grateful", "thankful", "done", "back", "sober", "clean", "feeling",
    "doing", "going", "getting", "trying", "struggling", "hard", "scared", "afraid",
    "alone", "lost", "new", "old", "sick", "better", "worse", "ready", "hurting",
    # recovery words
    "alcoholic", "addict", "addicted", "recovering", "recovery", "anonymous",
    "alcoholics", "narcotics", "smart", "big", "book", "higher", "power", "god",
    "aa", "na", "step", "steps", "sponsor", "group", "meeting",
    # faiths, places and time words often capitalised
    "catholic", "christian", "jewish", "muslim", "buddhist", "new", "york",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "day", "days", "week",
    "weeks", "month", "months", "year", "years",
])

"""Crisis-specific canonical form, applied after the shared ``normalize``.

``normalize`` is shared with the trigger-topic matcher and stays generic. The
crisis detector needs a few more rewrites that would be wrong for other
detectors, so they live here:

* chat slang and contractions written without apostrophes are expanded to
  one spelling ("kms" -> "kill myself", "gonna" -> "going to", "im" ->
  "i'm", "od'ing" -> "overdosing", "2nite" -> "tonight");
* masked words ("s*icidal", "k**l") and words with doubled letters that
  ``normalize`` left behind ("suiicide", "diie") are restored when they fit
  one word of a small crisis vocabulary;
* emoji that carry meaning in a dangerous frame become words ("💀 myself" ->
  "kill myself", "💊" -> "pills", "🔫" -> "gun"); other 💀 are dropped,
  because "I'm dead 💀" is laughter;
* a few crisis phrases written with their letters spaced out and glued
  together by ``normalize`` ("killmyself", "wanttodie") are split again.

``prepare(normalized) -> str`` is pure, compiled once, and cheap.
"""

from __future__ import annotations

import re

_SLANG: dict[str, str] = {
    "kms": "kill myself",
    "kmss": "kill myself",
    "unalive": "kill",
    "unalived": "killed",
    "unaliving": "killing",
    "unalives": "kills",
    "gonna": "going to",
    "gunna": "going to",
    "wanna": "want to",
    "wana": "want to",
    "tryna": "trying to",
    "finna": "going to",
    "gotta": "got to",
    "ima": "i'm going to",
    "imma": "i'm going to",
    "i'ma": "i'm going to",
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "havent": "haven't",
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
    "thats": "that's",
    "whats": "what's",
    "theres": "there's",
    "youll": "you'll",
    "u": "you",
    "ur": "your",
    "r": "are",
    "w": "with",
    "rn": "right now",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "pls": "please",
    "plz": "please",
    "bc": "because",
    "cuz": "because",
    "od": "overdose",
    "o.d.": "overdose",
    "ods": "overdoses",
    "oding": "overdosing",
    "od'ing": "overdosing",
    "odin": "overdosing",
    "od'in": "overdosing",
    "od'd": "overdosed",
    "od'ed": "overdosed",
    "oded": "overdosed",
    "overdosin": "overdosing",
    "killin": "killing",
    "dyin": "dying",
    "myslef": "myself",
    "mysef": "myself",
    "mself": "myself",
    "meself": "myself",
    "sucide": "suicide",
    "suicde": "suicide",
    "suiside": "suicide",
    "sewercide": "suicide",
    "suicdal": "suicidal",
    "sucidal": "suicidal",
    "suisidal": "suicidal",
    "selfharm": "self harm",
    "self-harm": "self harm",
    "overdoes": "overdose",
    "overdosed'": "overdosed",
}
_SLANG_RE = re.compile(
    r"(?<![\w'])(?:" + "|".join(re.escape(k) for k in sorted(_SLANG, key=len, reverse=True)) + r")(?![\w'])"
)

# Words worth restoring from a masked or doubled-letter spelling.
_VOCAB = (
    "kill", "killing", "killed", "myself", "suicide", "suicidal", "die", "dying",
    "dead", "death", "overdose", "overdosing", "overdosed", "pills", "cut", "cutting",
    "hang", "hurt", "harm", "self", "end", "life", "want", "blood", "bleeding",
    "gun", "knife", "razor", "rope", "noose", "jump", "wrists", "goodbye",
)


def _squeeze(word: str) -> str:
    return re.sub(r"([a-z])\1+", r"\1", word)


_SQUEEZED = {_squeeze(w): w for w in _VOCAB}
# A masked word: letters with one or more "*" runs, first letter visible.
_TOKEN_FIX = re.compile(r"(?<![\w*])[a-z][a-z*]*(?:\*|([a-z])\1)[a-z*]*(?![\w*])")


def _masked_regex(token: str) -> re.Pattern[str]:
    # ``normalize`` squeezes a run of masks to one "*", so each may hide 1-3 letters.
    parts = ["[a-z]{1,3}" if run[0] == "*" else re.escape(run) for run in re.findall(r"\*+|[^*]+", token)]
    return re.compile("".join(parts))


def _fix_token(match: re.Match[str]) -> str:
    token = match.group(0)
    if "*" in token:
        visible = sum(ch != "*" for ch in token)
        rx = _masked_regex(token)
        for word in _VOCAB:
            if visible * 2 >= len(word) and rx.fullmatch(word):
                return word
        return token
    return _SQUEEZED.get(_squeeze(token), token)


_EMOJI = (
    (re.compile(r"💀+\s*(?=(?:my|your|him|her|them)sel(?:f|ves)\b)"), "kill "),
    (re.compile(r"(?:want|wanna|going|ready) to 💀+"), "want to die"),
    (re.compile(r"💀+"), " "),
    (re.compile(r"(?:💊\s*){3,}"), " pills pills "),
    (re.compile(r"💊+"), " pills "),
    (re.compile(r"🔫+"), " gun "),
    (re.compile(r"🔪+"), " knife "),
    (re.compile(r"🪢+"), " rope "),
    (re.compile(r"🩸+"), " blood "),
    (re.compile(r"⚰️?|🪦"), " coffin "),
)

# Phrases glued by letter-spacing ("k i l l m y s e l f" -> "killmyself").
_GLUED = re.compile(
    r"\b(kill|hurt|cut|end|off|hang)(myself|mylife|it)\b|\b(want|wanna|going)(to)(die|kill)(myself)?\b"
)


def _unglue(match: re.Match[str]) -> str:
    words = [g for g in match.groups() if g]
    return " ".join("my life" if w == "mylife" else w for w in words)


def prepare(normalized: str) -> str:
    """Return the crisis matching form of an already ``normalize``-d text."""
    out = normalized
    if any(ord(ch) > 0x2000 for ch in out):
        for rx, repl in _EMOJI:
            out = rx.sub(repl, out)
    out = _GLUED.sub(_unglue, out)
    out = _TOKEN_FIX.sub(_fix_token, out)
    return _SLANG_RE.sub(lambda m: _SLANG[m.group(0)], out)

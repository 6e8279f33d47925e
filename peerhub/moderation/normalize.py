"""Text normalisation shared by every moderation detector.

The crisis detector, the trigger-topic matcher, custom filter words and the
personal-details guard all match against the same normalised form, so a word
muted as "suicide" also matches "S U I C I D E", "su1cide" and "suiiicide".

``normalize`` is pure and cheap (a handful of compiled regex passes); callers
run it once per message and pass the result to every detector.

What it does, in order:
1. Unicode NFKC (full-width letters, ligatures, compatibility forms).
2. Removes zero-width and other invisible format characters.
3. Folds case and maps common look-alike letters (Cyrillic/Greek homoglyphs).
4. Maps leetspeak characters (``1 ! | 3 4 @ 0 $ 5 7``) to letters, but only
   inside a token that also contains letters on both sides of the character,
   so numbers, times, doses ("800mg") and prices keep their digits.
5. Masked letters ("k*ll", "s**cide") keep a wildcard ``*`` that matchers may
   accept with ``MASK``.
6. Joins letters written apart ("s u i c i d e", "k.i.l.l") when three or more
   single letters stand in a row.
7. Collapses a letter repeated three or more times to two ("killlll" ->
   "kill", "sooo" -> "soo"), and squeezes whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Invisible characters people (or keyboards) insert inside words.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u180e]")

# Look-alike letters from other scripts, folded to their Latin twin.
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
        "і": "i", "ј": "j", "ѕ": "s", "к": "k", "м": "m", "т": "t", "в": "b",
        "н": "h", "ԁ": "d", "ɡ": "g", "α": "a", "ο": "o", "ι": "i", "κ": "k",
        "ν": "v", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ε": "e",
        "‘": "'", "’": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"',
    }
)

_LEET = {
    "0": "o", "1": "i", "!": "i", "|": "i", "3": "e", "4": "a", "@": "a",
    "$": "s", "5": "s", "7": "t", "8": "b", "+": "t", "€": "e",
}
_LEET_CLASS = re.escape("".join(_LEET))
# Ordinals and units after a leading digit ("1st", "8mg", "4am") are not leet.
_UNITS = r"(?:st|nd|rd|th|mg|mcg|ml|cc|kg|lbs?|oz|am|pm|hrs?|mins?|secs?|days?|wks?|weeks?|mos?|yrs?|years?|yo|ish|gb|mb)"
# A leet character with a letter (or another leet character followed by a
# letter) on each side: "su1cide", "k!ll", "h3r0in", "0d" is left to slang.
_LEET_IN_WORD = re.compile(
    rf"(?<=[a-z])[{_LEET_CLASS}]+(?=[a-z])|(?<=[a-z])[{_LEET_CLASS}](?=\b)|(?<!\w)[{_LEET_CLASS}](?!{_UNITS}\b)(?=[a-z]{{2,}})"
)
# Masking characters between letters: "k*ll", "s#icide", "f_ck".
MASK = "*"
_MASKED = re.compile(r"(?<=[a-z])[*#]+(?=[a-z])")
# Three or more single letters separated by spaces or punctuation.
_SPACED = re.compile(r"\b(?:[a-z][ .\-_*]){2,}[a-z]\b")
_REPEATS = re.compile(r"([a-z])\1{2,}")
# Cheap gates: each expensive pass above can only change the text when its
# gate matches, so skipping it otherwise keeps the output identical.
# Each gate starts with a character class, which the regex engine scans fast.
_LEET_GATE = re.compile(rf"[{_LEET_CLASS}](?:(?<=[a-z][{_LEET_CLASS}])|(?=[a-z]))")
_SPACED_GATE = re.compile(r"[ .\-_*][a-z][ .\-_*](?<=[a-z][ .\-_*][a-z][ .\-_*])(?=[a-z])")
_REPEAT_GATE = re.compile(r"([a-z])\1\1")


def _leet_sub(match: re.Match[str]) -> str:
    return "".join(_LEET.get(ch, ch) for ch in match.group(0))


def _join_spaced(match: re.Match[str]) -> str:
    return re.sub(r"[ .\-_*]", "", match.group(0))


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Return the matching form of ``text`` (see the module docstring).

    Word boundaries survive: punctuation other than in-word leet/mask
    characters is kept, so regexes with ``\\b`` still work on the result.
    """
    if text.isascii():
        out = text.lower().replace("`", "'")
    else:
        out = unicodedata.normalize("NFKC", text)
        out = _INVISIBLE.sub("", out)
        out = out.casefold().translate(_HOMOGLYPHS)
    if _LEET_GATE.search(out):
        out = _LEET_IN_WORD.sub(_leet_sub, out)
    if _SPACED_GATE.search(out):
        out = _SPACED.sub(_join_spaced, out)
    if "*" in out or "#" in out:
        out = _MASKED.sub(MASK, out)
    if _REPEAT_GATE.search(out):
        out = _REPEATS.sub(r"\1\1", out)
    # str.split() splits on exactly the characters ``\s`` matches in str patterns.
    return " ".join(out.split())

"""The matching form of a message for the personal-details guard.

A :class:`TextView` is the text the detectors match against plus a map from
each of its characters back to a span of the original message, so that a
match on the folded form can be cut out of the original by ``redact``.
``prepare`` applies Unicode NFKC and drops invisible characters; ``digitise``
additionally reads number words and look-alike letters as digits for the
phone detector ("five five five" -> "5 5 5", "55O" -> "550").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from peerhub.moderation import personal_words as words


@dataclass(frozen=True, slots=True)
class TextView:
    """Matching text; ``starts[i]:ends[i]`` is the original span of char i."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]
    tokens: frozenset[str] = frozenset()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]`` (``end > start``)."""
        return self.starts[start], self.ends[end - 1]


_INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")


def _invisible(ch: str) -> bool:
    return ch in _INVISIBLE or (ch > "\x7f" and unicodedata.category(ch) == "Cf")


def prepare(text: str) -> TextView:
    """NFKC each character and drop invisible ones, keeping the offset map."""
    if text.isascii() or (unicodedata.is_normalized("NFKC", text) and not any(_invisible(ch) for ch in text)):
        return TextView(text, range(len(text)), range(1, len(text) + 1), _tokens(text))
    out: list[str] = []
    starts: list[int] = []
    for i, ch in enumerate(text):
        if _invisible(ch):
            continue
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded)
        starts.extend([i] * len(folded))
    folded_text = "".join(out)
    return TextView(folded_text, starts, [s + 1 for s in starts], _tokens(folded_text))


_TOKEN = re.compile(r"[a-z]+")


def _tokens(text: str) -> frozenset[str]:
    """Lower-case words, used to skip detectors whose cue words are absent."""
    return frozenset(_TOKEN.findall(text.lower()))


_NUMBER_WORD = re.compile(
    rf"\b(?=[zotfsend])(?:(?P<rep>double|triple)[\s-]+)?(?:(?P<tens>{words.TENS_RE})(?:[\s-]+(?P<tu>{words.UNITS_RE}))?"
    rf"|(?P<teen>{words.TEENS_RE})|(?P<unit>{words.UNITS_RE}))(?P<hund>[\s-]+hundred)?\b",
    re.IGNORECASE,
)


def _number_word_digits(m: re.Match[str]) -> str:
    g = m.groupdict()
    if g["tens"]:
        digits = str(words.TENS[g["tens"].lower()]) + str(words.UNITS[g["tu"].lower()] if g["tu"] else 0)
    elif g["teen"]:
        digits = str(words.TEENS[g["teen"].lower()])
    else:
        digits = str(words.UNITS[g["unit"].lower()])
    if g["rep"]:
        digits *= 2 if g["rep"].lower() == "double" else 3
    return digits + ("00" if g["hund"] else "")


# Letters typed for digits inside a number: "555-4O2-1187", "55l-0199".
_LETTER_DIGIT = re.compile(r"(?<=\d)[OoIl](?=[\d\-. ]?\d)|(?<=\d[\-. ])[OoIl](?=\d)")


def digitise(view: TextView) -> TextView:
    """Read number words and look-alike letters as digits ("five five five" -> "5 5 5")."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    text = _LETTER_DIGIT.sub(lambda m: "0" if m.group(0) in "Oo" else "1", view.text)
    view = TextView(text, view.starts, view.ends, view.tokens)
    if view.tokens.isdisjoint(words.NUMBER_TOKENS):
        return view
    for m in _NUMBER_WORD.finditer(view.text):
        out.append(view.text[pos : m.start()])
        starts.extend(view.starts[pos : m.start()])
        ends.extend(view.ends[pos : m.start()])
        digits = _number_word_digits(m)
        a, b = view.span(m.start(), m.end())
        out.append(digits)
        starts.extend([a] * len(digits))
        ends.extend([b] * len(digits))
        pos = m.end()
    if not out:
        return view
    out.append(view.text[pos:])
    starts.extend(view.starts[pos:])
    ends.extend(view.ends[pos:])
    return TextView("".join(out), starts, ends, view.tokens)

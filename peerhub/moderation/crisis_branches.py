"""Skip the branches of a crisis rule that cannot match a given text.

A rule's pattern is usually an alternation of many phrasings
(``A|B|C|...``), and a message that holds one of the rule's anchors can
rarely match more than one or two of them. For each top-level branch this
module derives, at import and from the regex parser, up to three sets of
whole words such that every match of the branch holds a word of each set:
``\\bmade (?:my )?peace with\\b`` gives ``{made}`` and ``{with}``,
``\\b(?:picked|chose) (?:the|a) (?:day|date)\\b`` gives ``{picked, chose}``,
``{day, date}`` and ``{the, a}``. A word here is a run of word characters
that the pattern itself bounds by word edges (``\\b``, a space, a
punctuation mark), so it is a whole ``\\w+`` run of any text the branch
matches; only words of ASCII letters and digits are used, which
``words_of`` recovers from the crisis form's tokens. The sets kept are the
cheapest ones: few words, and long rather than everyday ones.

``Branches.pattern_for(words)`` returns the rule's pattern without the
branches whose sets are not all met by the text's words (None when no
branch is left), compiled once per combination. Dropping a branch that
cannot match anywhere in the text leaves every match of the alternation as
it was (same starts, same ends, same order): at each position the engine
tries the branches in order, and a dropped branch would have failed there
anyway. Patterns with back-references or inline flags are kept whole.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

with warnings.catch_warnings():
    # The regex parser is only used at import, to derive the word sets.
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants as _sc
    import sre_parse as _sp

_CAP = 32  # largest set of spellings expanded from one sub-pattern
_MOST_SETS = 3  # word sets kept per branch
_Items = Any  # sre_parse.SubPattern or a list of its (op, arg) items
_Words = frozenset[str]
# Words in most messages: a set holding one of them gates almost nothing.
_COMMON = frozenset(
    "a an and are at be but can did do for from get go going got had has have he her him his how i if in is it "
    "just like me my no not now of off on one or out so that the them then there they this to too up was we "
    "what when will with would you your".split()
)
_PLAIN = re.compile(r"[a-z0-9]+")
_WORD_CHARS = re.compile(r"\w+")
_FLAGS_OR_REFERENCES = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[aiLmsux-]+[):]")


def words_of(tokens: frozenset[str]) -> frozenset[str]:
    """The ``\\w+`` runs of ASCII letters and digits in a crisis form, from its tokens.

    A token (``[a-z0-9']+``) holds such runs separated by apostrophes, so
    splitting the tokens at apostrophes finds every one of them.
    """
    return frozenset(" ".join(tokens).replace("'", " ").split())


def split_branches(source: str) -> list[str]:
    """The top-level alternatives of a regex source (outside groups and classes)."""
    out: list[str] = []
    depth, start, in_class, escaped = 0, 0, False, False
    for k, ch in enumerate(source):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if source.startswith("]", k + 1) or source.startswith("^]", k + 1):
                return [source]  # a "]" first in a class is literal: keep the pattern whole
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(source[start:k])
            start = k + 1
    out.append(source[start:])
    return out


def _exact(items: _Items) -> _Words | None:
    """Every string ``items`` can match, if that is a small finite set."""
    out: _Words = frozenset({""})
    for op, av in items:
        one = _exact_item(op, av)
        if one is None:
            return None
        out = frozenset(a + b for a in out for b in one)
        if len(out) > _CAP:
            return None
    return out


def _exact_item(op: Any, av: Any) -> _Words | None:
    if op is _sc.LITERAL:
        return frozenset({chr(av)})
    if op is _sc.IN:
        return frozenset(chr(v) for _, v in av) if all(o is _sc.LITERAL for o, _ in av) else None
    if op in (_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT):
        return frozenset({""})  # zero width
    if op is _sc.SUBPATTERN:
        return None if av[1] or av[2] else _exact(av[3])  # no inline flags
    if op is _sc.BRANCH:
        alternatives = [_exact(alt) for alt in av[1]]
        if any(a is None for a in alternatives):
            return None
        union = frozenset().union(*alternatives)  # type: ignore[arg-type]
        return union if len(union) <= _CAP else None
    if op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT) and av[1] <= 1:
        one = _exact(av[2])
        return None if one is None else (one | {""} if av[0] == 0 else one)
    return None


def _is_edge(op: Any, av: Any) -> bool:
    """``\\b``, ``(?<!\\w)``/``(?!\\w)``, or a character that is never a word character."""
    if op is _sc.AT:
        return bool(av is _sc.AT_BOUNDARY)
    if op is _sc.LITERAL:
        return not _WORD_CHARS.fullmatch(chr(av))
    if op is _sc.IN:
        return all(o is _sc.LITERAL and not _WORD_CHARS.fullmatch(chr(v)) for o, v in av)
    return bool(op is _sc.ASSERT_NOT and list(av[1]) == [(_sc.IN, [(_sc.CATEGORY, _sc.CATEGORY_WORD)])])


def _ends_at_edge(op: Any, av: Any) -> bool:
    """Whether every non-empty match of the item ends with a character that is never a word character."""
    if op in (_sc.LITERAL, _sc.IN):
        return _is_edge(op, av)
    if op is _sc.SUBPATTERN:
        return not (av[1] or av[2]) and bool(av[3]) and _ends_at_edge(*list(av[3])[-1])
    if op is _sc.BRANCH:
        return all(bool(alt) and _ends_at_edge(*list(alt)[-1]) for alt in av[1])
    if op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT, _sc.POSSESSIVE_REPEAT):
        return bool(av[2]) and _ends_at_edge(*list(av[2])[-1])
    return False


def _cost(words: _Words) -> float:
    """Expected cost of gating on ``words``: a set look-up each, plus the scans they let through.

    The chance that a word occurs in a ~200-character message is guessed
    from its length (everyday words and words of one or two letters: most
    messages); a look-up costs about 2 % of scanning the branch.
    """
    chance = sum(0.7 if len(w) <= 2 or w in _COMMON else 3 * 2 ** (-1.2 * len(w)) for w in words)
    return 0.02 * len(words) + min(1.0, chance)


def _word_sets(items: _Items, at_start: bool, at_end: bool) -> list[_Words]:
    """Sets of whole words of which every match of ``items`` holds one word each.

    ``at_start`` / ``at_end``: whether a word edge certainly comes right
    before / after ``items`` in every match of the enclosing pattern.
    """
    items = list(items)
    sets: list[_Words] = []
    word: _Words = frozenset({""})  # spellings of the word being read
    word_start = at_start
    for k, (op, av) in enumerate(items):
        if _is_edge(op, av):
            if "" not in word and word_start and all(_PLAIN.fullmatch(w) for w in word):
                sets.append(word)
            word, word_start = frozenset({""}), True
            continue
        exact = _exact_item(op, av)
        letters = exact is not None and all(not s or _WORD_CHARS.fullmatch(s) for s in exact)
        if letters and len(word) * len(exact) <= _CAP:  # type: ignore[arg-type]
            word = frozenset(a + b for a in word for b in exact)  # type: ignore[union-attr]
            continue
        edge_after = _is_edge(*items[k + 1]) if k + 1 < len(items) else at_end
        edge_before = word == {""} and word_start
        if op is _sc.SUBPATTERN and not (av[1] or av[2]):
            sets += _word_sets(av[3], edge_before, edge_after)
        elif op is _sc.BRANCH:
            # Every alternative must offer a set; their union then holds for all.
            picks = [min(_word_sets(alt, edge_before, edge_after), key=_cost, default=None) for alt in av[1]]
            if all(p is not None for p in picks):
                sets.append(frozenset().union(*picks))  # type: ignore[arg-type]
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT, _sc.POSSESSIVE_REPEAT) and av[0] >= 1:
            once = av[0] == av[1] == 1
            sets += _word_sets(av[2], edge_before and once, edge_after and once)
        # After "(?:my )?" or "(?:\w+ ){0,2}" a word starts if one did before it.
        may_be_empty = exact is None or "" in exact
        word, word_start = frozenset({""}), _ends_at_edge(op, av) and (edge_before or not may_be_empty)
    if "" not in word and word_start and at_end and all(_PLAIN.fullmatch(w) for w in word):
        sets.append(word)
    return sets


def required_words(source: str) -> tuple[_Words, ...]:
    """Up to three sets of whole words such that every match of ``source``
    holds a word of each (the cheapest to test; empty: no gate found)."""
    sets = sorted(set(_word_sets(_sp.parse(source), False, False)), key=lambda s: (_cost(s), sorted(s)))
    return tuple(sets[:_MOST_SETS])


class Branches:
    """One rule's top-level branches and the word sets that gate each."""

    def __init__(self, compiled: re.Pattern[str]) -> None:
        source = compiled.pattern
        parts = split_branches(source)
        if compiled.flags & ~re.UNICODE or _FLAGS_OR_REFERENCES.search(source):
            parts = [source]  # flags or group numbers could change with fewer branches
        self.whole = compiled
        self.parts = tuple(parts)
        self.words = tuple(required_words(part) for part in parts)
        self._vocabulary = frozenset(w for sets in self.words for words in sets for w in words)
        self._cache: dict[frozenset[str], re.Pattern[str] | None] = {}

    def pattern_for(self, words: frozenset[str]) -> re.Pattern[str] | None:
        """The rule's pattern without the branches that cannot match a text
        whose ``words_of`` are ``words`` (None: no branch can)."""
        present = self._vocabulary.intersection(words)
        try:
            return self._cache[present]
        except KeyError:
            kept = [k for k, sets in enumerate(self.words) if all(not present.isdisjoint(s) for s in sets)]
            if len(kept) == len(self.parts):
                pattern: re.Pattern[str] | None = self.whole
            else:
                pattern = re.compile("|".join(self.parts[k] for k in kept)) if kept else None
            if len(self._cache) >= 1024:
                self._cache.clear()
            self._cache[present] = pattern
            return pattern

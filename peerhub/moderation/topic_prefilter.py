"""Prefilter for the topic matcher: skip topics whose anchor words are absent.

Every match of a topic's include pattern contains at least one of its
*anchors*: literal strings derived at import from the compiled pattern itself
(via the regex parser), so they can never drift from the lexicon.  One
trie-shaped regex finds, at each word start, the anchors present in a
message; a topic with none present cannot match and is skipped, exclusions
and all.  An anchor is tried only at word starts when the pattern itself
demands a word start before it, and required to end at a word end only when
the pattern demands that; the rest go into a second, unanchored scan.
``Prefilter.candidates`` returns a superset of the topics that match, so
results are identical to running every topic; the prefilter only saves time.
A topic for which no anchor set can be derived is always a candidate.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

with warnings.catch_warnings():
    # The regex parser is only used at import, to derive anchors.
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants as _sc
    import sre_parse as _sp

# Every include match contains at least one of its topic's *anchors*: literal
# strings derived from the compiled pattern itself (so they can never drift
# from the lexicon).  One trie-shaped regex finds, at each word start, the
# anchors present in a message; a topic with no anchor present cannot match
# and is skipped, exclusions and all.  Anchors are only ever tried at word
# starts when the pattern itself demands a word start before them; the rest
# go into a second, unanchored scan.  Results are identical to running every
# topic; the prefilter only saves time.
_CAP = 64  # largest literal set expanded from one sub-pattern
_Items = Any  # sre_parse.SubPattern or a list of its (op, arg) items
_Anchor = tuple[str, bool]  # (literal, must start at a word start); "\0" ending = then a word end


def _exact(items: _Items) -> set[str] | None:
    """Every string ``items`` can match, if that is a small finite set."""
    out = {""}
    for op, av in items:
        one = _exact_item(op, av)
        if one is None:
            return None
        out = {a + b for a in out for b in one}
        if len(out) > _CAP:
            return None
    return out


def _exact_item(op: Any, av: Any) -> set[str] | None:
    if op is _sc.LITERAL:
        return {chr(av)}
    if op is _sc.SUBPATTERN:
        return _exact(av[3])
    if op is _sc.BRANCH:
        acc: set[str] = set()
        for branch in av[1]:
            e = _exact(branch)
            if e is None:
                return None
            acc |= e
        return acc if len(acc) <= _CAP else None
    if op is _sc.IN:
        if len(av) <= 16 and all(o is _sc.LITERAL for o, _ in av):
            return {chr(v) for _, v in av}
        return None
    if op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT) and av[1] <= 1:
        e = _exact(av[2])
        return None if e is None else (e | {""} if av[0] == 0 else e)
    return None


def _is_word_edge(op: Any, av: Any, direction: int) -> bool:
    """``\\b``, or ``(?<!\\w)`` (direction -1) / ``(?!\\w)`` (direction 1)."""
    if op is _sc.AT:
        return bool(av is _sc.AT_BOUNDARY)
    return bool(op is _sc.ASSERT_NOT and av[0] == direction
                and list(av[1]) == [(_sc.IN, [(_sc.CATEGORY, _sc.CATEGORY_WORD)])])


# Everyday words that occur in most messages: a set holding one of them
# filters almost nothing, so any other set of the same sequence is preferred.
_COMMON = frozenset(
    "a an and at be did do for get got he her high his i in is it me my of off on or over "
    "red she smok take the they to too took use used using was we with you".split()
)


def _strength(anchors: set[_Anchor]) -> tuple[bool, int, int]:
    common = any(a.strip("\0 ") in _COMMON for a, _ in anchors)
    return not common, min(len(a.strip("\0 ")) + w + a.endswith("\0") for a, w in anchors), -len(anchors)


def _ends_at_word(items: list[Any], start: int, at_end: bool) -> bool:
    """Whether only assertions follow ``start``, one of them a word end (or the parent's end is)."""
    for op, av in items[start:]:
        if op not in (_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT):
            return False
        if _is_word_edge(op, av, 1):
            return True
    return at_end


def _anchors(items: _Items, at_word: bool, at_end: bool = False) -> set[_Anchor] | None:
    """Literals of which every match of ``items`` contains one, or None."""
    cands: list[set[_Anchor]] = []
    items = list(items)
    run, run_word, edge = {""}, at_word, at_word

    def flush(end: bool) -> None:
        if run != {""} and all(run):
            cands.append({(r + ("\0" if end and r[-1:].isalnum() else ""), run_word and r[:1].isalnum())
                          for r in run})

    for i, (op, av) in enumerate(items):
        if op in (_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT):
            if run == {""}:
                edge = edge or _is_word_edge(op, av, -1)
                run_word = edge
            continue
        one = _exact_item(op, av)
        if one is None and op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT) and av[0] >= 1:
            one = _exact(av[2])  # x+ holds at least one x, but nothing may be glued after it
            if one is not None and len({a + b for a in run for b in one}) <= _CAP:
                run = {a + b for a in run for b in one}
                flush(False)
                run, run_word, edge = {""}, False, False
                continue
            one = None
        if one is not None:
            grown = {a + b for a in run for b in one}
            if len(grown) <= _CAP:
                run, edge = grown, False
                continue
        flush(False)
        run, run_word = {""}, False
        found: set[_Anchor] | None = None
        end = _ends_at_word(items, i + 1, at_end)
        if op is _sc.SUBPATTERN:
            found = _anchors(av[3], edge, end)
        elif op is _sc.BRANCH:
            found = set()
            for branch in av[1]:
                got = _anchors(branch, edge, end)
                if got is None:
                    found = None
                    break
                found |= got
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT) and av[0] >= 1:
            found = _anchors(av[2], edge)
        edge = False
        if found:
            cands.append(found)
    flush(_ends_at_word(items, len(items), at_end))
    return max(cands, key=_strength) if cands else None


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie (longest match first)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        # Real characters first, the zero-width word end last, so the scan
        # always reports the longest anchor starting at a position.
        kids = [(r"(?!\w)" if ch == "\0" else re.escape(ch)) + build(sub)
                for ch, sub in sorted(node.items(), key=lambda kv: (kv[0] == "\0", kv[0])) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Prefilter:
    """Anchor scan over a set of named include patterns (see the module docstring)."""

    def __init__(self, patterns: Mapping[str, re.Pattern[str]]) -> None:
        always: set[str] = set()
        at_word: dict[str, set[str]] = {}
        anywhere: dict[str, set[str]] = {}
        for name, pattern in patterns.items():
            found = _anchors(_sp.parse(pattern.pattern), True)
            if not found:
                always.add(name)
                continue
            for lit, word in found:
                (at_word if word else anywhere).setdefault(lit, set()).add(name)
        self.always = frozenset(always)
        self._scans: list[tuple[dict[str, frozenset[str]], re.Pattern[str]]] = [
            ({k: frozenset(v) for k, v in table.items()},
             re.compile(prefix + "(?=(" + _trie_pattern(table) + "))"))
            for table, prefix in ((at_word, r"(?<!\w)"), (anywhere, ""))
            if table
        ]

    def candidates(self, norm: str) -> set[str]:
        """Names whose anchors occur in ``norm`` (a superset of those that match)."""
        found = set(self.always)
        for table, scan in self._scans:
            for m in scan.finditer(norm):
                hit, at = m.group(1), m.start()
                # The scan reports the longest anchor starting here; shorter
                # ones starting here are its prefixes ("\0": then a word end).
                for k in range(1, len(hit) + 1):
                    names = table.get(hit[:k])
                    if names:
                        found |= names
                    if at + k == len(norm) or not _is_word_char(norm[at + k]):
                        names = table.get(hit[:k] + "\0")
                        if names:
                            found |= names
        return found

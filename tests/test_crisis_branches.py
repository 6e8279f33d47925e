"""The branch gate of the crisis rules: derived word sets and pruned patterns."""

from __future__ import annotations

import re

import pytest

from peerhub.moderation.crisis_branches import Branches, required_words, split_branches, words_of
from peerhub.moderation.crisis_prep import prepare_tokens
from peerhub.moderation.normalize import normalize


def test_split_branches_only_at_the_top_level() -> None:
    assert split_branches(r"\ba(?:b|c)\b|[|x]d|e\|f") == [r"\ba(?:b|c)\b", "[|x]d", r"e\|f"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:picked|chose|set) (?:the|a) (?:day|date)\b", {"picked", "chose", "set"}),
        (r"\bkill(?:ing)? myself\b", {"kill", "killing"}),
        # After an optional group that ends at a space, a word still starts.
        (r"\bsee (?:a |the )?(?:\w+ )?(?:bugs|snakes) (?:in|on)\b", {"bugs", "snakes"}),
        # "i'm": the runs "i" and "m"; never the apostrophe word itself.
        (r"\bi'm done\b", {"done"}),
    ],
)
def test_required_words_are_whole_words_every_match_holds(pattern: str, expected: set[str]) -> None:
    assert expected in [set(s) for s in required_words(pattern)]


@pytest.mark.parametrize("pattern", [r"abc\w+", r"\bkill\w*", r"(?i)\bdie\b", r"\bcaf[eé]\b"])
def test_no_word_set_where_a_word_is_not_certain(pattern: str) -> None:
    # glued to other letters, open-ended, case-insensitive (flags are kept whole), non-ASCII
    if pattern.startswith("(?i)"):
        assert len(Branches(re.compile(pattern)).parts) == 1
    else:
        assert required_words(pattern) == ()


def test_pruned_pattern_finds_the_same_matches() -> None:
    rx = re.compile(r"\bmade peace with\b|\b(?:picked|chose) (?:the|a) (?:day|date)\b|\bno way out\b|\b\w+ing\b")
    branches = Branches(rx)
    for text in ["picked the day. no way out, made peace with it", "nothing here", "i'm going out, no way out",
                 "chose a date; chose the day", "it's made peace with's"]:
        form, tokens = prepare_tokens(normalize(text))
        pattern = branches.pattern_for(words_of(tokens))
        found = [] if pattern is None else [m.span() for m in pattern.finditer(form)]
        assert found == [m.span() for m in rx.finditer(form)]
    assert branches.pattern_for(frozenset({"nothing", "here"})) is not None  # the ungated "\\w+ing" stays

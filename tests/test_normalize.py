"""Shared normalisation: disguised spellings fold, numbers and doses survive."""

from __future__ import annotations

import pytest

from peerhub.moderation.normalize import MASK, normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("su1c1de", "suicide"),
        ("k!ll", "kill"),
        ("h3r0in", "heroin"),
        ("m3th", "meth"),
        ("0verdose", "overdose"),
        ("@lcohol", "alcohol"),
    ],
)
def test_leetspeak_inside_words_becomes_letters(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s u i c i d e", "suicide"),
        ("k.i.l.l", "kill"),
        ("d-i-e", "die"),
        ("R E L A P S E  N O W", "relapse now"),
    ],
)
def test_spaced_letters_are_joined(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_two_single_letters_are_not_joined() -> None:
    assert normalize("a b") == "a b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ѕuісidе", "suicide"),  # Cyrillic look-alikes
        ("ＫＩＬＬ", "kill"),  # full-width forms (NFKC)
        ("I’m", "i'm"),  # curly apostrophe
        ("ﬁne", "fine"),  # ligature
    ],
)
def test_lookalikes_fold_to_latin(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_zero_width_characters_are_removed() -> None:
    assert normalize("su\u200bi\u200ccide") == "suicide"
    assert normalize("ki\u00adll") == "kill"
    assert normalize("\ufeffdie") == "die"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("killlllll", "kill"), ("soooo tired", "soo tired"), ("diiiie", "diie"), ("feel", "feel")],
)
def test_letter_runs_squeeze_to_two(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_masked_letters_keep_one_wildcard() -> None:
    assert normalize("k**l") == f"k{MASK}l"
    assert normalize("s#icide") == f"s{MASK}icide"


@pytest.mark.parametrize(
    "text",
    [
        "took 800mg at 3:30",
        "day 45",
        "1st meeting, 2nd week, 3rd step",
        "$20",
        "1-800-662-4357",
        "8mg suboxone",
        "call 988",
        "10 years",
    ],
)
def test_numbers_doses_times_and_ordinals_keep_their_digits(text: str) -> None:
    assert normalize(text) == text.lower()


def test_whitespace_is_squeezed_and_trimmed() -> None:
    assert normalize("  hello \n\t world  ") == "hello world"


def test_ascii_and_unicode_paths_agree() -> None:
    # The ASCII fast path must give what the full Unicode path gives.
    assert normalize("Hello World`s") == normalize("Hello World`s\u200b")

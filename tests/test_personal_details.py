"""Tests for the personal-details guard (peerhub.moderation.personal)."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerhub.moderation.personal import PLACEHOLDERS, Kind, Policy, detect, redact

LABELLED = Path(__file__).resolve().parent / "data" / "personal_details.jsonl"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TARGET = 0.95


def _rows() -> list[tuple[str, frozenset[Kind]]]:
    with LABELLED.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [(r["text"], frozenset(Kind(k) for k in r["kinds"])) for r in rows]


def _precision_recall(pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    tp = sum(1 for exp, got in pairs if exp and got)
    fp = sum(1 for exp, got in pairs if got and not exp)
    fn = sum(1 for exp, got in pairs if exp and not got)
    return tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0


# --- the labelled set -------------------------------------------------------


def test_labelled_set_is_large_and_balanced() -> None:
    rows = _rows()
    positives = sum(1 for _, kinds in rows if kinds)
    assert len(rows) >= 150
    assert 0.35 <= positives / len(rows) <= 0.65
    for kind in Kind:
        assert sum(1 for _, kinds in rows if kind in kinds) >= 10, kind


def test_overall_precision_and_recall_meet_target() -> None:
    precision, recall = _precision_recall([(bool(kinds), bool(detect(text))) for text, kinds in _rows()])
    assert precision >= TARGET
    assert recall >= TARGET


@pytest.mark.parametrize("kind", list(Kind))
def test_per_kind_precision_and_recall_meet_target(kind: Kind) -> None:
    precision, recall = _precision_recall([(kind in kinds, kind in detect(text)) for text, kinds in _rows()])
    assert precision >= TARGET, f"{kind} precision {precision:.3f}"
    assert recall >= TARGET, f"{kind} recall {recall:.3f}"


def test_no_detection_on_shared_recovery_chat() -> None:
    """The crisis and trigger sets hold no personal details; almost nothing may fire."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared evaluation data not found at {SHARED_DATA}")
    texts = [
        json.loads(line)["text"]
        for name in ("crisis_dev.jsonl", "triggers_dev.jsonl")
        for line in (SHARED_DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    fired = sum(1 for t in texts if detect(t))
    assert fired <= len(texts) // 100


# --- targeted formats -------------------------------------------------------

POSITIVES: list[tuple[str, Kind]] = [
    # phones
    ("call me 555-123-4567", Kind.PHONE),
    ("my cell (212) 555-0143", Kind.PHONE),
    ("text 555.123.4567", Kind.PHONE),
    ("number: 5551234567", Kind.PHONE),
    ("+44 20 7946 0011 is the house phone", Kind.PHONE),
    ("0049 30 1234567", Kind.PHONE),
    ("my digits are 555 0123", Kind.PHONE),
    ("five five five one two three four", Kind.PHONE),
    ("555 one two three, forty five sixty seven", Kind.PHONE),
    ("two one two, double five, five oh one nine three", Kind.PHONE),
    ("555-12O-4567", Kind.PHONE),
    ("my cell 555 410 33 08", Kind.PHONE),
    ("room 4, but call me 555-123-4567", Kind.PHONE),
    ("\uff15\uff15\uff15 \uff11\uff12\uff13 \uff14\uff15\uff16\uff17", Kind.PHONE),
    ("555-1\u200b23-4567", Kind.PHONE),
    # e-mails
    ("me@example.com", Kind.EMAIL),
    ("first.last+tag@sub.example.co.uk", Kind.EMAIL),
    ("name at gmail dot com", Kind.EMAIL),
    ("name [at] proton [dot] me", Kind.EMAIL),
    ("name(at)mail(dot)org", Kind.EMAIL),
    ("name @ outlook . com", Kind.EMAIL),
    ("name_1 at example.net", Kind.EMAIL),
    ("reach me at jo at yahoo", Kind.EMAIL),
    # addresses
    ("123 Main St", Kind.ADDRESS),
    ("42 Oak Avenue Apt 5", Kind.ADDRESS),
    ("PO Box 12", Kind.ADDRESS),
    ("P.O. Box 7", Kind.ADDRESS),
    ("PO Box 12B", Kind.ADDRESS),
    ("9 W 57th St", Kind.ADDRESS),
    ("1600 pennsylvania ave", Kind.ADDRESS),
    ("Columbus, OH 43215", Kind.ADDRESS),
    # social
    ("my insta is sam.sober", Kind.SOCIAL),
    ("snap: samsober", Kind.SOCIAL),
    ("follow me on tiktok @sam_s", Kind.SOCIAL),
    ("facebook.com/sam.s.123", Kind.SOCIAL),
    ("https://instagram.com/sam_s", Kind.SOCIAL),
    ("tiktok.com/@sam_s", Kind.SOCIAL),
    ("sam_s#1234", Kind.SOCIAL),
    ("t.me/sam_s", Kind.SOCIAL),
    ("wa.me/15551234567", Kind.SOCIAL),
    ("@sam_s on insta", Kind.SOCIAL),
    ("my snap is samsober", Kind.SOCIAL),
    # names
    ("my name is John Smith", Kind.NAME),
    ("I'm Jane Doe from Ohio", Kind.NAME),
    ("my real name is jane doe", Kind.NAME),
    ("my surname is Okonkwo", Kind.NAME),
    ("this is Mary Ellen Park", Kind.NAME),
]


@pytest.mark.parametrize(("text", "kind"), POSITIVES)
def test_detects_format(text: str, kind: Kind) -> None:
    assert detect(text) == frozenset({kind})


NEGATIVES = [
    "sober since 2019",
    "meeting at 4:30",
    "woke at 11pm",
    "$40 a bottle",
    "20 bucks",
    "800mg ibuprofen",
    "8mg suboxone",
    "day 365",
    "90 days",
    "meeting 12",
    "step 4",
    "12/25/2019",
    "2020-03-01",
    "12-25-2019",
    "2015-2019",
    "1,000,000 reasons",
    "room code 48213",
    "zoom id 812 3456 7890",
    "the meeting id is now 812 555 0199",
    "SAMHSA 1-800-662-4357",
    "1-800-662-HELP (4357)",
    "call 988",
    "call 911",
    "1 (888) 555-0100",
    "866.555.0100",
    "(855) 555-0100",
    "844 555 0100",
    "833-555-0100",
    "877 555 0100",
    "0800 123 4567",
    "@sam thanks",
    "@sam_s you got this",
    "hey @jo.b",
    "I love instagram",
    "my snap is private",
    "oh snap",
    "my name is Sam",
    "I'm Not Okay",
    "one day at a time",
    "1 2 3 4 5 6 7",
    "3 months down the road",
    "r/stopdrinking",
    "look at reddit.com",
    "step#1234",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_does_not_fire(text: str) -> None:
    assert detect(text) == frozenset()
    assert redact(text) == (text, frozenset())


# --- redaction --------------------------------------------------------------


def test_redact_replaces_each_match_and_keeps_the_rest() -> None:
    text = "I'm Jake Turner, text 555-221-3344 or jake.t@gmail.com, insta @jake_t, 19 Pine St"
    out, kinds = redact(text)
    assert out == (
        "I'm [name removed], text [phone number removed] or [e-mail removed], "
        "insta [social profile removed], [address removed]"
    )
    assert kinds == frozenset(Kind)


def test_redact_uses_original_offsets_after_normalisation() -> None:
    out, kinds = redact("call \uff15\uff15\uff15-\uff12\uff13\uff14-\uff15\uff16\uff17\uff18 now")
    assert out == "call [phone number removed] now"
    assert kinds == {Kind.PHONE}
    out, _ = redact("it's five five five, one two three four. bye")
    assert out == "it's [phone number removed]. bye"


def test_redact_whole_profile_link() -> None:
    assert redact("see https://www.instagram.com/sam_s/ ok") == (
        "see [social profile removed] ok",
        frozenset({Kind.SOCIAL}),
    )


def test_placeholders_cover_every_kind() -> None:
    assert set(PLACEHOLDERS) == set(Kind)
    assert PLACEHOLDERS[Kind.EMAIL] == "[e-mail removed]"
    assert {p.value for p in Policy} == {"warn", "redact", "block", "allow"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_redact_agrees_with_detect_and_is_idempotent(text: str) -> None:
    out, kinds = redact(text)
    assert kinds == detect(text)
    assert redact(out)[1] == frozenset()
    if not kinds:
        assert out == text


SECRETS = [
    ("ring 555-123-4567 later", "123-4567"),
    ("mail jo.k@example.org today", "jo.k@example.org"),
    ("jo at gmail dot com", "gmail"),
    ("my insta is @jo.k.22", "jo.k.22"),
    ("I live at 12 Elm St", "Elm"),
    ("my name is Jo Kowalski", "Kowalski"),
    ("discord jo#4821", "4821"),
]


@pytest.mark.parametrize(("text", "secret"), SECRETS)
def test_matched_values_do_not_survive_redaction(text: str, secret: str) -> None:
    out, kinds = redact(text)
    assert kinds
    assert secret not in out


def test_no_log_records(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        redact("call me 555-123-4567, me@example.com")
    assert caplog.records == []


def test_fast_on_a_500_char_message() -> None:
    text = ("Day 90 today, meeting at 7:30, call 988 if needed. my insta is sam.s and " * 8)[:500]
    detect(text)
    runs = 200
    started = time.perf_counter()
    for i in range(runs):
        detect(text + str(i))
    assert (time.perf_counter() - started) / runs < 0.001

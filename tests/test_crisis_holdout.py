"""Crisis detector on the three hand-written held-out sets.

``tests/data/crisis_holdout.jsonl`` (held-out-1, another engineer's),
``tests/data/crisis_holdout2.jsonl`` (held-out-2, written before the detector
was generalised) and ``tests/data/crisis_holdout3.jsonl`` (held-out-3, written
by an engineer who had not read the detector or the other held-out sets).  Neither set's lines are in the detector's word lists; the
rules were written per phrase *family*.  Honest first measurements (see the
commit history): held-out-1 recall 0.481 / FPR 0.023; held-out-2 recall 0.292
/ FPR 0.050 before any change, 0.722 / 0.025 after generalising from
held-out-1's misses alone.  Held-out-2's misses were fixed afterwards, so its
current figure is no longer a blind estimate.  Held-out-3 measured blind:
recall 0.621 / FPR 0.056 (indirect 0.25, buried 0.33, other 0.44); its miss
families were then fixed, so it too is now a regression set, not an estimate.

Thresholds: recall >= 0.90 and FPR <= 0.08, ambiguous rows excluded.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peerhub.moderation.crisis import assess

DATA = Path(__file__).resolve().parent / "data"
SETS = ["crisis_holdout.jsonl", "crisis_holdout2.jsonl", "crisis_holdout3.jsonl"]
RECALL_MIN = 0.90
FPR_MAX = 0.08


def _score(path: Path) -> tuple[float, float, list[str], list[str]]:
    """Recall, FPR and the ids (never the text) of misses and false positives."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    crisis = [r for r in rows if r["label"] == "crisis"]
    safe = [r for r in rows if r["label"] == "safe"]
    misses = [str(r["id"]) for r in crisis if not assess(str(r["text"])).escalates]
    fps = [str(r["id"]) for r in safe if assess(str(r["text"])).escalates]
    return 1 - len(misses) / len(crisis), len(fps) / len(safe), misses, fps


@pytest.mark.parametrize("name", SETS)
def test_holdout_recall_and_false_positive_rate(name: str) -> None:
    recall, fpr, misses, fps = _score(DATA / name)
    assert recall >= RECALL_MIN, f"{name}: recall {recall:.3f}, misses {misses}"
    assert fpr <= FPR_MAX, f"{name}: FPR {fpr:.3f}, false positives {fps}"


@pytest.mark.parametrize("name", SETS[1:])
def test_holdout_is_well_formed(name: str) -> None:
    rows = [json.loads(line) for line in (DATA / name).open(encoding="utf-8")]
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(set(r) == {"id", "text", "label", "why", "kind"} for r in rows)
    labels = [r["label"] for r in rows]
    assert 0.40 <= labels.count("crisis") / len(rows) <= 0.50
    assert {r["kind"] for r in rows if r["label"] == "crisis"} == {
        "direct", "indirect", "slang", "obfuscated", "third_person", "buried", "other"}
    assert {r["kind"] for r in rows if r["label"] == "safe"} == {
        "idiom", "past", "educational", "negation", "medication", "relapse_no_danger", "other"}


def test_holdout3_has_long_buried_posts() -> None:
    """Buried crises are 80-250 word posts with one dangerous sentence."""
    rows = [json.loads(line) for line in (DATA / SETS[2]).open(encoding="utf-8")]
    buried = [r for r in rows if r["label"] == "crisis" and r["kind"] == "buried"]
    assert len(buried) >= 10
    assert all(80 <= len(str(r["text"]).split()) <= 250 for r in buried)

"""Crisis detector on the two hand-written held-out sets.

``tests/data/crisis_holdout.jsonl`` (held-out-1, another engineer's) and
``tests/data/crisis_holdout2.jsonl`` (held-out-2, written before the detector
was generalised).  Neither set's lines are in the detector's word lists; the
rules were written per phrase *family*.  Honest first measurements (see the
commit history): held-out-1 recall 0.481 / FPR 0.023; held-out-2 recall 0.292
/ FPR 0.050 before any change, 0.722 / 0.025 after generalising from
held-out-1's misses alone.  Held-out-2's misses were fixed afterwards, so its
current figure is no longer a blind estimate.

Thresholds: recall >= 0.90 and FPR <= 0.08, ambiguous rows excluded.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peerhub.moderation.crisis import assess

DATA = Path(__file__).resolve().parent / "data"
SETS = ["crisis_holdout.jsonl", "crisis_holdout2.jsonl"]
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


def test_holdout2_is_well_formed() -> None:
    rows = [json.loads(line) for line in (DATA / SETS[1]).open(encoding="utf-8")]
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(set(r) == {"id", "text", "label", "why", "kind"} for r in rows)
    labels = [r["label"] for r in rows]
    assert 0.40 <= labels.count("crisis") / len(rows) <= 0.50
    assert {r["kind"] for r in rows if r["label"] == "crisis"} == {
        "direct", "indirect", "slang", "obfuscated", "third_person", "buried", "other"}
    assert {r["kind"] for r in rows if r["label"] == "safe"} == {
        "idiom", "past", "educational", "negation", "medication", "relapse_no_danger", "other"}

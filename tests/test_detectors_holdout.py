"""Both safety detectors on hand-written held-out sets (``tests/data/*_holdout.jsonl``).

The dev sets in ``../shared/data`` were used to tune the detectors, so their
scores say little about unseen messages.  These held-out sets were written
from the README's definitions before the detector code was read; their first
measurement is the generalisation figure (see the commit history).  Run with
``-s`` to see the report: figures per kind/topic and the ids of every miss
and false positive (ids and reasons only, never message text).

Thresholds: crisis recall >= 0.90 and FPR <= 0.08 (ambiguous rows excluded);
trigger topics micro precision and recall >= 0.85.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from peerhub.moderation.crisis import assess
from peerhub.moderation.triggers import TOPIC_IDS, topics_of

DATA = Path(__file__).resolve().parent / "data"
CRISIS = DATA / "crisis_holdout.jsonl"
TRIGGERS = DATA / "triggers_holdout.jsonl"

CRISIS_RECALL_MIN = 0.90
CRISIS_FPR_MAX = 0.08
TRIGGERS_P_MIN = 0.85
TRIGGERS_R_MIN = 0.85


def _load(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _crisis_scores() -> tuple[float, float, list[str], list[str]]:
    """Recall, FPR, miss ids, false-positive ids; each line is printed."""
    rows = _load(CRISIS)
    hit: Counter[str | tuple[str, str]] = Counter()
    total: Counter[str | tuple[str, str]] = Counter()
    misses: list[str] = []
    fps: list[str] = []
    ambiguous_flagged = 0
    for r in rows:
        label, kind, rid = str(r["label"]), str(r["kind"]), str(r["id"])
        escalates = assess(str(r["text"])).escalates
        if label == "ambiguous":
            ambiguous_flagged += escalates
            continue
        total[label, kind] += 1
        total[label] += 1
        if escalates:
            hit[label, kind] += 1
            hit[label] += 1
        if label == "crisis" and not escalates:
            misses.append(f"{rid} [{kind}] {r['why']}")
        if label == "safe" and escalates:
            fps.append(f"{rid} [{kind}] {r['why']}")
    recall = hit["crisis"] / max(1, total["crisis"])
    fpr = hit["safe"] / max(1, total["safe"])
    print(f"\ncrisis held-out: recall={recall:.3f} ({hit['crisis']}/{total['crisis']}) "
          f"FPR={fpr:.3f} ({hit['safe']}/{total['safe']}) ambiguous flagged={ambiguous_flagged}")
    for key in sorted(k for k in total if isinstance(k, tuple)):
        print(f"  {key[0]}/{key[1]:<20} {hit[key]}/{total[key]}")
    print("  misses:", *misses, sep="\n    ")
    print("  false positives:", *fps, sep="\n    ")
    return recall, fpr, misses, fps


def _trigger_scores() -> tuple[float, float]:
    """Micro precision and recall over all topics; per-topic lines are printed."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    errors: dict[str, list[str]] = defaultdict(list)
    for r in _load(TRIGGERS):
        gold = set(r["topics"])  # type: ignore[call-overload]
        pred = set(topics_of(str(r["text"])))
        assert pred <= TOPIC_IDS
        for t in pred & gold:
            tp[t] += 1
        for t in pred - gold:
            fp[t] += 1
            errors[t].append(f"FP {r['id']}")
        for t in gold - pred:
            fn[t] += 1
            errors[t].append(f"miss {r['id']}")
    big_tp, big_fp, big_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = big_tp / max(1, big_tp + big_fp)
    recall = big_tp / max(1, big_tp + big_fn)
    print(f"\ntriggers held-out: micro P={precision:.3f} R={recall:.3f} "
          f"(TP={big_tp} FP={big_fp} FN={big_fn})")
    for t in sorted(TOPIC_IDS):
        print(f"  {t:<30} TP={tp[t]:<3} FP={fp[t]:<3} FN={fn[t]:<3} {' '.join(errors[t])}")
    return precision, recall


def test_holdout_sets_are_well_formed() -> None:
    crisis = _load(CRISIS)
    labels = Counter(str(r["label"]) for r in crisis)
    assert len(crisis) >= 160 and set(labels) == {"crisis", "safe", "ambiguous"}
    assert {str(r["kind"]) for r in crisis if r["label"] == "crisis"} >= {
        "direct", "indirect", "slang", "obfuscated", "third_person", "buried", "other"}
    assert {str(r["kind"]) for r in crisis if r["label"] == "safe"} >= {
        "idiom", "past", "educational", "negation", "medication", "relapse_no_danger", "other"}
    triggers = _load(TRIGGERS)
    per_topic = Counter(t for r in triggers for t in r["topics"])  # type: ignore[attr-defined]
    assert len(triggers) >= 200 and set(per_topic) == TOPIC_IDS
    assert min(per_topic.values()) >= 15
    assert len({r["id"] for r in crisis}) == len(crisis)
    assert len({r["id"] for r in triggers}) == len(triggers)


def test_crisis_holdout_recall() -> None:
    recall, _, misses, _ = _crisis_scores()
    assert recall >= CRISIS_RECALL_MIN, f"recall {recall:.3f}; misses: {misses}"


def test_crisis_holdout_false_positive_rate() -> None:
    _, fpr, _, fps = _crisis_scores()
    assert fpr <= CRISIS_FPR_MAX, f"FPR {fpr:.3f}; false positives: {fps}"


def test_triggers_holdout_micro_precision_and_recall() -> None:
    precision, recall = _trigger_scores()
    assert precision >= TRIGGERS_P_MIN
    assert recall >= TRIGGERS_R_MIN

"""Evaluate ``topics_of`` on a labelled JSON Lines file and time it.

Usage: ``.venv/bin/python bench/triggers_eval.py [--data PATH]``

Prints the per-topic table (TP/FP/FN, precision, recall), micro P/R/F1, the
false-positive count on messages labelled ``topics: []``, the ids of misses
and false positives per topic with their ``why``, and throughput.  Ids and
reasons are printed, never message text.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from peerhub.moderation.normalize import normalize
from peerhub.moderation.triggers import TOPIC_IDS, topics_of

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "triggers_dev.jsonl"


def load(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSON Lines file (UTF-8)."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate(path: Path) -> dict[str, Any]:
    """Score ``topics_of`` on ``path`` as in the data README, section 2.

    Returns ``{"per_topic": {id: {tp, fp, fn, precision, recall, misses,
    false_positives}}, "micro": {precision, recall, f1}, "empty_fp": int,
    "n": int}``; misses and false positives are lists of ``(id, why)``.
    """
    rows = load(path)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: dict[str, list[tuple[str, str]]] = {t: [] for t in sorted(TOPIC_IDS)}
    fps: dict[str, list[tuple[str, str]]] = {t: [] for t in sorted(TOPIC_IDS)}
    empty_fp = 0
    for r in rows:
        gold, pred = set(r["topics"]), set(topics_of(r["text"]))
        for t in pred & gold:
            tp[t] += 1
        for t in pred - gold:
            fp[t] += 1
            fps[t].append((r["id"], r.get("why", "")))
        for t in gold - pred:
            fn[t] += 1
            misses[t].append((r["id"], r.get("why", "")))
        if not gold and pred:
            empty_fp += 1
    per_topic: dict[str, dict[str, Any]] = {}
    for t in sorted(TOPIC_IDS):
        per_topic[t] = {
            "tp": tp[t],
            "fp": fp[t],
            "fn": fn[t],
            "precision": tp[t] / max(1, tp[t] + fp[t]),
            "recall": tp[t] / max(1, tp[t] + fn[t]),
            "misses": misses[t],
            "false_positives": fps[t],
        }
    big_tp, big_fp, big_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    p = big_tp / max(1, big_tp + big_fp)
    rec = big_tp / max(1, big_tp + big_fn)
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    return {
        "per_topic": per_topic,
        "micro": {"precision": p, "recall": rec, "f1": f1, "tp": big_tp, "fp": big_fp, "fn": big_fn},
        "empty_fp": empty_fp,
        "n": len(rows),
    }


def throughput(texts: list[str], runs: int = 5) -> float:
    """Median messages per second of ``topics_of`` over ~200-char messages.

    ``normalize`` is cached, so each run uses fresh strings (a counter
    appended) to time the real work.
    """
    samples = [(t * (1 + 200 // max(1, len(t))))[:200] for t in texts] or ["a cold beer " * 16]
    rates = []
    for run in range(runs):
        batch = [f"{s} {run}-{i}" for i, s in enumerate(samples)]
        normalize.cache_clear()
        start = time.perf_counter()
        for s in batch:
            topics_of(s)
        rates.append(len(batch) / (time.perf_counter() - start))
    return statistics.median(rates)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    res = evaluate(args.data)
    print(f"{'topic':32} {'TP':>4} {'FP':>4} {'FN':>4} {'prec':>6} {'rec':>6}")
    for t, s in res["per_topic"].items():
        print(f"{t:32} {s['tp']:4} {s['fp']:4} {s['fn']:4} {s['precision']:6.3f} {s['recall']:6.3f}")
    m = res["micro"]
    print(f"\nmicro: P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
          f"(TP={m['tp']} FP={m['fp']} FN={m['fn']}) over {res['n']} messages")
    print(f"false positives on messages with no topic: {res['empty_fp']}")
    for t, s in res["per_topic"].items():
        for kind in ("misses", "false_positives"):
            for rid, why in s[kind]:
                print(f"  {t} {kind[:-2] if kind == 'misses' else 'FP'}: {rid} ({why})")
    texts = [r["text"] for r in load(args.data)]
    print(f"\nthroughput: {throughput(texts):,.0f} messages/s (median of 5 runs, ~200 chars each)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

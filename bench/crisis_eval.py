"""Evaluate the crisis detector on a labelled JSON Lines set.

Usage: ``.venv/bin/python bench/crisis_eval.py [--data PATH] [--no-speed]``

Prints the confusion matrix, recall on ``crisis`` (overall and per kind),
false-positive rate on ``safe`` (overall and per kind), precision, how many
``ambiguous`` messages escalate, every miss and false positive with its id
and ``why`` (never its text), and throughput of ``assess`` on ~200-character
messages. ``evaluate(path)`` returns the figures as a dict for tests.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from peerhub.moderation import crisis, normalize  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "crisis_dev.jsonl"


def load(path: Path) -> list[dict[str, str]]:
    """Read a JSON Lines file of ``{id, text, label, why, kind}`` rows."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate(path: Path = DEFAULT_DATA) -> dict[str, Any]:
    """Score ``crisis.assess`` on ``path``; ambiguous rows are reported apart."""
    rows = load(path)
    confusion: Counter[tuple[str, bool]] = Counter()
    by_kind: dict[str, Counter[str]] = {}
    misses: list[dict[str, str]] = []
    false_positives: list[dict[str, Any]] = []
    for row in rows:
        result = crisis.assess(row["text"])
        hit = result.escalates
        label, kind = row["label"], row.get("kind", "other")
        confusion[(label, hit)] += 1
        counter = by_kind.setdefault(f"{label}/{kind}", Counter())
        counter["n"] += 1
        counter["hit"] += hit
        if label == "crisis" and not hit:
            misses.append({"id": row["id"], "kind": kind, "why": row.get("why", ""), "level": result.level.value})
        elif label == "safe" and hit:
            false_positives.append({"id": row["id"], "kind": kind, "why": row.get("why", ""),
                                    "evidence": list(result.evidence)})
    n_crisis = confusion[("crisis", True)] + confusion[("crisis", False)]
    n_safe = confusion[("safe", True)] + confusion[("safe", False)]
    flagged = confusion[("crisis", True)] + confusion[("safe", True)]
    return {
        "confusion": {f"{label}/{'escalated' if hit else 'not'}": n for (label, hit), n in sorted(confusion.items())},
        "recall": confusion[("crisis", True)] / max(1, n_crisis),
        "fpr": confusion[("safe", True)] / max(1, n_safe),
        "precision": confusion[("crisis", True)] / max(1, flagged),
        "ambiguous_flagged": confusion[("ambiguous", True)],
        "ambiguous_total": confusion[("ambiguous", True)] + confusion[("ambiguous", False)],
        "per_kind": {k: {"n": c["n"], "rate": c["hit"] / c["n"]} for k, c in sorted(by_kind.items())},
        "misses": misses,
        "false_positives": false_positives,
    }


def _synthetic_messages(n: int, seed: int = 7) -> list[str]:
    """Distinct ~200-character messages (ordinary talk with some risk words)."""
    rng = random.Random(seed)
    words = ("today meeting sponsor coffee work kids tired good day clean sober craving walk group thanks "
             "really feel better week night dinner call friend killing it dying to see pills doctor dose "
             "morning step reading honest hard proud grateful sleep weekend plan").split()
    out = []
    for i in range(n):
        text = " ".join(rng.choice(words) for _ in range(34))[:195]
        out.append(f"{text} {i}.")
    return out


def throughput(runs: int = 5, n: int = 2000) -> float:
    """Median messages/s of ``assess`` on distinct ~200-char messages, cold cache."""
    rates = []
    for r in range(runs):
        msgs = _synthetic_messages(n, seed=r)
        normalize.normalize.cache_clear()
        t0 = time.perf_counter()
        for m in msgs:
            crisis.assess(m)
        rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput measurement")
    args = parser.parse_args(argv)
    rep = evaluate(args.data)
    print("confusion:", json.dumps(rep["confusion"]))
    print(f"recall(crisis) = {rep['recall']:.3f}   FPR(safe) = {rep['fpr']:.3f}   precision = {rep['precision']:.3f}")
    print(f"ambiguous escalated: {rep['ambiguous_flagged']}/{rep['ambiguous_total']}")
    for kind, v in rep["per_kind"].items():
        if not kind.startswith("ambiguous"):
            name = "recall" if kind.startswith("crisis") else "FPR"
            print(f"  {kind:28s} n={v['n']:3d}  {name}={v['rate']:.3f}")
    print(f"misses ({len(rep['misses'])}):")
    for m in rep["misses"]:
        print(f"  {m['id']} [{m['kind']}] level={m['level']}: {m['why']}")
    print(f"false positives ({len(rep['false_positives'])}):")
    for f in rep["false_positives"]:
        print(f"  {f['id']} [{f['kind']}] {','.join(f['evidence'])}: {f['why']}")
    if not args.no_speed:
        print(f"throughput: {throughput():,.0f} msg/s (median of 5 runs, ~200-char messages, single core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

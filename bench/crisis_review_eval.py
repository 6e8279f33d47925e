"""Two operating points of the crisis detector, as escalation uses it.

Usage: ``.venv/bin/python bench/crisis_review_eval.py [PATH ...]``

- **card**: level ``crisis``: the writer sees the support card, on-duty
  facilitators are alerted, the acknowledge deadline runs.
- **reaches a facilitator**: level ``crisis`` or ``concern``: a concern is a
  quiet review escalation in the staff queue (no card, no deadline).

For each labelled JSON Lines set (``{id, text, label, kind}``; default: the
dev set, every ``tests/data/crisis_holdout*.jsonl`` (tuned on) and every
sealed ``tests/data/crisis_eval_*.jsonl`` (never trained or tuned on)) it prints, at both
points, recall on ``crisis``, false-positive rate on ``safe``, precision,
how many ``ambiguous`` rows are flagged, then recall and FPR per ``kind``,
and the ids (never the text) of crisis rows that reach nobody.
``operating_points(path)`` returns the figures as a dict for tests.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from peerhub.moderation import crisis  # noqa: E402

DEFAULT_SETS = [ROOT.parent / "shared" / "data" / "crisis_dev.jsonl",
                *sorted((ROOT / "tests" / "data").glob("crisis_holdout*.jsonl")),
                *sorted((ROOT / "tests" / "data").glob("crisis_eval_*.jsonl"))]
POINTS = {"card": ("crisis",), "reaches a facilitator": ("crisis", "concern")}


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _point(rows: list[tuple[dict[str, str], str]], levels: tuple[str, ...]) -> dict[str, Any]:
    n: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    for row, level in rows:
        label, flagged = row["label"], level in levels
        n[label] += 1
        hit[label] += flagged
        c = kinds.setdefault(f"{label}/{row.get('kind', 'other')}", Counter())
        c["n"] += 1
        c["hit"] += flagged
    flagged_total = hit["crisis"] + hit["safe"]
    return {
        "recall": hit["crisis"] / max(1, n["crisis"]), "caught": hit["crisis"], "crisis": n["crisis"],
        "fpr": hit["safe"] / max(1, n["safe"]), "false_positives": hit["safe"], "safe": n["safe"],
        "precision": hit["crisis"] / max(1, flagged_total),
        "ambiguous_flagged": hit["ambiguous"], "ambiguous": n["ambiguous"],
        "per_kind": {k: {"n": c["n"], "rate": c["hit"] / c["n"]} for k, c in sorted(kinds.items())},
    }


def operating_points(path: Path) -> dict[str, Any]:
    """Both operating points on one set, plus the crisis rows that reach nobody."""
    rows = [(row, crisis.assess(row["text"]).level.value) for row in load(path)]
    out: dict[str, Any] = {name: _point(rows, levels) for name, levels in POINTS.items()}
    out["unreached"] = [{"id": r["id"], "kind": r.get("kind", "other"), "why": r.get("why", "")}
                        for r, level in rows if r["label"] == "crisis" and level == "none"]
    out["levels"] = {label: dict(Counter(level for r, level in rows if r["label"] == label))
                     for label in ("crisis", "safe", "ambiguous")}
    return out


def report(path: Path) -> None:
    rep = operating_points(path)
    print(f"== {path.name}")
    print(f"   levels by label: {json.dumps(rep['levels'])}")
    for name in POINTS:
        p = rep[name]
        print(f"   {name:22s} recall={p['recall']:.3f} ({p['caught']}/{p['crisis']})  "
              f"FPR={p['fpr']:.3f} ({p['false_positives']}/{p['safe']})  precision={p['precision']:.3f}  "
              f"ambiguous flagged={p['ambiguous_flagged']}/{p['ambiguous']}")
    kinds = sorted(k for k in rep["card"]["per_kind"] if not k.startswith("ambiguous"))
    print(f"   {'kind':30s} {'n':>4s} {'card':>6s} {'reach':>6s}   (crisis/*: recall, safe/*: FPR)")
    for k in kinds:
        card, reach = rep["card"]["per_kind"][k], rep["reaches a facilitator"]["per_kind"][k]
        print(f"   {k:30s} {card['n']:4d} {card['rate']:6.3f} {reach['rate']:6.3f}")
    print(f"   crisis rows that reach nobody ({len(rep['unreached'])}):")
    for m in rep["unreached"]:
        print(f"     {m['id']} [{m['kind']}] {m['why']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="labelled JSON Lines sets (default: dev + holdouts)")
    args = parser.parse_args(argv)
    for path in args.paths or DEFAULT_SETS:
        report(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

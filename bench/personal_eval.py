"""Evaluate the personal-details guard on the hand-written labelled set.

Usage: ``python bench/personal_eval.py [path/to/personal_details.jsonl]``

Prints precision and recall overall (per message: any kind found vs. any
expected) and per kind (per message and kind), then every miss and false
alarm by id with the kinds involved. Message texts are printed only for
misses, from the hand-written set, to help whoever tunes the rules.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from peerhub.moderation.personal import Kind, detect

DEFAULT_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "personal_details.jsonl"


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    """Scores of one evaluation run."""

    overall: Counts = field(default_factory=Counts)
    per_kind: dict[Kind, Counts] = field(default_factory=lambda: {k: Counts() for k in Kind})
    errors: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)
    n: int = 0
    positives: int = 0


def load(path: Path) -> list[dict[str, object]]:
    """Read the JSON Lines set (UTF-8)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(rows: list[dict[str, object]]) -> Report:
    """Score ``detect`` against each row's expected ``kinds``."""
    report = Report()
    for row in rows:
        text = str(row["text"])
        kinds = row["kinds"]
        assert isinstance(kinds, list)
        expected = frozenset(Kind(k) for k in kinds)
        got = detect(text)
        report.n += 1
        report.positives += bool(expected)
        if expected and got:
            report.overall.tp += 1
        elif got:
            report.overall.fp += 1
        elif expected:
            report.overall.fn += 1
        for kind in Kind:
            c = report.per_kind[kind]
            if kind in expected and kind in got:
                c.tp += 1
            elif kind in got:
                c.fp += 1
            elif kind in expected:
                c.fn += 1
        if got != expected:
            report.errors.append((str(row.get("id", "?")), text, sorted(expected), sorted(got)))
    return report


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_SET
    rows = load(path)
    started = time.perf_counter()
    report = evaluate(rows)
    elapsed = time.perf_counter() - started
    print(f"{report.n} messages, {report.positives} with personal details ({path.name})")
    print(f"{'':10} {'prec':>6} {'recall':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    lines = [("overall", report.overall)] + [(str(k), report.per_kind[k]) for k in Kind]
    for label, c in lines:
        print(f"{label:10} {c.precision:6.3f} {c.recall:6.3f} {c.tp:4} {c.fp:4} {c.fn:4}")
    print(f"mean time per message: {elapsed / max(report.n, 1) * 1e6:.0f} µs")
    if report.errors:
        print("\nmismatches (id: expected -> got):")
        for rid, text, exp, got in report.errors:
            print(f"  {rid}: {exp} -> {got}  {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

"""Train the linear model that sits beside the trigger-topic lexicons.

    .venv/bin/python bench/train_topic_model.py           # train, report, write peerhub/moderation/models/topics.json
    .venv/bin/python bench/train_topic_model.py --check   # retrain and fail if the shipped file differs

One logistic class per topic (the same fitting as ``bench/train_models.py``),
on unigrams and word pairs of the ``normalize``-d text. Training data:
``tests/data/triggers_train_*.jsonl`` and ``tests/data/triggers_holdout.jsonl``
(sets written for this project). Never trained on: ``shared/data/triggers_dev.jsonl``
(the issue's gate) and ``tests/data/triggers_eval_*.jsonl`` (sealed blind sets),
which only measure. The model can only add topics to what the lexicons find,
at ``THRESHOLD``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "bench"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from train_models import fit, load  # noqa: E402

from peerhub.moderation import linear_model, triggers  # noqa: E402
from peerhub.moderation.normalize import normalize  # noqa: E402

DATA = ROOT / "tests" / "data"
DEV = ROOT.parent / "shared" / "data" / "triggers_dev.jsonl"
OUT = linear_model.MODELS / "topics.json"
THRESHOLD = 0.8
L2 = 3e-3  # its own: the crisis model's regularisation is tuned separately


def training_files() -> list[Path]:
    return [*sorted(DATA.glob("triggers_train_*.jsonl")), DATA / "triggers_holdout.jsonl"]


def sealed_texts() -> set[str]:
    return {r["text"] for p in [DEV, *DATA.glob("triggers_eval_*.jsonl")] if p.exists() for r in load(p)}


def training_rows() -> list[dict[str, object]]:
    sealed = sealed_texts()
    return [r for p in training_files() for r in load(p) if r["text"] not in sealed]  # type: ignore[misc]


def feats_of(text: str) -> frozenset[str]:
    return frozenset(linear_model.features(normalize(text)))


def train(rows: list[dict[str, object]]) -> dict[str, object]:
    data = [(feats_of(str(r["text"])), set(r["topics"])) for r in rows]  # type: ignore[call-overload]
    classes = {}
    for topic in sorted(triggers.TOPIC_IDS):
        bias, weights = fit([(fs, 1.0 if topic in gold else 0.0) for fs, gold in data], l2=L2)
        classes[topic] = {"bias": round(bias, 4), "weights": weights}
    return {"kind": "topics", "version": 1, "classes": classes, "thresholds": {"topic": THRESHOLD}}


def report(name: str, rows: list[dict[str, object]], model: linear_model.LinearModel) -> None:
    """Micro precision/recall of the lexicons alone and with the model."""
    counts = {k: Counter() for k in ("lexicons", "with model")}  # type: ignore[var-annotated]
    for r in rows:
        gold = set(r["topics"])  # type: ignore[call-overload]
        lex = set(triggers.topics_of_lexicons(str(r["text"])))
        both = set(triggers.topics_with(str(r["text"]), model))
        for key, pred in (("lexicons", lex), ("with model", both)):
            counts[key]["tp"] += len(pred & gold)
            counts[key]["fp"] += len(pred - gold)
            counts[key]["fn"] += len(gold - pred)
    cells = []
    for key, c in counts.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        rec = c["tp"] / max(1, c["tp"] + c["fn"])
        cells.append(f"{key}: P={p:.3f} R={rec:.3f}")
    print(f"  {name:28s} " + " | ".join(cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="retrain and compare with the shipped file")
    args = parser.parse_args()
    rows = training_rows()
    print(f"training on {len(rows)} rows: " + ", ".join(p.name for p in training_files()))
    spec = train(rows)
    text = json.dumps(spec, sort_keys=True, separators=(",", ":")) + "\n"
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("shipped model matches a retrain" if same else "shipped model DIFFERS from a retrain")
        return 0 if same else 1
    model = linear_model.from_dict(spec)
    print("never trained on:")
    for path in [DEV, *sorted(DATA.glob("triggers_eval_*.jsonl"))]:
        if path.exists():
            report(path.name, load(path), model)  # type: ignore[arg-type]
    OUT.write_text(text, encoding="utf-8")
    n = sum(len(c["weights"]) for c in spec["classes"].values())  # type: ignore[attr-defined]
    print(f"wrote {OUT.relative_to(ROOT)} ({n} weights, {len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

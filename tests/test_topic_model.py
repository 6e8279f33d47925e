"""The linear model beside the trigger-topic lexicons (``models/topics.json``).

It may only add topics, keeps the lexicon's labelling rules for the two
topics that have them (relapse details come with what the relapse involved
and never for an urge resisted; overdose and death only when substance-related),
is reproduced byte for byte by its training script, and holds its figures on
a set it never saw (``tests/data/triggers_eval_*.jsonl``) and on the dev set.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from peerhub.moderation import linear_model, triggers

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def _rows(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _micro(rows: list[dict[str, object]], judge: object) -> tuple[float, float]:
    tp = fp = fn = 0
    for r in rows:
        gold = set(r["topics"])  # type: ignore[call-overload]
        pred = set(judge(str(r["text"])))  # type: ignore[operator]
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def test_shipped_topic_model_is_what_the_training_script_produces() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "train_topic_model.py"), "--check"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr


def test_topic_model_covers_every_topic_with_words_and_pairs_only() -> None:
    model = linear_model.load("topics")
    assert model is not None
    assert set(model.classes) == set(triggers.TOPIC_IDS)
    for cls in model.classes.values():
        assert all(key.count(" ") <= 1 for key in cls.weights)


@pytest.mark.parametrize("text", [
    "grabbed a cold one after work",
    "my therapist says restricting before weigh-ins is the ED voice talking",
    "shot a video of my dog",
    "good meeting tonight, see you all tomorrow",
])
def test_the_model_only_adds_topics(text: str) -> None:
    assert triggers.topics_of_lexicons(text) <= triggers.topics_of(text)


def test_rules_the_model_must_keep(monkeypatch: pytest.MonkeyPatch) -> None:
    model = linear_model.load("topics")
    assert model is not None

    def sure_of(topic: str) -> linear_model.LinearModel:
        """A model certain of ``topic`` for every message, and of nothing else."""
        return linear_model.LinearModel(model.kind, {
            t: linear_model.LinearClass(30.0 if t == topic else -30.0, {}) for t in model.classes},
            model.thresholds, model.meta)

    relapse, overdose = sure_of("relapse_details"), sure_of("overdose_and_death")
    resisted = "sat in the casino parking lot an hour, then called my sponsor instead and drove home"
    assert "relapse_details" not in triggers.topics_with(resisted, relapse)
    assert "relapse_details" not in triggers.topics_with("the night it all came apart again", relapse)
    assert "relapse_details" in triggers.topics_with("the night it all came apart again at the casino", relapse)
    assert "overdose_and_death" not in triggers.topics_with("woke up in the ICU after my heart surgery", overdose)
    assert "overdose_and_death" in triggers.topics_with("found him blue after he used fent", overdose)
    assert triggers.topics_with("anything", None) == triggers.topics_of_lexicons("anything")


def test_dev_set_gate_holds_with_the_model() -> None:
    rows = _rows(ROOT.parent / "shared" / "data" / "triggers_dev.jsonl")
    precision, recall = _micro(rows, triggers.topics_of)
    assert precision >= 0.90
    assert recall >= 0.90


@pytest.mark.parametrize("path", sorted(DATA.glob("triggers_eval_*.jsonl")), ids=lambda p: p.name)
def test_blind_topic_set_never_trained_on(path: Path) -> None:
    """Measured when the model shipped: lexicons P 0.967 / R 0.730, with the
    model P 0.949 / R 0.781. The floors are a regression guard."""
    rows = _rows(path)
    _, lex_recall = _micro(rows, triggers.topics_of_lexicons)
    precision, recall = _micro(rows, triggers.topics_of)
    assert recall > lex_recall
    assert recall >= 0.76
    assert precision >= 0.93


def test_sealed_sets_are_not_in_the_topic_training_data() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import train_topic_model
    finally:
        sys.path.remove(str(ROOT / "bench"))
    trained = {r["text"] for r in train_topic_model.training_rows()}
    assert all(not p.name.startswith("triggers_eval_") for p in train_topic_model.training_files())
    assert not trained & train_topic_model.sealed_texts()

"""The linear model beside the crisis rules (``moderation/linear_model.py``).

What it must do: raise verdicts the rules miss (never lower one), come from
the committed training data and script (a retrain reproduces the shipped
file byte for byte), carry no message text, and hold its figures on a
blind set it was never trained on (``tests/data/crisis_eval_*.jsonl``,
written by people who had not seen the rules or the model) and on the
issue's dev set.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from peerhub.moderation import crisis, linear_model

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
DEV = ROOT.parent / "shared" / "data" / "crisis_dev.jsonl"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _figures(rows: list[dict[str, str]], judge: object) -> tuple[float, float]:
    scored = [r for r in rows if r["label"] != "ambiguous"]
    crisis_rows = [r for r in scored if r["label"] == "crisis"]
    safe_rows = [r for r in scored if r["label"] == "safe"]
    hit = [judge(r["text"]).level is crisis.Level.CRISIS for r in crisis_rows]  # type: ignore[operator]
    false = [judge(r["text"]).level is crisis.Level.CRISIS for r in safe_rows]  # type: ignore[operator]
    return sum(hit) / len(hit), sum(false) / len(false)


def test_shipped_model_is_what_the_training_script_produces() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "train_models.py"), "--check"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr


def test_model_file_holds_single_words_and_word_pairs_only() -> None:
    model = linear_model.load("crisis")
    assert model is not None
    assert set(model.classes) == {"crisis", *crisis.CATEGORIES}
    for cls in model.classes.values():
        assert cls.weights
        assert all(key.count(" ") <= 1 and len(key) <= 64 for key in cls.weights)
    assert 0.5 <= model.thresholds["concern"] < model.thresholds["crisis"] < 1.0


def test_the_model_raises_what_the_rules_miss_and_says_so() -> None:
    # Written for this test: a farewell with no phrase the rules know as a crisis on its own.
    text = "honestly dont see myself here by christmas and ive made peace with it"
    assert crisis.assess_rules(text).level is not crisis.Level.CRISIS
    result = crisis.assess(text)
    assert result.level is crisis.Level.CRISIS
    assert "model.crisis" in result.evidence
    assert result.category in crisis.CATEGORIES


@pytest.mark.parametrize("text", [
    "killing it at work today, so proud of this team",
    "I am not suicidal, just so tired of this craving",
    "three years ago I overdosed and today I got my chip",
    "my doctor moved my methadone to 80mg and I feel steady",
    "died to the same boss like forty times last night lol",
])
def test_ordinary_recovery_talk_stays_quiet(text: str) -> None:
    assert crisis.assess(text).level is crisis.Level.NONE


def test_the_model_never_lowers_a_rule_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "I have the pills counted out and I'm taking them tonight"
    assert crisis.assess_rules(text).level is crisis.Level.CRISIS
    model = linear_model.load("crisis")
    assert model is not None
    silent = linear_model.LinearModel(model.kind, {
        name: linear_model.LinearClass(-30.0, {}) for name in model.classes}, model.thresholds, model.meta)
    monkeypatch.setattr(linear_model, "load", lambda kind: silent)
    assert crisis.assess(text) == crisis.assess_rules(text)
    assert crisis.assess("honestly dont see myself here by christmas and ive made peace with it").level \
        is not crisis.Level.CRISIS


def test_without_a_model_file_the_rules_decide_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linear_model, "load", lambda kind: None)
    for text in ("honestly dont see myself here by christmas and ive made peace with it",
                 "I have the pills counted out and I'm taking them tonight", "good meeting tonight"):
        assert crisis.assess(text) == crisis.assess_rules(text)


def test_dev_set_gate_holds_with_the_model() -> None:
    recall, fpr = _figures(_rows(DEV), crisis.assess)
    assert recall >= 0.95
    assert fpr <= 0.05


@pytest.mark.parametrize("path", sorted(DATA.glob("crisis_eval_*.jsonl")), ids=lambda p: p.name)
def test_blind_set_never_trained_on(path: Path) -> None:
    """Rules alone caught 0.64 of this set's crises (FPR 0.053) before the model.
    The floor below is the figure measured when the set arrived, less a margin:
    it is a regression guard, not a target (see bench/README.md)."""
    rows = _rows(path)
    rules_recall, _ = _figures(rows, crisis.assess_rules)
    recall, fpr = _figures(rows, crisis.assess)
    assert recall >= rules_recall
    assert recall >= 0.85
    assert fpr <= 0.08


def test_never_trained_on_sets_are_not_in_the_training_data() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import train_models
    finally:
        sys.path.remove(str(ROOT / "bench"))
    trained = {r["text"] for r in train_models.training_rows()}
    assert all(not p.name.startswith("crisis_eval_") for p in train_models.training_files())
    sealed = [r["text"] for p in DATA.glob("crisis_eval_*.jsonl") for r in _rows(p)] + [r["text"] for r in _rows(DEV)]
    assert sealed
    assert not trained.intersection(sealed)

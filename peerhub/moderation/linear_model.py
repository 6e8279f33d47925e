"""Small linear text models that sit beside the hand-written detectors.

The crisis rules (``crisis_lexicon*``) are precise but miss phrasings nobody
wrote a family for; a blind probe showed a bag-of-words logistic model,
trained on labelled sets written for this project, catching many of them.
This module is the model's whole runtime: features and scoring, pure and
fast (a few dozen dict lookups per message), no third-party code.

A model file is JSON written by ``bench/train_models.py``::

    {"kind": "crisis", "version": 1, "trained_on": [...], "classes": {
        "crisis": {"bias": -2.1, "weights": {"pills": 0.8, "took all": 1.3, ...}},
        ...}, "thresholds": {...}}

Features are each token and each adjacent pair of tokens (``"a b"``). The
crisis model takes the tokens of the detector's matching form (``normalize``
then ``crisis_prep.prepare_words``), so obfuscation, slang and emoji are undone
before it sees the text; the topic model takes the ``normalize``-d text.
Weights hold only features seen in training; the files carry no message text
beyond single words and word pairs.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

MODELS = Path(__file__).resolve().parent / "models"
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ZEROS = itertools.repeat(0.0)


def features(form: str) -> set[str]:
    """The features of a text already in matching form (lower case): each
    token, and each adjacent pair as ``"a b"`` (the space keeps them apart)."""
    return features_of_tokens(_TOKEN.findall(form))


def features_of_tokens(toks: list[str]) -> set[str]:
    """``features`` for a text already split into tokens, in order."""
    out = set(toks)
    out.update(map(" ".join, itertools.pairwise(toks)))
    return out


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class LinearClass:
    """One binary decision: ``probability = sigmoid(bias + sum of weights)``."""

    bias: float
    weights: dict[str, float]

    def probability(self, feats: Collection[str]) -> float:
        return sigmoid(self.bias + sum(map(self.weights.get, feats, _ZEROS)))


@dataclass(frozen=True, slots=True)
class LinearModel:
    kind: str
    classes: dict[str, LinearClass]
    thresholds: dict[str, float]
    meta: dict[str, Any]


def from_dict(data: dict[str, Any]) -> LinearModel:
    classes = {
        name: LinearClass(float(spec["bias"]), {str(k): float(v) for k, v in spec["weights"].items()})
        for name, spec in data["classes"].items()
    }
    meta = {k: v for k, v in data.items() if k not in ("classes", "thresholds")}
    return LinearModel(str(data["kind"]), classes, {k: float(v) for k, v in data["thresholds"].items()}, meta)


@cache
def load(kind: str) -> LinearModel | None:
    """The shipped model ``models/<kind>.json``; None when it is absent."""
    path = MODELS / f"{kind}.json"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as f:
        return from_dict(json.load(f))

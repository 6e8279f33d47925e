"""The XSS payload corpus, shared by the sanitiser tests and the browser tests.

The corpus lives in ``tests/data/xss_corpus.jsonl``: one JSON object per line
with ``id`` (stable, for test ids), ``category`` and ``payload``. JSON lines
are used because some payloads hold newlines, tabs, NUL and invisible Unicode
characters, which stay visible and reviewable as ``\\uXXXX`` escapes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CORPUS_PATH = Path(__file__).resolve().parent / "data" / "xss_corpus.jsonl"


@dataclass(frozen=True, slots=True)
class XssCase:
    id: str
    category: str
    payload: str


@cache
def load_xss_cases() -> tuple[XssCase, ...]:
    """Every corpus entry in file order; ids are unique."""
    cases: list[XssCase] = []
    for number, line in enumerate(CORPUS_PATH.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not isinstance(row, dict) or not all(
            isinstance(row.get(key), str) for key in ("id", "category", "payload")
        ):
            raise ValueError(f"{CORPUS_PATH.name}:{number}: expected id, category and payload strings")
        cases.append(XssCase(row["id"], row["category"], row["payload"]))
    return tuple(cases)


def load_xss_corpus() -> list[str]:
    """The payloads alone, in file order."""
    return [case.payload for case in load_xss_cases()]

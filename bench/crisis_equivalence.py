"""Check that a change to the crisis detector leaves every verdict as it was.

Usage::

    .venv/bin/python bench/crisis_equivalence.py record /tmp/crisis_verdicts.json   # before the change
    .venv/bin/python bench/crisis_equivalence.py check /tmp/crisis_verdicts.json    # after it

``record`` also writes the texts beside the record (``.texts.json``) so that
``check`` judges exactly the same texts; keep both outside the repository.

The texts: every row of the crisis dev set and of ``tests/data/crisis_*``,
``triggers_*`` and ``personal_details.jsonl``, every string literal in
``tests/test_crisis*.py``, the benchmark's synthetic messages, and seeded
recombinations of all of these (sentences of different texts joined, word
windows spliced, words shuffled). For each text it keeps what the rules say
(level, category, evidence, and whether a matched phrase was discounted by
its sentence) and the verdict of ``assess`` with the model, keyed by a hash
of the text.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from peerhub.moderation import crisis, crisis_prep, normalize  # noqa: E402

DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared" / "data" / "crisis_dev.jsonl"
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;\n])\s+")


def _jsonl_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def _test_literals() -> list[str]:
    """String literals of the crisis tests (the parametrized phrasings)."""
    out: list[str] = []
    for path in sorted((ROOT / "tests").glob("test_crisis*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value:
                out.append(node.value)
    return out


def base_texts() -> list[str]:
    paths = sorted(DATA.glob("crisis_*.jsonl")) + sorted(DATA.glob("triggers_*.jsonl"))
    paths.append(DATA / "personal_details.jsonl")
    if SHARED.exists():
        paths.append(SHARED)
    texts = [t for p in paths for t in _jsonl_texts(p)]
    return texts + _test_literals()


def recombinations(texts: list[str], n: int, seed: int = 20261124) -> list[str]:
    """Seeded mixtures of ``texts``: joined sentences, spliced and shuffled words."""
    rng = random.Random(seed)
    sentences = [s for t in texts for s in _SENTENCE_SPLIT.split(t) if s.strip()]
    out: list[str] = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            out.append(" ".join(rng.choice(sentences) for _ in range(rng.randint(2, 4))))
        elif kind == 1:
            a, b = rng.choice(texts).split(), rng.choice(texts).split()
            out.append(" ".join(a[: rng.randint(0, len(a))] + b[rng.randint(0, len(b)):]))
        elif kind == 2:
            words = rng.choice(texts).split()
            rng.shuffle(words)
            out.append(" ".join(words))
        else:
            pool = [w for _ in range(3) for w in rng.choice(texts).split()]
            out.append(" ".join(rng.choice(pool) for _ in range(rng.randint(5, 40))))
    return out


def all_texts(n_mixed: int = 5000) -> list[str]:
    texts = base_texts()
    synthetic: list[str] = []
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import crisis_eval

        for seed in range(3):
            synthetic += crisis_eval._synthetic_messages(2000, seed=seed)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return texts + recombinations(texts, n_mixed) + synthetic


def verdicts(texts: list[str]) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    for text in texts:
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
        form, tokens = crisis_prep.prepare_tokens(normalize.normalize(text))
        rules, discounted = crisis._assess_form(form, tokens)
        full = crisis.assess(text)
        out[key] = [rules.level.value, rules.category, list(rules.evidence), discounted,
                    full.level.value, full.category, list(full.evidence)]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("record", "check"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--mixed", type=int, default=5000, help="how many seeded recombinations")
    args = parser.parse_args(argv)
    if args.mode == "check":
        # The very texts of the record: data files may have changed since.
        texts = json.loads(args.path.with_suffix(".texts.json").read_text(encoding="utf-8"))
    else:
        texts = all_texts(args.mixed)
        args.path.with_suffix(".texts.json").write_text(json.dumps(texts), encoding="utf-8")
    now: dict[str, object] = dict(verdicts(texts))
    model_file = ROOT / "peerhub" / "moderation" / "models" / "crisis.json"
    now["model-file"] = hashlib.sha256(model_file.read_bytes()).hexdigest()[:24]
    flagged = sum(isinstance(v, list) and v[0] != "none" for v in now.values())
    if args.mode == "record":
        args.path.write_text(json.dumps(now, sort_keys=True), encoding="utf-8")
        print(f"recorded {len(now)} distinct texts ({len(texts)} in all, {flagged} with a rules verdict)")
        return 0
    before = json.loads(args.path.read_text(encoding="utf-8"))
    if before.get("model-file") != now["model-file"]:
        print("warning: models/crisis.json changed since the record; compare the rules' part only")
    # Texts added to tests/data since the record are not compared.
    common = (now.keys() & before.keys()) - {"model-file"}
    changed = [k for k in sorted(common) if now[k] != before[k]]
    rules_changed = [k for k in changed if now[k][:4] != before[k][:4]]  # type: ignore[index]
    print(f"compared {len(common)} distinct texts ({flagged} with a rules verdict): {len(changed)} changed "
          f"({len(rules_changed)} in the rules' part); {len(now.keys() ^ before.keys())} in one record only")
    for k in changed[:20]:
        print(f"  {k}: {before[k]} -> {now[k]}")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())

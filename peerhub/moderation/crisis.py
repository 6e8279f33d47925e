"""Crisis detector: does a message need the crisis card and a facilitator?

``assess(text)`` is pure and fast (compiled once at import; tens of
microseconds per message). It returns a ``CrisisResult`` whose ``level`` is
``none``, ``concern`` or ``crisis``; only ``crisis`` escalates (the writer
sees the crisis card, on-duty facilitators are alerted). ``evidence`` holds
rule ids such as ``"suicide.wish_die"``, never the user's words, so it may be
stored with the message.

How it decides:
1. The text is put in matching form: ``normalize`` (look-alikes, leetspeak,
   spaced and repeated letters, zero-width characters) then
   ``crisis_prep.prepare`` (slang, masked words, emoji).
2. Phrase families (``crisis_lexicon*``) are matched; every match is judged
   in its own sentence: dropped when negated in its clause, when the sentence
   is about a resolved past, or (unless the rule is an explicit first-person
   statement) when the sentence is educational, hypothetical or media talk.
   Laughter markers cap a match at a warning sign. A message that says an
   urge was resisted or the means removed ("threw out every blade") drops
   urges and loose suicide/self-harm families.
   Which rules run (a message holds anchors of a dozen rules on average,
   and each scan of a large pattern costs microseconds): a rule is a
   candidate only when the message holds one of its ``anchors`` (whole
   tokens every match contains; ``tests/test_crisis.py`` checks the
   promise). Of a candidate's top-level branches, only those whose word
   sets (derived from the pattern itself by ``crisis_branches``) are all met
   by the message's words are scanned, as one alternation compiled once per
   combination; a rule with no branch left is not scanned. Both gates only
   skip scans that could not match, so the matches are the same as scanning
   every rule (``bench/crisis_equivalence.py`` compares verdicts).
3. A weight-2 match, two distinct warning signs anywhere in the message, or a
   dangerous combination (recent use or a stimulant binge + overdose
   symptoms; a binge + psychosis; stopping alcohol or benzodiazepines + severe
   withdrawal symptoms) is a crisis; a single warning sign is a concern.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum

from peerhub.moderation import linear_model
from peerhub.moderation.crisis_branches import Branches, words_of
from peerhub.moderation.crisis_context import (
    Frame,
    coped,
    frame_of,
    joke_near,
    negated,
    negated_after,
    quoted_media,
    urge_only,
)
from peerhub.moderation.crisis_lexicon import (
    OVERDOSE,
    SELF_HARM_RULES,
    SUICIDE,
    SUICIDE_RULES,
    Rule,
)
from peerhub.moderation.crisis_lexicon_medical import (
    DANGER_RULES,
    OVERDOSE_RULES,
    TAG_OD_SYMPTOM,
    TAG_RULES,
    TAG_USE,
    TAG_WD_SYMPTOM,
    TAG_WITHDRAWAL,
)
from peerhub.moderation.crisis_lexicon_plain import PLAIN_RULES
from peerhub.moderation.crisis_lexicon_signs import SIGN_RULES, STIM_RULES, TAG_STIM
from peerhub.moderation.crisis_lexicon_veiled import VEILED_RULES
from peerhub.moderation.crisis_prep import prepare_tokens, prepare_words
from peerhub.moderation.normalize import normalize

CATEGORIES = ("suicide_self_harm", "overdose_medical", "danger_others")


class Level(StrEnum):
    """How urgent a message is; only ``CRISIS`` escalates."""

    NONE = "none"
    CONCERN = "concern"
    CRISIS = "crisis"


@dataclass(frozen=True, slots=True)
class CrisisResult:
    """The detector's verdict on one message.

    ``category`` is one of ``CATEGORIES`` when ``level`` is not ``none``.
    ``evidence`` is a sorted tuple of rule ids (safe to store; no user text).
    """

    level: Level
    category: str | None
    evidence: tuple[str, ...]

    @property
    def escalates(self) -> bool:
        """True when the crisis card and the facilitator alert are due."""
        return self.level is Level.CRISIS


NO_CRISIS = CrisisResult(Level.NONE, None, ())

_USE_SYMPTOMS = Rule("overdose.use_symptoms", OVERDOSE, 2, "", "")
_WITHDRAWAL = Rule("withdrawal.severe", OVERDOSE, 2, "", "")


_RULES: tuple[Rule, ...] = (
    SUICIDE_RULES + SELF_HARM_RULES + SIGN_RULES + VEILED_RULES + OVERDOSE_RULES + DANGER_RULES + TAG_RULES + STIM_RULES
    + PLAIN_RULES
)
_COMPILED: tuple[re.Pattern[str], ...] = tuple(re.compile(rule.pattern) for rule in _RULES)
_BRANCHES: tuple[Branches, ...] = tuple(Branches(rx) for rx in _COMPILED)


def _anchor_index(rules: tuple[Rule, ...]) -> dict[str, tuple[int, ...]]:
    """Map each anchor token to the indexes of the rules it may start."""
    index: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        for token in rule.anchors.split():
            index.setdefault(token, []).append(i)
    return {token: tuple(ids) for token, ids in index.items()}


_ANCHORS = _anchor_index(_RULES)
_ANCHOR_TOKENS = frozenset(_ANCHORS)
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;\n]*")


def _sentences(form: str) -> tuple[list[int], list[str]]:
    starts: list[int] = []
    texts: list[str] = []
    for m in _SENTENCE.finditer(form):
        starts.append(m.start())
        texts.append(m.group(0))
    return starts, texts


def assess(text: str) -> CrisisResult:
    """Judge one message or post: the rules, then the model beside them.

    The model (``linear_model``, ``models/crisis.json``) can only raise a
    verdict: to ``crisis`` at its ``crisis`` threshold when the rules found a
    warning sign, at its higher ``crisis_alone`` threshold when they found
    nothing; to ``concern`` (quiet review) at its ``concern`` threshold. Where the rules matched a phrase and
    their sentence context discounted it ("I'm not suicidal", a song quote, a
    resolved past), the model can raise it to a concern at most. Its evidence
    id is ``model.crisis`` or ``model.concern``; its category comes from the
    model's category classes."""
    return assess_with(text, linear_model.load("crisis"))


def assess_with(text: str, model: linear_model.LinearModel | None) -> CrisisResult:
    """``assess`` with a given model (None: the rules alone); for training and tests."""
    form, words = prepare_words(normalize(text))
    result, discounted = _assess_form(form, frozenset(words))
    if result.level is Level.CRISIS or model is None:
        return result
    feats = linear_model.features_of_tokens(words)
    p = model.classes["crisis"].probability(feats)
    # Alone, the model needs more certainty than beside a warning sign the rules found.
    needed = model.thresholds["crisis"] if result.level is Level.CONCERN else model.thresholds["crisis_alone"]
    if p >= needed and not discounted:
        level = Level.CRISIS
    elif p >= model.thresholds["concern"] and result.level is Level.NONE:
        level = Level.CONCERN
    else:
        return result
    category = result.category or max(CATEGORIES, key=lambda c: model.classes[c].probability(feats))
    evidence = tuple(sorted({*result.evidence, f"model.{level.value}"}))
    return CrisisResult(level, category, evidence)


def assess_rules(text: str) -> CrisisResult:
    """The hand-written rules alone (for evaluation: what the model adds)."""
    return _assess_form(*prepare_tokens(normalize(text)))[0]


def _assess_form(form: str, tokens: frozenset[str]) -> tuple[CrisisResult, bool]:
    """The rules' verdict, and whether a weighted phrase matched but its own
    sentence discounted it (negated, resolved past, media or educational talk,
    a quote, an urge resisted): the model then may not overrule that."""
    candidates: set[int] = set()
    for token in _ANCHOR_TOKENS.intersection(tokens):
        candidates.update(_ANCHORS[token])
    raw: list[tuple[int, int, Rule]] = []
    words = words_of(tokens) if candidates else frozenset()
    for i in candidates:
        pattern = _BRANCHES[i].pattern_for(words)
        if pattern is not None:
            rule = _RULES[i]
            raw.extend((m.start(), m.end(), rule) for m in pattern.finditer(form))
    if not raw:
        return NO_CRISIS, False

    starts, texts = _sentences(form)
    frames: dict[int, Frame] = {}
    weights: dict[str, int] = {}
    first: dict[str, tuple[int, Rule]] = {}
    tags: set[str] = set()
    raw.sort(key=lambda hit: hit[0])
    resisted: bool | None = None
    discounted = False
    for pos, end, rule in raw:
        idx = max(0, bisect_right(starts, pos) - 1)
        sentence = texts[idx] if texts else form
        frame = frames.get(idx)
        if frame is None:
            frame = frames[idx] = frame_of(sentence)
        if frame.past or frame.discussion or (frame.general and not rule.robust):
            discounted = discounted or rule.weight > 0
            continue
        offset = starts[idx] if starts else 0
        if negated(sentence, pos - offset) or negated_after(sentence, end - offset):
            discounted = discounted or rule.weight > 0
            continue
        if "'" in sentence or '"' in sentence:
            if quoted_media(form, pos):
                discounted = discounted or rule.weight > 0
                continue
        if rule.category == SUICIDE:
            if resisted is None:
                resisted = coped(form)
            if resisted and (not rule.robust or urge_only(sentence)):
                discounted = discounted or rule.weight > 0
                continue
        if rule.weight == 0:
            tags.add(rule.name)
            continue
        weight = 1 if frame.joke and joke_near(sentence, pos - offset, end - offset) else rule.weight
        # Two separate warning phrases of one family count twice, no more.
        previous = weights.get(rule.name, 0)
        weights[rule.name] = max(previous, weight, min(previous + weight, 2))
        first.setdefault(rule.name, (pos, rule))

    used = TAG_USE in tags or TAG_STIM in tags
    if (used and (TAG_OD_SYMPTOM in tags or "overdose.fell_out" in weights)) or (
        TAG_STIM in tags and TAG_WD_SYMPTOM in tags
    ):
        weights[_USE_SYMPTOMS.name] = 2
        first[_USE_SYMPTOMS.name] = (len(form), _USE_SYMPTOMS)
    if TAG_WITHDRAWAL in tags and TAG_WD_SYMPTOM in tags:
        weights[_WITHDRAWAL.name] = 2
        first[_WITHDRAWAL.name] = (len(form), _WITHDRAWAL)
    if not weights:
        return NO_CRISIS, discounted

    top = max(weights.values())
    total = sum(weights.values())
    level = Level.CRISIS if top >= 2 or total >= 2 else Level.CONCERN
    # The category of the heaviest, earliest match.
    _, lead = min(first.values(), key=lambda pr: (-weights[pr[1].name], pr[0]))
    return CrisisResult(level, lead.category, tuple(sorted(weights))), discounted

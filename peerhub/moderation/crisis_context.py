"""Sentence frames that change what a crisis phrase means.

A phrase family match is judged inside its own sentence (and, for negation,
its own clause), so one dangerous sentence in a long ordinary post still
counts and a negation or a resolved past in another sentence never hides it.

* ``negated``: a negator shortly before the match in the same clause ("I'm
  not suicidal", "no thoughts of self-harm", "I don't want to die"), or a
  reported question ("my therapist asked if I want to hurt myself").
* ``Frame.past``: the sentence is about a resolved past ("two years ago",
  "used to", "back when I was drinking", "at my worst", "in 2019") and says
  nothing about now ("tonight", "right now", "again").
* ``Frame.general``: educational, harm-reduction, hypothetical or media talk
  ("signs of an overdose", "if someone tells you", "suicide prevention walk",
  "the movie had an overdose scene", "I died to the final boss").
* ``Frame.joke``: laughter markers ("lol", "haha", "😂"), which turn hyperbole
  into a warning sign at most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|a few|a couple(?: of)?|couple)"

_PAST = re.compile(
    rf"\b{_NUM} (?:years?|yrs?|months?|decades?) (?:ago|back|later|since|now|clean|sober|in recovery)\b"
    rf"|\b(?:years?|months?) ago\b|\bused to\b|\bback (?:when|then|in the day)\b"
    r"|\bwhen i was (?:still )?(?:using|drinking|in active|active|younger|a (?:kid|teen|teenager)|in my addiction|"
    r"\d+|at my worst|sick|on the streets|in high school|in college)\b|\bat my (?:worst|lowest|rock bottom)\b"
    r"|\bin my (?:active |old |last |using |drinking |worst )?(?:addiction|days|relapse|using days|drinking days|"
    r"years)\b|\b(?:in|since|back in|during) (?:19|20)\d\d\b|\blast (?:spring|summer|fall|autumn|winter|year)\b"
    r"|\banniversary\b|\b(?:years?|months?) (?:clean|sober|free)\b|\bmy (?:first|last|old|previous) (?:detox|rehab|"
    r"attempt|overdose|relapse|time in)\b|\bi remember (?:being|when|the)\b|\bthat was (?:\w+ ){0,3}ago\b"
    r"|\bi survived\b|\bin the past\b|\bthe old me\b|\bi (?:would|'d) (?:often|always) \w+ when\b"
    r"|\bwhen i was using\b|\bmy story\b|\bwas revived\b|\bi'm so glad i'm still here\b"
)
_PRESENT = re.compile(
    r"\b(?:right now|tonight|again|currently|at the moment|this time|as we speak|still (?:bleeding|not|want|have|"
    r"feel|think)|just now|an hour ago|minutes? ago|today i (?:want|took|tried|cut|bought))\b"
)
# Talk about crisis in general (education, harm reduction, media, games):
# cancels the looser families, not explicit first-person statements.
_GENERAL = re.compile(
    r"\b(?:signs? (?:of|that)|symptoms? of|prevention|awareness|training|trainer|workshop|seminar|can cause|"
    r"causes? of|common causes|risk of|how to (?:help|spot|recogni[sz]e|respond|support|talk)|what to do (?:if|when)|"
    r"did you know|reminder|article|resources? (?:tab|page|list)|research|statistics|good samaritan|test strips?|"
    r"never use alone|safety plan|recovery position|"
    r"narcan (?:saves|training|kits?)|naloxone (?:saves|training|kits?)|carry (?:narcan|naloxone)|"
    r"give (?:narcan|naloxone)|hotline|helpline|crisis line|988|in the news|news story|"
    r"movie|film|song|lyrics?|album|novel|episode|documentary|podcast|netflix|"
    r"(?:the|a|this|that|tv|new|video|my favorite) (?:show|series|book|scene|character|game|level|class|paper|thread)|"
    r"gaming|boss fight|final boss|respawn|permadeath|multiplayer|dungeon|minecraft|fortnite|elden ring|"
    r"call of duty|cod|romeo|shakespeare|true crime|murder mystery)\b"
)
# Hypothetical, reported or discussion frames: cancel every family unless
# the sentence also speaks of now ("tonight", "right now", "again").
_DISCUSSION = re.compile(
    r"\b(?:if (?:someone|somebody|a friend|a loved one|your|you|they|a person|anyone)|someone who|anyone who|"
    r"those who|people who (?:are|feel|have)|(?:asked|ask) (?:them|him|her|someone|people) (?:directly|if|whether)|"
    r"when someone|what happens if|the difference between|we talked about|talked about the|isn't always about|"
    r"(?:a|the) story about|writing (?:a|my) (?:paper|essay))\b"
)
_JOKE = re.compile(
    r"(?<!not )(?<!no )\b(?:lol+|lmao+|lmfao+|rofl|haha\w*|hehe\w*|jk|j/k|just kidding|kidding|jokingly|"
    r"not literally|apparently)\b|😂|🤣|😆|😅|🙃|😜|😹|/s\b"
)
_NEGATOR = re.compile(
    r"\b(?:not|never|no|don't|do not|didn't|did not|won't|will not|wouldn't|isn't|aren't|ain't|nor|without|"
    r"nothing like|nowhere near)\s+((?:[\w']+\s+){0,3})$"
)
# Words after a negator that keep the statement positive ("can't stop",
# "not sure", "no longer").
_NEGATION_BREAKERS = frozenset(
    {"stop", "sure", "longer", "help", "wait", "know", "understand", "care", "ok", "okay", "fine", "even", "one"}
)
_REPORTED = re.compile(r"\b(?:asked|asks|asking) (?:me )?(?:if|whether)\s+(?:[\w']+\s+){0,4}$")
_CLAUSE_BREAK = re.compile(r".*(?:[,:;()\-–—]|\bbut\b|\bthough\b|\bbecause\b|\bso\b)\s*", re.S)


@dataclass(frozen=True, slots=True)
class Frame:
    """What kind of talk one sentence is."""

    past: bool
    general: bool
    discussion: bool
    joke: bool


def frame_of(sentence: str) -> Frame:
    """Classify one sentence of crisis form text."""
    now = bool(_PRESENT.search(sentence))
    return Frame(
        past=not now and bool(_PAST.search(sentence)),
        general=bool(_GENERAL.search(sentence)),
        discussion=not now and bool(_DISCUSSION.search(sentence)),
        joke=bool(_JOKE.search(sentence)),
    )


def negated(sentence: str, start: int) -> bool:
    """True when the phrase starting at ``start`` is negated in its clause."""
    prefix = sentence[max(0, start - 60):start]
    cut = _CLAUSE_BREAK.match(prefix)
    if cut:
        prefix = prefix[cut.end():]
    if _REPORTED.search(prefix):
        return True
    m = _NEGATOR.search(prefix)
    if not m:
        return False
    following = m.group(1).split()
    return not (following and following[0] in _NEGATION_BREAKERS) and "longer" not in following[:1]

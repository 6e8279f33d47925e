"""Sentence frames that change what a crisis phrase means.

A phrase family match is judged inside its own sentence (and, for negation,
its own clause), so one dangerous sentence in a long ordinary post still
counts and a negation or a resolved past in another sentence never hides it.

* ``negated``: a negator shortly before the match in the same clause ("I'm
  not suicidal", "no thoughts of self-harm", "I don't want to die"), or a
  reported question ("my therapist asked if I want to hurt myself").
* ``Frame.past``: the sentence is about a resolved past ("two years ago",
  "used to", "back when I was drinking", "at my worst", "in 2019") and says
  nothing about now ("tonight", "right now", "again"); "three years ago
  tonight" dates an anniversary and is not now.
* ``Frame.general``: educational, harm-reduction, hypothetical or media talk
  ("signs of an overdose", "if someone tells you", "suicide prevention walk",
  "the movie had an overdose scene", "I died to the final boss").
  A negator inside a condition ("if I don't answer, tell my sponsor ...")
  stays in the condition; "and" ends a clause. A preference ("I'd rather
  jump off a bridge than sit through that meeting") is not intent either.
* ``negated_after``: "hurting myself is not on the table".
* ``coped``: the message says an urge was resisted or the means removed
  ("called my sponsor instead", "threw out every blade"); urges and loose
  self-harm families then do not escalate.
* ``Frame.joke``: laughter markers ("lol", "haha", "😂"), which turn hyperbole
  into a warning sign at most; ``joke_near`` scopes them to the words around
  the match, so a "lol" at the end of a long run-on post does not soften a
  sincere sentence in its middle.
* ``quoted_media``: a match inside quotation marks in a message about a song,
  film, book or show is a quote ("the line 'I hurt myself today'"), not the
  writer's own statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|a few|a couple(?: of)?|couple)"

_PAST = re.compile(
    rf"\b{_NUM} (?:years?|yrs?|months?|decades?) (?:ago|back|later|since|now|clean|sober|in recovery|(?:this|next|come) "
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|fall|"
    r"autumn|winter|month|week))\b"
    rf"|\b(?:years?|months?) ago\b|\bused to\b|\bback (?:when|then|in the day)\b"
    r"|\bwhen i was (?:still )?(?:using|drinking|in active|active|younger|a (?:kid|teen|teenager)|in my addiction|"
    r"\d+|at my worst|sick|on the streets|in high school|in college)\b|\bat my (?:worst|lowest|rock bottom)\b"
    r"|\bin my (?:active |old |last |using |drinking |worst )?(?:addiction|days|relapse|using days|drinking days|"
    r"years)\b|\b(?:in|since|back in|during) (?:19|20)\d\d\b|\blast (?:spring|summer|fall|autumn|winter|year)\b"
    r"|\banniversary\b|\b(?:years?|months?) (?:clean|sober|free)\b|\bmy (?:first|last|old|previous) (?:detox|rehab|"
    r"attempt|overdose|relapse|time in)\b|\bi remember (?:being|when|the)\b|\bthat was (?:\w+ ){0,3}ago\b"
    r"|\bi survived\b|\bin the past\b|\bthe old me\b|\bi (?:would|'d) (?:often|always) \w+ when\b"
    r"|\bwhen i was using\b|\bmy story\b|\bwas revived\b|\bi'm so glad i'm still here\b"
    r"|\bthere (?:was|were) (?:a )?(?:time|times|point|period|stretch|years?)\b|\bat (?:one|that) point\b"
    r"|\bbefore (?:treatment|rehab|recovery|therapy|i got (?:clean|sober|help)|getting (?:clean|sober|help))\b"
    r"|\b(?:most|all|much) of my (?:teens|twenties|20s|thirties|30s|forties|childhood|youth|adolescence|marriage)\b"
    r"|\b(?:got|pulled|brought) me (?:out of|through) it\b"
    r"|\b(?:remember|recall) (?:when |the (?:night|time|day) (?:when |that )?)i\b|\b(?:in|since|back in|during|summer of) '\d\d\b"
)
# "Three years ago tonight" dates an anniversary: it does not speak of now.
_PRESENT = re.compile(
    r"\b(?:right now|(?<!ago )tonight|again|currently|at the moment|this time|as we speak|still (?:bleeding|not|want|have|"
    r"feel|think)|just now|an hour ago|minutes? ago|(?<!ago )today i (?:want|took|tried|cut|bought))\b"
)
# Talk about crisis in general (education, harm reduction, media, games):
# cancels the looser families, not explicit first-person statements.
_GENERAL = re.compile(
    r"\b(?:signs? (?:of|that|to (?:watch|look))|warning signs?|red flags?|symptoms? of|prevention|awareness|training|trainer|workshop|seminar|can cause|"
    r"what to say to|what to do for|"
    r"causes? of|common causes|risk of|how to (?:help|spot|recogni[sz]e|respond|support|talk)|what to do (?:if|when)|"
    r"did you know|reminder|article|resources? (?:tab|page|list)|research|statistics|good samaritan|test strips?|"
    r"never us(?:e|ing) alone|(?:don't|not) us(?:e|ing) alone|safety plan|recovery position|"
    r"narcan (?:saves|training|kits?)|naloxone (?:saves|training|kits?)|carry (?:narcan|naloxone)|"
    r"give (?:narcan|naloxone)|hotline|helpline|crisis line|988|in the news|news story|"
    r"movie|film|song|lyrics?|album|novel|episode|documentary|podcast|netflix|"
    r"psa|pro ?tip|public service announcement|fyi|taper(?:ing)? (?:off )?(?:with|under) (?:a|your|the) (?:doctor|doc|prescriber)|"
    r"(?:talk to|ask|check with) your (?:doctor|doc|prescriber|pharmacist)|medically supervised|"
    r"(?:the|a|this|that|tv|new|video|my favorite) (?:show|series|book|scene|character|game|level|class|paper|thread)|"
    r"gaming|boss fight|final boss|respawn|permadeath|multiplayer|dungeon|minecraft|fortnite|elden ring|"
    r"call of duty|cod|romeo|shakespeare|true crime|murder mystery)\b"
)
# Hypothetical, reported or discussion frames: cancel every family unless
# the sentence also speaks of now ("tonight", "right now", "again").
_DISCUSSION = re.compile(
    r"\b(?:if (?:someone|somebody|a friend|a loved one|your|you|they|a person|anyone)"
    r"(?! (?:here |in here |on here )?(?:knows?|can|could|sees|wants|needs|finds|reads)\b)|someone who|anyone who|"
    r"those who|people who (?:are|feel|have)|(?:asked|ask) (?:them|him|her|someone|people) (?:directly|if|whether)|"
    r"when someone|what happens if|the difference between|we talked about|talked about the|isn't always about|"
    r"(?:a|the) story about|writing (?:a|my) (?:paper|essay))\b"
)
_JOKE = re.compile(
    r"(?<!not )(?<!no )\b(?:lol+|lmao+|lmfao+|rofl|haha\w*|hehe\w*|jk|j/k|just kidding|kidding|jokingly|"
    r"not literally|apparently)\b|😂|🤣|😆|😅|🙃|😜|😹|/s\b"
)
_NEGATOR = re.compile(
    r"\b(?:not|never|no|zero|don't|do not|didn't|did not|won't|will not|wouldn't|isn't|aren't|ain't|nor|without|"
    r"haven't|hasn't|hadn't|have not|has not|"
    r"nothing like|nowhere near)\s+((?:[\w']+\s+){0,3})$"
)
# Words after a negator that keep the statement positive ("can't stop",
# "not sure", "no longer").
_NEGATION_BREAKERS = frozenset(
    {"stop", "sure", "longer", "help", "wait", "know", "understand", "care", "ok", "okay", "fine", "even", "one"}
)
# A negation after the phrase: "hurting myself is not on the table".
_NEGATED_AFTER = re.compile(
    r"[^,.;!?]{0,40}?\b(?:is|are|was|'s) (?:not|never|off) (?:on the table|an option|happening|the plan)\b"
    r"|[^,.;!?]{0,40}?\b(?:isn't|aren't|is off|are off) (?:on the table|an option|happening|the table)\b"
)
# Coping and means removed: the urge was resisted ("called my sponsor
# instead", "threw out every blade", "the pills are gone").
_COPED = re.compile(
    r"\b(?:threw|thrown|tossed|throw|got rid of|flushed|handed over|gave away|locked up|disposed of) (?:out |away )?"
    r"(?:\w+ ){0,3}?(?:blades?|razors?|lighters?|pills|stash|knives|rope|guns?|meds|supply|box cutters?)\b"
    r"|\b(?:blades?|razors?|lighters?|pills|stash|knives|guns?) (?:are|is) (?:all )?(?:gone|locked up|out of the house)\b"
    r"|\b(?:didn't|did not|never) act on (?:it|them|the urges?)\b|\b(?:rode|riding) (?:it|the urge|the wave) out\b"
    r"|\bthe urges? passed\b|\b(?:called|texted|messaged|reached out to) (?:my )?(?:\w+ )?(?:sponsor|therapist|counselor|"
    r"counsellor|friend|mom|sister|brother|crisis line|988|warmline) instead\b|\binstead of (?:cutting|hurting|burning)\b"
)
_URGE = re.compile(r"\b(?:urges?|wanted to|felt like|thought about|tempted|craving to)\b")

_REPORTED = re.compile(r"\b(?:asked|asks|asking) (?:me )?(?:if|whether|about)\s+(?:[\w']+\s+){0,8}$")
_CLAUSE_BREAK = re.compile(r".*(?:[,:;()\-–—]|\bbut\b|\bthough\b|\bbecause\b|\bso\b|\band\b)\s*", re.S)
# A negator inside a condition ("if I don't answer, ...") belongs to the
# condition, not to what follows it.
_CONDITION = re.compile(r"\b(?:if|unless|when|until|once|in case) (?:i|you|he|she|they|we|it)\s+$")
# "I'd rather jump off a bridge than sit through that": a preference, unless
# the other side is living itself ("rather be dead than live like this").
_RATHER = re.compile(r"\b(?:i'd|i would|id|i'll|would|i) (?:\w+ )?rather\b")
_THAN_LIFE = re.compile(
    r"\bthan (?:\w+ ){0,2}?(?:live|living|be alive|being alive|exist|existing|go on|going on|keep going|wake up|face|feel|"
    r"be here|being here|spend another|another day|stay|staying)\b"
)


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


_COPED_GATE = ("instead", "threw", "thrown", "toss", "throw", "rid of", "flushed", "handed", "gave away", "locked",
               "disposed", "gone", "act on", "rode", "riding", "passed")


# Laughter this far (characters) from a match still belongs to it.
_JOKE_REACH = 90


def joke_near(sentence: str, start: int, end: int) -> bool:
    """True when a laughter marker is within ``_JOKE_REACH`` of the match."""
    return bool(_JOKE.search(sentence, max(0, start - _JOKE_REACH), min(len(sentence), end + _JOKE_REACH)))


_QUOTED = re.compile(r"(?:^|(?<=[\s(:]))([\"'])(?=\w)(.+?)\1(?=[\s.,!?;:)]|$)", re.S)
_MEDIA = re.compile(
    r"\b(?:song|songs|lyrics?|sings?|sang|singer|rapper|album|track|verse|chorus|band|movie|film|show|series|episode|"
    r"book|novel|poem|poet|quote|quoted|line from|character|scene|play|musical|podcast|netflix)\b"
)


def quoted_media(form: str, pos: int) -> bool:
    """True when ``pos`` lies inside a quotation in a message about media."""
    for m in _QUOTED.finditer(form):
        if m.start(2) <= pos < m.end(2):
            return bool(_MEDIA.search(form))
        if m.start() > pos:
            break
    return False


def coped(form: str) -> bool:
    """True when the message says an urge was resisted or the means removed."""
    if not any(word in form for word in _COPED_GATE):
        return False
    return bool(_COPED.search(form)) and not _PRESENT.search(form)


def urge_only(sentence: str) -> bool:
    """True when the sentence speaks of an urge rather than an act."""
    return bool(_URGE.search(sentence))


def _preference(sentence: str, start: int) -> bool:
    """True for "I'd rather <match> than <something other than living>"."""
    if "rather" not in sentence or not _RATHER.search(sentence, max(0, start - 40), start + 1):
        return False
    than = sentence.find(" than ", start)
    return than >= 0 and not _THAN_LIFE.match(sentence, than + 1)


def negated_after(sentence: str, end: int) -> bool:
    """True when the clause after a phrase negates it ("... is not an option")."""
    return bool(_NEGATED_AFTER.match(sentence, end))


def negated(sentence: str, start: int) -> bool:
    """True when the phrase starting at ``start`` is negated in its clause.

    A preference counts as a negation: "I'd rather jump off a bridge than sit
    through that" states no intent (unless the other side is living itself).
    """
    if _preference(sentence, start):
        return True
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
    if following and _CONDITION.search(prefix, 0, m.start()):
        return False
    return not (following and following[0] in _NEGATION_BREAKERS) and "longer" not in following[:1]

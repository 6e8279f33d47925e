"""Trigger topics: the built-in catalogue, the topic matcher and custom words.

Owns what a message is *about* for per-user filtering.  ``topics_of`` runs
once per message at write time and its result is stored with the text;
fan-out only compares stored topic ids with each recipient's muted set, so
nothing here runs per recipient.

Matching works on ``normalize``'s output.  Each topic is compiled once at
import into two regexes: one alternation of hard-negative phrases, which are
blanked out first ("Diet Coke", "pot of coffee", "shot a video"), and one
alternation of terms and context rules (see ``topic_lexicon``).
``relapse_details`` is a narrative rule layered on top: it needs another
topic (what the relapse involved) plus several vivid-detail cues, so a bare
"I relapsed, back at day 4" never fires it.  ``overdose_and_death`` also has
a rescue rule layered on top: a rescue scene ("woke up to paramedics", "the
EMTs found me blue") counts only beside a substance.  A prefilter
(``topic_prefilter``) first finds which topics' anchor words occur at all and
skips the others; it never changes a result.

``WordMatcher`` matches a user's own filter words with the same
normalisation in one pass over the text; ``word_matcher`` caches one per
distinct word set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from peerhub.moderation import linear_model
from peerhub.moderation.normalize import normalize
from peerhub.moderation.topic_lexicon import ALCOHOL, CANNABIS, OPIOIDS, STIMULANTS, Lexicon
from peerhub.moderation.topic_lexicon_harm import (
    EATING_DISORDER,
    GAMBLING,
    OVERDOSE,
    PARAPHERNALIA,
    SELF_HARM,
)
from peerhub.moderation.topic_prefilter import Prefilter


@dataclass(frozen=True)
class Topic:
    """One built-in trigger topic a user may mute."""

    id: str
    name: str
    description: str


TOPICS: tuple[Topic, ...] = (
    Topic("alcohol", "Alcohol", "Drinking, drinks and brands, bars, being drunk or hungover."),
    Topic("opioids", "Opioids", "Heroin, fentanyl, prescription opioids and their misuse."),
    Topic("stimulants", "Stimulants", "Meth, cocaine, crack and misused prescription stimulants."),
    Topic("cannabis", "Cannabis", "Weed, joints, edibles, THC carts, being stoned."),
    Topic("gambling", "Gambling", "Casinos, slots, poker, sports betting, lottery, chasing losses."),
    Topic(
        "paraphernalia_and_use_details",
        "Paraphernalia and use details",
        "Needles, pipes, foil, straws, and how someone used (injecting, snorting).",
    ),
    Topic("self_harm", "Self-harm", "Cutting, burning or otherwise injuring oneself; urges, scars."),
    Topic("eating_disorder", "Eating disorders", "Restricting, bingeing, purging, ED thoughts."),
    Topic("relapse_details", "Relapse details", "Vivid relapse narratives: what, where, how it felt."),
    Topic(
        "overdose_and_death",
        "Overdose and death",
        "Overdoses, naloxone reversals, deaths and grief from substance use.",
    ),
)
TOPIC_IDS: frozenset[str] = frozenset(t.id for t in TOPICS)

_LEXICONS: dict[str, Lexicon] = {
    "alcohol": ALCOHOL,
    "opioids": OPIOIDS,
    "stimulants": STIMULANTS,
    "cannabis": CANNABIS,
    "gambling": GAMBLING,
    "paraphernalia_and_use_details": PARAPHERNALIA,
    "self_harm": SELF_HARM,
    "eating_disorder": EATING_DISORDER,
    "overdose_and_death": OVERDOSE,
}


@dataclass(frozen=True)
class _Compiled:
    topic: str
    exclude: re.Pattern[str] | None
    include: re.Pattern[str]


def _compile(topic: str, lex: Lexicon) -> _Compiled:
    include = re.compile(r"(?<!\w)(?:" + "|".join(lex.terms) + r")(?!\w)")
    exclude = re.compile(r"(?<!\w)(?:" + "|".join(lex.exclude) + r")(?!\w)") if lex.exclude else None
    return _Compiled(topic, exclude, include)


_COMPILED: tuple[_Compiled, ...] = tuple(_compile(t, lex) for t, lex in _LEXICONS.items())
# Skips topics whose anchor literals are absent (see ``topic_prefilter``).
_PREFILTER = Prefilter({c.topic: c.include for c in _COMPILED})


# --- relapse_details -------------------------------------------------------
# Topics a relapse can be "about"; relapse_details never stands alone.
_RELAPSE_CARRIERS = frozenset(
    {"alcohol", "opioids", "stimulants", "cannabis", "gambling", "self_harm", "eating_disorder",
     "paraphernalia_and_use_details"}
)
# Each cue family counts once; a vivid narrative shows several families.
_NUM = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)"
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|a couple(?: of)?)"
_VIVID_CUES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # A break in abstinence, or the lie that opens one.
        rf"\b(?:relaps(?:ed|ing)|slipped|picked (?:it )?(?:up|back up)|went back out|caved|gave in|"
        rf"(?:after|broke|threw away|lost) {_NUM} (?:\w+ )?(?:days?|weeks?|months?|years?)|"
        rf"{_NUM} (?:\w+ )?(?:days?|weeks?|months?|years?) (?:clean|sober|gone|off|without|into|free|in)|"
        rf"day \d+|relapse (?:story|night|day)|story of my relapse|told myself|wouldn'?t count|just to look|just (?:one|this once)|my old "
        rf"(?:dealer|spot|friend|guy|plug|connect|bookie|habit)|like i was \d+ again|"
        rf"(?:drank|used|cut|gambled|binged|purged|smoked) again|it started with|started with (?:one|a|just)|"
        rf"first \w+ in {_NUM} (?:\w+ )?(?:days?|weeks?|months?|years?))\b",
        # A place or a movement towards it.
        r"\b(?:walk(?:ed|ing)|dr(?:ove|iving)|went|ran|pull(?:ed|ing)|stopped|snuck|sneaking|"
        r"head(?:ed|ing)) (?:into|to|in|by|over|straight|back|home|out)\b|"
        r"\b(?:parking lot|the lot|in (?:the|my|his|her) car|bathroom|stall|gas station|liquor store|"
        r"alley|motel|garage|closet|basement|pantry|cabinet|sink|counter|dumpster|bridge|"
        r"backyard|at the (?:bar|casino|party|reunion|cookout|club)|on the couch|high-limit room|"
        r"at (?:a|the) (?:red light|stop ?light|light|intersection|stop sign|drive[- ]?thru)|behind the wheel|"
        r"driver'?s seat|behind the (?:laundromat|store|building|dumpster|gas station|school|bar|shed|church))\b",
        # Getting it and doing it.
        r"\b(?:bought|buying|grabbed|grabbing|ordered|ordering|copped|copping|scored|stole|poured|pouring|"
        r"opened|cracked open|rolled|crushed|took a handful|"
        r"took (?:the|a|two|three|my|his|her) (?:first|blade|bottle|pills?|hit)|rolled up my sleeve|"
        r"shot up|smoked it|snorted (?:it|them)|(?:called|texted|messaged|met|hit up) (?:my |the |an |his |her )?"
        r"(?:old )?(?:dealer|guy|plug|connect|bookie))\b",
        # Time passing inside the episode.
        r"\b(?:by (?:\d+ ?(?:am|pm)|midnight|morning|sunrise|sunset|dawn|the end|the time)|"
        rf"within {_NUM} (?:minutes|hours)|in {_NUM} minutes|at \d+ ?(?:am|pm)|until|kept going|"
        rf"woke up|blacked out|up for {_NUM} (?:days|nights)|closed the place|before i (?:even|knew)|"
        r"the next (?:morning|day)|over the weekend|all night|ended (?:up )?(?:in|at|with)|"
        r"spent the (?:night|day|weekend|evening)|"
        r"didn'?t (?:even )?hesitate|without (?:even )?think\w*|couldn'?t stop|before (?:anyone|i) could)\b",
        # The body: sensations and their echo.
        r"\b(?:warm(?:th)?|rush|smell|smelled|taste|tasted|felt|feel|feeling|burn(?:ed|t|ing)?|"
        r"tearing|flood(?:ed)?|numb|tingl\w*|heart (?:was )?(?:pounding|racing)|nodd(?:ed|ing) out|passed out|"
        r"chest (?:went|got|was) tight|kicked in|washed over|"
        r"remember every|every second|shaking|shame)\b",
        # Amounts.
        r"\b(?:half (?:of )?(?:it|the)|whole (?:bag|bottle|thing|pack|pantry)|(?<!off )the bottle|everything in|"
        rf"{_NUM} times|a gram|an? (?:eight ?ball|eighth|quarter|zip|ounce|teener|point|fifth|handle|pint|rock|"
        rf"bag|bundle)|handfuls? of (?:\w+ )?(?:pills|laxatives|tabs|bars|xanax|percs|oxys|edibles|gummies)|\$\d+|"
        rf"\d+-(?:ounce|oz|leg)|double|{_COUNT} (?:beers?|shots?|drinks?|lines?|bumps?|hits?|pills?|of (?:my|his|her)|"
        rf"percs?|perc \d+s|oxys?|blues|bars|bags|points|grams|tabs|rocks|m30s|bundles)|"
        rf"(?:took|crushed|popped|snorted|had|drank|smoked|downed) {_COUNT}\b|maxed out|emptied (?:my|the)|"
        r"lost \$?\d+|whole paycheck|"
        r"first (?:one|hit|sip|drink|line|bet))\b",
    )
)
_VIVID_MIN = 3
# A story of *not* using ("drove past the bar and kept driving") has the same
# scenery; unless a relapse is named outright it is not a relapse narrative.
_RESISTED = re.compile(
    r"\b(?:didn'?t|did not|never|wouldn'?t|won'?t) (?:\w+ )?(?:drink|use|pick up|buy|go in|touch|"
    r"take|bet|gamble|cut|binge|purge|give in|relapse)|\b(?:stayed|still|remained) (?:sober|clean)|"
    r"\b(?:resisted|turned (?:it|them) down|said no|walked (?:away|out without)|kept driving|"
    r"poured (?:it|them) out|called my sponsor instead|proud of myself)\b"
)
_RELAPSE_NAMED = re.compile(r"\b(?:relaps(?:ed|ing)|slipped|picked (?:it )?(?:up|back up)|went back out)\b")


def _relapse_details(norm: str, found: set[str]) -> bool:
    """True when the text tells a relapse vividly (see module docstring)."""
    if not found & _RELAPSE_CARRIERS:
        return False
    hits, left = 0, len(_VIVID_CUES)
    for p in _VIVID_CUES:  # stop as soon as the outcome is settled
        if hits >= _VIVID_MIN or hits + left < _VIVID_MIN:
            break
        left -= 1
        hits += p.search(norm) is not None
    if hits < _VIVID_MIN:
        return False
    return not (_RESISTED.search(norm) and not _RELAPSE_NAMED.search(norm))


# --- overdose_and_death told as a rescue -----------------------------------
# "woke up to paramedics", "the EMTs said I was blue": a rescue scene is an
# overdose only when the message is also about a substance, either a topic or
# a drug word with no topic of its own (benzos, "used alone").
_SUBSTANCE_TOPICS = frozenset({"alcohol", "opioids", "stimulants", "cannabis", "paraphernalia_and_use_details"})
_RESCUE = re.compile(
    r"\b(?:(?:woke|came) (?:up )?(?:to|in|with) (?:the |a |an |two )?(?:paramedics|emts?|medics|ambulance|er|icu|narcan|"
    r"cops? and paramedics)|"
    r"(?:paramedics|emts?|medics|ambulance crew|first responders)\b[^.!?;\n]{0,60}?\b(?:blue|unresponsive|"
    r"not breathing|stopped breathing|wasn'?t breathing|no pulse|cpr|revived|brought (?:me|him|her|them) back)|"
    r"(?:found|find) (?:me|him|her|them|my \w+)\b[^.!?;\n]{0,30}?\b(?:blue|unresponsive|not breathing|no pulse|slumped)|"
    r"stopped breathing|no pulse|cpr)\b"
)
_USE_WORDS = re.compile(
    r"\b(?:used|using|use alone|shot up|got high|pills|bars|xanax|benzos?|drugs?|ghb|ketamine|molly|laced)\b"
)


_OVERDOSE_WORDS = re.compile(r"\b(?:overdos\w*|od'?(?:ed|d|ing)?|narcan\w*|naloxone|fent\w*|pills?)\b")


def _rescued(norm: str, found: set[str]) -> bool:
    """True when ``norm`` tells a rescue from a substance (see above)."""
    if _RESCUE.search(norm) is None:
        return False
    return bool(found & _SUBSTANCE_TOPICS) or _USE_WORDS.search(norm) is not None


def topics_of_normalized(norm: str) -> frozenset[str]:
    """``topics_of`` for text already passed through ``normalize``."""
    return _with_model(norm, _lexicon_topics(norm), linear_model.load("topics"))


def _with_model(norm: str, found: frozenset[str], model: linear_model.LinearModel | None) -> frozenset[str]:
    """Add the topics the model is sure of (it never removes one)."""
    if model is None:
        return found
    feats = linear_model.features(norm)
    threshold = model.thresholds["topic"]
    extra = {topic for topic, cls in model.classes.items() if topic not in found and cls.probability(feats) >= threshold}
    if "relapse_details" in extra and (
        not (found | extra) & _RELAPSE_CARRIERS or (_RESISTED.search(norm) and not _RELAPSE_NAMED.search(norm))
    ):
        # The labelling rules the lexicon keeps: a relapse told with what it
        # involved, and an urge resisted is not one.
        extra.discard("relapse_details")
    if "overdose_and_death" in extra and not (
        (found | extra) & _SUBSTANCE_TOPICS or _USE_WORDS.search(norm) or _OVERDOSE_WORDS.search(norm)
    ):
        # Only substance-related deaths and emergencies count (an ICU stay after surgery does not).
        extra.discard("overdose_and_death")
    return found | extra if extra else found


def topics_with(text: str, model: linear_model.LinearModel | None) -> frozenset[str]:
    """``topics_of`` with a given model (None: the lexicons alone); for training."""
    norm = normalize(text)
    return _with_model(norm, _lexicon_topics(norm), model)


def topics_of_lexicons(text: str) -> frozenset[str]:
    """The lexicons alone (for evaluation: what the model adds)."""
    return _lexicon_topics(normalize(text))


def _lexicon_topics(norm: str) -> frozenset[str]:
    found: set[str] = set()
    candidates = _PREFILTER.candidates(norm)
    for c in _COMPILED:
        if c.topic not in candidates:
            continue
        text = c.exclude.sub(" ", norm) if c.exclude is not None else norm
        if c.include.search(text):
            found.add(c.topic)
    if "overdose_and_death" not in found and _rescued(norm, found):
        found.add("overdose_and_death")
    if _relapse_details(norm, found):
        found.add("relapse_details")
    return frozenset(found)


def topics_of(text: str) -> frozenset[str]:
    """Return the ids (from ``TOPIC_IDS``) of every topic ``text`` is about.

    Pure and deterministic; compiled once at import.  Recovery context still
    counts ("300 days without a drink" is alcohol); a milestone naming no
    substance has no topic; MAT and prescribed stimulants taken as directed
    are not tagged. A small linear model (``models/topics.json``, trained by
    ``bench/train_topic_model.py``) adds topics the lexicons miss when it is
    sure (probability >= its threshold); it never removes one.
    """
    return topics_of_normalized(normalize(text))


# --- custom words ----------------------------------------------------------


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class WordMatcher:
    """Matches a user's custom filter words and phrases against messages.

    Built from ``(text, whole_word)`` pairs.  Both the words and the message
    go through ``normalize``, so "W33D" as a word matches "weed" and vice
    versa.  A whole-word entry matches only between non-word characters;
    otherwise it matches inside longer words too ("cut" in "cutting").
    ``matches`` scans the text once with a single alternation and reports
    every entry that matched, including entries that are prefixes of other
    entries at the same position.  Prefer ``word_matcher`` (cached).
    """

    def __init__(self, words: Iterable[tuple[str, bool]]) -> None:
        by_norm: dict[str, list[tuple[str, bool]]] = {}
        for text, whole in words:
            norm = normalize(text)
            if norm:
                by_norm.setdefault(norm, []).append((text, whole))
        self._by_norm = by_norm
        self._max_len = max((len(n) for n in by_norm), default=0)
        alternatives = sorted(by_norm, key=len, reverse=True)
        self._pattern: re.Pattern[str] | None = (
            re.compile("(?=(" + "|".join(re.escape(a) for a in alternatives) + "))")
            if alternatives
            else None
        )

    def matches(self, text: str) -> frozenset[str]:
        """Return the original word texts (as given) that occur in ``text``."""
        if self._pattern is None:
            return frozenset()
        norm = normalize(text)
        hits: set[str] = set()
        for m in self._pattern.finditer(norm):
            start, longest = m.start(), m.group(1)
            before_ok = start == 0 or not _is_word_char(norm[start - 1])
            # Every entry matching here is a prefix of the longest one.
            for length in range(1, len(longest) + 1):
                entries = self._by_norm.get(longest[:length])
                if not entries:
                    continue
                end = start + length
                after_ok = end == len(norm) or not _is_word_char(norm[end])
                for word, whole in entries:
                    if not whole or (before_ok and after_ok):
                        hits.add(word)
        return frozenset(hits)


@lru_cache(maxsize=1024)
def word_matcher(words: frozenset[tuple[str, bool]]) -> WordMatcher:
    """The ``WordMatcher`` for ``words``, built once per distinct word set."""
    return WordMatcher(words)

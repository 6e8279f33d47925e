"""A person's trigger filters and the pure per-recipient decision.

Owns *what one person receives*: given their ``Filters``, a content item's
stored topic ids, the set of custom words found in it, its author and the
time, ``decide`` answers deliver / collapse(reasons) / hide.  No I/O, no text
scanning per recipient:

- topics: stored topic ids (computed once at write time by ``topics_of``)
  intersected with the person's muted topics;
- words: the caller scans the text *once* with an automaton built from the
  words of everyone who may receive it (``RoomWords``) and passes the set of
  matched ``(text, whole_word)`` entries; the person's own entries are then a
  set intersection;
- people: the author id looked up in the person's muted authors.

Policies:

- authors are never filtered for themselves;
- ``hide`` beats ``collapse``; collapse reasons are topic ids, ``"word"``
  (a matched custom word: the word list is never echoed, so a frame shown
  over someone's shoulder or a shared screen says nothing of what they fear)
  and ``"person"``;
- each rule may expire (``until``); ``Filters.active(now)`` is recomputed
  only when ``now`` passes the next expiry, so the fan-out path compares one
  datetime per recipient;
- staff moderation notices and the crisis support card are never filtered:
  callers only pass message-like content (chat lines, posts) to ``decide``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from peerhub.moderation.triggers import word_matcher

# What a hidden forum post shows instead of itself (its replies stay visible).
HIDDEN_POST_HTML = "<p>Post hidden by your filters</p>"
WORD_REASON = "word"
PERSON_REASON = "person"
# Entries per list a person may keep: a long list is a sign of a need for a
# break, not of more words; it also bounds the per-room automaton size.
MAX_WORDS = 200
MAX_WORD_CHARS = 60
MAX_MUTED_USERS = 200

WordKey = tuple[str, bool]  # (text as the person wrote it, whole_word)


class Action(StrEnum):
    HIDE = "hide"
    COLLAPSE = "collapse"


@dataclass(frozen=True, slots=True)
class Decision:
    """``action`` is ``deliver``, ``collapse`` or ``hide``; reasons only for collapse."""

    action: str
    reasons: tuple[str, ...] = ()

    @property
    def hidden(self) -> bool:
        return self.action == "hide"

    @property
    def collapsed(self) -> bool:
        return self.action == "collapse"

    def frame(self) -> dict[str, object]:
        """The ``filter`` field clients get with a collapsed item."""
        return {"action": self.action, "reasons": list(self.reasons)}


DELIVER = Decision("deliver")
HIDE = Decision("hide")


@dataclass(frozen=True, slots=True)
class TopicRule:
    topic: str
    action: Action
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class WordRule:
    text: str
    action: Action
    whole_word: bool = True
    until: datetime | None = None

    @property
    def key(self) -> WordKey:
        return (self.text, self.whole_word)


@dataclass(frozen=True, slots=True)
class MuteRule:
    user_id: int
    action: Action
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class Active:
    """The rules in force between two expiries, as plain sets."""

    hide_topics: frozenset[str] = frozenset()
    collapse_topics: frozenset[str] = frozenset()
    hide_words: frozenset[WordKey] = frozenset()
    collapse_words: frozenset[WordKey] = frozenset()
    hide_people: frozenset[int] = frozenset()
    collapse_people: frozenset[int] = frozenset()
    empty: bool = True


_NOTHING = Active()


@dataclass
class Filters:
    """One person's filters. Build once per connection / request; cheap to query."""

    user_id: int
    topics: tuple[TopicRule, ...] = ()
    words: tuple[WordRule, ...] = ()
    muted: tuple[MuteRule, ...] = ()
    word_keys: frozenset[WordKey] = field(init=False, repr=False)
    # Everyone this person muted (expired or not): an item by anyone else, with
    # no topic and no word, is delivered without looking further.
    muted_ids: frozenset[int] = field(init=False, repr=False)
    _active: Active = field(default=_NOTHING, init=False, repr=False)
    _since: datetime | None = field(default=None, init=False, repr=False)
    _until: datetime | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        # Every word entry (expired or not): what a room automaton must find.
        self.word_keys = frozenset(w.key for w in self.words)
        self.muted_ids = frozenset(m.user_id for m in self.muted)

    def active(self, now: datetime) -> Active:
        """The rules in force at ``now`` (cached from the last computation
        until the next expiry; recomputed if the clock was set back)."""
        since, until = self._since, self._until
        if since is not None and since <= now and (until is None or now < until):
            return self._active
        self._active, self._until = self._compute(now)
        self._since = now
        return self._active

    def _compute(self, now: datetime) -> tuple[Active, datetime | None]:
        live_until: list[datetime] = []

        def on(until: datetime | None) -> bool:
            if until is None:
                return True
            if until > now:
                live_until.append(until)
                return True
            return False

        topics = [t for t in self.topics if on(t.until)]
        words = [w for w in self.words if on(w.until)]
        muted = [m for m in self.muted if on(m.until)]
        active = Active(
            hide_topics=frozenset(t.topic for t in topics if t.action is Action.HIDE),
            collapse_topics=frozenset(t.topic for t in topics if t.action is Action.COLLAPSE),
            hide_words=frozenset(w.key for w in words if w.action is Action.HIDE),
            collapse_words=frozenset(w.key for w in words if w.action is Action.COLLAPSE),
            hide_people=frozenset(m.user_id for m in muted if m.action is Action.HIDE),
            collapse_people=frozenset(m.user_id for m in muted if m.action is Action.COLLAPSE),
            empty=not (topics or words or muted),
        )
        return active, min(live_until, default=None)

    def decide(self, now: datetime, author_id: int, topics: frozenset[str],
               words: frozenset[WordKey] = frozenset()) -> Decision:
        return decide(self.user_id, self.active(now), author_id, topics, words)


_COLLAPSED: dict[tuple[str, ...], Decision] = {}


def _collapse(reasons: tuple[str, ...]) -> Decision:
    # Shared instances: at most one per combination of topic ids and reasons.
    d = _COLLAPSED.get(reasons)
    if d is None:
        d = _COLLAPSED[reasons] = Decision("collapse", reasons)
    return d


def decide(viewer_id: int, active: Active, author_id: int, topics: frozenset[str],
           words: frozenset[WordKey] = frozenset()) -> Decision:
    """What ``viewer_id`` receives of one item (see the module docstring).

    Runs once per recipient at fan-out: set operations only, and the common
    case (no topics, no words, author not muted) is a few membership tests.
    Returns the shared ``DELIVER`` / ``HIDE`` instances (compare with ``is``)."""
    if active.empty or author_id == viewer_id:
        return DELIVER
    if author_id in active.hide_people:
        return HIDE
    if topics and not active.hide_topics.isdisjoint(topics):
        return HIDE
    if words and not active.hide_words.isdisjoint(words):
        return HIDE
    muted = author_id in active.collapse_people
    if not (muted or (topics and active.collapse_topics) or words):
        return DELIVER
    reasons: list[str] = sorted(active.collapse_topics.intersection(topics)) if topics else []
    if words and not active.collapse_words.isdisjoint(words):
        reasons.append(WORD_REASON)
    if muted:
        reasons.append(PERSON_REASON)
    return _collapse(tuple(reasons)) if reasons else DELIVER


def with_title(post: Decision, title: Decision | None) -> Decision:
    """The decision on a forum thread's opening post, given the decision on
    the thread's title (``None`` for any other post). The title and the
    opening post are one item for the filters, so a hidden title hides the
    opening post with it; a collapsed title only folds the title, and the
    post keeps its own decision. The thread view (``forum.reading``) and live
    thread frames (``realtime.filtering``) both decide through this."""
    return title if title is not None and title.hidden else post


class RoomWords:
    """One automaton for the custom words of everyone who may receive an item.

    Built from the union of their word entries (``word_matcher`` caches one
    matcher per distinct set, so rooms with the same people share it); a
    whole-word entry and a substring entry of the same text are matched by
    separate matchers so one person's "cut" (whole word) is not reported as
    matched by another person's "cut" (anywhere) in "cutting".
    ``matches`` scans the text once per matcher, never per recipient.
    """

    __slots__ = ("_part", "_whole")

    def __init__(self, keys: Iterable[WordKey]) -> None:
        whole: set[WordKey] = set()
        part: set[WordKey] = set()
        for key in keys:
            (whole if key[1] else part).add(key)
        self._whole = word_matcher(frozenset(whole)) if whole else None
        self._part = word_matcher(frozenset(part)) if part else None

    @classmethod
    def of(cls, filters: Iterable[Filters]) -> RoomWords:
        keys: set[WordKey] = set()
        for f in filters:
            keys.update(f.word_keys)
        return cls(keys)

    @property
    def empty(self) -> bool:
        return self._whole is None and self._part is None

    def matches(self, text: str) -> frozenset[WordKey]:
        """The ``(text, whole_word)`` entries found in ``text``."""
        found: set[WordKey] = set()
        if self._whole is not None:
            found.update((w, True) for w in self._whole.matches(text))
        if self._part is not None:
            found.update((w, False) for w in self._part.matches(text))
        return frozenset(found)

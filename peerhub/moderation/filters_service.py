"""Per-user filters: read, validate, replace; load for fan-out and reads.

Policies:

- Private: every function here acts on the caller's own filters only; there
  is no way to name another user (facilitators and admins included). Nothing
  here logs, and error messages never echo a submitted word.
- ``PUT`` replaces the whole set (``check_filters`` validates every entry with
  a specific 422 code first), then publishes ``_filters_changed`` on
  ``user:<id>`` after commit. The event carries no rules: every process's hub
  re-reads them from the database for that person's sockets, so a change
  takes effect at once on the live connection. Later reads load them afresh.
- Entries whose ``until`` has passed are dropped on write and left out on read.
- Muted people are named by handle and stored by user id; an unknown handle
  is ``unknown_user`` (handles are public in rooms, so this reveals nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.handles import handle_key
from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import InvalidInput
from peerhub.moderation import filters_store as store
from peerhub.moderation.filters import (
    MAX_MUTED_USERS,
    MAX_WORD_CHARS,
    MAX_WORDS,
    Action,
    Decision,
    Filters,
    MuteRule,
    RoomWords,
    TopicRule,
    WordRule,
)
from peerhub.moderation.normalize import normalize
from peerhub.moderation.triggers import TOPIC_IDS

# Internal event type on ``user:<id>``: the hub reloads that person's filters
# and never forwards it to a socket.
FILTERS_CHANGED = "_filters_changed"
ACTIONS = frozenset(a.value for a in Action)


@dataclass(frozen=True)
class TopicIn:
    topic: str
    action: str
    until: datetime | None = None


@dataclass(frozen=True)
class WordIn:
    text: str
    action: str
    whole_word: bool = True
    until: datetime | None = None


@dataclass(frozen=True)
class MuteIn:
    handle: str
    action: str
    until: datetime | None = None


# -- stored form <-> rules -----------------------------------------------------


def _time(raw: object) -> datetime | None:
    if not isinstance(raw, str) or not raw:
        return None
    when = datetime.fromisoformat(raw)
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _live(until: datetime | None, now: datetime) -> bool:
    return until is None or until > now


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.astimezone(UTC).isoformat().replace("+00:00", "Z")


def filters_from_rules(user_id: int, rules: dict[str, Any] | None) -> Filters:
    """The compiled ``Filters`` for a stored rules document (unknown topics are
    skipped, so a topic retired from the catalogue never breaks a load)."""
    rules = rules or {}
    return Filters(
        user_id=user_id,
        topics=tuple(TopicRule(t["topic"], Action(t["action"]), _time(t.get("until")))
                     for t in rules.get("topics", ()) if t.get("topic") in TOPIC_IDS),
        words=tuple(WordRule(w["text"], Action(w["action"]), bool(w.get("whole_word", True)), _time(w.get("until")))
                    for w in rules.get("words", ())),
        muted=tuple(MuteRule(int(m["user_id"]), Action(m["action"]), _time(m.get("until")))
                    for m in rules.get("muted_users", ())),
    )


async def load_filters_in(session: AsyncSession, user_id: int) -> Filters:
    """One primary-key read; an empty ``Filters`` for someone who never set any."""
    return filters_from_rules(user_id, await store.get_rules(session, user_id))


async def load_filters(ctx: AppContext, user_id: int) -> Filters:
    async with ctx.db.read() as session:
        return await load_filters_in(session, user_id)


# -- read ------------------------------------------------------------------------


async def get_my_filters(ctx: AppContext, viewer: Viewer) -> dict[str, Any]:
    """The viewer's own filters in force now (expired entries left out)."""
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        f = await load_filters_in(session, viewer.id)
        handles = await store.get_handles(session, [m.user_id for m in f.muted])
    return {
        "topics": [{"topic": t.topic, "action": t.action.value, "until": _iso(t.until)}
                   for t in f.topics if _live(t.until, now)],
        "words": [{"text": w.text, "action": w.action.value, "whole_word": w.whole_word, "until": _iso(w.until)}
                  for w in f.words if _live(w.until, now)],
        "muted_users": [{"handle": handles[m.user_id], "action": m.action.value, "until": _iso(m.until)}
                        for m in f.muted if _live(m.until, now) and m.user_id in handles],
    }


# -- write -----------------------------------------------------------------------


def _check_action(action: str, where: str) -> Action:
    if action not in ACTIONS:
        raise InvalidInput("invalid_action", "Each filter's action must be \"hide\" or \"collapse\".", field=where)
    return Action(action)


def _check_until(until: datetime | None, where: str) -> datetime | None:
    if until is not None and until.tzinfo is None:
        raise InvalidInput("invalid_until", "'until' must be a time with a timezone (e.g. ending in Z).",
                           field=where)
    return until


def check_topics(topics: Sequence[TopicIn]) -> list[TopicRule]:
    by_topic: dict[str, TopicRule] = {}
    for i, t in enumerate(topics):
        if t.topic not in TOPIC_IDS:
            raise InvalidInput("unknown_topic", "That topic is not in the list (see /api/moderation/topics).",
                               field=f"topics.{i}.topic")
        by_topic[t.topic] = TopicRule(t.topic, _check_action(t.action, f"topics.{i}.action"),
                                      _check_until(t.until, f"topics.{i}.until"))
    return list(by_topic.values())


def check_words(words: Sequence[WordIn]) -> list[WordRule]:
    """Up to ``MAX_WORDS`` entries of 1..``MAX_WORD_CHARS`` characters that
    normalise to something; duplicates (same normalised text and mode) merge."""
    if len(words) > MAX_WORDS:
        raise InvalidInput("too_many_words", f"You can filter at most {MAX_WORDS} words or phrases.",
                           limit=MAX_WORDS)
    seen: dict[tuple[str, bool], WordRule] = {}
    for i, w in enumerate(words):
        text = w.text.strip()
        if len(text) > MAX_WORD_CHARS:
            raise InvalidInput("word_too_long", f"Each word or phrase can be at most {MAX_WORD_CHARS} characters.",
                               field=f"words.{i}.text", limit=MAX_WORD_CHARS)
        if not text or not normalize(text):
            raise InvalidInput("empty_word", "A filtered word needs at least one letter or digit.",
                               field=f"words.{i}.text")
        rule = WordRule(text, _check_action(w.action, f"words.{i}.action"), w.whole_word,
                        _check_until(w.until, f"words.{i}.until"))
        seen[(normalize(text), w.whole_word)] = rule
    return list(seen.values())


async def check_muted(session: AsyncSession, viewer: Viewer, muted: Sequence[MuteIn]) -> list[MuteRule]:
    if len(muted) > MAX_MUTED_USERS:
        raise InvalidInput("too_many_muted_users", f"You can mute at most {MAX_MUTED_USERS} people.",
                           limit=MAX_MUTED_USERS)
    keys = [handle_key(m.handle.strip()) for m in muted]
    ids = await store.get_user_ids_by_keys(session, sorted(set(keys)))
    rules: dict[int, MuteRule] = {}
    for i, (m, key) in enumerate(zip(muted, keys, strict=True)):
        action = _check_action(m.action, f"muted_users.{i}.action")
        until = _check_until(m.until, f"muted_users.{i}.until")
        user_id = ids.get(key)
        if user_id is None:
            raise InvalidInput("unknown_user", "There is nobody with that pseudonym.", field=f"muted_users.{i}.handle")
        if user_id == viewer.id:
            raise InvalidInput("cannot_mute_self", "You can't mute yourself.", field=f"muted_users.{i}.handle")
        rules[user_id] = MuteRule(user_id, action, until)
    return list(rules.values())


def _rules_doc(topics: list[TopicRule], words: list[WordRule], muted: list[MuteRule],
               now: datetime) -> dict[str, Any]:
    return {
        "topics": [{"topic": t.topic, "action": t.action.value, "until": _iso(t.until)}
                   for t in topics if _live(t.until, now)],
        "words": [{"text": w.text, "action": w.action.value, "whole_word": w.whole_word, "until": _iso(w.until)}
                  for w in words if _live(w.until, now)],
        "muted_users": [{"user_id": m.user_id, "action": m.action.value, "until": _iso(m.until)}
                        for m in muted if _live(m.until, now)],
    }


async def do_set_filters(ctx: AppContext, viewer: Viewer, topics: Sequence[TopicIn], words: Sequence[WordIn],
                         muted: Sequence[MuteIn]) -> dict[str, Any]:
    """Replace the viewer's filters, then tell their live sockets (after commit)."""
    topic_rules = check_topics(topics)
    word_rules = check_words(words)
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        mute_rules = await check_muted(session, viewer, muted)
        await store.put_rules(session, viewer.id, _rules_doc(topic_rules, word_rules, mute_rules, now), now)
    await ctx.broker.publish(f"user:{viewer.id}", {"type": FILTERS_CHANGED})
    return await get_my_filters(ctx, viewer)


async def who_hides(ctx: AppContext, user_ids: Sequence[int], author_id: int, topics: Sequence[str],
                    text: str) -> set[int]:
    """Which of ``user_ids`` hide this item (e.g. to skip notifying them)."""
    decided = await decide_each(ctx, user_ids, [(author_id, topics, text)])
    return {uid for uid, (d,) in decided.items() if d.hidden}


async def decide_each(ctx: AppContext, user_ids: Sequence[int],
                      items: Sequence[tuple[int, Sequence[str], str]]) -> dict[int, list[Decision]]:
    """Each of ``user_ids`` who has filters -> their decision on each item
    (``(author id, stored topic ids, text)``), in order; someone left out
    gets everything delivered.

    One query for everyone's filters, one scan of each text by the union of
    their words, then a set decision per person and item."""
    async with ctx.db.read() as session:
        rules = await store.get_rules_many(session, sorted(set(user_ids)))
    everyone = [filters_from_rules(uid, doc) for uid, doc in rules.items()]
    if not everyone:
        return {}
    now = ctx.clock.now()
    words = RoomWords.of(everyone)
    scanned = [(author_id, frozenset(topics), frozenset() if words.empty else words.matches(text))
               for author_id, topics, text in items]
    return {f.user_id: [f.decide(now, author_id, stored, found) for author_id, stored, found in scanned]
            for f in everyone}

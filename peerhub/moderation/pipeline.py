"""The moderation pipeline every chat line, post body and thread title walks.

An ordered chain of pure checks over the text (no I/O), returning one
``Verdict``:

1. shape: trimmed, not empty, within the surface's length limit (reject);
2. personal details, by the place's policy: ``warn`` asks the writer to
   confirm (``confirm=True`` resends), ``redact`` replaces them before
   storing, ``block`` rejects, ``allow`` passes; only the *kinds* are kept;
3. crisis: annotate level/category/evidence (never rejects: a person in
   danger is never silenced);
4. trigger topics: annotate the topic ids stored with the text so fan-out
   never rescans it.

The first decisive verdict (reject / ask-to-confirm) wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from peerhub.moderation import crisis, personal, triggers
from peerhub.moderation.normalize import normalize

# Chat lines and forum bodies have different limits (documented in the API).
CHAT_MAX_CHARS = 4_000
POST_MAX_CHARS = 20_000
TITLE_MIN_CHARS, TITLE_MAX_CHARS = 3, 200


class Action(StrEnum):
    ALLOW = "allow"
    CONFIRM = "confirm"
    REJECT = "reject"


@dataclass(frozen=True, slots=True)
class Annotations:
    """Computed once at write time and stored with the text."""

    topics: frozenset[str] = frozenset()
    crisis_level: str = crisis.Level.NONE.value
    crisis_category: str | None = None
    crisis_evidence: tuple[str, ...] = ()
    personal: frozenset[str] = frozenset()

    @property
    def escalates(self) -> bool:
        return self.crisis_level == crisis.Level.CRISIS.value

    def merged(self, other: Annotations) -> Annotations:
        """Union of two annotation sets (a thread title and its first post)."""
        first = self if _rank(self.crisis_level) >= _rank(other.crisis_level) else other
        return Annotations(
            topics=self.topics | other.topics,
            crisis_level=first.crisis_level,
            crisis_category=first.crisis_category,
            crisis_evidence=tuple(sorted(set(self.crisis_evidence) | set(other.crisis_evidence))),
            personal=self.personal | other.personal,
        )


def _rank(level: str) -> int:
    return {"none": 0, "concern": 1, "crisis": 2}.get(level, 0)


@dataclass(frozen=True, slots=True)
class Verdict:
    action: Action
    text: str
    annotations: Annotations = field(default_factory=Annotations)
    code: str | None = None
    message: str | None = None

    @property
    def allowed(self) -> bool:
        return self.action is Action.ALLOW


def _reject(text: str, code: str, message: str, annotations: Annotations | None = None) -> Verdict:
    return Verdict(Action.REJECT, text, annotations or Annotations(), code, message)


def check_text(
    text: str,
    *,
    max_chars: int = CHAT_MAX_CHARS,
    min_chars: int = 1,
    personal_policy: personal.Policy = personal.Policy.WARN,
    confirmed: bool = False,
) -> Verdict:
    """Run the chain over ``text`` and return the one verdict."""
    body = text.strip()
    if len(body) < min_chars:
        if not body:
            return _reject(body, "empty", "Write something first.")
        return _reject(body, "too_short", f"Use at least {min_chars} characters.")
    if len(body) > max_chars:
        return _reject(body, "too_long", f"That's over the {max_chars:,}-character limit. Try splitting it up.")

    kinds: frozenset[personal.Kind] = frozenset()
    if personal_policy is not personal.Policy.ALLOW:
        if personal_policy is personal.Policy.REDACT:
            body, kinds = personal.redact(body)
        else:
            kinds = personal.detect(body)
            if kinds and personal_policy is personal.Policy.BLOCK:
                return _reject(
                    body, "personal_details",
                    "To keep everyone safe, personal details (phone numbers, e-mail, addresses, profiles) "
                    "can't be shared here.",
                    Annotations(personal=frozenset(k.value for k in kinds)),
                )
            if kinds and not confirmed:
                return Verdict(
                    Action.CONFIRM, body, Annotations(personal=frozenset(k.value for k in kinds)),
                    "personal_details",
                    "This looks like it has personal details. Sharing them can identify you. Send anyway?",
                )

    assessed = crisis.assess(body)
    topics = triggers.topics_of_normalized(normalize(body))
    return Verdict(
        Action.ALLOW,
        body,
        Annotations(
            topics=topics,
            crisis_level=assessed.level.value,
            crisis_category=assessed.category,
            crisis_evidence=assessed.evidence,
            personal=frozenset(k.value for k in kinds),
        ),
    )

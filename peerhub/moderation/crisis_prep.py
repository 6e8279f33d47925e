"""Crisis-specific canonical form, applied after the shared ``normalize``.

``normalize`` is shared with the trigger-topic matcher and stays generic. The
crisis detector needs a few more rewrites that would be wrong for other
detectors, so they live here:

* chat slang and contractions written without apostrophes are expanded to
  one spelling ("kms" -> "kill myself", "gonna" -> "going to", "im" ->
  "i'm", "od'ing" -> "overdosing", "2nite" -> "tonight");
* masked words ("s*icidal", "k**l") and words with doubled letters that
  ``normalize`` left behind ("suiicide", "diie") are restored when they fit
  one word of a small crisis vocabulary;
* emoji that carry meaning in a dangerous frame become words ("💀 myself" ->
  "kill myself", "💊" -> "pills", "🔫" -> "gun"); other 💀 are dropped,
  because "I'm dead 💀" is laughter;
* a few crisis phrases written with their letters spaced out and glued
  together by ``normalize`` ("killmyself", "wanttodie") are split again;
* letters joined by dots that ``normalize`` leaves alone ("o.d.ing",
  "k.i.l.l") are rejoined when the word they spell is one the rules know;
* contractions typed without the apostrophe that are also ordinary words
  ("ill", "hell", "shell", "id") become "i'll", "he'll", "she'll", "i'd" only
  before a verb ("ill kill him", "hell be there", "id rather");
* drink emoji become "alcohol", and an emoji equation ending in death
  ("💊 + 🍾 = 💀") becomes "equals death"; the spaces emoji leave are squeezed.

``prepare(normalized) -> str`` is pure, compiled once, and cheap: the token
rewrites are set look-ups, and a rewrite pattern is built only for messages
that contain one of the rewritten tokens.
"""

from __future__ import annotations

import re
import unicodedata

_SLANG: dict[str, str] = {
    "kms": "kill myself",
    "kmss": "kill myself",
    "unalive": "kill",
    "unalived": "killed",
    "unaliving": "killing",
    "unalives": "kills",
    "gonna": "going to",
    "gunna": "going to",
    "wanna": "want to",
    "wana": "want to",
    "tryna": "trying to",
    "finna": "going to",
    "gotta": "got to",
    "ima": "i'm going to",
    "imma": "i'm going to",
    "i'ma": "i'm going to",
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "havent": "haven't",
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
    "thats": "that's",
    "whats": "what's",
    "theres": "there's",
    "theyll": "they'll",
    "itll": "it'll",
    "thatll": "that'll",
    "theyd": "they'd",
    "youd": "you'd",
    "wasnt": "wasn't",
    "werent": "weren't",
    "arent": "aren't",
    "hasnt": "hasn't",
    "hadnt": "hadn't",
    "youll": "you'll",
    "u": "you",
    "ur": "your",
    "r": "are",
    "w": "with",
    "rn": "right now",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "pls": "please",
    "plz": "please",
    "bc": "because",
    "cuz": "because",
    "bout": "about",
    "ain't": "isn't",
    "aint": "isn't",
    "od": "overdose",
    "ods": "overdoses",
    "oding": "overdosing",
    "od'ing": "overdosing",
    "odin": "overdosing",
    "od'in": "overdosing",
    "od'd": "overdosed",
    "od'ed": "overdosed",
    "oded": "overdosed",
    "overdosin": "overdosing",
    "killin": "killing",
    "dyin": "dying",
    "myslef": "myself",
    "mysef": "myself",
    "mself": "myself",
    "meself": "myself",
    "sucide": "suicide",
    "suicde": "suicide",
    "suiside": "suicide",
    "sewercide": "suicide",
    "sewerslide": "suicide",
    "sewerslided": "suicide",
    "ctb": "kill myself",
    "selfdelete": "kill myself",
    "kys": "kill yourself",
    "kmsl": "lol",
    "overamped": "overdosing",
    "overamping": "overdosing",
    "overamp": "overdose",
    "suicdal": "suicidal",
    "sucidal": "suicidal",
    "suisidal": "suicidal",
    "selfharm": "self harm",
    "self-harm": "self harm",
    "overdoes": "overdose",
}
# Words worth restoring from a masked or doubled-letter spelling.
_VOCAB = (
    "kill", "killing", "killed", "myself", "suicide", "suicidal", "die", "dying",
    "dead", "death", "overdose", "overdosing", "overdosed", "pills", "cut", "cutting",
    "hang", "hurt", "harm", "self", "end", "life", "want", "blood", "bleeding",
    "gun", "knife", "razor", "rope", "noose", "jump", "wrists", "goodbye",
    "murder", "shoot", "stab", "strangle", "choke", "overdosing",
)


def _doubled_variants(word: str) -> set[str]:
    """Spellings of ``word`` with up to two letters doubled ("diie", "suiiciide").

    ``normalize`` squeezes longer runs to two letters, so these cover
    "diiiie" and "suuuiiicide" as well.
    """
    singles = {word[:i] + word[i] + word[i:] for i in range(len(word))}
    doubles = {v[:i] + v[i] + v[i:] for v in singles for i in range(len(v))}
    return {v for v in singles | doubles if v != word}


# Every whole-token rewrite: slang, glued letter-spaced phrases, doubled letters.
_REPLACE: dict[str, str] = {}
for _word in _VOCAB:
    for _variant in _doubled_variants(_word):
        _REPLACE.setdefault(_variant, _word)
for _a in ("kill", "hurt", "cut", "end", "off", "hang"):
    _REPLACE[_a + "myself"] = _a + " myself"
    _REPLACE[_a + "mylife"] = _a + " my life"
for _a in ("want", "wanna", "going", "ready"):
    _REPLACE[_a + "todie"] = _a + " to die"
    _REPLACE[_a + "tokillmyself"] = _a + " to kill myself"
_REPLACE.update(_SLANG)
_REPLACE_KEYS = frozenset(_REPLACE)
_TOKEN = re.compile(r"[a-z0-9']+")
_LEADING = {"5": "s", "$": "s", "1": "i", "!": "i", "|": "i", "@": "a"}

# Multi-word slang for suicide, rewritten to the plain phrase the rules know.
# Each entry is gated by a token that every match contains.
_PHRASES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("sewer", re.compile(r"\bsewer[ -]?slid(?:e|ing|ed)\b"), "suicide"),
    ("self", re.compile(r"\bself[ -]?delet(?:e|ing|ed)\b"), "kill myself"),
    ("delete", re.compile(r"\bdelete myself\b"), "kill myself"),
    ("yeet", re.compile(r"\byeet(?:ing)? myself\b"), "throw myself"),
    ("toaster", re.compile(r"\btoaster bath\b"), "kill myself"),
    ("unalive", re.compile(r"\bunalive\b(?! (?:my|your|him|her|them|someone|somebody|people|every|that|this|the|a)\b)"),
     "unalive myself"),
    ("rope", re.compile(r"\b(?:to|'ll|will|gonna|wanna|about|of)\s+rope(?:\s+myself)?\b(?! (?:in|off|them|him|her|the|a|it|burn|swing)\b)"),
     "to hang myself"),
    ("big permanent eternal forever endless dirt", re.compile(r"\b(?:the |a )?(?:big|permanent|eternal|forever|endless|dirt) (?:sleep|nap)\b"),
     "sleep forever"),
)
# Two letters left apart when words were spaced with wider gaps ("t o", "i t").
_PAIRS = ("t o", "i t", "m e", "m y", "d o", "g o", "b e", "u p", "s o", "o f", "i n", "o n")
_LETTER_PAIR = re.compile(r"\b(" + "|".join(_PAIRS) + r")\b")
_PAIR_GATE = re.compile(r" [timdgbuso] [oteypfn] ")
_LEET_GATE = re.compile(r"[5$1!|@][a-z]")
# A leading leet character before a crisis word ("5uicidal", "$elf").
_LEADING_LEET = re.compile(r"(?<![\w$!|@])[5$1!|@](?=(?:uicid|elf|ill|ie\b|ying|verdos))")
_PHRASE_GATE = frozenset(w for gate, _, _ in _PHRASES for w in gate.split())
# Diacritics and inverted marks used as letter disguises ("su¡c¡dal", "sùicide").
_INVERTED_I = re.compile(r"(?<=[a-z])[¡ı](?=[a-z])")
_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
# Letters joined by dots, dashes or underscores: "o.d.ing", "k-i-l-l".
_DOTTED = re.compile(r"(?<![\w.\-])(?:[a-z][.\-_]){2,}[a-z]*(?![\w\-])")
_DOTTED_GATE = re.compile(r"[.\-_][a-z][.\-_]")
# Apostrophe-less contractions that are also words: only before a verb.
_CONTRACTION_VERBS = (
    r"kill|shoot|stab|hurt|beat|murder|end|do|find|come|be|never|always|just|make|take|get|go|jump|die|put|see|cut|"
    r"burn|smoke|pop|regret|probably|finally|really|rather|choke|break|bust|hang|show|leave|drive|walk|catch|pay"
)
_CONTRACTION = re.compile(rf"\b(ill|hell|shell|id)(?= (?:{_CONTRACTION_VERBS})\b)")
_CONTRACTED = {"ill": "i'll", "hell": "he'll", "shell": "she'll", "id": "i'd"}
_MASKED_TOKEN = re.compile(r"(?<![\w*])[a-z][a-z*]*\*[a-z*]*(?![\w*])")


def _masked_regex(token: str) -> re.Pattern[str]:
    # ``normalize`` squeezes a run of masks to one "*", so each may hide 1-3 letters.
    parts = ["[a-z]{1,3}" if run[0] == "*" else re.escape(run) for run in re.findall(r"\*+|[^*]+", token)]
    return re.compile("".join(parts))


def _unmask(match: re.Match[str]) -> str:
    token = match.group(0)
    visible = sum(ch != "*" for ch in token)
    rx = _masked_regex(token)
    for word in _VOCAB:
        if visible * 2 >= len(word) and rx.fullmatch(word):
            return word
    return token


_EMOJI = (
    (re.compile(r"(?:=|->|→|➡️?|⇒)\s*(?:💀|☠️?|⚰️?|🪦)+"), " equals death "),
    (re.compile(r"[🍾🍷🍺🍻🥃🍸🍹🥂]+"), " alcohol "),
    (re.compile(r"💀+\s*(?=(?:my|your|him|her|them)sel(?:f|ves)\b)"), "kill "),
    (re.compile(r"(?:want|wanna|going|ready) to 💀+"), "want to die"),
    (re.compile(r"💀+"), " "),
    (re.compile(r"(?:💊\s*){3,}"), " pills pills pillpile "),
    (re.compile(r"💊+"), " pills "),
    (re.compile(r"🔫+"), " gun "),
    (re.compile(r"🔪+\s*(?=myself\b)"), "cut "),
    (re.compile(r"(?<=to )🔪+"), " cut myself "),
    (re.compile(r"🔪+"), " knife "),
    (re.compile(r"🪢+"), " rope "),
    (re.compile(r"🩸+"), " blood "),
    (re.compile(r"⚰️?|🪦"), " gravemark "),
)


_KNOWN = frozenset(_VOCAB) | _REPLACE_KEYS
_CONTRACTION_KEYS = frozenset(_CONTRACTED)


def _undot(match: re.Match[str]) -> str:
    joined = re.sub(r"[.\-_]", "", match.group(0))
    return joined if joined in _KNOWN else match.group(0)


def _rewrite_tokens(text: str, keys: frozenset[str]) -> str:
    alternation = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    # The pattern depends only on which keys occur; re's own cache keeps the
    # few distinct combinations compiled.
    rx = re.compile(rf"(?<![\w'*])(?:{alternation})(?![\w'*])")
    return rx.sub(lambda m: _REPLACE[m.group(0)], text)


def prepare_tokens(normalized: str) -> tuple[str, frozenset[str]]:
    """Return the crisis matching form and the set of its word tokens."""
    out, words = prepare_words(normalized)
    return out, frozenset(words)


def prepare_words(normalized: str) -> tuple[str, list[str]]:
    """Return the crisis matching form and its word tokens in order (the
    crisis model's features are built from them)."""
    out = normalized
    if not out.isascii():
        for rx, repl in _EMOJI:
            out = rx.sub(repl, out)
        out = _INVERTED_I.sub("i", out)
        if not out.isascii():
            decomposed = unicodedata.normalize("NFD", out)
            out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        out = _SPACES.sub(" ", out)
    if "*" in out:
        out = _MASKED_TOKEN.sub(_unmask, out)
    if _DOTTED_GATE.search(out):
        out = _DOTTED.sub(_undot, out)
    if _PAIR_GATE.search(out):
        out = _LETTER_PAIR.sub(lambda m: m.group(1).replace(" ", ""), out)
    if _LEET_GATE.search(out):
        out = _LEADING_LEET.sub(lambda m: _LEADING[m.group(0)], out)
    words = _TOKEN.findall(out)
    if not _CONTRACTION_KEYS.isdisjoint(words):
        out = _CONTRACTION.sub(lambda m: _CONTRACTED[m.group(1)], out)
    if _PHRASE_GATE.intersection(words):
        for gate, rx, repl in _PHRASES:
            if any(g in out for g in gate.split()):
                out = rx.sub(repl, out)
        words = _TOKEN.findall(out)
    hits = _REPLACE_KEYS.intersection(words)
    if hits:
        out = _rewrite_tokens(out, hits)
        words = _TOKEN.findall(out)
    return out, words


def prepare(normalized: str) -> str:
    """Return the crisis matching form of an already ``normalize``-d text."""
    return prepare_tokens(normalized)[0]

"""The XSS payload corpus, shared by the sanitiser tests and the browser tests.

The corpus lives in ``tests/data/xss_corpus.jsonl``: one JSON object per line
with ``id`` (stable, for test ids), ``category`` and ``payload``. JSON lines
are used because some payloads hold newlines, tabs, NUL and invisible Unicode
characters, which stay visible and reviewable as ``\\uXXXX`` escapes.

``assert_safe_html`` is the checker the tests apply to sanitiser output: it
parses the HTML with ``html.parser`` and inspects the real tags and attributes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from peerhub.moderation.sanitize import LINK_REL

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


# Checking output: parse it as a browser would and inspect real tags.

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"}
SAFE_SCHEMES = {"http", "https", "mailto"}


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]]


@dataclass
class Inspector(HTMLParser):
    """Collects the real tags, attributes and comments a browser-like parser sees."""

    elements: list[Element] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    declarations: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, attrs))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_pi(self, data: str) -> None:
        self.declarations.append(data)

    def unknown_decl(self, data: str) -> None:
        self.declarations.append(data)


def inspect(html_text: str) -> Inspector:
    parser = Inspector()
    parser.feed(html_text)
    parser.close()
    return parser


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see (controls, whitespace, invisibles ignored).

    Per the URL standard a scheme is an ASCII letter then letters, digits, "+",
    "-" or "."; anything else before the colon makes the URL relative.
    """
    compact = "".join(
        ch
        for ch in value
        if ord(ch) > 0x20 and ord(ch) != 0x7F and not ch.isspace() and unicodedata.category(ch) != "Cf"
    ).lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", compact)
    return match.group(1) if match else None


def assert_safe_html(
    out: str, allowed_tags: frozenset[str] | set[str], allowed_attrs: dict[str, set[str]]
) -> None:
    """Fail unless ``out`` is markup a browser would treat as inert.

    No ``<script``, comment or declaration; only allowed tags and attributes;
    no ``on*`` handler; URL attributes relative or http/https/mailto; every
    link with the fixed ``rel`` and no ``target``.
    """
    assert "<script" not in out.lower()
    parsed = inspect(out)
    assert not parsed.comments, parsed.comments
    assert not parsed.declarations, parsed.declarations
    for element in parsed.elements:
        assert element.tag in allowed_tags, f"tag <{element.tag}> not allowed in {out!r}"
        names = [name for name, _ in element.attrs]
        assert not [n for n in names if n.startswith("on")], f"event handler in {out!r}"
        assert set(names) <= allowed_attrs.get(element.tag, set()), f"attributes {names} in {out!r}"
        for name, value in element.attrs:
            if name in URL_ATTRS and value is not None:
                scheme = url_scheme(value)
                assert scheme is None or scheme in SAFE_SCHEMES, f"{name}={value!r} in {out!r}"
                for bad in ("javascript:", "vbscript:", "data:"):
                    assert not url_scheme_free(value).startswith(bad), f"{name}={value!r}"
        if element.tag == "a":
            assert dict(element.attrs).get("rel") == LINK_REL
            assert "target" not in names
        if element.tag == "code" and "class" in names:
            assert re.fullmatch(r"language-[A-Za-z0-9_+#.\-]+", dict(element.attrs)["class"] or "")


def url_scheme_free(value: str) -> str:
    """The start of the URL, compacted and lower-cased, to spot a smuggled scheme."""
    return re.sub(r"[\x00-\x20\x7f\s\u200b-\u200f\u2028\u2029\u2060\ufeff]", "", value).lower()[:16]

"""Safe HTML for user text: Markdown rendering, sanitising, escaping, snippets.

This module owns every conversion of user text into HTML. It is the only
module allowed to import ``bleach``. Everything here is pure (no I/O) and
deterministic, so forum posts are rendered and sanitised once at write time
and the stored HTML can be served as is.

Policy:
- Markdown is CommonMark (markdown-it-py) plus ``~~strikethrough~~``; raw
  HTML in the source is shown as text, never interpreted.
- The HTML allow-list is small: paragraphs, line breaks, emphasis, code,
  quotes, lists, links, headings, rules, strikethrough. No images (remote
  images leak the reader's IP address to whoever hosts them; in Markdown they
  become plain links), no ``style``, no ``class`` except a code block's
  ``language-*`` marker.
- Links may use http, https or mailto, or be relative. Every ``<a>`` gets
  ``rel="nofollow noopener ugc"`` and loses any ``target``.
- ``sanitize_html`` is idempotent, and ``render_markdown`` output is a fixed
  point of ``sanitize_html``; stored HTML can be re-sanitised safely.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Final

import bleach
from bleach.html5lib_shim import Filter
from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = [
    "ALLOWED_PROTOCOLS",
    "ALLOWED_TAGS",
    "LINK_REL",
    "escape_text",
    "highlight_snippet",
    "is_safe_url",
    "render_markdown",
    "sanitize_html",
]

ALLOWED_TAGS: Final = frozenset(
    {
        "p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol",
        "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "del", "s",
    }
)  # fmt: skip
ALLOWED_PROTOCOLS: Final = frozenset({"http", "https", "mailto"})
LINK_REL: Final = "nofollow noopener ugc"

# A post is shown under the page's own <h1> and the thread title's <h2>, so
# Markdown headings start at <h3> ("#" -> h3, "##" -> h4, deeper -> h6).
HEADING_OFFSET: Final = 2

# Attributes kept per tag. "rel" on <a> is listed only so that re-sanitising
# keeps attribute order stable; its value is always overwritten.
_ALLOWED_ATTRIBUTES: Final[Mapping[str, frozenset[str]]] = {
    "a": frozenset({"href", "title", "rel"}),
    "ol": frozenset({"start"}),
    "code": frozenset({"class"}),
}
# A fenced code block's language, as markdown-it writes it: class="language-x".
_CODE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.\-]{1,32}")
_OL_START = re.compile(r"[0-9]{1,9}")

# What a browser ignores inside a URL scheme: ASCII whitespace and controls.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([^/?#]*?):")


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    """Bleach attribute callback: the allow-list plus value checks."""
    if name not in _ALLOWED_ATTRIBUTES.get(tag, frozenset()):
        return False
    if tag == "code":
        return _CODE_CLASS.fullmatch(value) is not None
    if tag == "ol":
        return _OL_START.fullmatch(value) is not None
    return True


class _LinkPolicyFilter(Filter):  # type: ignore[misc]
    """html5lib filter run after bleach: fixed ``rel``, no ``target`` on links."""

    def __iter__(self) -> Iterator[dict[str, object]]:
        token: dict[str, object]
        for token in super().__iter__():
            if token.get("type") in ("StartTag", "EmptyTag") and token.get("name") == "a":
                data = token.get("data")
                attrs: dict[tuple[str | None, str], str] = dict(data) if isinstance(data, dict) else {}
                attrs.pop((None, "target"), None)
                attrs[(None, "rel")] = LINK_REL
                token["data"] = attrs
            yield token


# Extra cleaning passes before giving up on a stable tree (see sanitize_html).
_MAX_EXTRA_PASSES: Final = 6
_ANY_TAG = re.compile(r"<[^>]*>")

_local = threading.local()


def _cleaner() -> bleach.Cleaner:
    """One bleach Cleaner per thread (bleach documents them as not thread-safe)."""
    cleaner = getattr(_local, "cleaner", None)
    if cleaner is None:
        cleaner = bleach.Cleaner(
            tags=set(ALLOWED_TAGS),
            attributes=_allow_attribute,
            protocols=set(ALLOWED_PROTOCOLS),
            strip=True,
            strip_comments=True,
            filters=[_LinkPolicyFilter],
        )
        # Always quote attribute values with '"' (a '"' inside becomes &quot;).
        # bleach only fixes up "&" in double-quoted values, so a value that
        # html5lib chose to single-quote came back as "&amp;lt;" on the next
        # pass and broke idempotence.
        cleaner.serializer.use_best_quote_char = False
        _local.cleaner = cleaner
    return cleaner


def sanitize_html(html_text: str) -> str:
    """Reduce arbitrary HTML to the allow-list; the result is safe to embed.

    Disallowed tags are removed (their text is kept, escaped), comments are
    dropped, attributes outside the allow-list and URLs with other schemes are
    removed, and links get the fixed ``rel``. Idempotent.
    """
    cleaner = _cleaner()
    result: str = cleaner.clean(html_text)
    # Removing foreign content (SVG, MathML) or stripping tags can leave a
    # tree that the next parse builds differently (a heading inside a
    # heading, say); clean again until nothing changes.
    for _ in range(_MAX_EXTRA_PASSES):
        again: str = cleaner.clean(result)
        if again == result:
            return result
        result = again
    # Not seen in practice; keep the contract with the text alone.
    return _text_only(result)


def _text_only(html_text: str) -> str:
    """The text of sanitised HTML, escaped: no markup, stable under sanitize_html."""
    return escape_text(html.unescape(_ANY_TAG.sub("", html_text)))


def is_safe_url(url: str) -> bool:
    """True for a relative URL or one whose scheme is http, https or mailto.

    The scheme is read the way a browser reads it (controls and whitespace
    ignored, case folded); anything that looks like another scheme is refused,
    including ones written with entities, which Markdown has already decoded.
    """
    compact = _URL_IGNORED.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(compact)
    if match is None:
        return True
    return match.group(1) in ALLOWED_PROTOCOLS


class _SafeMarkdownIt(MarkdownIt):
    """markdown-it whose links must pass :func:`is_safe_url`.

    A Markdown link or autolink with another scheme is not a link at all: the
    source stays visible as text, so the writer sees what they typed.
    """

    def validateLink(self, url: str) -> bool:
        return is_safe_url(url)


def _build_markdown() -> MarkdownIt:
    md = _SafeMarkdownIt("commonmark", {"html": False, "linkify": False, "xhtmlOut": False})
    md.enable("strikethrough")
    return md


_MARKDOWN: Final = _build_markdown()


def _image_as_link(image: Token, inside_link: bool) -> list[Token]:
    """Replace an image token by a link to it (or by its alt text in a link)."""
    text = image.children or []
    if not text:
        label = Token("text", "", 0)
        label.content = str(image.attrGet("src") or "")
        text = [label]
    if inside_link:
        return list(text)
    opening = Token("link_open", "a", 1)
    opening.attrSet("href", str(image.attrGet("src") or ""))
    title = image.attrGet("title")
    if title:
        opening.attrSet("title", str(title))
    return [opening, *text, Token("link_close", "a", -1)]


def _rewrite_inline(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    depth = 0
    for child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        if child.type == "image":
            out.extend(_image_as_link(child, depth > 0))
        else:
            out.append(child)
    return out


def _rewrite(tokens: list[Token]) -> None:
    """Downgrade headings and turn images into links, in place."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + HEADING_OFFSET, 6)
            token.tag = f"h{level}"
        elif token.type == "inline" and token.children:
            token.children = _rewrite_inline(token.children)


def render_markdown(source: str) -> str:
    """Render user Markdown to sanitised HTML (see the module policy).

    The result is a fixed point of :func:`sanitize_html`.
    """
    env: dict[str, object] = {}
    tokens = _MARKDOWN.parse(source, env)
    _rewrite(tokens)
    rendered: str = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, env)
    return sanitize_html(rendered)


def escape_text(text: str) -> str:
    """Escape text for an HTML text or attribute context (quotes included)."""
    return html.escape(text, quote=True)


# Bidi embeddings/overrides/isolates and C0 controls (except tab and newline):
# a snippet is cut out of its context, so an unbalanced override could
# reverse the page text after it.
_SNIPPET_DROP = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f]")
_WHITESPACE = re.compile(r"\s+")
ELLIPSIS: Final = "\u2026"


def _terms_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    # Lower-cased only to drop duplicates; IGNORECASE does the matching (casefold
    # would turn a term "straße" into "strasse", which the text doesn't contain).
    cleaned = {t.strip().lower() for t in terms if t.strip()}
    if not cleaned:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(cleaned, key=len, reverse=True))
    # A term matches at the start of a word and the mark covers the whole word.
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


def _window(text: str, first: int, max_len: int) -> tuple[int, int]:
    """Pick [start, end) of at most max_len characters showing offset first."""
    if len(text) <= max_len:
        return 0, len(text)
    start = max(0, min(first - max_len // 4, len(text) - max_len))
    end = start + max_len
    if start > 0:
        space = text.find(" ", start, first)
        if space != -1:
            start = space + 1
    if end < len(text):
        space = text.rfind(" ", max(start, first), end)
        if space > start:
            end = space
    return start, end


def highlight_snippet(text: str, terms: Sequence[str], max_len: int = 200) -> str:
    """An escaped excerpt of ``text`` with ``<mark>`` around matched terms.

    Terms match case-insensitively at the start of a word (so "recov" marks
    "Recovery"); the whole word is marked. Whitespace is collapsed, bidi
    controls are dropped, and the excerpt holds at most ``max_len`` characters
    of text around the first match, with an ellipsis where it was cut.

    Matching runs on the raw text, but every piece of text is escaped before
    it is joined with ``<mark>``; no term and no part of the text can add
    markup. The only tag in the result is ``<mark>``, without attributes.
    """
    plain = _WHITESPACE.sub(" ", _SNIPPET_DROP.sub("", text)).strip()
    pattern = _terms_pattern(terms)
    first_match = pattern.search(plain) if pattern is not None else None
    start, end = _window(plain, first_match.start() if first_match else 0, max(1, max_len))
    excerpt = plain[start:end]

    pieces: list[str] = [ELLIPSIS] if start > 0 else []
    position = 0
    if pattern is not None:
        for match in pattern.finditer(excerpt):
            pieces.append(escape_text(excerpt[position : match.start()]))
            pieces.append(f"<mark>{escape_text(match.group())}</mark>")
            position = match.end()
    pieces.append(escape_text(excerpt[position:]))
    if end < len(plain):
        pieces.append(ELLIPSIS)
    return "".join(pieces)

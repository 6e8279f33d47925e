"""Tests for peerhub.moderation.sanitize: the XSS corpus, idempotence, rendering."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerhub.moderation.sanitize import (
    ALLOWED_TAGS,
    _text_only,
    escape_text,
    highlight_snippet,
    is_safe_url,
    render_markdown,
    sanitize_html,
)
from tests.xss import XssCase, assert_safe_html, inspect, load_xss_cases, load_xss_corpus

CASES = load_xss_cases()
ALLOWED_ATTRS = {"a": {"href", "title", "rel"}, "ol": {"start"}, "code": {"class"}}

# The corpus


def test_corpus_is_large_and_varied() -> None:
    payloads = load_xss_corpus()
    assert len(payloads) >= 120
    assert len({case.id for case in CASES}) == len(CASES)
    assert len(set(payloads)) == len(payloads)
    categories = {case.category for case in CASES}
    assert {"script", "event-handler", "url-scheme", "svg-mathml", "css", "embed"} <= categories
    assert {"malformed", "comment-cdata", "markdown", "unicode"} <= categories
    assert any("\n" in p for p in payloads) and any("\t" in p for p in payloads)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_render_markdown_is_safe_and_stable(case: XssCase) -> None:
    out = render_markdown(case.payload)
    assert_safe_html(out, ALLOWED_TAGS, ALLOWED_ATTRS)
    assert sanitize_html(out) == out


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_sanitize_html_is_safe_and_idempotent(case: XssCase) -> None:
    out = sanitize_html(case.payload)
    assert_safe_html(out, ALLOWED_TAGS, ALLOWED_ATTRS)
    assert sanitize_html(out) == out


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_highlight_snippet_only_adds_bare_marks(case: XssCase) -> None:
    out = highlight_snippet(case.payload, ["script", "<img", "alert", "onerror="])
    assert_safe_html(out, {"mark"}, {})
    # Marks are the only markup: removing them leaves text without "<" at all.
    assert "<" not in out.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_escape_text_leaves_no_markup(case: XssCase) -> None:
    out = escape_text(case.payload)
    assert not any(ch in out for ch in "<>\"'")
    assert inspect(out).elements == []


def test_payloads_are_neutralised_not_just_reformatted() -> None:
    """Spot checks that the checker above would catch each kind of failure."""
    with pytest.raises(AssertionError):
        assert_safe_html(
            '<a href="java&#9;script:x" rel="nofollow noopener ugc">x</a>', ALLOWED_TAGS, ALLOWED_ATTRS
        )
    with pytest.raises(AssertionError):
        assert_safe_html('<p onclick="x">x</p>', ALLOWED_TAGS, ALLOWED_ATTRS)
    with pytest.raises(AssertionError):
        assert_safe_html('<img src="x">', ALLOWED_TAGS, ALLOWED_ATTRS)
    with pytest.raises(AssertionError):
        assert_safe_html('<a href="https://x">x</a>', ALLOWED_TAGS, ALLOWED_ATTRS)


# Ordinary Markdown renders


def test_emphasis_strong_strikethrough_and_inline_code() -> None:
    out = render_markdown("*one* **two** ~~three~~ `four <b>`")
    assert out == "<p><em>one</em> <strong>two</strong> <s>three</s> <code>four &lt;b&gt;</code></p>\n"


def test_lists_keep_structure_and_start_number() -> None:
    assert render_markdown("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    assert render_markdown("3. c\n4. d") == '<ol start="3">\n<li>c</li>\n<li>d</li>\n</ol>\n'


def test_fenced_code_keeps_language_class_and_escapes_body() -> None:
    out = render_markdown("```python\nif a < b:\n    print('<script>')\n```")
    assert out == (
        "<pre><code class=\"language-python\">if a &lt; b:\n    print('&lt;script&gt;')\n</code></pre>\n"
    )


def test_blockquote_headings_rule_and_hard_break() -> None:
    assert render_markdown("> held\n> on") == "<blockquote>\n<p>held\non</p>\n</blockquote>\n"
    # Headings start at h3 under the page's own h1 and the thread's h2.
    assert render_markdown("# Day 30") == "<h3>Day 30</h3>\n"
    assert render_markdown("## a\n\n###### b") == "<h4>a</h4>\n<h6>b</h6>\n"
    assert render_markdown("---") == "<hr>\n"
    assert render_markdown("line  \nnext") == "<p>line<br>\nnext</p>\n"


def test_links_get_rel_and_keep_title() -> None:
    out = render_markdown('[SAMHSA](https://www.samhsa.gov/find-help "Helpline")')
    assert out == (
        '<p><a href="https://www.samhsa.gov/find-help" title="Helpline" rel="nofollow noopener ugc">'
        "SAMHSA</a></p>\n"
    )
    assert render_markdown("[me](mailto:a@example.org)") == (
        '<p><a href="mailto:a@example.org" rel="nofollow noopener ugc">me</a></p>\n'
    )
    assert render_markdown("[rules](/forum/rules)") == (
        '<p><a href="/forum/rules" rel="nofollow noopener ugc">rules</a></p>\n'
    )


def test_autolinks_are_safe_and_bare_urls_are_not_linked() -> None:
    assert render_markdown("<https://988lifeline.org>") == (
        '<p><a href="https://988lifeline.org" rel="nofollow noopener ugc">https://988lifeline.org</a></p>\n'
    )
    assert render_markdown("see https://example.org now") == "<p>see https://example.org now</p>\n"
    assert render_markdown("<javascript:alert(1)>") == "<p>&lt;javascript:alert(1)&gt;</p>\n"


def test_unsafe_markdown_links_stay_visible_as_text() -> None:
    assert render_markdown("[x](javascript:alert(1))") == "<p>[x](javascript:alert(1))</p>\n"
    assert render_markdown("[x](JAVA\tSCRIPT:alert(1))") == "<p>[x](JAVA\tSCRIPT:alert(1))</p>\n"
    out = render_markdown("[x][r]\n\n[r]: vbscript:msgbox(1)")
    assert "<a" not in out and "[x][r]" in out


def test_images_become_links_and_never_img() -> None:
    assert render_markdown("![chip](https://example.org/chip.png)") == (
        '<p><a href="https://example.org/chip.png" rel="nofollow noopener ugc">chip</a></p>\n'
    )
    # No alt text: the URL is the link text.
    assert render_markdown("![](https://example.org/c.png)") == (
        '<p><a href="https://example.org/c.png" rel="nofollow noopener ugc">https://example.org/c.png</a></p>\n'
    )
    # An image inside a link becomes its alt text (no nested links).
    assert render_markdown("[![logo](https://example.org/l.png)](https://example.org)") == (
        '<p><a href="https://example.org" rel="nofollow noopener ugc">logo</a></p>\n'
    )
    assert "<a" not in render_markdown("![x](data:image/png;base64,iVBORw0KGgo=)")


def test_raw_html_is_shown_as_text() -> None:
    assert render_markdown("<b>bold</b> & <i>") == "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;</p>\n"
    assert render_markdown("<div>\nblock\n</div>") == "<p>&lt;div&gt;\nblock\n&lt;/div&gt;</p>\n"


def test_empty_and_plain_text() -> None:
    assert render_markdown("") == ""
    assert render_markdown("one day at a time") == "<p>one day at a time</p>\n"


# sanitize_html


def test_sanitize_keeps_allowed_and_strips_the_rest() -> None:
    out = sanitize_html(
        '<p class="x" style="color:red">hi <em>there</em><img src="x"></p><script>bad()</script>'
    )
    assert out == "<p>hi <em>there</em></p>bad()"


def test_sanitize_forces_rel_and_drops_target() -> None:
    out = sanitize_html('<a href="https://example.org" target="_blank" rel="opener">x</a>')
    assert out == '<a href="https://example.org" rel="nofollow noopener ugc">x</a>'
    assert sanitize_html("<a>x</a>") == '<a rel="nofollow noopener ugc">x</a>'


def test_sanitize_drops_unsafe_urls_but_keeps_link_text() -> None:
    assert (
        sanitize_html('<a href="jav&#x09;ascript:alert(1)">x</a>') == '<a rel="nofollow noopener ugc">x</a>'
    )
    assert sanitize_html('<a href="data:text/html,x">y</a>') == '<a rel="nofollow noopener ugc">y</a>'


def test_sanitize_code_class_only_language_marker() -> None:
    assert sanitize_html('<code class="language-rust">x</code>') == '<code class="language-rust">x</code>'
    assert sanitize_html('<code class="hljs evil">x</code>') == "<code>x</code>"
    assert sanitize_html('<ol start="2; x"><li>a</li></ol>') == "<ol><li>a</li></ol>"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_text_only_fallback_is_stable(case: XssCase) -> None:
    """The last-resort output of sanitize_html must itself be a fixed point."""
    out = _text_only(sanitize_html(case.payload))
    assert inspect(out).elements == []
    assert sanitize_html(out) == out


def test_sanitize_removes_comments() -> None:
    assert sanitize_html("a<!-- secret -->b") == "ab"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"<>/=\"' &#;:abjscrptvionehf\t\n!-[]()`*_", "\u200b", "é"])))
def test_sanitize_idempotent_and_safe_on_random_markup(text: str) -> None:
    out = sanitize_html(text)
    assert_safe_html(out, ALLOWED_TAGS, ALLOWED_ATTRS)
    assert sanitize_html(out) == out


MARKUP_PIECES = [
    "<svg>", "<math>", "<mtext>", "<mglyph>", "<style>", "</style>", "<h1>", "<h6>", "</h1>", "<p>", "</p>",
    "<a href=\"", "<a title='", "javascript:", "\" ", "' ", "&lt;", "&amp;", "&#x09;", "<table>", "<td>",
    "<li>", "<ul>", "<ol start=", "<pre>", "<code class=\"language-x\">", "<!--", "-->", "<script>",
    "<img src=x onerror=", ">", "<", "x", " ", "\n", "<blockquote>", "<em>", "</a>", "<template>",
    "<select>", "<noscript>", "<textarea>", "<title>", "<![CDATA[", "]]>", "<frameset>", "<br>",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARKUP_PIECES), max_size=30).map("".join))
def test_sanitize_idempotent_and_safe_on_random_tag_soup(text: str) -> None:
    out = sanitize_html(text)
    assert_safe_html(out, ALLOWED_TAGS, ALLOWED_ATTRS)
    assert sanitize_html(out) == out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"<>/=\"' &#;:abjscrptvi[]()!*_`~#>-\n\t1.", "\u202e"])))
def test_render_markdown_stable_on_random_markdown(text: str) -> None:
    out = render_markdown(text)
    assert_safe_html(out, ALLOWED_TAGS, ALLOWED_ATTRS)
    assert sanitize_html(out) == out


# escape_text and is_safe_url


def test_escape_text_escapes_quotes() -> None:
    assert escape_text("<a title='x'>\"&") == "&lt;a title=&#x27;x&#x27;&gt;&quot;&amp;"


@pytest.mark.parametrize(
    "url",
    ["https://a.org", "http://a.org/x?y#z", "mailto:a@b.org", "/r", "#top", "?q=1", "a/b:c", "//host/p"],
)
def test_is_safe_url_accepts(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:x",
        "java\tscript:x",
        "jav&#x09;ascript:x",
        "vbscript:x",
        "data:,x",
        "file:///x",
    ],
)
def test_is_safe_url_refuses(url: str) -> None:
    assert not is_safe_url(url)


# highlight_snippet


def test_snippet_marks_words_case_insensitively_and_by_prefix() -> None:
    out = highlight_snippet("Recovery is a process; recovering daily.", ["recov"])
    assert out == "<mark>Recovery</mark> is a process; <mark>recovering</mark> daily."


def test_snippet_matches_non_ascii_terms() -> None:
    assert highlight_snippet("Die Straße, STRASSE", ["straße"]) == "Die <mark>Straße</mark>, STRASSE"
    assert highlight_snippet("Día uno", ["DÍA"]) == "<mark>Día</mark> uno"


def test_snippet_does_not_match_inside_words() -> None:
    assert highlight_snippet("discovery and covert", ["cover"]) == "discovery and <mark>covert</mark>"


def test_snippet_escapes_text_and_terms() -> None:
    out = highlight_snippet('<b>bold</b> "q" & amp', ["<b>", "amp"])
    assert out == "<mark>&lt;b&gt;bold</mark>&lt;/b&gt; &quot;q&quot; &amp; <mark>amp</mark>"
    # A term full of regex syntax is taken literally.
    assert (
        highlight_snippet("c++ (and) .*", ["c++", "(", ".*"])
        == "<mark>c++</mark> <mark>(and</mark>) <mark>.*</mark>"
    )


def test_snippet_window_centres_on_first_match_with_ellipses() -> None:
    words = " ".join(f"w{i}" for i in range(200))
    text = f"{words} target {words}"
    out = highlight_snippet(text, ["target"], max_len=60)
    assert "<mark>target</mark>" in out
    assert out.startswith("\u2026") and out.endswith("\u2026")
    plain = out.replace("<mark>", "").replace("</mark>", "").strip("\u2026")
    assert len(plain) <= 60
    assert not plain.startswith(" ") and not plain.endswith(" ")


def test_snippet_without_match_shows_the_start() -> None:
    text = "alpha beta gamma " * 30
    out = highlight_snippet(text, ["zeta"], max_len=20)
    assert out.startswith("alpha beta gamma") and out.endswith("\u2026") and "<mark>" not in out
    assert highlight_snippet("short  \n text", []) == "short text"


def test_snippet_drops_bidi_overrides_and_controls() -> None:
    assert highlight_snippet("a \u202eb\u2066c\x00d", ["b"]) == "a <mark>bcd</mark>"

"""Forum search on SQLite (FTS5) and PostgreSQL (tsvector + GIN), over HTTP."""

from __future__ import annotations

from typing import Any

from peerhub.moderation.sanitize import highlight_snippet
from tests.conftest import ApiClient, LiveServer, both_backends
from tests.forum_helpers import category_ids, count_statements, new_thread, reply


async def search(api: ApiClient, q: str, **params: Any) -> list[dict[str, Any]]:
    r = await api.get("/api/forum/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    results: list[dict[str, Any]] = r.json()["results"]
    return results


@both_backends
async def test_search_finds_words_inside_posts_ranks_titles_and_escapes(live: LiveServer) -> None:
    async with live.client() as a:
        await a.signup_login("searcher_one")
        cats = await category_ids(a)
        garden = await new_thread(a, cats[0], "Evenings without drinking",
                                  "What helps me most: I finally planted tomatoes in the community garden, "
                                  "and watering them at dusk gives the evening a shape.")
        other = await new_thread(a, cats[0], "Meetings near the harbour", "Tuesday group was kind.")
        titled = await new_thread(a, cats[1], "Tomatoes and patience", "Slow things grow.")
        mention = await reply(a, other["thread"]["id"], "Bring <b>tomatoes</b> & snacks next week?")

        hits = await search(a, "tomatoes")
        found = {h["post_id"] for h in hits}
        assert found == {garden["post"]["id"], titled["post"]["id"], mention["id"]}
        # The title match ranks first; ranks are descending.
        assert hits[0]["post_id"] == titled["post"]["id"]
        assert [h["rank"] for h in hits] == sorted((h["rank"] for h in hits), reverse=True)

        # A word deep inside a post body is found; a word in no post is not.
        [hit] = await search(a, "watering")
        assert hit["post_id"] == garden["post"]["id"] and hit["thread_id"] == garden["thread"]["id"]
        assert "<mark>watering</mark>" in hit["snippet_html"]
        assert hit["title"] == "Evenings without drinking" and hit["category_id"] == cats[0]
        assert await search(a, "harpsichord") == []
        assert other["post"]["id"] not in {h["post_id"] for h in await search(a, "tomatoes")}
        # Prefixes, several words (all must match), stemming, case.
        assert {h["post_id"] for h in await search(a, "TOMATO garden")} == {garden["post"]["id"]}
        assert {h["post_id"] for h in await search(a, "harb")} == {other["post"]["id"]}
        # Category filter.
        assert {h["post_id"] for h in await search(a, "tomatoes", category_id=cats[1])} == {titled["post"]["id"]}

        # Snippets are escaped text with <mark> only, never the post's markup.
        [snack] = await search(a, "snacks")
        assert snack["snippet_html"] == highlight_snippet("Bring <b>tomatoes</b> & snacks next week?", ["snacks"])
        assert "<b>" not in snack["snippet_html"] and "&lt;b&gt;" in snack["snippet_html"]
        [t] = await search(a, "patience")
        assert t["title_html"] == "Tomatoes and <mark>patience</mark>"

        # Removed posts leave the index; edits are searchable at once.
        assert (await a.delete(f"/api/forum/posts/{mention['id']}")).status_code == 200
        assert mention["id"] not in {h["post_id"] for h in await search(a, "tomatoes")}
        r = await a.patch(f"/api/forum/posts/{other['post']['id']}", json={"body": "Tuesday group had cucumbers."})
        assert r.status_code == 200
        assert {h["post_id"] for h in await search(a, "cucumber")} == {other["post"]["id"]}
        assert await search(a, "kind") == []

        # Query syntax never reaches the search engine.
        for q in ['"', "tomatoes OR", "NEAR(tomatoes", "tomatoes:*", "!tomatoes & | ('", "-tomatoes", "*"]:
            r = await a.get("/api/forum/search", params={"q": q})
            assert r.status_code == 200, (q, r.text)
        assert await search(a, "") == [] and await search(a, "   ") == []
        r = await a.get("/api/forum/search", params={"q": "x" * 501})
        assert r.status_code == 422 and r.json()["error"]["code"] == "query_too_long"


@both_backends
async def test_search_hides_deleted_threads_and_runs_a_fixed_number_of_queries(live: LiveServer) -> None:
    async with live.client() as a:
        await a.signup_login("searcher_two")
        cat = (await category_ids(a))[0]
        lonely = await new_thread(a, cat, "Quiet lighthouse keeper", "Nobody answers lighthouse threads.")
        for n in range(30):
            await new_thread(a, cat, f"Lighthouse story {n}", f"lighthouse number {n}")
        await a.get("/api/me")
        with count_statements(live) as statements:
            hits = await search(a, "lighthouse", limit=50)
        assert len(hits) == 31
        assert len(statements) <= 3, statements
        assert (await a.delete(f"/api/forum/posts/{lonely['post']['id']}")).status_code == 200
        assert (await a.get(f"/api/forum/threads/{lonely['thread']['id']}")).status_code == 404
        assert lonely["thread"]["id"] not in {h["thread_id"] for h in await search(a, "keeper")}

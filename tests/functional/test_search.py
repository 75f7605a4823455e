"""Search finds learn pages for everyone and conversations for members, on SQLite and PostgreSQL."""

import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.extensions import db
from app.services import discussions, muting, search
from tests.functional.helpers import html_of, thread_posts, title_of


@pytest.fixture
def member(make_member, sign_in):
    member = make_member()
    sign_in(member)
    return member


def post_links(html: str) -> list[str]:
    return re.findall(r'href="(/talk/threads/\d+#post-\d+)" class="result-title"', html)


def test_words_of_drops_syntax_and_common_words():
    assert search.words_of('"tired" AND (insulin OR NEAR*) ^ the: -x') == [
        "tired",
        "insulin",
        "near",
        "x",
    ]
    assert search.words_of("") == search.words_of("   ") == search.words_of("the of") == []


def test_visitor_search_finds_learn_pages_and_is_offered_entry(client):
    html = html_of(client.get("/search?q=sleep+routine"))
    assert 'href="/learn/sleep" class="result-title"' in html
    assert "<mark>" in html
    assert "Enter as a guest" in html
    assert "Conversations" not in html


def test_visitor_search_keeps_the_words_out_of_the_title_and_address(client):
    """Visitors' forms search by POST; no title or link carries the words."""
    for page in ("/", "/search"):
        html = html_of(client.get(page))
        assert re.findall(r'<form method="(\w+)" action="/search"', html) == ["post"] * (
            1 if page == "/" else 2
        ), page
    response = client.post("/search", data={"q": "sleep routine"})
    html = html_of(response)
    assert response.status_code == 200 and 'href="/learn/sleep" class="result-title"' in html
    assert "sleep" not in title_of(response).lower()
    assert not re.search(r'(href|action|value)="[^"]*\bq=', html)
    assert "sleep" not in title_of(client.get("/search?q=sleep+routine")).lower()


def test_member_search_form_still_uses_the_address(client, member):
    html = html_of(client.get("/search"))
    assert re.findall(r'<form method="(\w+)" action="/search"', html) == ["get", "get"]


def test_member_search_finds_thread_titles_and_posts_with_marked_excerpts(
    client, member, make_member, make_thread
):
    thread = make_thread(title="Insulin makes me so tired", body="Every afternoon I crash.")
    other = make_thread(title="Gardening", body="Tomatoes again")
    reply = discussions.reply(make_member(), other, body="I get tired after insulin too")
    html = html_of(client.get("/search?q=insulin+tired&kind=discussions"))
    links = post_links(html)
    opening = thread_posts(thread)[0]
    assert f"/talk/threads/{thread.id}#post-{opening.id}" in links
    assert f"/talk/threads/{other.id}#post-{reply.id}" in links
    assert "<mark>tired</mark>" in html


def test_search_filters_by_space_and_condition(client, member, make_thread):
    make_thread(space="mind-and-body", title="Breathless and panicky", tags=["copd-lung"])
    make_thread(space="off-topic", title="Breathless after the stairs", tags=[])
    by_tag = html_of(client.get("/search?q=breathless&kind=discussions&tag=copd-lung"))
    assert "Breathless and panicky" in by_tag and "after the stairs" not in by_tag
    by_space = html_of(client.get("/search?q=breathless&kind=discussions&space=off-topic"))
    assert "after the stairs" in by_space and "panicky" not in by_space
    learn_only = html_of(client.get("/search?q=breathless&kind=learn"))
    assert "panicky" not in learn_only and "/learn/breathlessness-and-anxiety" in learn_only


def test_hidden_held_removed_and_edited_posts_leave_results_at_once(
    client, member, make_member, make_thread
):
    author = make_member()
    thread = make_thread(title="Fatigue chat")
    hidden = discussions.reply(author, thread, body="zebra crossing tiredness")
    removed = discussions.reply(author, thread, body="zebra stripes fatigue")
    edited = discussions.reply(author, thread, body="zebra pattern blanket")
    held = discussions.reply(author, thread, body="zebra crossing waiting")
    assert len(post_links(html_of(client.get("/search?q=zebra")))) == 4
    hidden.hidden_at = datetime.now(UTC)
    held.held_at = datetime.now(UTC)
    db.session.commit()
    discussions.remove_post(author, removed)
    discussions.edit_post(author, edited, body="a plain blanket")
    assert post_links(html_of(client.get("/search?q=zebra"))) == []


def test_search_paginates_conversations(client, member, make_thread):
    for n in range(21):
        make_thread(title=f"Pacing question {n}")
    first = html_of(client.get("/search?q=pacing&kind=discussions"))
    assert len(post_links(first)) == 20 and "Page 1 of 2" in first
    assert len(post_links(html_of(client.get("/search?q=pacing&kind=discussions&page=2")))) == 1


def test_search_with_no_results_suggests_what_to_try(client, member):
    html = html_of(client.get("/search?q=xylophonist"))
    assert "No results for “xylophonist”" in html and "check the spelling" in html


@pytest.mark.parametrize(
    "path", ["/search?q=x&kind=cheese", "/search?q=x&tag=cheese", "/search?q=x&space=nowhere"]
)
def test_search_with_unknown_filter_is_404(client, member, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "AND OR NOT",
        "NEAR(a b)",
        "tired*",
        "^start",
        "col:umn",
        "(((",
        ")",
        "a" * 1000,
        "😴 tired 😴",
        "تعب شديد",
        "מעייף",
        "-",
        "'; DROP TABLE posts; --",
        "\x00",
        "%",
        "_",
        "\\",
        "*",
        "",
    ],
)
def test_search_with_awkward_text_returns_a_page(client, member, query):
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=200))
def test_search_with_any_text_never_fails(client, member, query):
    assert client.get("/search", query_string={"q": query}).status_code == 200


def test_index_learn_pages_writes_only_what_changed(app):
    pages = app.extensions["learn_pages"].all()
    assert search.index_learn_pages(pages) == 0
    assert search.index_learn_pages(pages[1:]) == 1
    assert search.index_learn_pages(pages) == 1


def test_posts_from_muted_members_and_threads_are_not_found(
    client, member, make_member, make_thread
):
    noisy = make_member()
    thread = make_thread(title="Quilting corner")
    discussions.reply(noisy, thread, body="quilting squares everywhere")
    assert len(post_links(html_of(client.get("/search?q=quilting")))) == 2
    muting.set_member_muted(member, noisy, True)
    assert len(post_links(html_of(client.get("/search?q=quilting")))) == 1
    muting.set_thread_muted(member, thread, True)
    assert post_links(html_of(client.get("/search?q=quilting"))) == []

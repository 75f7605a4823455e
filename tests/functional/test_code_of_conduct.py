"""The code of conduct is published in full, summarised where people enter and post, and says
what the site actually does."""

import re

import pytest

from app.conduct import RULES, SUSPENSIONS
from app.config import Config
from tests.functional.helpers import html_of, thread_posts


@pytest.fixture
def page(client):
    return html_of(client.get("/code-of-conduct"))


def test_code_of_conduct_lists_every_rule_in_order(page):
    numbered = re.search(r"<h2 id=\"the-rules\">The rules</h2>\s*<ol>(.*?)</ol>", page, re.S)
    items = re.findall(r"<li><strong>(.*?)\.</strong>", numbered.group(1))
    assert items == [rule.title for rule in RULES]


def test_code_of_conduct_matches_the_settings_and_steps(page):
    assert (
        f"If {Config.REPORTS_TO_HIDE} members who have been here a while report the same "
        "post, each from a different connection"
    ) in page
    assert (
        f"at least {Config.ESTABLISHED_MEMBER_DAYS} days old and has at least "
        f"{Config.ESTABLISHED_MEMBER_POSTS} posts that others can see"
    ) in page
    assert f"usually within {Config.MODERATION_WAIT_HOURS} hours" in page
    assert Config.HOLD_FIRST_POSTS == 1 and "first post waits for a moderator" in page
    assert "possible risk" in page and "It stays in the thread unless a moderator" in page
    steps = [
        "A reminder",
        "A warning",
        "Suspension for 2 weeks.",
        "Suspension for 1 month.",
        "Permanent suspension.",
    ]
    positions = [page.index(step) for step in steps]
    assert positions == sorted(positions)
    assert [label for label, _ in SUSPENSIONS.values()][:2] == ["2 weeks", "1 month (30 days)"]
    assert "Ask for a review" in page and "log" in page


def test_code_of_conduct_has_an_easy_read_version(page):
    easy = page[page.index('id="easy-read"') :]
    items = re.findall(r"<li>(.*?)</li>", easy)
    sentences = [s for item in items for s in re.split(r"(?<=[.!?]) ", item)]
    assert len(items) >= 15
    assert max(len(s.split()) for s in sentences) <= 12


def test_code_of_conduct_is_linked_from_footer_entry_and_every_post_form(
    client, make_member, make_thread, sign_in
):
    link = 'href="/code-of-conduct"'
    for path in ("/", "/enter", "/talk/introductions"):  # the last: Talk's entry page
        assert link in html_of(client.get(path)), path
    member = make_member()
    thread = make_thread()
    sign_in(member)
    post = thread_posts(thread)[0]
    own = thread_posts(make_thread(author=member))[0]
    for path in (
        "/talk/introductions/new",
        f"/talk/threads/{thread.id}",
        f"/talk/posts/{post.id}/reply",
        f"/talk/posts/{own.id}/edit",
    ):
        html = html_of(client.get(path))
        assert 'class="conduct-reminder"' in html and html.count(link) >= 2, path

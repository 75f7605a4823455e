"""Crisis numbers come from one file and never appear without where and when they work.

Every page a visitor can reach without special data (home, help-now, each learn page and its
handout, the site pages, the report pages) and the support panel after a possible-risk post are
read as text blocks (paragraphs, list items, table cells, headings). A block that shows a crisis
number must name where it works (in the block or the heading above it) and its opening hours.
A learn page's list of sources only names them, so it is left out.
"""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from app.crisis_contacts import InvalidContacts
from app.views.pages import SITE_PAGES
from tests.functional.helpers import html_of, thread_posts

ROOT = Path(__file__).resolve().parents[2]
LEARN_SLUGS = sorted(p.stem for p in (ROOT / "content" / "learn").glob("*.md"))
BLOCKS = {"p", "li", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"}
HEADINGS = ("h2", "h3", "h4")
SKIPPED = {"script", "style", "title", "head"}
CITATIONS = "Where this information comes from"  # sources are named, not offered as numbers


class Blocks(HTMLParser):
    """Each block's text, with the text of the headings it sits under."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, list[str]]] = []
        self.headings: dict[str, str] = {}
        self.blocks: list[tuple[str, str]] = []  # (text, text of the headings above it)
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        if tag in BLOCKS:
            self.open.append((tag, []))

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping -= 1
        if tag in BLOCKS and self.open and self.open[-1][0] == tag:
            _, parts = self.open.pop()
            text = " ".join("".join(parts).split())
            if tag in HEADINGS:
                level = HEADINGS.index(tag)
                self.headings = {
                    h: t for h, t in self.headings.items() if HEADINGS.index(h) < level
                }
                self.headings[tag] = text
            self.blocks.append((text, " ".join(self.headings.values())))

    def handle_data(self, data):
        if not self.skipping:
            for _, parts in self.open:
                parts.append(data)


def blocks_of(html: str) -> list[tuple[str, str]]:
    parser = Blocks()
    parser.feed(html)
    return parser.blocks


def number_pattern(number: str) -> re.Pattern:
    return re.compile(r"(?<![\d,.])" + r"\s?".join(map(re.escape, number.split())) + r"(?!,?\d)")


def unexplained_numbers(html: str, contacts) -> list[str]:
    """Each block that shows a crisis number without where and when that number works."""
    problems = []
    for text, above in blocks_of(html):
        if CITATIONS in above:
            continue
        context = f"{text} {above}".lower()
        for number in {c.number for c in contacts} | {c.textphone for c in contacts if c.textphone}:
            if not number_pattern(number).search(text):
                continue
            explained = any(
                c.hours.lower() in context and c.where.lower() in context
                for c in contacts
                if number in (c.number, c.textphone)
            )
            if not explained:
                problems.append(f"{number} in {text!r} (under {above!r})")
    return problems


def pages_to_read(client, others_post):
    """Every page with fixed words, read by this (signed-in) client."""
    paths = ["/", "/help-now", "/learn", f"/talk/posts/{others_post.id}/report"]
    paths += [f"/{s}" for s in SITE_PAGES]
    for slug in LEARN_SLUGS:
        paths += [f"/learn/{slug}", f"/learn/{slug}/share"]
    for path in paths:
        response = client.get(path)
        if response.status_code == 200:
            yield path, html_of(response)


@pytest.fixture
def others_post(make_thread):
    return thread_posts(make_thread())[0]


@pytest.fixture
def support_panel_page(client, make_member, sign_in):
    sign_in(make_member())
    response = client.post(
        "/talk/mind-and-body/new",
        data={"title": "Bad week", "body": "Honestly some days I want to end it all."},
    )
    return html_of(client.get(response.headers["Location"]))


def test_every_crisis_number_on_every_page_says_where_and_when(
    app, client, support_panel_page, others_post
):
    contacts = app.extensions["crisis_contacts"].all()
    pages = dict(pages_to_read(client, others_post))
    assert {"/help-now", "/learn/sleep/share", "/code-of-conduct"} <= set(pages)
    assert any(path.endswith("/report") for path in pages)
    pages["support panel"] = support_panel_page
    problems = {path: unexplained_numbers(html, contacts) for path, html in pages.items()}
    assert {path: found for path, found in problems.items() if found} == {}


def test_unexplained_numbers_finds_a_number_without_its_hours(app):
    contacts = app.extensions["crisis_contacts"].all()
    assert unexplained_numbers("<p>Call Samaritans on 116 123.</p>", contacts)
    assert unexplained_numbers("<h2>Scotland</h2><p>Call 111 any time.</p>", contacts)
    assert unexplained_numbers(
        "<h2>Northern Ireland</h2><ul><li>Call 111. Open 24 hours, every day.</li></ul>", contacts
    )
    assert not unexplained_numbers(
        "<h2>Wales</h2><ul><li>Call 111. Open 24 hours, every day.</li></ul>", contacts
    )
    assert not unexplained_numbers("<p>We read 1,111 posts and 9990 words.</p>", contacts)


def test_no_page_shows_englands_111_wording_outside_england(
    client, support_panel_page, others_post
):
    pages = dict(pages_to_read(client, others_post))
    pages["support panel"] = support_panel_page
    for path, html in pages.items():
        for text, above in blocks_of(html):
            if "mental health option" in text and "111" in text and "NHS 24" not in text:
                assert "England" in f"{text} {above}", (path, text)
            assert "option 2" not in text, (path, text)


def test_help_now_has_a_heading_for_the_uk_and_each_nation(client):
    html = html_of(client.get("/help-now"))
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    for label in ("Anywhere in the UK", "England", "Wales", "Scotland", "Northern Ireland"):
        assert label in headings
    scotland = html[html.index('id="scotland"') : html.index('id="northern-ireland"')]
    assert "0800 83 85 87" in scotland
    assert "Monday to Thursday 6pm to 2am, and from Friday 6pm to Monday 6am" in scotland
    assert "For people aged 16 and over" in scotland
    assert "NHS 24" in scotland and "round the clock" in scotland
    northern_ireland = html[html.index('id="northern-ireland"') :]
    assert 'href="tel:08088088000"' in northern_ireland
    assert 'href="tel:1800108088088000"' in northern_ireland
    assert "does not cover Northern Ireland" in northern_ireland
    assert "Free on most UK mobile networks" in html


def test_support_panel_labels_each_nations_route(support_panel_page):
    panel = support_panel_page[support_panel_page.index('id="support-title"') :]
    panel = panel[: panel.index("</section>")]
    routes = re.findall(r"<li><strong>([^<]+)</strong>: ([^<]+)<a", panel)
    assert [nation for nation, _ in routes[2:]] == [
        "England",
        "Wales",
        "Scotland",
        "Northern Ireland",
    ]
    assert "Anywhere in the UK</h3>" in panel
    assert "NHS 111, call" in routes[2][1] and "NHS 111 Wales" in routes[3][1]
    assert "Lifeline" in routes[5][1]
    assert "choose the mental health option" in panel and "press 2" in panel
    assert "Breathing Space" not in panel  # the short panel keeps to round-the-clock lines


def content_copy(tmp_path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def test_help_now_and_footer_show_what_the_data_file_says(make_app, tmp_path):
    content = content_copy(tmp_path)
    path = content / "safety" / "crisis-contacts.yaml"
    data = yaml.safe_load(path.read_text())
    samaritans = next(c for c in data["contacts"] if c["key"] == "samaritans")
    samaritans["number"] = "116 000"
    data["contacts"][0]["hours"] = "at all hours, on all days"
    path.write_text(yaml.safe_dump(data))
    client = make_app(CONTENT_DIR=content).test_client()
    help_now = html_of(client.get("/help-now"))
    assert 'href="tel:116000"' in help_now and "116 123" not in help_now
    assert "anywhere in the UK, at all hours, on all days" in html_of(client.get("/privacy"))
    contacts = client.application.extensions["crisis_contacts"].all()
    for path in ("/learn/sleep", "/learn/sleep/share"):
        html = html_of(client.get(path))
        assert "999 (anywhere in the UK, at all hours, on all days)" in re.sub(r"<[^>]+>", "", html)
        assert unexplained_numbers(html, contacts) == []


def test_site_with_a_contact_lacking_hours_does_not_start(make_app, tmp_path):
    content = content_copy(tmp_path)
    path = content / "safety" / "crisis-contacts.yaml"
    path.write_text(path.read_text().replace('    hours: "24 hours, every day"\n', "", 1))
    with pytest.raises(InvalidContacts, match=r"contacts\[1\]\.hours"):
        make_app(CONTENT_DIR=content)

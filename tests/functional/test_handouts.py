"""Handouts: key points ("In short"), review date and publisher, a discreet variant, bundles of
several pages on one sheet, and short addresses that cannot be misread."""

import re

import pytest
from markupsafe import escape

from app.forms.learn import BUNDLE_MAX
from app.sharing import SHORT_PREFIX, short_code
from tests.functional.helpers import html_of, title_of
from tests.functional.test_learn import decode_qr

MOST = [
    "sleep",
    "pain-and-mood",
    "diabetes-distress",
    "small-steps",
    "being-active",
    "talking-to-your-gp",
][:BUNDLE_MAX]


def _in_short(html):
    found = re.search(r"<h[23][^>]*>In short</h[23]>\s*<ul[^>]*>(.*?)</ul>", html, re.S)
    return re.findall(r"<li>(.*?)</li>", found.group(1)) if found else []


def test_learn_page_shows_its_key_points_as_in_short_before_the_body(app, client):
    page = app.extensions["learn_pages"].get("sleep")
    html = html_of(client.get("/learn/sleep"))
    assert 3 <= len(page.key_points) <= 5
    assert _in_short(html) == [str(escape(p)) for p in page.key_points]
    assert html.index("In short") < html.index("How sleep and mood affect each other")


def test_every_learn_page_has_three_to_five_key_points(app):
    for page in app.extensions["learn_pages"].all():
        assert 3 <= len(page.key_points) <= 5, page.slug


def test_handout_has_key_points_review_date_and_publisher(make_app):
    app = make_app(PUBLISHER="Example Health Trust")
    html = html_of(app.test_client().get("/learn/sleep/share"))
    handout = html[html.index('<section class="handout"') :]
    points = app.extensions["learn_pages"].get("sleep").key_points
    assert _in_short(handout) == [str(escape(p)) for p in points]
    assert "Last reviewed 26 November 2026. Published by Example Health Trust." in handout


def test_discreet_handout_is_headed_neutrally_and_its_qr_code_names_no_topic(make_app):
    app = make_app(SITE_URL="https://commonground.example")
    html = html_of(app.test_client().get("/learn/diabetes-distress/share?discreet=1"))
    handout = html[html.index('<section class="handout"') : html.index("</section>")]
    for revealing in ("Diabetes", "diabetes", "low mood", "long-term", "Samaritans", "In short"):
        assert revealing not in handout, revealing
    short = f"https://commonground.example/{SHORT_PREFIX}/{short_code('diabetes-distress')}"
    assert decode_qr(re.search(r"<svg.*?</svg>", handout, re.S).group(0)) == short
    assert "Published by CommonGround" in handout


def test_handout_while_browsing_discreetly_is_the_discreet_variant(client):
    client.post("/discreet", data={"on": "1", "next": "/"})
    html = html_of(client.get("/learn/diabetes-distress/share"))
    handout = html[html.index('<section class="handout"') : html.index("</section>")]
    assert "A page to read" in handout and "Diabetes" not in handout


def test_short_address_uses_a_prefix_that_cannot_be_misread(client):
    assert SHORT_PREFIX not in ("l", "1", "i", "0", "o")
    assert not set(SHORT_PREFIX.lower()) & set("l1i0o")
    response = client.get(f"/{SHORT_PREFIX}/{short_code('sleep').upper()}")
    assert response.status_code == 301 and response.headers["Location"] == "/learn/sleep"


def test_old_short_address_under_l_still_redirects_to_its_page(client):
    response = client.get(f"/l/{short_code('sleep')}")
    assert response.status_code == 301 and response.headers["Location"] == "/learn/sleep"


def test_handouts_form_lists_every_page_with_a_checkbox(app, client):
    html = html_of(client.get("/learn/handouts"))
    for page in app.extensions["learn_pages"].all():
        assert f'value="{page.slug}"' in html
    assert "There is a problem" not in html


def test_bundle_of_several_pages_prints_each_with_key_points_short_address_and_qr(make_app):
    app = make_app(SITE_URL="https://commonground.example")
    query = "&".join(f"pages={slug}" for slug in MOST)
    html = html_of(app.test_client().get(f"/learn/handouts?make=1&{query}"))
    library = app.extensions["learn_pages"]
    qrs = [decode_qr(svg) for svg in re.findall(r"<svg.*?</svg>", html, re.S)]
    assert qrs == [
        f"https://commonground.example/{SHORT_PREFIX}/{short_code(s)}"
        for s in sorted(MOST, key=lambda s: [p.slug for p in library.all()].index(s))
    ]
    for slug in MOST:
        page = library.get(slug)
        assert f"<h3>{page.title}</h3>" in html
        assert all(str(escape(point)) in html for point in page.key_points)
        assert f"commonground.example/{SHORT_PREFIX}/{short_code(slug)}" in html


def test_bundle_discreet_shows_no_titles_or_key_points(client, app):
    query = "&".join(f"pages={slug}" for slug in MOST)
    html = html_of(client.get(f"/learn/handouts?make=1&discreet=y&{query}"))
    sheet = html[html.index('<section class="handout') :]
    for slug in MOST:
        page = app.extensions["learn_pages"].get(slug)
        assert str(escape(page.title)) not in sheet
        assert not any(str(escape(point)) in sheet for point in page.key_points)
    assert f"Page {BUNDLE_MAX}" in sheet and "low mood" not in sheet


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("make=1", "Choose at least one page to print"),
        (
            "make=1&" + "&".join(f"pages={s}" for s in [*MOST, "sleep-x", "mind-and-body"]),
            "Choose pages from the list",
        ),
        (
            "make=1&" + "&".join(f"pages={s}" for s in [*MOST, "mind-and-body"]),
            f"Choose up to {BUNDLE_MAX} pages, so they fit on one sheet. "
            f"You chose {BUNDLE_MAX + 1}",
        ),
    ],
)
def test_bundle_with_bad_choice_shows_form_again_with_error_and_choices_kept(
    client, query, message
):
    response = client.get(f"/learn/handouts?{query}")
    html = html_of(response)
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert title_of(response).startswith("Error: ")
    if "pages=sleep" in query:
        sleep = re.search(r'<input[^>]*value="sleep"[^>]*>', html).group(0)
        assert "checked" in sleep

"""Every page passes the browser checks. Each new page adds one line here."""

from pathlib import Path

import pytest

from app.content import load_pages
from app.forms.learn import BUNDLE_MAX

LEARN = load_pages(Path(__file__).resolve().parents[2] / "content" / "learn", learn=True).pages
# The heaviest sheet: as many pages as one sheet takes, those with the longest key points.
BUNDLE = "&".join(
    f"pages={p.slug}"
    for p in sorted(LEARN.values(), key=lambda p: -sum(len(k) for k in p.key_points))[:BUNDLE_MAX]
)

PAGES = [
    ("/", "Support from people who understand"),
    ("/help-now", "Samaritans"),
    ("/about", "co-produced"),
    ("/privacy", "does not use analytics"),
    ("/accessibility", "WCAG"),
    ("/cover-your-tracks", "Private browsing"),
    ("/code-of-conduct", "Easy read"),
    ("/no-such-page", "Page not found", 404),
    ("/learn", "Learn"),
    ("/learn?topic=pain", "Long-term pain and low mood"),
    ("/learn/no-such-topic", "Page not found", 404),
    *[(f"/learn/{slug}", page.title) for slug, page in LEARN.items()],
    *[(f"/learn/{slug}/share", "Short address") for slug in LEARN],
    ("/learn/sleep/share?discreet=1", "A page to read"),
    ("/learn/handouts", "Print several pages on one sheet"),
    ("/learn/handouts?make=1", "Choose at least one page to print"),
    (f"/learn/handouts?make=1&{BUNDLE}", "Pages to read, in short"),
    (f"/learn/handouts?make=1&discreet=y&{BUNDLE}", f"Page {BUNDLE_MAX}"),
    ("/learn/sleep?helpful=thanks", "Thank you for letting us know"),
    ("/search?q=sleep+routine", "Sleeping better with a long-term condition"),
    ("/search?q=xylophonist", "No results for"),
    ("/enter", "Enter as a guest"),
    ("/return", "Recovery phrase or password"),
    ("/signed-out", "You have signed out"),
    ("/goodbye", "Your account has been deleted"),
    ("/tell-us", "This is not a crisis line."),
    ("/tell-us/sent", "Thank you for your message"),
    ("/you-said-we-did", "What has changed"),
]


@pytest.mark.parametrize("page", PAGES, ids=[p[0] for p in PAGES])
def test_page_passes_browser_checks(site, page):
    path, text, *status = page
    report = site.check(path, text, *status)
    assert report.problems == []


def test_checks_catch_a_broken_page(site):
    """The checkers themselves work: a page with known faults does not pass."""
    context = site.new_context()
    page = context.new_page()
    page.set_content("<html><body><img src='x.png'><button></button></body></html>")
    assert any("image-alt" in v for v in site.axe_violations(page))
    assert site.html_checker.errors(b"<html><body><p>No doctype or title</body></html>")
    context.close()

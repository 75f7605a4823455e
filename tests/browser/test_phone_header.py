"""On a 360 x 740 phone the page's own content starts in the top quarter, the menu opens
without JavaScript, and the quick exit stays on screen without covering the end of the page.
Handouts print on one sheet."""

import re
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from app.content import load_pages
from app.forms.learn import BUNDLE_MAX
from tests.browser.journeys.conftest import NeutralPage

ROOT = Path(__file__).resolve().parents[2]

PHONE = {"width": 360, "height": 740}
TOP_QUARTER = PHONE["height"] / 4


@pytest.fixture
def exit_url(live_app):
    """A neutral site for the quick exit to land on, so the test needs no network."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), NeutralPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    kept = live_app.config["EXIT_URL"]
    live_app.config["EXIT_URL"] = f"http://127.0.0.1:{server.server_port}/"
    yield live_app.config["EXIT_URL"]
    live_app.config["EXIT_URL"] = kept
    server.shutdown()


def _measure(page):
    return page.evaluate("""() => {
        const box = (el) => el.getBoundingClientRect();
        const exit = box(document.getElementById("quick-exit"));
        const h1 = box(document.querySelector("main h1"));
        return {header: box(document.querySelector("header.site-header")).height,
                h1Top: h1.top + scrollY, exitTop: exit.top, exitBottom: exit.bottom,
                exitInView: exit.top >= 0 && exit.bottom <= innerHeight,
                exitOnTop: document.elementFromPoint(exit.left + exit.width / 2,
                    exit.top + exit.height / 2)?.closest("#quick-exit") !== null};
    }""")


def test_header_on_phone_leaves_content_in_top_quarter(site, talk_thread):
    context = site.new_context(viewport=PHONE)
    page = context.new_page()
    site.enter_as_guest(page)
    paths = ("/", "/learn/diabetes-distress", f"/talk/threads/{talk_thread}", "/search?q=sleep")
    for path in paths:
        page.goto(site.url(path))
        seen = _measure(page)
        assert seen["h1Top"] < TOP_QUARTER, (path, seen)
        assert seen["exitInView"] and seen["exitOnTop"], (path, seen)
    context.close()


def test_quick_exit_at_end_of_long_thread_is_in_reach_and_covers_nothing(
    site, talk_thread, exit_url
):
    context = site.new_context(viewport=PHONE)
    page = context.new_page()
    site.enter_as_guest(page)
    page.goto(site.url(f"/talk/threads/{talk_thread}"))
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    seen = _measure(page)
    assert seen["exitInView"] and seen["exitOnTop"], seen
    last_line = page.evaluate(
        "document.querySelector('footer.site-footer').getBoundingClientRect().bottom"
    )
    assert last_line <= seen["exitTop"], "the exit covers the end of the page"
    page.get_by_role("link", name="Leave this site quickly").click()
    page.wait_for_url(exit_url)
    context.close()


def test_menu_on_phone_opens_without_javascript_and_shows_every_link(site):
    context = site.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("/learn"))
    learn = page.get_by_role("navigation", name="Main").get_by_role("link", name="Learn")
    assert not learn.is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert learn.is_visible()
    assert page.get_by_role("button", name="Browse discreetly").is_visible()
    assert page.get_by_role("searchbox", name="Search this site").is_visible()
    context.close()


def test_menu_on_wide_screen_is_open_without_a_click(site):
    context = site.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.goto(site.url("/learn"))
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Talk").is_visible()
    assert not page.get_by_text("Menu", exact=True).is_visible()
    exit_box = page.locator("#quick-exit").bounding_box()
    assert exit_box["y"] < 100
    context.close()


def test_escape_twice_leaves_and_back_does_not_return(site, exit_url):
    context = site.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site.url("/"))
    page.goto(site.url("/learn/diabetes-distress"))
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(exit_url)
    page.go_back()
    assert "diabetes-distress" not in page.url
    context.close()


def test_browsing_discreetly_with_javascript_a_visit_takes_one_history_entry(site):
    context = site.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site.url("/learn"))
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("button", name="Browse discreetly").click()
    page.wait_for_load_state("load")
    assert page.title() == "CommonGround"
    before = page.evaluate("history.length")
    page.get_by_role("link", name="Sleeping better with a long-term condition").click()
    page.wait_for_url("**/learn/sleep")
    assert page.title() == "CommonGround"
    assert page.evaluate("history.length") == before
    assert [c["name"] for c in context.cookies()] == ["discreet"]
    context.close()


def test_search_while_browsing_discreetly_passes_browser_checks(site):
    def steps(page):
        page.goto(site.url("/learn"))
        page.get_by_role("button", name="Browse discreetly").click()
        page.wait_for_load_state("load")
        page.get_by_role("searchbox", name="Search this site").fill("sleep routine")
        page.get_by_role("button", name="Search", exact=True).click()
        page.wait_for_load_state("load")

    report = site.check_flow("/search (discreet, by POST)", steps, "Sleeping better")
    assert report.problems == []


def _printed_pages(page) -> int:
    pdf = page.pdf(format="A4", prefer_css_page_size=True)  # as a browser's print dialog does
    return int(re.search(rb"/Count (\d+)", pdf).group(1))


def test_handouts_print_on_one_a4_sheet_even_the_most_pages_with_the_longest_key_points(site):
    library = load_pages(ROOT / "content" / "learn", learn=True).pages.values()
    longest = sorted(library, key=lambda p: -sum(len(k) for k in p.key_points))[:BUNDLE_MAX]
    query = "&".join(f"pages={p.slug}" for p in longest)
    context = site.new_context()
    page = context.new_page()
    for path in (
        f"/learn/handouts?make=1&{query}",
        f"/learn/{longest[0].slug}/share",
        f"/learn/{longest[0].slug}/share?discreet=1",
    ):
        page.goto(site.url(path))
        assert _printed_pages(page) == 1, path
    context.close()


def test_escape_shortcut_is_announced_once_a_visit(site):
    context = site.new_context()
    page = context.new_page()
    said = "Press Escape twice to leave this site quickly."
    page.goto(site.url("/"))
    status = page.locator("#quick-exit + [role=status]")
    status.wait_for(state="attached")
    page.wait_for_function("el => el.textContent.length > 0", arg=status.element_handle())
    assert status.text_content() == said
    page.goto(site.url("/learn"))
    page.wait_for_timeout(800)
    assert page.get_by_text(said).count() == 0
    context.close()


def test_escape_once_soon_after_the_page_loads_stays_on_the_page(site):
    context = site.browser.new_context(viewport=PHONE)  # no checkers: the page loads at once
    page = context.new_page()
    page.goto(site.url("/learn/sleep"))
    if page.evaluate("performance.now()") > 1200:  # the bug was a press within 1.5 s of loading
        context.close()
        pytest.skip("the page took over 1.2 s to load here, too slow to press Escape early")
    page.keyboard.press("Escape")
    page.wait_for_timeout(500)
    assert page.url == site.url("/learn/sleep")
    context.close()

"""Help-now and the support panel at 320 px wide with text at 200 %: nothing scrolls sideways or
is cut off, every target stays at least 24 px, axe finds nothing, and each nation's label is
there for a screen reader (a heading on help-now, the start of each route on the panel)."""

import re

import pytest

from tests.browser.journeys.walk import DOUBLE_TEXT, NARROW, SCRIPTS

NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")


@pytest.fixture
def narrow_page(site):
    context = site.new_context(viewport=NARROW)
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", DOUBLE_TEXT)
    yield page
    context.close()


def reflow_problems(page) -> list[str]:
    return page.evaluate(f"({SCRIPTS}).reflow")


def test_help_now_at_320px_with_double_text_reflows_and_names_each_nation(site, narrow_page):
    page = narrow_page
    page.goto(site.url("/help-now"))
    assert reflow_problems(page) == [], "\n".join(reflow_problems(page))
    assert site.axe_violations(page) == []
    for label in ("Anywhere in the UK", *NATIONS):
        assert page.get_by_role("heading", name=label, exact=True).count() == 1


def test_support_panel_at_320px_with_double_text_reflows_and_labels_each_route(site, narrow_page):
    page = narrow_page
    site.enter_as_guest(page)
    page.goto(site.url("/talk/mind-and-body/new"))
    page.get_by_label("Title", exact=True).fill("A hard week")
    page.get_by_label("Your message", exact=True).fill("Some days I want to end it all.")
    page.get_by_role("button", name="Start thread", exact=True).click()
    page.wait_for_load_state("load")
    panel = page.get_by_role("region", name=re.compile("have to deal with this alone$"))
    assert panel.count() == 1
    assert reflow_problems(page) == [], "\n".join(reflow_problems(page))
    assert site.axe_violations(page) == []
    routes = panel.get_by_role("listitem").all_inner_texts()
    assert [route.split(":")[0] for route in routes[2:]] == list(NATIONS)
    assert panel.get_by_role("heading", name="Anywhere in the UK", exact=True).count() == 1

"""Membership pages pass the browser checks as a member sees them, and in their error states."""

import pytest

from tests.browser.conftest import RETURN_LIMIT_PER_NAME


def _go(path):
    return lambda site, page: page.goto(site.url(path))


def _send(path, button, **fields):
    """Open path, fill fields (by label), press button: the form comes back with errors."""

    def steps(site, page):
        page.goto(site.url(path))
        for label, value in fields.items():
            page.get_by_label(label.replace("_", " "), exact=True).fill(value)
        page.get_by_role("button", name=button).click()

    return steps


def _over_the_limit(site, page):
    tries = int(RETURN_LIMIT_PER_NAME.split()[0]) + 1
    for _ in range(tries):
        _send(
            "/return",
            "Return",
            Your_name="Over The Limit 1",
            **{"Recovery phrase or password": "not right"},
        )(site, page)


FLOWS = [
    # label, steps, text expected in main, as a member?
    (
        "/welcome (after entering)",
        lambda site, page: site.enter_as_guest(page, save_phrase=False),
        "Your recovery phrase",
        False,
    ),
    ("/return (empty)", _send("/return", "Return"), "Enter your name", False),
    (
        "/return (wrong details)",
        _send(
            "/return",
            "Return",
            Your_name="Nobody Here 12",
            **{"Recovery phrase or password": "abacus zoom abacus zoom abacus zoom"},
        ),
        "The name or recovery phrase is not right",
        False,
    ),
    ("/return (429)", _over_the_limit, "Please wait", False),
    ("/account", _go("/account"), "Download my data", True),
    (
        "/account/name (errors)",
        _send("/account/name", "Save name", New_name="Heron!"),
        "only include letters",
        True,
    ),
    ("/account/phrase", _go("/account/phrase"), "Make a new recovery phrase", True),
    (
        "/account/password (errors)",
        _send(
            "/account/password",
            "Save password",
            New_password="kettle orbit saffron 9",
            **{"Type the password again": "kettle orbit"},
        ),
        "do not match",
        True,
    ),
    ("/account/preferences", _go("/account/preferences"), "searches stay out of the address", True),
    ("/account/delete", _go("/account/delete"), "Delete everything I wrote", True),
    (
        "/account/delete (errors)",
        _send("/account/delete", "Delete my account"),
        "Choose what should happen",
        True,
    ),
]


@pytest.mark.parametrize("flow", FLOWS, ids=[f[0] for f in FLOWS])
def test_membership_page_passes_browser_checks(site, flow):
    label, steps, text, member = flow
    report = site.check_flow(label, lambda page: steps(site, page), text, member=member)
    assert report.problems == []


def test_enter_see_phrase_sign_out_and_return_without_javascript(site):
    context = site.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("/"))
    page.get_by_role("button", name="Enter as a guest").click()
    name = page.locator("h1").inner_text().removeprefix("Welcome, ")
    phrase = page.locator("#recovery-phrase").inner_text()
    assert len(phrase.split()) == 6
    page.get_by_role("button", name="Sign out").click()
    assert page.locator("h1").inner_text() == "You have signed out"
    page.get_by_role("link", name="Return", exact=True).first.click()
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Recovery phrase or password").fill(phrase)
    page.get_by_role("button", name="Return", exact=True).click()
    assert f"Welcome back, {name}." in page.inner_text("main")
    assert name in page.inner_text("header")
    context.close()


def test_home_to_signed_in_is_one_click(site):
    """Clicks and bytes from the home page to seeing the welcome panel, with an empty cache."""
    context = site.new_context()
    page = context.new_page()
    home = site.first_visit(page, "/")
    button = page.get_by_role("button", name="Enter as a guest")
    entered, _ = site.count(page, button.click, empty_cache=False)
    assert page.locator("#recovery-phrase").is_visible()
    site.weights["flow: home, then Enter as a guest (1 click) to the welcome panel"] = {
        "bytes": home.bytes + entered.bytes,
        "requests": len(home.requests) + len(entered.requests),
    }
    assert home.bytes + entered.bytes <= 2 * 14 * 1024
    context.close()

"""Tell us, Messages from the site and the admin pages pass the browser checks (axe, HTML, no
JavaScript, weight) in every state people meet them: the form, its errors, too many messages,
help offered after worrying words, an answer waiting, and each admin page and its errors."""

import pytest

from tests.browser.test_safety_pages import _as, _choose, _press, _return_as


@pytest.fixture(scope="session")
def tell_us_scene(live_app):
    """An admin; a visitor's idea; two members whose messages were answered (one to read the
    notice, one to open Messages from the site); a member's message waiting for an answer; and
    a "You said, we did" entry."""
    from app.services import accounts, change_notes, moderation, tell_us

    def person(name):
        member, phrase = accounts.enter_as_guest()
        accounts.rename(member, name)
        return member, {"name": name, "phrase": phrase}

    with live_app.app_context():
        admin, admin_login = person("Site Keeper 7")
        admin = moderation.set_role(admin.name, "admin")
        tell_us.send(None, topic="idea", body="A larger text button on learn pages, please.")
        answered = {}
        for key, name in (("notice", "Answered Reader 8"), ("reader", "Answered Reader 9")):
            member, login = person(name)
            message = tell_us.send(
                member, topic="broken", body="The Replies page is slow.", wants_answer=True
            ).message
            tell_us.answer(admin, message, "Thank you. We made it quicker.")
            answered[key] = login
        waiting, _ = person("Waiting Writer 10")
        message = tell_us.send(
            waiting,
            topic="accessibility",
            wants_answer=True,
            body="The buttons are small on my phone.",
        ).message
        change_notes.add(
            admin,
            said="Buttons were hard to press on a phone.",
            did="We made every button at least 44 pixels tall.",
        )
        return {
            "admin": admin_login,
            "notice": answered["notice"],
            "reader": answered["reader"],
            "message": message.id,
        }


def _visitor(*then):
    """A visitor who has not entered: each step a path or a function."""

    def steps(site, scene, page):
        for step in then:
            if callable(step):
                step(site, scene, page)
            else:
                page.goto(site.url(step.format(**scene)))

    return steps


def _lower_limit(live_app):
    def step(site, scene, page):
        live_app.config["TELL_US_LIMIT"] = "1 per hour"

    return step


# label, steps, text expected in main, as a new guest?
FLOWS = [
    (
        "/tell-us (errors)",
        _visitor("/tell-us", _press("Send")),
        "Choose what your message is about",
        False,
    ),
    ("/tell-us (member)", _visitor("/tell-us"), "Answer me in my Messages from the site", True),
    (
        "/tell-us/sent (possible risk)",
        _visitor(
            "/tell-us",
            _choose("Something about the site worried me"),
            _press("Send", **{"Your message": "Some days I want to end it all."}),
        ),
        "have to deal with this alone",
        False,
    ),
    (
        "/learn (a new message from the site)",
        _as("notice", "/learn"),
        "You have a new message from the site.",
        False,
    ),
    (
        "/account/messages",
        _as("reader", "/account/messages"),
        "Thank you. We made it quicker.",
        False,
    ),
    ("/admin/messages", _as("admin", "/admin/messages"), "Messages to the team", False),
    (
        "/admin/messages?topic=<topic>",
        _as("admin", "/admin/messages?topic=accessibility"),
        "The buttons are small",
        False,
    ),
    ("/admin/messages/<id>", _as("admin", "/admin/messages/{message}"), "Send answer", False),
    (
        "/admin/messages/<id> (errors)",
        _as("admin", "/admin/messages/{message}", _press("Send answer")),
        "Write your answer",
        False,
    ),
    (
        "/admin/messages/counts",
        _as("admin", "/admin/messages/counts"),
        "Counts per topic per month",
        False,
    ),
    (
        "/admin/you-said-we-did",
        _as("admin", "/admin/you-said-we-did"),
        "We made every button at least 44 pixels tall.",
        False,
    ),
    (
        "/admin/you-said-we-did (errors)",
        _as("admin", "/admin/you-said-we-did", _press("Add the entry")),
        "Write what people told you",
        False,
    ),
]


@pytest.mark.parametrize("flow", FLOWS, ids=[f[0] for f in FLOWS])
def test_tell_us_page_passes_browser_checks(site, tell_us_scene, flow):
    label, steps, text, guest = flow
    report = site.check_flow(
        label, lambda page: steps(site, tell_us_scene, page), text, member=guest
    )
    assert report.problems == []


def test_tell_us_too_many_passes_browser_checks_and_keeps_text(site, live_app, tell_us_scene):
    """Over the limit: the form comes back (429) with the message kept and when to send it."""
    kept = "The print button on the share page does nothing for me."
    send = _press("Send", **{"Your message": kept})
    steps = _visitor(
        _lower_limit(live_app),
        "/tell-us",
        _choose("An idea"),
        send,
        "/tell-us",
        _choose("An idea"),
        send,
    )
    limit = live_app.config["TELL_US_LIMIT"]
    try:
        report = site.check_flow(
            "/tell-us (too many)",
            lambda page: steps(site, tell_us_scene, page),
            "You have sent several messages in the last hour",
            member=False,
        )
        context = site.browser.new_context(java_script_enabled=False)
        page = context.new_page()
        steps(site, tell_us_scene, page)
        assert page.get_by_label("Your message", exact=True).input_value() == kept
        context.close()
    finally:
        live_app.config["TELL_US_LIMIT"] = limit
    assert report.problems == []


def test_visitor_idea_reaches_admin_without_javascript(site, tell_us_scene):
    """With JavaScript off: a visitor sends an idea and an admin reads it."""
    visitor, admin = (site.browser.new_context(java_script_enabled=False) for _ in range(2))
    page = visitor.new_page()
    page.goto(site.url("/about"))
    page.locator("footer").get_by_role("link", name="Tell us what you think").click()
    page.get_by_label("An idea", exact=True).check()
    page.get_by_label("Your message", exact=True).fill("A map of nearby groups would help.")
    page.get_by_role("button", name="Send", exact=True).click()
    assert "Thank you for your message" in page.inner_text("main")
    reader = admin.new_page()
    _return_as(site, reader, tell_us_scene["admin"])
    reader.goto(site.url("/admin/messages?topic=idea"))
    assert "A map of nearby groups would help." in reader.inner_text("main")
    visitor.close()
    admin.close()

"""Talk pages pass the browser checks as a member sees them, and a whole conversation works
with JavaScript switched off."""

import re

import pytest


def _go(path):
    return lambda site, page: page.goto(site.url(path))


def _send(path, button, **fields):
    def steps(site, page):
        page.goto(site.url(path))
        for label, value in fields.items():
            page.get_by_label(label, exact=True).fill(value)
        page.get_by_role("button", name=button, exact=True).click()

    return steps


def _thread_path(thread_id):
    return f"/talk/threads/{thread_id}"


FLOWS = [
    ("/talk", _go("/talk"), "Find others like you"),
    ("/talk/<space>", _go("/talk/living-with-my-condition"), "mornings the hardest"),
    ("/talk/all?tag=diabetes", _go("/talk/all?tag=diabetes"), "mornings the hardest"),
    ("/talk/<space>/new", _go("/talk/introductions/new"), "Start a thread in Introductions"),
    (
        "/talk/<space>/new (errors)",
        _send("/talk/introductions/new", "Start thread"),
        "Enter a title for your thread",
    ),
    (
        "/talk/<space>/new (preview)",
        _send("/talk/introductions/new", "Preview", Title="Hello", **{"Your message": "**Hi**"}),
        "This is how your post will look",
    ),
    ("/talk/replies", _go("/talk/replies"), "Replies to you"),
    ("/garden", _go("/garden"), "My Garden"),
    ("/search (member)", _go("/search?q=mornings+hardest"), "mornings the hardest"),
]


@pytest.mark.parametrize("flow", FLOWS, ids=[f[0] for f in FLOWS])
def test_talk_page_passes_browser_checks(site, talk_thread, flow):
    label, steps, text = flow
    report = site.check_flow(label, lambda page: steps(site, page), text, member=True)
    assert report.problems == []


def test_thread_of_20_posts_passes_browser_checks_within_budget(site, talk_thread):
    path = _thread_path(talk_thread)
    report = site.check_flow(
        "/talk/threads/<id> (20 posts)",
        lambda page: page.goto(site.url(path)),
        "mornings the hardest",
        member=True,
    )
    assert report.problems == []


def test_reply_form_and_its_errors_pass_browser_checks(site, talk_thread):
    def open_reply(page):
        page.goto(site.url(_thread_path(talk_thread)))
        page.get_by_role("link", name=re.compile("^Reply to")).first.click()

    def send_empty(page):
        open_reply(page)
        page.get_by_role("button", name="Post reply").click()

    for label, steps, text in (
        ("/talk/posts/<id>/reply", open_reply, "Reply to"),
        ("/talk/posts/<id>/reply (errors)", send_empty, "Enter your message"),
    ):
        report = site.check_flow(label, steps, text, member=True)
        assert report.problems == []


def test_conversation_without_javascript_start_reply_react_edit_remove(site):
    context = site.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    site.enter_as_guest(page)
    page.goto(site.url("/talk/good-days"))
    page.get_by_role("link", name=re.compile("^Start a thread")).click()
    page.get_by_label("Title", exact=True).fill("A good walk today")
    page.get_by_label("Your message", exact=True).fill("I walked to the *park* and back.")
    page.get_by_label("Diabetes").check()
    page.get_by_role("button", name="Start thread").click()
    assert page.get_by_role("heading", level=1).inner_text() == "A good walk today"
    assert page.locator("em", has_text="park").count() == 1

    page.get_by_label("Your message", exact=True).fill("And a cup of tea after.")
    page.get_by_role("button", name="Post reply").click()
    assert "And a cup of tea after." in page.inner_text("main")

    page.get_by_role("button", name=re.compile("^This helped me")).first.click()
    pressed = page.get_by_role("button", name=re.compile("^This helped me")).first
    assert pressed.get_attribute("aria-pressed") == "true"

    page.get_by_role("link", name="Edit your post").last.click()
    page.get_by_label("Your message", exact=True).fill("And a big cup of tea after.")
    page.get_by_role("button", name="Save changes").click()
    assert "And a big cup of tea after." in page.inner_text("main")
    assert "(edited)" in page.inner_text("main")

    page.get_by_role("link", name="Remove your post").last.click()
    page.get_by_role("button", name="Remove my post").click()
    main = page.inner_text("main")
    assert "This post was removed by its author." in main
    assert "big cup of tea" not in main
    context.close()

"""Safety pages pass the browser checks (axe, HTML, no JavaScript, weight) as the people who
use them see them, and a report goes from member to moderator to author with JavaScript off."""

import re

import pytest


def _return_as(site, page, login):
    page.goto(site.url("/return"))
    page.get_by_label("Your name", exact=True).fill(login["name"])
    page.get_by_label("Recovery phrase or password", exact=True).fill(login["phrase"])
    page.get_by_role("button", name="Return").click()
    page.wait_for_load_state("load")


def _as(who, *then):
    """Return as one of the scene's people, then take each step: a path, or a function."""

    def steps(site, scene, page):
        _return_as(site, page, scene[who])
        for step in then:
            if callable(step):
                step(site, scene, page)
            else:
                page.goto(site.url(step.format(**scene)))

    return steps


def _guest(*then):
    def steps(site, scene, page):  # check_flow has already entered as a guest
        for step in then:
            if callable(step):
                step(site, scene, page)
            else:
                page.goto(site.url(step.format(**scene)))

    return steps


def _press(button, **fields):
    def step(site, scene, page):
        for label, value in fields.items():
            page.get_by_label(label, exact=True).fill(value)
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state("load")

    return step


def _choose(label):
    def step(site, scene, page):
        page.get_by_label(label, exact=True).first.check()

    return step


# label, steps, text expected in main, as a new guest?
FLOWS = [
    ("/talk/posts/<id>/report", _guest("/talk/posts/{reported}/report"), "Report this post", True),
    (
        "/talk/posts/<id>/report (errors)",
        _guest("/talk/posts/{reported}/report", _press("Send report")),
        "Choose the rule this post breaks",
        True,
    ),
    (
        "/talk/posts/<id>/reported",
        _guest("/talk/posts/{reported}/report", _choose("Rule 1: Be kind"), _press("Send report")),
        "What happens next",
        True,
    ),
    (
        "/talk/<space>/new (possible risk)",
        _guest(
            "/talk/mind-and-body/new",
            _press(
                "Start thread",
                Title="A hard week",
                **{"Your message": "Some days I want to end it all."},
            ),
        ),
        "have to deal with this alone",
        True,
    ),
    ("/moderate", _as("moderator", "/moderate"), "Moderation queue", False),
    ("/moderate/log", _as("moderator", "/moderate/log"), "Moderation log", False),
    (
        "/moderate/posts/<id>",
        _as("moderator", "/moderate/posts/{reported}"),
        "Why it is here",
        False,
    ),
    (
        "/moderate/posts/<id> (errors)",
        _as("moderator", "/moderate/posts/{reported}", _press("Hide post")),
        "Choose the rule that was broken",
        False,
    ),
    (
        "/moderate/threads/<id>",
        _as("moderator", "/moderate/threads/{thread}"),
        "Move to another space",
        False,
    ),
    (
        "/moderate/members/<id>",
        _as("moderator", "/moderate/members/{author_id}"),
        "Moderation history",
        False,
    ),
    ("/account/decisions", _as("author", "/account/decisions"), "Decisions about you", False),
    (
        "/account/decisions/<id>/review (errors)",
        _as("author", "/account/decisions/{decision}/review", _press("Send")),
        "Tell the moderators why the decision should change",
        False,
    ),
    (
        "/talk/<space>/new (suspended)",
        _as("suspended", "/talk/introductions/new"),
        "You cannot post while suspended",
        False,
    ),
    (
        "/account (suspended, with a new decision)",
        _as("suspended", "/account"),
        "A message from the moderators",
        False,
    ),
    (
        "/account/break (errors)",
        _guest("/account/break", _press("Start my break")),
        "Choose how long your break should be",
        True,
    ),
    (
        "/talk (on a break)",
        _guest("/account/break", _choose("7 days"), _press("Start my break"), "/talk"),
        "You are taking a break from Talk",
        True,
    ),
    ("/account/muted", _guest("/account/muted"), "Muted members and threads", True),
]


@pytest.mark.parametrize("flow", FLOWS, ids=[f[0] for f in FLOWS])
def test_safety_page_passes_browser_checks(site, safety_scene, flow):
    label, steps, text, guest = flow
    report = site.check_flow(
        label, lambda page: steps(site, safety_scene, page), text, member=guest
    )
    assert report.problems == []


def test_report_hide_and_decision_without_javascript(site, safety_scene):
    """A member reports a post, a moderator hides it, and its author sees the decision."""
    scene = safety_scene
    contexts = [site.browser.new_context(java_script_enabled=False) for _ in range(3)]
    member, moderator, author = (context.new_page() for context in contexts)

    _return_as(site, author, scene["author"])
    author.goto(site.url(f"/talk/threads/{scene['thread']}"))
    author.get_by_label("Your message", exact=True).fill("Does anyone have tips for sleep?")
    author.get_by_role("button", name="Post reply").click()
    post_id = re.search(r"#post-(\d+)", author.url).group(1)

    site.enter_as_guest(member)
    member.goto(site.url(f"/talk/threads/{scene['thread']}"))
    member.locator(f"#post-{post_id}").get_by_role("link", name="Report this post").click()
    member.get_by_label("Rule 6: No selling or promotion", exact=True).check()
    member.get_by_label(re.compile("^Anything else")).fill("Looks like an advert to me")
    member.get_by_role("button", name="Send report").click()
    assert "Thank you for your report" in member.inner_text("main")

    _return_as(site, moderator, scene["moderator"])
    moderator.goto(site.url("/moderate"))
    moderator.get_by_role("link", name=re.compile("^Reply by Hidden Author 2")).first.click()
    main = moderator.inner_text("main")
    assert "Rule 6: No selling or promotion" in main and "Looks like an advert" in main
    moderator.get_by_label(
        "Rule 2: Share experiences, not medical instructions", exact=True
    ).check()
    moderator.get_by_label(re.compile("^Reason")).fill(
        "On a second look this asks for tips, which is fine. Hiding to test the journey."
    )
    moderator.get_by_role("button", name="Hide post").click()
    assert "Hidden. The author can see the rule and your reason." in moderator.inner_text("main")

    author.goto(site.url("/learn"))
    main = author.inner_text("main")
    assert "A moderator hid your post." in main and "Hiding to test the journey" in main
    author.goto(site.url(f"/talk/threads/{scene['thread']}"))
    assert "A moderator hid this post because it breaks rule 2" in author.inner_text(
        f"#post-{post_id}"
    )
    author.get_by_role("link", name="See why, and how to ask for a review").first.click()
    assert "Ask for a review" in author.inner_text("main")
    for context in contexts:
        context.close()

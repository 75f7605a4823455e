import threading

import pytest
from flask_migrate import upgrade
from werkzeug.serving import WSGIRequestHandler, make_server

from app import create_app
from app.config import TestConfig
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, HtmlChecker, Site, require_browser_tools

RETURN_LIMIT_PER_NAME = "3 per 15 minutes"


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    config = TestConfig(f"sqlite:///{tmp_path_factory.mktemp('live') / 'site.db'}")
    config.WTF_CSRF_ENABLED = True
    # Real limits, loose enough for the whole run from one address, except failed returns for
    # one name: the 429 page is reached by going over that one.
    config.RATELIMIT_ENABLED = True
    config.ENTRY_LIMIT = "1000 per hour"
    config.RETURN_LIMIT_PER_ADDRESS = "1000 per 15 minutes"
    config.RETURN_LIMIT_PER_NAME = RETURN_LIMIT_PER_NAME
    config.TELL_US_LIMIT = "1000 per hour"
    app = create_app(config)
    with app.app_context():
        upgrade()
    return app


class QuietHandler(WSGIRequestHandler):
    """Like production, the test server writes no client addresses to its log."""

    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    require_browser_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def html_checker():
    require_browser_tools()
    checker = HtmlChecker()
    yield checker
    checker.close()


@pytest.fixture(scope="session")
def site(live_server, browser, html_checker):
    site = Site(live_server, browser, html_checker)
    yield site
    site.save_weights()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


TYPICAL_POSTS = [
    "I was diagnosed with type 2 diabetes last spring and I still feel knocked sideways. Some "
    "days I manage the checks and the food without thinking. Other days it all feels like too "
    "much and I just sit there. Does anyone else get that?",
    "Yes, all the time. What helped me a bit was picking **one** thing to do well each day "
    "instead of everything. My nurse said the same. It doesn't fix it, but it makes the bad "
    "days less heavy.",
    "I find mornings hardest. The breathlessness is worse and then I worry about the whole day "
    "before it has started. I have started doing the breathing exercises from pulmonary rehab "
    "before I get up, slowly.",
    "That sounds like me. I keep a little note of good moments now, even tiny ones, like the "
    "tea tasting nice or a text from my sister. On low days I read it back.\n\n- a walk to the "
    "corner\n- sitting in the sun\n- a phone call",
]


@pytest.fixture(scope="session")
def talk_thread(live_app):
    """A thread of 20 typical posts, nested three deep, one with a content note."""
    from app.services import accounts, discussions

    with live_app.app_context():
        people = [accounts.enter_as_guest()[0] for _ in range(5)]
        thread = discussions.start_thread(
            people[0],
            discussions.space_by_slug("living-with-my-condition"),
            title="Does anyone else find mornings the hardest?",
            body=TYPICAL_POSTS[0],
            tags=["diabetes", "copd-lung"],
        )
        to = None
        for n in range(19):
            if n % 4 == 0:
                to = None
            to = discussions.reply(
                people[(n + 1) % 5],
                thread,
                body=TYPICAL_POSTS[(n + 1) % 4],
                to=to,
                content_note="A hospital stay" if n == 5 else None,
            )
        return thread.id


@pytest.fixture(scope="session")
def safety_scene(live_app):
    """People and posts for the safety pages: a moderator, an author whose post a moderator
    hid, a reported post, and a suspended member; each person with the phrase to return with."""
    from app.services import accounts, decisions, discussions, moderation, reports

    def person(name):
        member, phrase = accounts.enter_as_guest()
        accounts.rename(member, name)
        return member, {"name": name, "phrase": phrase}

    with live_app.app_context():
        keeper, keeper_login = person("Steady Keeper 1")
        moderation.set_role(keeper.name, "moderator")
        author, author_login = person("Hidden Author 2")
        thread = discussions.start_thread(
            author,
            discussions.space_by_slug("living-with-my-condition"),
            title="Weekend plans",
            body=TYPICAL_POSTS[0],
        )
        hidden = discussions.reply(author, thread, body="Call me on 07700 900123 any time")
        moderation.hide(
            keeper, hidden, rule="anonymous", reason="Phone numbers are not safe to share here."
        )
        decision = decisions.latest(author, "hide")
        other, _ = person("Other Writer 3")
        reported = discussions.reply(other, thread, body=TYPICAL_POSTS[1])
        reports.report(keeper, reported, reason="experiences", note="Reads like advice")
        suspended, suspended_login = person("Quiet Suspended 4")
        moderation.suspend(
            keeper,
            suspended,
            length="2-weeks",
            rule="kind",
            reason="Several unkind replies this week.",
        )
        return {
            "moderator": keeper_login,
            "author": author_login,
            "suspended": suspended_login,
            "thread": thread.id,
            "hidden": hidden.id,
            "reported": reported.id,
            "author_id": author.id,
            "decision": decision.id,
        }

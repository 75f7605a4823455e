"""What the site holds before each journey starts, a neutral site for the quick exit to land
on, and the record of what every journey measured (test-artifacts/journeys.json)."""

import itertools
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import func, select

from tests.browser.journeys.walk import save_results

LEARN_SLUG = "sleep"
NEUTRAL_TEXT = "Weather for the week ahead"
SELLING = "I sell a cream that cures arthritis pain, message me for a good price"


class NeutralPage(BaseHTTPRequestHandler):
    """A page that says nothing about health, as the quick exit's destination does."""

    def do_GET(self):
        body = (
            f"<!doctype html><html lang=en><title>Weather</title>"
            f"<h1>{NEUTRAL_TEXT}</h1><p>Dry and bright.</p>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def neutral_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), NeutralPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@dataclass
class Scene:
    app: object
    learn_page: dict
    thread_id: int
    thread_title: str
    neutral_url: str
    neutral_text: str = NEUTRAL_TEXT

    def reported_post(self, word: str) -> dict:
        """A new moderator, and a new author whose reply breaks rule 6, for one run."""
        from app.services import accounts, discussions, moderation

        def person(name):
            member, phrase = accounts.enter_as_guest()
            accounts.rename(member, name)
            return member, {"name": name, "phrase": phrase}

        with self.app.app_context():
            _, moderator = person(f"Keeper {word.title()} {next(_numbers)}")
            moderation.set_role(moderator["name"], "moderator")
            member, author = person(f"Seller {word.title()} {next(_numbers)}")
            thread = discussions.start_thread(
                member,
                discussions.space_by_slug("living-with-my-condition"),
                title=f"Creams for sore joints, {word}",
                body="What do people use for sore knees?",
            )
            post = discussions.reply(member, thread, body=SELLING)
            return {"moderator": moderator, "author": author, "thread": thread.id, "post": post.id}

    def site_admin(self, word: str) -> dict:
        """A new admin, for one run, with the phrase to return with."""
        from app.services import accounts, moderation

        with self.app.app_context():
            member, phrase = accounts.enter_as_guest()
            name = f"Runner {word.title()} {next(_numbers)}"
            accounts.rename(member, name)
            moderation.set_role(name, "admin")
            return {"name": name, "phrase": phrase}

    def member_exists(self, name: str) -> bool:
        from app.extensions import db
        from app.models.user import Member
        from app.names import name_key

        with self.app.app_context():
            return bool(
                db.session.scalar(
                    select(func.count())
                    .select_from(Member)
                    .where(Member.name_key == name_key(name))
                )
            )

    def post_exists(self, text: str) -> bool:
        from app.extensions import db
        from app.models.discussion import Post

        with self.app.app_context():
            return bool(
                db.session.scalar(select(func.count()).select_from(Post).where(Post.body == text))
            )


_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def scene(live_app, talk_thread, neutral_site):
    from app.services import discussions

    page = live_app.extensions["learn_pages"].get(LEARN_SLUG)
    first_line = page.body_markdown.split("\n", 1)[0].split(". ")[0]
    with live_app.app_context():
        title = discussions.get_thread(talk_thread).title
    live_app.config["EXIT_URL"] = neutral_site
    return Scene(
        live_app,
        {"slug": LEARN_SLUG, "title": page.title, "first_line": first_line},
        talk_thread,
        title,
        neutral_site,
    )


@pytest.fixture(scope="session")
def journey_results():
    results = []
    yield results
    save_results(results)

"""The HTML of the main pages, written to files, to compare two versions of the code.

    .venv/bin/python -m bench.pages_html seed DIR        # a database with members, Talk, a queue
    .venv/bin/python -m bench.pages_html render DIR OUT  # each page as a member and a moderator
    diff -r OUT_BEFORE OUT_AFTER

Seed once, then render with each version (e.g. PYTHONPATH=<other checkout> for the other one):
every render starts from a copy of the seeded database, so pages that write (the decisions
page marks them read) see the same rows each time. Form tokens and "2 minutes ago" are
replaced by placeholders, since they differ from run to run.
"""

import json
import re
import shutil
import sys
from pathlib import Path

from app import create_app
from app.config import TestConfig
from app.extensions import db

SEED_FILE = "pages.db"
TOKEN = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+|(value=")[^"]{60,}(")')
AGO = re.compile(r">(\d+ (year|month|week|day|hour|minute)s? ago|just now)<")


def _app(database: Path):
    config = TestConfig(f"sqlite:///{database}")
    config.WTF_CSRF_ENABLED = True
    return create_app(config)


def seed(folder: Path) -> None:
    from flask_migrate import upgrade

    from app.conduct import REPORT_REASONS, RULES_BY_KEY
    from app.models import Post
    from app.services import accounts, discussions, moderation, reports

    folder.mkdir(parents=True, exist_ok=True)
    app = _app(folder / SEED_FILE)
    with app.app_context():
        upgrade()
        member, other, moderator = (accounts.enter_as_guest()[0] for _ in range(3))
        moderation.set_role(moderator.name, "moderator")
        space = discussions.space_by_slug("living-with-my-condition")
        thread = discussions.start_thread(member, space, title="Pacing on bad days",
                                          body="Some days **everything** is too much.",
                                          tags=["diabetes"], content_note="low mood")
        first = db.session.query(Post).filter_by(thread_id=thread.id).order_by(Post.id).first()
        reply = discussions.reply(other, thread, body="Same here. I rest after lunch.")
        discussions.reply(member, thread, body="Thank you, that helps.", to=reply)
        discussions.reply(other, thread, body="A note about *hard* things.",
                          content_note="self-harm", to=reply)
        reports.report(member, reply, reason=next(iter(REPORT_REASONS)),
                       note="Please look.")
        moderation.caution(moderator, other, level="remind",
                           rule=next(iter(RULES_BY_KEY)), message="Please be kind.")
        ids = {"member": member.get_id(), "other": other.get_id(),
               "moderator": moderator.get_id(), "thread": thread.id, "reply": reply.id,
               "other_id": other.id, "first": first.id}
    (folder / "ids.json").write_text(json.dumps(ids))


def pages(ids: dict) -> dict[str, list[tuple[str, str, str, dict | None]]]:
    """Who asks: [(name, method, path, form)]."""
    thread, reply = ids["thread"], ids["reply"]
    member = [
        ("home", "GET", "/", None),
        ("learn", "GET", "/learn", None),
        ("learn-page", "GET", "/learn/worry-and-thinking-patterns", None),
        ("talk", "GET", "/talk", None),
        ("space", "GET", "/talk/living-with-my-condition", None),
        ("all", "GET", "/talk/all", None),
        ("thread", "GET", f"/talk/threads/{thread}", None),
        ("new-thread", "GET", "/talk/living-with-my-condition/new", None),
        ("new-thread-error", "POST", "/talk/living-with-my-condition/new",
         {"title": "", "body": "kept words", "content_note": "a note"}),
        ("new-thread-preview", "POST", "/talk/living-with-my-condition/new",
         {"title": "A title", "body": "**kept** words", "preview": "y"}),
        ("reply", "GET", f"/talk/posts/{reply}/reply", None),
        ("reply-error", "POST", f"/talk/posts/{reply}/reply", {"body": ""}),
        ("reply-preview", "POST", f"/talk/posts/{reply}/reply",
         {"body": "a *preview*", "preview": "y"}),
        ("edit", "GET", f"/talk/posts/{ids['first']}/edit", None),
        ("reported", "GET", f"/talk/posts/{reply}/reported", None),
        ("replies", "GET", "/talk/replies", None),
        ("garden", "GET", "/garden", None),
        ("search", "GET", "/search?q=sleep", None),
        ("account", "GET", "/account", None),
        ("account-name", "GET", "/account/name", None),
        ("account-phrase", "GET", "/account/phrase", None),
        ("account-password", "GET", "/account/password", None),
        ("account-preferences", "GET", "/account/preferences", None),
        ("account-delete", "GET", "/account/delete", None),
        ("account-decisions", "GET", "/account/decisions", None),
        ("account-muted", "GET", "/account/muted", None),
        ("account-break", "GET", "/account/break", None),
    ]
    other = [
        ("other-home", "GET", "/", None),
        ("other-account-decisions", "GET", "/account/decisions", None),
        ("other-thread", "GET", f"/talk/threads/{thread}", None),
        ("other-report", "GET", f"/talk/posts/{ids['first']}/report", None),
        ("other-report-error", "POST", f"/talk/posts/{ids['first']}/report", {"note": "x"}),
    ]
    moderator = [
        ("mod-queue", "GET", "/moderate", None),
        ("mod-log", "GET", "/moderate/log", None),
        ("mod-post", "GET", f"/moderate/posts/{reply}", None),
        ("mod-thread", "GET", f"/moderate/threads/{thread}", None),
        ("mod-member", "GET", f"/moderate/members/{ids['other_id']}", None),
        ("mod-talk-thread", "GET", f"/talk/threads/{thread}", None),
    ]
    guest = [
        ("guest-home", "GET", "/", None),
        ("guest-talk", "GET", "/talk", None),
        ("guest-enter", "GET", "/enter", None),
        ("guest-return", "GET", "/return", None),
        ("guest-moderate", "GET", "/moderate", None),
    ]
    member += [("missing-thread", "GET", "/talk/threads/999999", None),
               ("not-a-moderator", "GET", "/moderate", None)]
    return {"member": member, "other": other, "moderator": moderator, "guest": guest}


def _form(client, path: str, fields: dict) -> dict:
    """The fields with the page's own form token, as a browser would send them."""
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(path).get_data(True))
    return {**fields, "csrf_token": found.group(1) if found else ""}


def render(folder: Path, out: Path) -> None:
    ids = json.loads((folder / "ids.json").read_text())
    out.mkdir(parents=True, exist_ok=True)
    work = out / "work.db"
    shutil.copy(folder / SEED_FILE, work)
    app = _app(work)
    for who, asks in pages(ids).items():
        client = app.test_client()
        if who in ids:
            with client.session_transaction() as browser_session:
                browser_session["_user_id"] = ids[who]
        for name, method, path, fields in asks:
            if method == "GET":
                response = client.get(path)
            else:
                response = client.post(path, data=_form(client, path, fields))
            html = response.get_data(as_text=True)
            html = TOKEN.sub(lambda m: (m.group(1) or m.group(2)) + "TOKEN" + (m.group(3) or ""),
                             html)
            html = AGO.sub(">AGO<", html)
            (out / f"{name}.html").write_text(f"{response.status_code}\n{html}")
    with app.app_context():
        db.engine.dispose()
    work.unlink()


if __name__ == "__main__":
    command, *places = sys.argv[1:]
    if command == "seed":
        seed(Path(places[0]))
    else:
        render(Path(places[0]), Path(places[1]))

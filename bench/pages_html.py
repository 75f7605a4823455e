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
        thread = discussions.start_thread(
            member,
            space,
            title="Pacing on bad days",
            body="Some days **everything** is too much.",
            tags=["diabetes"],
            content_note="low mood",
        )
        first = db.session.query(Post).filter_by(thread_id=thread.id).order_by(Post.id).first()
        reply = discussions.reply(other, thread, body="Same here. I rest after lunch.")
        discussions.reply(member, thread, body="Thank you, that helps.", to=reply)
        discussions.reply(
            other, thread, body="A note about *hard* things.", content_note="self-harm", to=reply
        )
        reports.report(member, reply, reason=next(iter(REPORT_REASONS)), note="Please look.")
        moderation.caution(
            moderator,
            other,
            level="remind",
            rule=next(iter(RULES_BY_KEY)),
            message="Please be kind.",
        )
        ids = {
            "member": member.get_id(),
            "other": other.get_id(),
            "moderator": moderator.get_id(),
            "thread": thread.id,
            "reply": reply.id,
            "other_id": other.id,
            "first": first.id,
        }
    (folder / "ids.json").write_text(json.dumps(ids))


def pages(ids: dict) -> dict[str, dict[str, str | tuple[str, dict]]]:
    """Who asks for which page: {who: {name: path, or (path, form fields to post)}}."""
    thread, reply, first = ids["thread"], ids["reply"], ids["first"]
    new = "/talk/living-with-my-condition/new"
    account = {
        f"account-{name}": f"/account/{name}"
        for name in (
            "name",
            "phrase",
            "password",
            "preferences",
            "delete",
            "decisions",
            "muted",
            "break",
        )
    }
    member = {
        "home": "/",
        "learn": "/learn",
        "learn-page": "/learn/worry-and-thinking-patterns",
        "talk": "/talk",
        "space": "/talk/living-with-my-condition",
        "all": "/talk/all",
        "thread": f"/talk/threads/{thread}",
        "new-thread": new,
        "new-thread-error": (new, {"title": "", "body": "kept words", "content_note": "a note"}),
        "new-thread-preview": (new, {"title": "A title", "body": "**kept**", "preview": "y"}),
        "reply": f"/talk/posts/{reply}/reply",
        "reply-error": (f"/talk/posts/{reply}/reply", {"body": ""}),
        "reply-preview": (f"/talk/posts/{reply}/reply", {"body": "a *preview*", "preview": "y"}),
        "edit": f"/talk/posts/{first}/edit",
        "reported": f"/talk/posts/{reply}/reported",
        "replies": "/talk/replies",
        "garden": "/garden",
        "search": "/search?q=sleep",
        "account": "/account",
        **account,
        "missing-thread": "/talk/threads/999999",
        "not-a-moderator": "/moderate",
    }
    other = {
        "other-home": "/",
        "other-account-decisions": "/account/decisions",
        "other-thread": f"/talk/threads/{thread}",
        "other-report": f"/talk/posts/{first}/report",
        "other-report-error": (f"/talk/posts/{first}/report", {"note": "x"}),
    }
    moderator = {
        "mod-queue": "/moderate",
        "mod-log": "/moderate/log",
        "mod-post": f"/moderate/posts/{reply}",
        "mod-thread": f"/moderate/threads/{thread}",
        "mod-member": f"/moderate/members/{ids['other_id']}",
        "mod-talk-thread": f"/talk/threads/{thread}",
    }
    guest = {
        "guest-home": "/",
        "guest-talk": "/talk",
        "guest-enter": "/enter",
        "guest-return": "/return",
        "guest-moderate": "/moderate",
    }
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
        for name, asked in asks.items():
            if isinstance(asked, str):
                response = client.get(asked)
            else:
                path, fields = asked
                response = client.post(path, data=_form(client, path, fields))
            html = response.get_data(as_text=True)
            html = TOKEN.sub(
                lambda m: (m.group(1) or m.group(2)) + "TOKEN" + (m.group(3) or ""), html
            )
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

"""Commands for whoever runs the site: `flask --app wsgi <command>`."""

import datetime as dt
import time
from collections import Counter
from pathlib import Path

import click
from flask import Flask, current_app
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from app import sample_data
from app.backup import NotSQLite, backup_sqlite
from app.content import Problem, load_pages
from app.crisis_contacts import contact_problems, months_before
from app.services import discussions, moderation, welcome
from app.services.errors import Conflict, FieldError, NotFound
from app.sharing import short_code

REVIEW_EVERY_MONTHS = 12


def content_problems(today: dt.date | None = None) -> list[Problem]:
    """Every problem in content/: each file on its own, then links and short codes across them,
    learn pages due for review, and the crisis contacts."""
    today = today or dt.date.today()
    loaded = {
        library: load_pages(library.folder, library.learn)
        for library in current_app.extensions["libraries"]
    }
    learn = loaded[current_app.extensions["learn_pages"]]
    problems = [problem for found in loaded.values() for problem in found.problems]

    adapter = current_app.url_map.bind("localhost")
    for library, found in loaded.items():
        for page in found.pages.values():
            where = f"{library.folder / page.slug}.md"
            for path in page.internal_links:
                try:
                    endpoint, args = adapter.match(path)
                except (HTTPException, RequestRedirect):
                    problems.append(Problem(where, "links", f"{path} is not a page on this site"))
                    continue
                if endpoint.startswith("learn.") and args.get("slug") not in learn.pages:
                    problems.append(Problem(where, "links", f"{path}: no learn page has that slug"))

    codes = Counter(short_code(slug) for slug in learn.pages)
    for slug in learn.pages:
        if codes[short_code(slug)] > 1:
            problems.append(Problem(slug, "short code", f"{short_code(slug)} is shared"))

    due = months_before(today, REVIEW_EVERY_MONTHS)
    learn_folder = current_app.extensions["learn_pages"].folder
    for page in learn.pages.values():
        if page.reviewed is not None and page.reviewed < due:
            problems.append(
                Problem(
                    f"{learn_folder / page.slug}.md",
                    "reviewed",
                    f"last reviewed {page.reviewed.isoformat()}, more than {REVIEW_EVERY_MONTHS} "
                    "months ago: check the page and its sources, then update the dates",
                )
            )

    contacts_file = current_app.extensions["crisis_contacts"].path
    problems += [
        Problem(str(contacts_file), *line.split(": ", 1))
        for line in contact_problems(contacts_file, today)
    ]
    return problems


def init_app(app: Flask) -> None:
    @app.cli.command("check-content")
    def check_content():
        """Check every content page and list each problem with its file and field."""
        problems = content_problems()
        for problem in problems:
            click.echo(str(problem), err=True)
        if problems:
            raise SystemExit(1)
        click.echo("All content pages are valid.")

    @app.cli.command("set-space")
    @click.argument("slug")
    @click.option("--name", help="The space's name, e.g. 'Good days: what helped'.")
    @click.option("--description", help="One line saying what the space is for.")
    @click.option("--position", type=int, help="Where it comes in the list (0 is first).")
    def set_space(slug, name, description, position):
        """Add a discussion space, or change its name, description or place in the list."""
        try:
            space = discussions.set_space(
                slug, name=name, description=description, position=position
            )
        except FieldError as error:
            raise click.UsageError(f"{error.field}: {error.message}") from error
        click.echo(f"{space.slug}: {space.name} ({space.description})")

    @app.cli.command("add-welcome-threads")
    def add_welcome_threads():
        """In each space, start and pin a welcome thread from the site team (content/welcome/)."""
        made = welcome.add_welcome_threads(current_app.extensions["welcome_pages"])
        for slug in made.added:
            click.echo(f"{slug}: welcome thread added and pinned.")
        for slug in made.already:
            click.echo(f"{slug}: already has its welcome thread.")
        for slug in made.no_words:
            click.echo(f"{slug}: no content/welcome/{slug}.md, so no welcome thread.", err=True)

    @app.cli.command("backup")
    @click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
    def backup(path):
        """Copy the SQLite database to PATH while the site keeps running."""
        try:
            size = backup_sqlite(path)
        except NotSQLite as error:
            raise click.ClickException(
                f"This site runs on {error}, not SQLite: back it up with pg_dump "
                "(see the README's Backups section)."
            ) from error
        except FileExistsError as error:
            raise click.ClickException(f"{path} already exists: choose a new file name.") from error
        click.echo(f"Backed up the database to {path} ({size:,} bytes).")

    @app.cli.command("seed-bench")
    @click.option("--members", type=int, default=1000, show_default=True)
    @click.option("--threads", type=int, default=5000, show_default=True)
    @click.option("--posts", type=int, default=50000, show_default=True)
    def seed_bench(members, threads, posts):
        """Add made-up members, threads and posts in bulk, to measure the site at size."""
        started = time.perf_counter()
        made = sample_data.seed(members, threads, posts)
        click.echo(
            f"Added {members:,} members, {threads:,} threads and {posts:,} posts in "
            f"{time.perf_counter() - started:.0f} s; the longest thread is "
            f"/talk/threads/{made['big_thread']} ({made['big_thread_posts']:,} posts)."
        )

    def set_role(name: str, role: str, done: str, change=moderation.set_role) -> None:
        try:
            member = change(name, role)
        except NotFound:
            raise click.UsageError(
                f"No member is called {name!r}. Check the spelling (capitals do not matter) "
                "and that they have not changed their name."
            ) from None
        except Conflict as conflict:
            raise click.UsageError(conflict.message) from None
        click.echo(done.format(name=member.name))

    @app.cli.command("add-moderator")
    @click.argument("name")
    def add_moderator(name):
        """Make the member called NAME a moderator: they can use /moderate."""
        set_role(name, "moderator", "{name} is now a moderator.")

    @app.cli.command("remove-moderator")
    @click.argument("name")
    def remove_moderator(name):
        """Make the member called NAME an ordinary member again (moderator or admin)."""
        set_role(name, "member", "{name} is now an ordinary member.")

    @app.cli.command("add-safety-lead")
    @click.argument("name")
    def add_safety_lead(name):
        """Make the member called NAME a safety lead: a moderator who answers escalated risk."""
        set_role(
            name,
            True,
            "{name} is now a safety lead, and sees /moderate/safety.",
            change=moderation.set_safety_lead,
        )

    @app.cli.command("remove-safety-lead")
    @click.argument("name")
    def remove_safety_lead(name):
        """The member called NAME stays a moderator but is no longer a safety lead."""
        set_role(
            name, False, "{name} is no longer a safety lead.", change=moderation.set_safety_lead
        )

    @app.cli.command("add-admin")
    @click.argument("name")
    def add_admin(name):
        """Make the member called NAME an admin: a moderator who can also act on moderators."""
        set_role(name, "admin", "{name} is now an admin.")

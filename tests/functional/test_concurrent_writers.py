"""Fifty people posting at once through gunicorn: every acknowledged write is kept exactly once.

The site runs under gunicorn with several workers, on a SQLite file and (with TEST_DATABASE_URL)
on a new PostgreSQL database. Each person enters as a guest, reacts to the opening post, then for
a bounded time replies (nesting under their own last reply) and marks each reply "Me too", all
through the real forms with their own cookies and CSRF tokens.
"""

import re
import secrets
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import text

from bench.servers import gunicorn, migrate, server_environment
from bench.visitor import Visitor
from tests.functional.served import engine_for

PEOPLE = 50
SECONDS = 10
WORKERS = 3


@dataclass
class Outcome:
    statuses: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    replies: dict[str, int] = field(default_factory=dict)  # text -> post id
    helped: int = 0
    me_too: set[int] = field(default_factory=set)


def _post_id(location: str) -> int:
    return int(location.rsplit("#post-", 1)[1])


def _person(base: str, opening_id: int, number: int, deadline: float, outcome: Outcome):
    me = Visitor(base)

    def send(form_path, action=None, **fields):
        status, location = me.submit(form_path, action, **fields)
        outcome.statuses.append(status)
        return status == 303, location

    try:
        if not send("/enter")[0]:
            return
        reply_form = f"/talk/posts/{opening_id}/reply"
        if send(reply_form, f"/talk/posts/{opening_id}/react/helped")[0]:
            outcome.helped += 1
        target, n = opening_id, 0
        while time.monotonic() < deadline:
            words = f"Person {number}, reply {n}: a short walk after lunch helped me today."
            saved, location = send(f"/talk/posts/{target}/reply", body=words)
            n += 1
            if not saved:
                continue
            target = outcome.replies[words] = _post_id(location)
            if send(f"/talk/posts/{target}/reply", f"/talk/posts/{target}/react/me_too")[0]:
                outcome.me_too.add(target)
    except Exception as error:  # every failure is reported by the test
        outcome.errors.append(f"person {number}: {error!r}")


def _start_thread(base: str) -> int:
    host = Visitor(base)
    assert host.enter() == 303
    status, location = host.submit("/talk/introductions/new", title="Who is around today?",
                                   body="Say hello and tell us one thing that helped.")
    assert status == 303, status
    page = host.get(location.replace(base, ""))[1]
    return int(re.search(r"/talk/posts/(\d+)/reply", page).group(1))


def test_concurrent_writers_every_acknowledged_write_kept_once(served_database, tmp_path):
    env = server_environment(tmp_path / "instance", served_database, secrets.token_hex(32))
    migrate(env)
    log = tmp_path / "server.log"
    outcomes = [Outcome() for _ in range(PEOPLE)]
    with gunicorn(env, workers=WORKERS, log=log) as base:
        opening_id = _start_thread(base)
        deadline = time.monotonic() + SECONDS
        people = [threading.Thread(target=_person, args=(base, opening_id, n, deadline, outcome))
                  for n, outcome in enumerate(outcomes)]
        for person in people:
            person.start()
        for person in people:
            person.join(SECONDS + 60)

    statuses = [status for outcome in outcomes for status in outcome.statuses]
    assert [e for outcome in outcomes for e in outcome.errors] == []
    assert set(statuses) <= {200, 303}, sorted(set(statuses))
    server_log = log.read_text()
    assert "database is locked" not in server_log
    assert "Traceback" not in server_log, server_log[-3000:]

    replies = {words: post_id for outcome in outcomes for words, post_id in outcome.replies.items()}
    me_too = set().union(*(outcome.me_too for outcome in outcomes))
    assert len(replies) >= PEOPLE  # enough happened for the checks to mean something
    engine = engine_for(served_database)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT body, count(*), min(id) FROM posts WHERE parent_id IS NOT NULL "
                "GROUP BY body")).all()
            kept = {body: (count, post_id) for body, count, post_id in rows}
            assert kept == {words: (1, post_id) for words, post_id in replies.items()}
            assert connection.execute(text(
                "SELECT reply_count FROM threads")).scalar_one() == len(replies)
            miscounted = connection.execute(text(
                "SELECT p.id FROM posts p WHERE "
                "p.helped_count != (SELECT count(*) FROM reactions r "
                "                   WHERE r.post_id = p.id AND r.kind = 'helped') OR "
                "p.me_too_count != (SELECT count(*) FROM reactions r "
                "                   WHERE r.post_id = p.id AND r.kind = 'me_too')")).all()
            assert miscounted == []
            assert set(connection.execute(text(
                "SELECT post_id FROM reactions WHERE kind = 'me_too'")).scalars()) == me_too
            assert connection.execute(text(
                "SELECT helped_count FROM posts WHERE id = :id"), {"id": opening_id}
            ).scalar_one() == sum(outcome.helped for outcome in outcomes)
            assert connection.execute(text("SELECT count(*) FROM members")).scalar_one() == (
                1 + sum(303 in outcome.statuses[:1] for outcome in outcomes))
    finally:
        engine.dispose()

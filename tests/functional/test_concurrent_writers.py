"""Fifty people posting at once through gunicorn: every acknowledged write is kept exactly once.

The site runs under gunicorn with several workers, on a SQLite file and (with TEST_DATABASE_URL)
on a new PostgreSQL database. Each person enters as a guest, reacts to the opening post, then for
a set number of times replies (nesting under their own last reply) and marks each reply
"Me too", all through the real forms with their own cookies and CSRF tokens.

The work is counted, not timed: on a busy machine the same writes simply take longer, and the
checks below hold or fail the same way. LONGEST only stops a run that hangs.
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
REPLIES_EACH = 2
LONGEST = 600  # seconds; a quiet machine takes well under a minute
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


def _person(base: str, opening_id: int, number: int, outcome: Outcome):
    me = Visitor(base)

    def send(form_path, action=None, **fields):
        status, location = me.submit(form_path, action, **fields)
        outcome.statuses.append(status)
        return status == 303, location

    try:
        status, _ = me.submit("/enter")  # 200: the page showing the new recovery phrase
        outcome.statuses.append(status)
        if status != 200:
            return
        reply_form = f"/talk/posts/{opening_id}/reply"
        if send(reply_form, f"/talk/posts/{opening_id}/react/helped")[0]:
            outcome.helped += 1
        target = opening_id
        for n in range(REPLIES_EACH):
            words = f"Person {number}, reply {n}: a short walk after lunch helped me today."
            saved, location = send(f"/talk/posts/{target}/reply", body=words)
            if not saved:
                continue
            target = outcome.replies[words] = _post_id(location)
            if send(f"/talk/posts/{target}/reply", f"/talk/posts/{target}/react/me_too")[0]:
                outcome.me_too.add(target)
    except Exception as error:  # every failure is reported by the test
        outcome.errors.append(f"person {number}: {error!r}")


def _start_thread(base: str) -> int:
    host = Visitor(base)
    assert host.enter() == 200
    status, location = host.submit(
        "/talk/introductions/new",
        title="Who is around today?",
        body="Say hello and tell us one thing that helped.",
    )
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
        people = [
            threading.Thread(target=_person, args=(base, opening_id, n, outcome))
            for n, outcome in enumerate(outcomes)
        ]
        for person in people:
            person.start()
        deadline = time.monotonic() + LONGEST
        for person in people:
            person.join(max(0, deadline - time.monotonic()))
        assert not any(person.is_alive() for person in people), f"not done in {LONGEST} s"

    statuses = [status for outcome in outcomes for status in outcome.statuses]
    assert [e for outcome in outcomes for e in outcome.errors] == []
    assert set(statuses) <= {200, 303}, sorted(set(statuses))
    server_log = log.read_text()
    assert "database is locked" not in server_log
    assert "Traceback" not in server_log, server_log[-3000:]

    replies = {words: post_id for outcome in outcomes for words, post_id in outcome.replies.items()}
    me_too = set().union(*(outcome.me_too for outcome in outcomes))
    assert len(replies) == PEOPLE * REPLIES_EACH  # every reply was acknowledged
    engine = engine_for(served_database)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT body, count(*), min(id) FROM posts WHERE parent_id IS NOT NULL "
                    "GROUP BY body"
                )
            ).all()
            kept = {body: (count, post_id) for body, count, post_id in rows}
            assert kept == {words: (1, post_id) for words, post_id in replies.items()}
            assert connection.execute(text("SELECT reply_count FROM threads")).scalar_one() == len(
                replies
            )
            miscounted = connection.execute(
                text(
                    "SELECT p.id FROM posts p WHERE "
                    "p.helped_count != (SELECT count(*) FROM reactions r "
                    "                   WHERE r.post_id = p.id AND r.kind = 'helped') OR "
                    "p.me_too_count != (SELECT count(*) FROM reactions r "
                    "                   WHERE r.post_id = p.id AND r.kind = 'me_too')"
                )
            ).all()
            assert miscounted == []
            assert (
                set(
                    connection.execute(
                        text("SELECT post_id FROM reactions WHERE kind = 'me_too'")
                    ).scalars()
                )
                == me_too
            )
            assert connection.execute(
                text("SELECT helped_count FROM posts WHERE id = :id"), {"id": opening_id}
            ).scalar_one() == sum(outcome.helped for outcome in outcomes)
            assert connection.execute(text("SELECT count(*) FROM members")).scalar_one() == (
                1 + sum(outcome.statuses[:1] == [200] for outcome in outcomes)
            )
    finally:
        engine.dispose()

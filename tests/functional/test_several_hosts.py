"""Two app hosts on one PostgreSQL and one Redis behave as one site.

Sessions are signed cookies under a shared SECRET_KEY, everything else is in PostgreSQL, and rate
limits count in Redis, so a person can be served by either host from one request to the next.
"""

import re
import secrets

import pytest

from bench.servers import gunicorn, migrate, server_environment, temporary_postgres
from bench.visitor import Visitor
from tests.functional.served import NEEDS_POSTGRES, POSTGRES_URL, REDIS_URL

ENTRIES_PER_HOUR = 3


@pytest.fixture
def two_hosts(tmp_path):
    if not POSTGRES_URL:
        pytest.skip(NEEDS_POSTGRES)
    if not REDIS_URL:
        pytest.skip("several-host tests need TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/15)")
    secret = secrets.token_hex(32)  # a new key also gives this test its own rate-limit counters
    with temporary_postgres(POSTGRES_URL, prefix="hosts_test") as url:
        envs = [
            server_environment(
                tmp_path / f"host{n}",
                url,
                secret,
                RATELIMIT_STORAGE_URI=REDIS_URL,
                ENTRY_LIMIT=f"{ENTRIES_PER_HOUR} per hour",
            )
            for n in (1, 2)
        ]
        migrate(envs[0])
        with (
            gunicorn(envs[0], workers=1, log=tmp_path / "host1.log") as first,
            gunicorn(envs[1], workers=1, log=tmp_path / "host2.log") as second,
        ):
            yield first, second


def test_two_hosts_session_from_one_valid_on_other(two_hosts):
    first, second = two_hosts
    person = Visitor(first)
    assert person.enter() == 200
    assert person.at(second).get("/account")[0] == 200
    assert Visitor(second).get("/account")[0] != 200


def test_two_hosts_post_on_one_shows_on_other_at_once(two_hosts):
    first, second = two_hosts
    person = Visitor(first)
    assert person.enter() == 200
    status, location = person.submit(
        "/talk/introductions/new",
        title="Hello from host one",
        body="Anyone else up early with sore knees?",
    )
    assert status == 303
    assert "Hello from host one" in person.at(second).get("/talk/introductions")[1]
    thread_path = location.replace(first, "")
    opening_id = re.search(r"/talk/posts/(\d+)/reply", person.get(thread_path)[1]).group(1)
    status, _ = person.at(second).submit(
        f"/talk/posts/{opening_id}/reply", body="Yes, a warm bath helps me."
    )
    assert status == 303
    assert "a warm bath helps me" in person.get(thread_path)[1]


def test_two_hosts_share_the_entry_limit(two_hosts):
    hosts = two_hosts * ENTRIES_PER_HOUR
    entries = [Visitor(hosts[n]).enter() for n in range(ENTRIES_PER_HOUR + 1)]
    assert entries == [200] * ENTRIES_PER_HOUR + [429]

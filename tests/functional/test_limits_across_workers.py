"""Rate limits hold as configured under gunicorn's several workers, as `make run` serves.

Each worker is its own process, so counters kept in process memory would let through the limit
once per worker. Requests are sent several at a time so that every worker takes some.
"""

import secrets
from concurrent.futures import ThreadPoolExecutor

from bench.servers import gunicorn, migrate, server_environment
from bench.visitor import Visitor

WORKERS = 2
ENTRIES_PER_HOUR = 6
FAILED_RETURNS = 5  # RETURN_LIMIT_PER_ADDRESS, "5 per 15 minutes"
TRIES = 20


def _at_once(count: int, attempt) -> list[int]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda _: attempt(), range(count)))


def _wrong_return(base: str) -> int:
    return Visitor(base).submit("/return", name="Nobody Here 99", secret="not my password")[0]


def test_limits_under_two_workers_refuse_after_exactly_the_limit(served_database, tmp_path):
    env = server_environment(
        tmp_path / "instance",
        served_database,
        secrets.token_hex(32),
        ENTRY_LIMIT=f"{ENTRIES_PER_HOUR} per hour",
    )
    env.pop("RATELIMIT_STORAGE_URI", None)  # the default, as `make run` has it
    migrate(env)
    log = tmp_path / "server.log"
    with gunicorn(env, workers=WORKERS, log=log) as base:
        entries = _at_once(TRIES, lambda: Visitor(base).enter())
        returns = _at_once(TRIES, lambda: _wrong_return(base))

    assert sorted(entries) == [200] * ENTRIES_PER_HOUR + [429] * (TRIES - ENTRIES_PER_HOUR)
    assert sorted(returns) == [200] * FAILED_RETURNS + [429] * (TRIES - FAILED_RETURNS)
    assert "Traceback" not in log.read_text()

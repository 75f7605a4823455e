"""Rate-limit counters kept in the site's database: shared by every process, windows that end."""

import threading

from sqlalchemy import select

from app import rate_limits
from app.extensions import db
from app.models import RateLimitCounter


def _limited(make_app):
    return make_app(RATELIMIT_ENABLED=True, ENTRY_LIMIT="4 per hour")


def test_enter_through_two_apps_on_one_database_shares_one_limit(make_app):
    """Two app objects stand for two gunicorn workers: separate processes, one database."""
    workers = [_limited(make_app), _limited(make_app)]
    statuses = [workers[n % 2].test_client().post("/enter").status_code for n in range(6)]
    assert statuses == [200] * 4 + [429] * 2  # 200: the page with the new phrase


def test_counter_keeps_only_keyed_hashes_of_the_address(make_app):
    app = _limited(make_app)
    app.test_client().post("/enter", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    with app.app_context():
        keys = db.session.scalars(select(RateLimitCounter.key)).all()
    assert len(keys) == 1 and "auth.enter" in keys[0]
    assert "203.0.113" not in keys[0]


def test_incr_from_many_threads_at_once_counts_every_hit(app):
    storage = rate_limits.DatabaseStorage()
    results = []

    def hit():
        with app.app_context():
            results.extend(storage.incr("together", 60) for _ in range(10))

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(1, 81))
    assert storage.get("together") == 80


def test_incr_after_the_window_ends_starts_a_new_one_and_purges_ended_ones(app, monkeypatch):
    storage = rate_limits.DatabaseStorage()
    now = [1_000_000.0]
    monkeypatch.setattr(rate_limits.time, "time", lambda: now[0])
    assert [storage.incr("a", 60) for _ in range(3)] == [1, 2, 3]
    storage.incr("b", 10)
    assert storage.get_expiry("a") == 1_000_060.0
    now[0] += 30
    assert (storage.get("a"), storage.get("b")) == (3, 0)  # b's window has ended
    now[0] += 31
    assert storage.incr("a", 60) == 1
    assert storage.get_expiry("a") == 1_000_121.0
    assert storage.incr("a", 60, amount=-1) == 0  # given back
    assert storage.incr("new", 60, amount=-1) == 0  # never below zero
    storage.clear("new")
    assert db.session.scalars(select(RateLimitCounter.key)).all() == ["a"]
    db.session.rollback()  # outside a request this read's transaction holds SQLite's write lock
    storage.clear("a")
    assert storage.get("a") == 0 and storage.check()

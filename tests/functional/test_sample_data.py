"""`flask seed-bench`: bulk sample data shaped exactly as the services shape it."""

from sqlalchemy import func, select

from app import sample_data
from app.extensions import db
from app.models import Post, Thread
from app.models.discussion import MAX_DEPTH
from app.services import discussions, reading


def test_seed_bench_threads_and_posts_as_services_make_them(app, make_member):
    result = app.test_cli_runner().invoke(
        args=["seed-bench", "--members", "5", "--threads", "12", "--posts", "300"]
    )
    assert result.exit_code == 0, result.output

    assert db.session.scalar(select(func.count(Post.id))) == 300
    posts = {post.id: post for post in db.session.scalars(select(Post))}
    for post in posts.values():
        parent = posts.get(post.parent_id)
        assert post.path == (parent.path if parent else "") + Post.path_segment(post.id)
        assert post.depth == (parent.depth + 1 if parent else 0) <= MAX_DEPTH
        assert (post.reply_to_id is None) == (parent is None)
    threads = list(db.session.scalars(select(Thread)).unique())
    for thread in threads:
        replies = sum(p.thread_id == thread.id and p.parent_id is not None for p in posts.values())
        assert thread.reply_count == replies
    assert max(t.reply_count for t in threads) == 149

    # New rows get fresh ids after the bulk insert, on PostgreSQL too.
    thread = min(threads, key=lambda t: t.id)
    reply = discussions.reply(make_member(), thread, body="Still here after the sample data.")
    assert reply.id > max(posts)
    view = reading.thread_view(make_member(), thread)
    assert view.page.items[0].post.parent_id is None


def test_seed_one_post_a_thread_in_one_space_every_thread_listed(app, make_member):
    made = sample_data.seed(members=3, threads=30, posts=30, spaces=["introductions"])

    assert db.session.scalar(select(func.count(Post.id))) == 30
    assert made["big_thread_posts"] == 1
    space = discussions.space_by_slug("introductions")
    listed = reading.thread_list(make_member(), space)
    assert (len(listed.items), listed.count) == (reading.THREADS_PER_PAGE, 2)

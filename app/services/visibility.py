"""Who sees what: the one rule for every Talk page, list and search, as conditions on a query.

Each rule below is a condition on a row's own columns, or NOT IN a set that does not depend on
the row (muted members, muted threads, threads whose opening post this member may not see).
The database works out each set once per query, where a subquery on the row's thread would be
run again for every post or thread: that made every Talk page slower as threads grew.

The rules take the member's id, which may be a bound parameter (VIEWER) in a statement built
once and kept, and whether they moderate.
"""

from sqlalchemy import Integer, and_, bindparam, false, or_, select, true
from sqlalchemy.orm import aliased, joinedload

from app import permissions
from app.extensions import db
from app.models import MemberMute, Post, Report, Thread, ThreadMember
from app.services.errors import NotFound

# Built once: making an alias is costly, and the Replies count runs on every page.
_OPENING = aliased(Post, name="opening")
# Stands for the member in statements built once and kept.
VIEWER = bindparam("viewer_id", type_=Integer)


def muted_members(member_id):
    return (
        select(MemberMute.muted_id)
        .where(MemberMute.member_id == member_id)
        .correlate(None)
        .scalar_subquery()
    )


def withheld(post):
    """Hidden or held; matches the condition of the partial index ix_posts_withheld."""
    return or_(post.hidden_at.is_not(None), post.held_at.is_not(None))


def muted_threads(member_id):
    return (
        select(ThreadMember.thread_id)
        .where(ThreadMember.member_id == member_id, ThreadMember.muted)
        .correlate(None)
    )


def withheld_threads(member_id):
    """Threads whose opening post is hidden or held and not the member's own."""
    opening = _OPENING
    # Few opening posts are withheld: the partial index ix_posts_withheld holds just those.
    return (
        select(opening.thread_id)
        .where(
            opening.parent_id.is_(None),
            withheld(opening),
            or_(opening.author_id.is_(None), opening.author_id != member_id),
        )
        .correlate(None)
    )


def hidden_threads(member_id, moderating: bool) -> list:
    """Sets of thread ids the member may not see: those they muted, those started by someone
    they muted, and (unless they moderate) the withheld_threads."""
    opening = _OPENING
    sets = [
        muted_threads(member_id),
        # depth 0 is the opening post, as parent_id IS NULL is; said this way, SQLite looks
        # the posts up by author rather than walking every opening post.
        select(opening.thread_id).where(
            opening.depth == 0, opening.author_id.in_(muted_members(member_id))
        ),
    ]
    if not moderating:
        sets.append(withheld_threads(member_id))
    return [hidden.correlate(None) for hidden in sets]


def _not_withheld(member_id):
    """Hidden and held posts only for their author (moderators are not asked)."""
    return or_(Post.author_id == member_id, and_(Post.hidden_at.is_(None), Post.held_at.is_(None)))


def shown(member_id, moderating: bool):
    """The rules for a post on its own: posts by muted members are not shown; hidden and held
    posts only to their author and moderators."""
    rules = [or_(Post.author_id.is_(None), Post.author_id.not_in(muted_members(member_id)))]
    if not moderating:
        rules.append(_not_withheld(member_id))
    return and_(*rules)


def visible_posts(member_id, moderating: bool):
    return and_(
        shown(member_id, moderating),
        *(Post.thread_id.not_in(hidden) for hidden in hidden_threads(member_id, moderating)),
    )


def visible_post_condition(member):
    """Which posts this member may see, as a condition on Post: the one rule for thread pages,
    thread lists, Replies and search.

    - A post hidden by a moderator (or by reports) or held for approval: only its author and
      moderators see it, marked as such. Removed posts stay, as a marker, for everyone.
    - Posts by a member they muted, and every post in a thread they muted: not shown.
    - A thread is seen only when its opening post is, so every post in it follows that post.
    - Suspension changes nothing here: a suspended member's posts stay as they were, and the
      ones that broke a rule are hidden one by one.
    Visitors (not entered), and members taking a break from Talk, see none.
    """
    if not permissions.can_read_discussions(member):
        return false()
    return visible_posts(member.id, permissions.can_moderate(member))


def visible_thread_condition(member):
    """A condition on Thread: the member may see it (its opening post is visible to them)."""
    if not permissions.can_read_discussions(member):
        return false()
    return and_(
        *(
            Thread.id.not_in(hidden)
            for hidden in hidden_threads(member.id, permissions.can_moderate(member))
        )
    )


# --- opening one thing by its id --------------------------------------------------------------

# Muting is a member's own choice about what they have already seen, so it does not stop them
# opening a thing by its id (to unmute it, say); being withheld does. Lists of the member's own
# choices (My Garden, follows, mutes, the data download) follow the same rule.


def post_access_condition(member):
    """A condition on Post: the member may open it by its id (the thread page's rule without
    muting), or they reported it: they read it before reports or a moderator hid it, and are
    thanked, and may mute its author, on pages of that post."""
    if not permissions.is_member(member):
        return false()
    if permissions.can_moderate(member):
        return true()
    reported = select(Report.post_id).where(Report.reporter_id == member.id).correlate(None)
    return or_(
        and_(_not_withheld(member.id), Post.thread_id.not_in(withheld_threads(member.id))),
        Post.id.in_(reported),
    )


def thread_access_condition(member):
    """A condition on Thread: the member may open it by its id, muted or not."""
    if not permissions.is_member(member):
        return false()
    if permissions.can_moderate(member):
        return true()
    return Thread.id.not_in(withheld_threads(member.id))


def get_post(member, post_id: int) -> Post:
    """The post, with its thread, if the member may see it; else NotFound, as if there were none.
    Every route that takes a post's id loads it here."""
    post = db.session.scalar(
        select(Post)
        .where(Post.id == post_id, post_access_condition(member))
        .options(joinedload(Post.thread))
    )
    if post is None:
        raise NotFound(post_id)
    return post


def get_thread(member, thread_id: int) -> Thread:
    """The thread if the member may see it; else NotFound. Every route that takes a thread's id
    loads it here (the thread page checks the same rule as it counts the posts)."""
    thread = db.session.scalar(
        select(Thread).where(Thread.id == thread_id, thread_access_condition(member))
    )
    if thread is None:
        raise NotFound(thread_id)
    return thread

"""Who may do what. Every rule about members and posts lives here, and each has a test.

`member` is Flask-Login's current_user: an anonymous visitor has is_authenticated False.
"""

from app.models import Post, Thread

MODERATOR_ROLES = ("moderator", "admin")


def is_member(member) -> bool:
    return bool(member and member.is_authenticated)


def can_moderate(member) -> bool:
    return is_member(member) and member.role in MODERATOR_ROLES


def can_read_discussions(member) -> bool:
    return is_member(member)


def can_see_post(member, post: Post) -> bool:
    """Hidden posts are seen only by their author and moderators; removed ones leave a marker."""
    if not is_member(member):
        return False
    if post.hidden:
        return can_moderate(member) or post.author_id == member.id
    return True


def can_start_thread(member) -> bool:
    return is_member(member)


def can_reply(member, thread: Thread) -> bool:
    return is_member(member) and (not thread.locked or can_moderate(member))


def can_reply_to(member, post: Post) -> bool:
    return can_reply(member, post.thread) and not post.removed and can_see_post(member, post)


def can_edit(member, post: Post) -> bool:
    return is_member(member) and post.author_id == member.id and not post.removed


def can_delete(member, post: Post) -> bool:
    return can_edit(member, post)


def can_react(member, post: Post) -> bool:
    return is_member(member) and not post.removed and not post.hidden


def can_save(member) -> bool:
    return is_member(member)

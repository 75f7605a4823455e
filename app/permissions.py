"""Who may do what. Every rule about members, posts and moderation lives here, and each has a
test.

`member` is Flask-Login's current_user: an anonymous visitor has is_authenticated False. A
suspended member can still read everything a member can, and look after their own account, but
not take part: no posting, replying, reacting or reporting, and no moderating.
"""

from app.models import Post, Thread

MODERATOR_ROLES = ("moderator", "admin")
# Decisions about a member that they can ask a moderator to look at again.
REVIEWABLE_ACTIONS = ("hide", "remind", "warn", "suspend")


def is_member(member) -> bool:
    return bool(member and member.is_authenticated)


def can_take_part(member) -> bool:
    return is_member(member) and not member.is_suspended


def can_moderate(member) -> bool:
    return can_take_part(member) and member.role in MODERATOR_ROLES


def can_read_discussions(member) -> bool:
    """Talk, and its posts in search: members, except while they take a break from it."""
    return is_member(member) and not member.on_break


def can_see_post(member, post: Post) -> bool:
    """Hidden and held posts are seen only by their author and moderators; removed ones leave a
    marker. (Which posts a member sees in lists and threads: visibility.visible_post_condition.)
    """
    if not is_member(member):
        return False
    if post.hidden or post.held:
        return can_moderate(member) or post.author_id == member.id
    return True


def can_start_thread(member) -> bool:
    return can_take_part(member)


def can_reply(member, thread: Thread) -> bool:
    return can_take_part(member) and (not thread.locked or can_moderate(member))


def can_reply_to(member, post: Post) -> bool:
    return can_reply(member, post.thread) and not post.removed and can_see_post(member, post)


def can_edit(member, post: Post) -> bool:
    return can_take_part(member) and post.author_id == member.id and not post.removed


def can_delete(member, post: Post) -> bool:
    """Members may always take their own words back, suspended or not."""
    return is_member(member) and post.author_id == member.id and not post.removed


def can_react(member, post: Post) -> bool:
    return can_take_part(member) and not (post.removed or post.hidden or post.held)


def can_report(member, post: Post) -> bool:
    """Any post others can see, but not one's own."""
    return (can_take_part(member) and post.author_id != member.id
            and not (post.removed or post.hidden or post.held))


def can_save(member) -> bool:
    return is_member(member)


def can_mute(member, other) -> bool:
    """Mute another member: a private preference, open to anyone who has entered."""
    return is_member(member) and other is not None and other.id != member.id


def can_act_on_member(moderator, member) -> bool:
    """Remind, warn or suspend: moderators act on members, admins on moderators too; nobody on
    themselves or on an admin (that is for whoever runs the site, with `flask remove-moderator`).
    """
    if not can_moderate(moderator) or member is None or member.id == moderator.id:
        return False
    return member.role == "member" or (moderator.role == "admin" and member.role == "moderator")


def can_ask_for_review(member, decision) -> bool:
    return (is_member(member) and decision.target_member_id == member.id
            and decision.action in REVIEWABLE_ACTIONS)


# Messages to the team (Tell us) and "You said, we did": for whoever runs the site, the admins.

def can_run_site(member) -> bool:
    return can_take_part(member) and member.role == "admin"


def can_read_messages_to_the_team(member) -> bool:
    """Messages sent through Tell us are never public: admins alone read them."""
    return can_run_site(member)


def can_answer_message(member, message) -> bool:
    """Only a member's message, and only when they asked for an answer; visitors leave no way
    to be answered."""
    return (can_read_messages_to_the_team(member) and message.member_id is not None
            and message.wants_answer)


def can_write_you_said_we_did(member) -> bool:
    return can_run_site(member)

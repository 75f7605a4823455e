"""Who may do what. Every rule about members, posts and moderation lives here, and each has a
test.

`member` is Flask-Login's current_user: an anonymous visitor has is_authenticated False. A
suspended member can still read everything a member can, and look after their own account, but
not take part: no posting, replying, reacting or reporting, and no moderating.
"""

from typing import TypeAlias, TypeGuard

from flask_login import AnonymousUserMixin

from app.models import Member, ModerationAction, Post, QueueItem, TellUsMessage, Thread

# Who is asking: a member, or (not signed in) Flask-Login's anonymous visitor. The rules that
# say yes only to a member are TypeGuards, so a checker knows `member` is one after them.
Viewer: TypeAlias = Member | AnonymousUserMixin | None

MODERATOR_ROLES = ("moderator", "admin")
# Decisions about a member that they can ask a moderator to look at again.
REVIEWABLE_ACTIONS = ("hide", "remind", "warn", "suspend")


def is_member(member: Viewer) -> TypeGuard[Member]:
    return bool(member and member.is_authenticated)


def can_take_part(member: Viewer) -> TypeGuard[Member]:
    return is_member(member) and not member.is_suspended


def can_moderate(member: Viewer) -> TypeGuard[Member]:
    return can_take_part(member) and member.role in MODERATOR_ROLES


def is_safety_lead(member: Viewer) -> bool:
    """A moderator who answers escalated risk; admins can too."""
    return can_moderate(member) and (member.role == "admin" or bool(member.safety_lead))


def can_read_guide(member: Viewer) -> bool:
    return can_moderate(member)


def can_send_check_in(moderator: Viewer, member: Member | None) -> bool:
    """A private, kind message from "the moderators" to a member; never to oneself."""
    return can_moderate(moderator) and member is not None and member.id != moderator.id


def can_review_risk(member: Viewer, item: QueueItem) -> bool:
    """Mark a possible risk reviewed. Once escalated, it is the safety lead's to close."""
    if not can_moderate(member) or not item.possible_risk or item.risk_reviewed_at is not None:
        return False
    return item.escalated_at is None or is_safety_lead(member)


def can_escalate(member: Viewer, item: QueueItem) -> bool:
    return can_moderate(member) and item.risk_open and item.escalated_at is None


def can_set_content_note(member: Viewer, post: Post) -> bool:
    """Moderators add or change the content note on any post still there to read."""
    return can_moderate(member) and not post.removed


def can_pin(member: Viewer) -> bool:
    return can_moderate(member)


def can_keep_notes(moderator: Viewer, member: Member | None) -> bool:
    """Private notes about a member, seen by moderators (and by the member in their download)."""
    return can_moderate(moderator) and member is not None and member.id != moderator.id


def can_see_safety_queue(member: Viewer) -> bool:
    return is_safety_lead(member)


def can_read_own_messages(member: Viewer) -> bool:
    return is_member(member)


def can_read_discussions(member: Viewer) -> bool:
    """Talk, and its posts in search: members, except while they take a break from it."""
    return is_member(member) and not member.on_break


def can_see_post(member: Viewer, post: Post) -> bool:
    """Hidden and held posts are seen only by their author and moderators; removed ones leave a
    marker. (Which posts a member sees in lists and threads: visibility.visible_post_condition.)
    """
    if not is_member(member):
        return False
    if post.hidden or post.held:
        return can_moderate(member) or post.author_id == member.id
    return True


def can_start_thread(member: Viewer) -> bool:
    return can_take_part(member)


def can_reply(member: Viewer, thread: Thread) -> bool:
    return can_take_part(member) and (not thread.locked or can_moderate(member))


def can_reply_to(member: Viewer, post: Post) -> bool:
    return can_reply(member, post.thread) and not post.removed and can_see_post(member, post)


def can_edit(member: Viewer, post: Post) -> bool:
    return can_take_part(member) and post.author_id == member.id and not post.removed


def can_delete(member: Viewer, post: Post) -> bool:
    """Members may always take their own words back, suspended or not."""
    return is_member(member) and post.author_id == member.id and not post.removed


def can_react(member: Viewer, post: Post) -> bool:
    return can_take_part(member) and not (post.removed or post.hidden or post.held)


def can_report(member: Viewer, post: Post) -> bool:
    """Any post others can see, but not one's own."""
    return (
        can_take_part(member)
        and post.author_id != member.id
        and not (post.removed or post.hidden or post.held)
    )


def can_save(member: Viewer) -> bool:
    return is_member(member)


def can_mute(member: Viewer, other: Member | None) -> bool:
    """Mute another member: a private preference, open to anyone who has entered."""
    return is_member(member) and other is not None and other.id != member.id


def can_act_on_member(moderator: Viewer, member: Member | None) -> bool:
    """Remind, warn or suspend: moderators act on members, admins on moderators too; nobody on
    themselves or on an admin (that is for whoever runs the site, with `flask remove-moderator`).
    """
    if not can_moderate(moderator) or member is None or member.id == moderator.id:
        return False
    return member.role == "member" or (moderator.role == "admin" and member.role == "moderator")


def can_ask_for_review(member: Viewer, decision: ModerationAction) -> bool:
    return (
        is_member(member)
        and decision.target_member_id == member.id
        and decision.action in REVIEWABLE_ACTIONS
    )


# Messages to the team (Tell us) and "You said, we did": for whoever runs the site, the admins.


def can_run_site(member: Viewer) -> bool:
    return can_take_part(member) and member.role == "admin"


def can_read_messages_to_the_team(member: Viewer) -> bool:
    """Messages sent through Tell us are never public: admins alone read them."""
    return can_run_site(member)


def can_answer_message(member: Viewer, message: TellUsMessage) -> bool:
    """Only a member's message, and only when they asked for an answer; visitors leave no way
    to be answered."""
    return (
        can_read_messages_to_the_team(member)
        and message.member_id is not None
        and message.wants_answer
    )


def can_write_you_said_we_did(member: Viewer) -> bool:
    return can_run_site(member)

"""Membership: entering, coming back, looking after your account, and leaving.

Every write about members happens here, each ending in one commit.
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from app import credentials
from app.conduct import BREAKS
from app.extensions import db
from app.models.user import CONTENT_NOTE_CHOICES, Member
from app.names import name_key, name_problem, name_skeleton, normalise_name
from app.pseudonyms import generate_pseudonym
from app.services import (
    addresses,
    decisions,
    discussions,
    garden,
    member_messages,
    member_notes,
    muting,
    reports,
    talk_export,
    tell_us,
)
from app.services.errors import FieldError
from app.timefmt import iso_utc

NAME_TAKEN = (
    "That name is taken, or looks too like a name someone already has. Choose a different one"
)
WRONG_DETAILS = (
    "The name or recovery phrase is not right. Check both and try again. "
    "If you set a password, you can use it instead of the phrase"
)
# Tries at each length of number before a pseudonym gets another digit.
TRIES_PER_LENGTH = 5


def _outside_transaction(slow, *args):
    """Run a slow hash (about half a second) with no transaction open.

    On SQLite a write request's transaction holds the database's one write lock; hashing inside
    it would hold up every other writer. Nothing is pending at these points, so this loses
    nothing; objects already loaded reload when next read.
    """
    db.session.rollback()
    return slow(*args)


def find_by_name(name: str) -> Member | None:
    return db.session.execute(
        db.select(Member).where(Member.name_key == name_key(name))
    ).scalar_one_or_none()


def name_taken(name: str, by_other_than: Member | None = None) -> bool:
    """True if a member has this name, or one a reader could take for it."""
    query = select(Member.id).where(
        or_(Member.name_key == name_key(name), Member.name_skeleton == name_skeleton(name))
    )
    if by_other_than is not None:
        query = query.where(Member.id != by_other_than.id)
    return db.session.execute(query.limit(1)).first() is not None


def member_from_session_id(session_id: str) -> Member | None:
    """Flask-Login's loader: "id:version" names one member only while the version is current."""
    member_id, _, version = session_id.partition(":")
    if not (member_id.isdigit() and version.isdigit()):
        return None
    member = db.session.get(Member, int(member_id))
    if member is None or member.session_version != int(version):
        return None
    return member


def enter_as_guest(address_hash: str | None = None) -> tuple[Member, str]:
    """Create a member with a made-up name; return it with its recovery phrase (shown once).

    address_hash: today's keyed hash of their network, for moderators (app.services.addresses).
    """
    phrase = credentials.new_phrase()
    phrase_hash = _outside_transaction(credentials.hash_secret, phrase)
    for attempt in range(TRIES_PER_LENGTH * 3):
        name = generate_pseudonym(digits=2 + attempt // TRIES_PER_LENGTH)
        if name_taken(name):
            continue
        member = Member(
            name=name,
            name_key=name_key(name),
            name_skeleton=name_skeleton(name),
            phrase_hash=phrase_hash,
        )
        db.session.add(member)
        addresses.note(member, address_hash)
        try:
            db.session.commit()
        except IntegrityError:  # another request took the same name a moment ago
            db.session.rollback()
            continue
        return member, phrase
    raise RuntimeError("Could not find a free pseudonym")


def check_return(name: str, secret: str) -> Member:
    """The member whose name and recovery phrase (or password) these are.

    Exactly one slow hash check runs whatever the input, so the time taken doesn't tell whether
    a name exists or has a password; a wrong name and a wrong secret get the same message.
    """
    member = find_by_name(name) if name_problem(name) is None else None
    if credentials.is_phrase(secret):
        stored = member.phrase_hash if member else None
        secret = credentials.normalise_phrase(secret)
    else:
        stored = member.password_hash if member else None
    if not _outside_transaction(credentials.verify_secret, stored, secret) or member is None:
        raise FieldError("secret", WRONG_DETAILS)
    return member


def end_sessions(member: Member) -> None:
    """Every session and remember cookie of this member stops working."""
    member.session_version = Member.session_version + 1
    db.session.commit()


def rename(member: Member, new_name: str) -> None:
    problem = name_problem(new_name)
    if problem:
        raise FieldError("name", problem)
    new_name = normalise_name(new_name)
    if name_taken(new_name, by_other_than=member):
        raise FieldError("name", NAME_TAKEN)
    member.name, member.name_key = new_name, name_key(new_name)
    member.name_skeleton = name_skeleton(new_name)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise FieldError("name", NAME_TAKEN) from None


def regenerate_phrase(member: Member) -> str:
    """A new recovery phrase; the old one stops working and other sessions end."""
    phrase = credentials.new_phrase()
    member.phrase_hash = _outside_transaction(credentials.hash_secret, phrase)
    member.session_version = Member.session_version + 1
    db.session.commit()
    return phrase


def set_password(member: Member, password: str, confirmation: str) -> None:
    """Set or change the optional password; other sessions end, as with a new phrase."""
    problem = credentials.password_problem(password)
    if problem:
        raise FieldError("password", problem)
    if confirmation != password:
        raise FieldError("confirm", "The two passwords do not match. Type the same password twice")
    member.password_hash = _outside_transaction(credentials.hash_secret, password)
    member.session_version = Member.session_version + 1
    db.session.commit()


def update_preferences(member: Member, *, discreet_titles: bool, content_notes: str) -> None:
    if content_notes not in CONTENT_NOTE_CHOICES:
        raise FieldError("content_notes", "Choose how posts with content notes should show")
    member.discreet_titles = discreet_titles
    member.content_notes = content_notes
    db.session.commit()


def set_discreet(member: Member, on: bool) -> None:
    member.discreet_titles = on
    db.session.commit()


def take_break(member: Member, days) -> None:
    """Hide Talk from the member for a while; learn pages stay."""
    if days not in BREAKS:
        raise FieldError("days", "Choose how long your break should be")
    member.break_until = datetime.now(UTC) + timedelta(days=days)
    db.session.commit()


def end_break(member: Member) -> None:
    member.break_until = None
    db.session.commit()


def _profile(member: Member) -> dict:
    return {
        "name": member.name,
        "joined": iso_utc(member.created_at),
        "role": member.role,
        "has_password": member.has_password,
        "note": "Your recovery phrase and password are kept only as one-way hashes, so they "
        "cannot be shown here.",
    }


def _preferences(member: Member) -> dict:
    return {
        "discreet_titles": member.discreet_titles,
        "content_notes": member.content_notes,
        "taking_a_break_until": iso_utc(member.break_until),
    }


def _standing(member: Member) -> dict:
    return {
        "suspended": member.is_suspended,
        "suspended_until": "for good"
        if member.suspended_for_good
        else iso_utc(member.suspended_until),
    }


# Each part of "download my data": a name and a function of the member.
EXPORT_SECTIONS = [
    ("profile", _profile),
    ("preferences", _preferences),
    *talk_export.EXPORT_SECTIONS,
    ("my_garden", garden.export),
    ("muted", muting.export),
    ("reports_made", reports.export),
    ("moderation_decisions", decisions.export),
    ("moderators_notes_about_me", member_notes.export),
    ("reviews_asked_for", decisions.export_reviews),
    ("account_standing", _standing),
    ("messages_to_the_team", tell_us.export),
    ("messages_from_the_site", member_messages.export),
]


def export_data(member: Member) -> dict:
    data = {"site": "CommonGround", "exported_at": datetime.now(UTC).isoformat()}
    for section, build in EXPORT_SECTIONS:
        data[section] = build(member)
    return data


def delete_member(member: Member, *, keep_posts: bool) -> None:
    """Remove the member and everything personal about them, in one commit.

    Their posts either lose their words or stay under "a former member"; the database then
    drops their reactions, saved items, follows and mutes, and unlinks their posts, reports and
    moderation log entries (ON DELETE rules), which stay, shown as by "a former member". Their
    messages to the team and from the site go with them (ON DELETE CASCADE).
    """
    discussions.forget_member(member, keep_posts=keep_posts)
    reports.forget(member)
    decisions.forget(member)
    db.session.delete(member)
    discussions.commit_removal()

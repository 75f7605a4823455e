"""Every rule in app.permissions, for each kind of person and each state of a post."""

from types import SimpleNamespace

import pytest

from app import permissions


def person(
    id_, role="member", suspended=False, authenticated=True, on_break=False, safety_lead=False
):
    return SimpleNamespace(
        is_authenticated=authenticated,
        id=id_,
        role=role,
        is_suspended=suspended,
        on_break=on_break,
        safety_lead=safety_lead,
    )


VISITOR = SimpleNamespace(is_authenticated=False, id=None, role=None)
AUTHOR = person(1)
OTHER = person(2)
MODERATOR = person(3, "moderator")
ADMIN = person(4, "admin")
SUSPENDED = person(5, suspended=True)
SUSPENDED_MODERATOR = person(6, "moderator", suspended=True)
PEOPLE = {
    "visitor": VISITOR,
    "author": AUTHOR,
    "other": OTHER,
    "moderator": MODERATOR,
    "admin": ADMIN,
    "suspended": SUSPENDED,
    "suspended_moderator": SUSPENDED_MODERATOR,
}
MEMBERS = set(PEOPLE) - {"visitor"}
TAKING_PART = {"author", "other", "moderator", "admin"}
MODERATING = {"moderator", "admin"}


def post(state="open", locked=False):
    return SimpleNamespace(
        author_id=AUTHOR.id,
        hidden=state == "hidden",
        held=state == "held",
        removed=state == "removed",
        thread=SimpleNamespace(locked=locked),
    )


# (rule, post state or None, locked thread) -> who may
EXPECTED = [
    ("is_member", None, False, MEMBERS),
    ("can_take_part", None, False, TAKING_PART),
    ("can_read_discussions", None, False, MEMBERS),
    ("can_start_thread", None, False, TAKING_PART),
    ("can_moderate", None, False, MODERATING),
    ("can_save", None, False, MEMBERS),
    ("can_see_post", "open", False, MEMBERS),
    ("can_see_post", "hidden", False, {"author"} | MODERATING),
    ("can_see_post", "held", False, {"author"} | MODERATING),
    ("can_see_post", "removed", False, MEMBERS),
    ("can_reply", "open", False, TAKING_PART),
    ("can_reply", "open", True, MODERATING),
    ("can_reply_to", "open", False, TAKING_PART),
    ("can_reply_to", "removed", False, set()),
    ("can_reply_to", "hidden", False, {"author"} | MODERATING),
    ("can_reply_to", "held", False, {"author"} | MODERATING),
    ("can_reply_to", "open", True, MODERATING),
    ("can_edit", "open", False, {"author"}),
    ("can_edit", "hidden", False, {"author"}),
    ("can_edit", "removed", False, set()),
    ("can_delete", "open", False, {"author"}),
    ("can_delete", "removed", False, set()),
    ("can_react", "open", False, TAKING_PART),
    ("can_react", "removed", False, set()),
    ("can_react", "hidden", False, set()),
    ("can_react", "held", False, set()),
    ("can_report", "open", False, TAKING_PART - {"author"}),
    ("can_report", "removed", False, set()),
    ("can_report", "hidden", False, set()),
    ("can_report", "held", False, set()),
]


@pytest.mark.parametrize(
    ("rule", "state", "locked", "allowed"),
    EXPECTED,
    ids=[f"{r}-{s}-{'locked' if lk else 'open'}" for r, s, lk, _ in EXPECTED],
)
@pytest.mark.parametrize("who", PEOPLE)
def test_permission_rule_for_person_and_post(rule, state, locked, allowed, who):
    check = getattr(permissions, rule)
    person_ = PEOPLE[who]
    if state is None:
        result = check(person_)
    elif rule == "can_reply":
        result = check(person_, post(state, locked).thread)
    else:
        result = check(person_, post(state, locked))
    assert result is (who in allowed)


def test_suspended_author_can_take_their_words_back_but_not_change_them():
    suspended_author = person(AUTHOR.id, suspended=True)
    assert permissions.can_delete(suspended_author, post())
    assert not permissions.can_edit(suspended_author, post())


@pytest.mark.parametrize("who", PEOPLE)
def test_mute_another_member_is_for_any_member_but_not_oneself(who):
    person_ = PEOPLE[who]
    assert permissions.can_mute(person_, OTHER if person_ is not OTHER else AUTHOR) is (
        who in MEMBERS
    )
    assert not permissions.can_mute(person_, person_)
    assert not permissions.can_mute(person_, None)


# Who may remind, warn or suspend whom: moderators act on members; admins on moderators too.
TARGETS = {
    "member": person(10),
    "moderator": person(11, "moderator"),
    "admin": person(12, "admin"),
    "suspended": person(13, suspended=True),
}
ACTS_ON = {
    "moderator": {"member", "suspended"},
    "admin": {"member", "suspended", "moderator"},
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("who", PEOPLE)
def test_act_on_member_for_each_role_and_target(who, target):
    allowed = target in ACTS_ON.get(who, set())
    assert permissions.can_act_on_member(PEOPLE[who], TARGETS[target]) is allowed


@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_nobody_acts_on_themselves(who):
    assert not permissions.can_act_on_member(PEOPLE[who], PEOPLE[who])


@pytest.mark.parametrize(
    ("action", "reviewable"),
    [
        ("hide", True),
        ("remind", True),
        ("warn", True),
        ("suspend", True),
        ("approve", False),
        ("restore", False),
        ("auto-hide", False),
        ("lock", False),
    ],
)
@pytest.mark.parametrize("who", PEOPLE)
def test_ask_for_review_only_of_own_reviewable_decisions(who, action, reviewable):
    decision = SimpleNamespace(target_member_id=AUTHOR.id, action=action)
    expected = who == "author" and reviewable
    assert permissions.can_ask_for_review(PEOPLE[who], decision) is expected


# Duty of care: who may answer possible risk, and how. The safety lead is a moderator with the
# safety_lead flag; admins count as safety leads.
SAFETY_LEAD = person(7, "moderator", safety_lead=True)
CARE_PEOPLE = PEOPLE | {"safety_lead": SAFETY_LEAD}
CARERS = {"moderator", "safety_lead", "admin"}
LEADS = {"safety_lead", "admin"}


def risk_item(state):
    """A possible-risk queue item: open, escalated, reviewed; or an item with no risk."""
    return SimpleNamespace(
        possible_risk=state != "no-risk",
        risk_reviewed_at="then" if state == "reviewed" else None,
        escalated_at="then" if state == "escalated" else None,
        risk_open=state in ("open", "escalated"),
    )


CARE_EXPECTED = [
    ("can_read_guide", None, CARERS),
    ("can_see_safety_queue", None, LEADS),
    ("is_safety_lead", None, LEADS),
    ("can_pin", None, CARERS),
    ("can_read_own_messages", None, set(CARE_PEOPLE) - {"visitor"}),
    ("can_review_risk", "open", CARERS),
    ("can_review_risk", "escalated", LEADS),
    ("can_review_risk", "reviewed", set()),
    ("can_review_risk", "no-risk", set()),
    ("can_escalate", "open", CARERS),
    ("can_escalate", "escalated", set()),
    ("can_escalate", "reviewed", set()),
]


@pytest.mark.parametrize(
    ("rule", "state", "allowed"), CARE_EXPECTED, ids=[f"{r}-{s}" for r, s, _ in CARE_EXPECTED]
)
@pytest.mark.parametrize("who", CARE_PEOPLE)
def test_care_rule_for_each_person(rule, state, allowed, who):
    check = getattr(permissions, rule)
    result = check(CARE_PEOPLE[who]) if state is None else check(CARE_PEOPLE[who], risk_item(state))
    assert result is (who in allowed)


@pytest.mark.parametrize("who", CARE_PEOPLE)
def test_check_in_and_notes_are_for_moderators_about_someone_else(who):
    person_ = CARE_PEOPLE[who]
    for rule in (permissions.can_send_check_in, permissions.can_keep_notes):
        assert rule(person_, AUTHOR if person_ is not AUTHOR else OTHER) is (who in CARERS)
        assert not rule(person_, person_)
        assert not rule(person_, None)


@pytest.mark.parametrize("state", ["open", "hidden", "held", "removed"])
@pytest.mark.parametrize("who", CARE_PEOPLE)
def test_set_content_note_on_any_post_still_there_is_for_moderators(who, state):
    allowed = who in CARERS and state != "removed"
    assert permissions.can_set_content_note(CARE_PEOPLE[who], post(state)) is allowed


# Messages to the team and "You said, we did": admins only, and not while suspended.
RUNNING_THE_SITE = PEOPLE | {"suspended_admin": person(7, "admin", suspended=True)}
SITE_RULES = ["can_run_site", "can_read_messages_to_the_team", "can_write_you_said_we_did"]


@pytest.mark.parametrize("rule", SITE_RULES)
@pytest.mark.parametrize("who", RUNNING_THE_SITE)
def test_site_rule_for_each_role_is_admins_only(rule, who):
    assert getattr(permissions, rule)(RUNNING_THE_SITE[who]) is (who == "admin")


@pytest.mark.parametrize(
    ("sender", "wants_answer", "answerable"),
    [
        ("member", True, True),
        ("member", False, False),
        ("visitor", False, False),
    ],
)
@pytest.mark.parametrize("who", RUNNING_THE_SITE)
def test_answer_message_only_admin_and_member_who_asked(who, sender, wants_answer, answerable):
    message = SimpleNamespace(
        member_id=AUTHOR.id if sender == "member" else None, wants_answer=wants_answer
    )
    expected = who == "admin" and answerable
    assert permissions.can_answer_message(RUNNING_THE_SITE[who], message) is expected


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_can_read_discussions_on_a_break_is_false(role):
    assert not permissions.can_read_discussions(person(7, role, on_break=True))

"""Every rule in app.permissions, for each kind of person and each state of a post."""

from types import SimpleNamespace

import pytest

from app import permissions

VISITOR = SimpleNamespace(is_authenticated=False, id=None, role=None)
AUTHOR = SimpleNamespace(is_authenticated=True, id=1, role="member")
OTHER = SimpleNamespace(is_authenticated=True, id=2, role="member")
MODERATOR = SimpleNamespace(is_authenticated=True, id=3, role="moderator")
ADMIN = SimpleNamespace(is_authenticated=True, id=4, role="admin")
PEOPLE = {"visitor": VISITOR, "author": AUTHOR, "other": OTHER, "moderator": MODERATOR,
          "admin": ADMIN}


def post(state="open", locked=False):
    return SimpleNamespace(author_id=AUTHOR.id, hidden=state == "hidden",
                           removed=state == "removed", thread=SimpleNamespace(locked=locked))


# (rule, post state or None, locked thread) -> who may
EXPECTED = [
    ("can_read_discussions", None, False, {"author", "other", "moderator", "admin"}),
    ("can_start_thread", None, False, {"author", "other", "moderator", "admin"}),
    ("can_moderate", None, False, {"moderator", "admin"}),
    ("can_save", None, False, {"author", "other", "moderator", "admin"}),
    ("can_see_post", "open", False, {"author", "other", "moderator", "admin"}),
    ("can_see_post", "hidden", False, {"author", "moderator", "admin"}),
    ("can_see_post", "removed", False, {"author", "other", "moderator", "admin"}),
    ("can_reply", "open", False, {"author", "other", "moderator", "admin"}),
    ("can_reply", "open", True, {"moderator", "admin"}),
    ("can_reply_to", "open", False, {"author", "other", "moderator", "admin"}),
    ("can_reply_to", "removed", False, set()),
    ("can_reply_to", "hidden", False, {"author", "moderator", "admin"}),
    ("can_reply_to", "open", True, {"moderator", "admin"}),
    ("can_edit", "open", False, {"author"}),
    ("can_edit", "removed", False, set()),
    ("can_delete", "open", False, {"author"}),
    ("can_delete", "removed", False, set()),
    ("can_react", "open", False, {"author", "other", "moderator", "admin"}),
    ("can_react", "removed", False, set()),
    ("can_react", "hidden", False, set()),
]


@pytest.mark.parametrize(("rule", "state", "locked", "allowed"), EXPECTED,
                         ids=[f"{r}-{s}-{'locked' if lk else 'open'}" for r, s, lk, _ in EXPECTED])
@pytest.mark.parametrize("who", PEOPLE)
def test_permission_rule_for_person_and_post(rule, state, locked, allowed, who):
    check = getattr(permissions, rule)
    person = PEOPLE[who]
    if state is None:
        result = check(person)
    elif rule == "can_reply":
        result = check(person, post(state, locked).thread)
    else:
        result = check(person, post(state, locked))
    assert result is (who in allowed)

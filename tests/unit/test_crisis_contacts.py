"""The crisis contacts file: every contact says where and when it works, and is checked often."""

import datetime as dt
import logging
import os
import time
from pathlib import Path

import pytest
import yaml

from app.crisis_contacts import (
    CrisisContacts,
    InvalidContacts,
    contact_problems,
    months_before,
    parse_contacts,
    stale_contacts,
)

SHIPPED = Path(__file__).resolve().parents[2] / "content" / "safety" / "crisis-contacts.yaml"
TODAY = dt.date(2026, 12, 1)


def shipped_data() -> dict:
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def changed(index: int, **fields) -> str:
    """The shipped file's data with fields of one contact changed (None removes the field)."""
    data = shipped_data()
    for name, value in fields.items():
        if value is None:
            data["contacts"][index].pop(name, None)
        else:
            data["contacts"][index][name] = value
    return yaml.safe_dump(data, sort_keys=False)


def test_parse_contacts_of_shipped_file_covers_the_uk_and_each_nation():
    contacts = parse_contacts(SHIPPED.read_text(encoding="utf-8")).contacts
    nations = {n for c in contacts for n in c.nations}
    assert nations == {"uk", "england", "wales", "scotland", "northern-ireland"}
    assert all(c.hours and c.ages and c.languages and c.cost for c in contacts)


def test_shipped_contacts_were_all_checked_within_six_months():
    assert contact_problems(SHIPPED, dt.date.today()) == []


@pytest.mark.parametrize("field", ["hours", "nations", "checked", "source", "ages", "number"])
def test_parse_contacts_lacking_a_field_names_the_contact_and_field(field):
    with pytest.raises(InvalidContacts) as error:
        parse_contacts(changed(1, **{field: None}))
    assert error.value.field == f"contacts[2].{field}"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"hours": ""}, "contacts[2].hours"),
        ({"nations": []}, "contacts[2].nations"),
        ({"nations": ["england", "mars"]}, "contacts[2].nations"),
        ({"nations": ["uk", "wales"]}, "contacts[2].nations"),
        ({"checked": "last week"}, "contacts[2].checked"),
        ({"source": "http://www.samaritans.org/"}, "contacts[2].source"),
        ({"number": "116-123"}, "contacts[2].number"),
        ({"action": "shout"}, "contacts[2].action"),
        ({"action": "text"}, "contacts[2].text_code"),
        ({"opening": "always"}, "contacts[2]"),
    ],
)
def test_parse_contacts_with_a_bad_field_reports_it(fields, field):
    with pytest.raises(InvalidContacts) as error:
        parse_contacts(changed(1, **fields))
    assert error.value.field == field


def test_parse_contacts_without_any_contact_for_a_nation_reports_the_nation():
    data = shipped_data()
    data["contacts"] = [c for c in data["contacts"] if c["nations"] != ["northern-ireland"]]
    with pytest.raises(InvalidContacts, match="Northern Ireland"):
        parse_contacts(yaml.safe_dump(data))


def test_parse_contacts_with_a_number_in_a_note_refuses_it():
    data = shipped_data()
    data["notes"]["scotland"] = "Call 111 any time."
    with pytest.raises(InvalidContacts) as error:
        parse_contacts(yaml.safe_dump(data))
    assert error.value.field == "notes.scotland"


def test_stale_contacts_checked_more_than_six_months_ago_is_reported():
    contacts = parse_contacts(changed(1, checked=dt.date(2026, 5, 31))).contacts
    assert stale_contacts(contacts, TODAY) == [
        "samaritans: checked 2026-05-31, more than 6 months ago; check it against "
        "https://www.samaritans.org/how-we-can-help/contact-samaritan/"
    ]


def test_stale_contacts_checked_exactly_six_months_ago_still_passes():
    contacts = parse_contacts(changed(1, checked=dt.date(2026, 6, 1))).contacts
    assert stale_contacts(contacts, TODAY) == []


def test_stale_contacts_checked_in_the_future_is_reported():
    contacts = parse_contacts(changed(1, checked=dt.date(2027, 1, 1))).contacts
    assert stale_contacts(contacts, TODAY) == ["samaritans: checked 2027-01-01 is in the future"]


def test_contact_problems_of_a_file_lacking_hours_reports_the_field(tmp_path):
    path = tmp_path / "crisis-contacts.yaml"
    path.write_text(changed(2, hours=None))
    assert contact_problems(path, TODAY) == [
        "contacts[3].hours: is missing: every contact needs it"
    ]


@pytest.mark.parametrize(
    ("day", "before"),
    [
        (dt.date(2026, 12, 1), dt.date(2026, 6, 1)),
        (dt.date(2026, 8, 31), dt.date(2026, 2, 28)),
        (dt.date(2026, 3, 15), dt.date(2025, 9, 15)),
    ],
)
def test_months_before_goes_back_by_calendar_months(day, before):
    assert months_before(day, 6) == before


def test_crisis_contacts_with_a_broken_edit_keeps_showing_the_last_good_list(tmp_path, caplog):
    path = tmp_path / "crisis-contacts.yaml"
    path.write_text(SHIPPED.read_text(encoding="utf-8"))
    contacts = CrisisContacts(path)
    contacts.CHECK_EVERY = 0
    path.write_text(changed(1, hours=None))
    later = time.time() + 5
    os.utime(path, (later, later))
    with caplog.at_level(logging.ERROR):
        assert contacts.get("samaritans").hours == "24 hours, every day"
    assert "not reloaded" in caplog.text


def test_crisis_contacts_reloads_when_the_file_changes(tmp_path):
    path = tmp_path / "crisis-contacts.yaml"
    path.write_text(SHIPPED.read_text(encoding="utf-8"))
    contacts = CrisisContacts(path)
    contacts.CHECK_EVERY = 0
    path.write_text(changed(1, number="116 000"))
    later = time.time() + 5
    os.utime(path, (later, later))
    assert contacts.get("samaritans").number == "116 000"


def test_crisis_contacts_groups_put_the_uk_first_and_each_nation_after():
    contacts = CrisisContacts(SHIPPED)
    labels = [g.label for g in contacts.groups()]
    assert labels == ["Anywhere in the UK", "England", "Wales", "Scotland", "Northern Ireland"]
    short = {g.nation: [c.key for c in g.contacts] for g in contacts.groups(short_list=True)}
    assert all(len(keys) == 1 for nation, keys in short.items() if nation != "uk")

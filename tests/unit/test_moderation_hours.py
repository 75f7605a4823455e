"""The MODERATION_HOURS setting: read, checked, said in words, and whether moderators are in."""

from datetime import UTC, datetime

import pytest

from app.moderation_hours import ModerationHours

WEEKDAYS = ModerationHours.parse("Mon-Fri 09:00-17:00")


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (datetime(2026, 12, 1, 9, 0, tzinfo=UTC), True),  # Tuesday 9am in London (GMT)
        (datetime(2026, 12, 1, 16, 59, tzinfo=UTC), True),
        (datetime(2026, 12, 1, 17, 0, tzinfo=UTC), False),
        (datetime(2026, 12, 1, 8, 59, tzinfo=UTC), False),
        (datetime(2026, 12, 5, 12, 0, tzinfo=UTC), False),  # Saturday
        (datetime(2026, 7, 1, 8, 30, tzinfo=UTC), True),  # 9.30am in London in summer (BST)
        (datetime(2026, 7, 1, 16, 30, tzinfo=UTC), False),  # 5.30pm BST
    ],
)
def test_is_open_for_weekday_hours_in_london_time(moment, open_):
    assert WEEKDAYS.is_open(moment) is open_


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("Mon-Fri 09:00-17:00", "Monday to Friday, 9am to 5pm (UK time)"),
        ("Sat 10:30-14:00", "Saturday, 10.30am to 2pm (UK time)"),
        ("Mon-Sun 08:00-24:00", "every day, 8am to midnight (UK time)"),
        ("Mon-Sun 00:00-24:00", "every day, at any hour"),
        ("Fri-Mon 18:00-22:00", "Friday to Monday, 6pm to 10pm (UK time)"),
    ],
)
def test_describe_says_the_hours_in_plain_words(spec, words):
    assert ModerationHours.parse(spec).describe() == words


def test_days_may_wrap_round_the_week():
    weekend = ModerationHours.parse("Fri-Mon 18:00-22:00")
    assert weekend.is_open(datetime(2026, 12, 6, 19, 0, tzinfo=UTC))  # Sunday
    assert not weekend.is_open(datetime(2026, 12, 2, 19, 0, tzinfo=UTC))  # Wednesday


def test_to_the_end_of_the_day_includes_the_last_minute():
    always = ModerationHours.parse("Mon-Sun 00:00-24:00")
    assert always.is_open(datetime(2026, 12, 1, 23, 59, 59, tzinfo=UTC))


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "weekdays 9-5",
        "Mon-Fri 17:00-09:00",
        "Mon-Xyz 09:00-17:00",
        "Mon-Fri 09:00-25:00",
        "Mon-Fri 09:70-17:00",
    ],
)
def test_parse_refuses_a_setting_it_cannot_read(spec):
    with pytest.raises(ValueError, match="MODERATION_HOURS"):
        ModerationHours.parse(spec)

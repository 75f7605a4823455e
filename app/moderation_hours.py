"""When moderators read posts: the MODERATION_HOURS setting, e.g. "Mon-Fri 09:00-17:00", in the
MODERATION_TIMEZONE (Europe/London).

What Side by Side, Mind's online community, does, as far as its public pages say
(sidebyside.mind.org.uk: "Suspensions", "Full community guidelines", "Staff resource"): trained
staff moderate from 8am to midnight (one outside summary says 8.30am); moderators read every
wall post, but posts are not approved first; outside those hours it relies on members' flags,
and three flags on one post (or five on one member's posts) suspend the member automatically
until the core team looks; staff may call emergency services for a member who is unsafe. We
found no public page saying what happens to a post that may mean risk when it is written
overnight, beyond the flags; its "Using Side by Side safely" page (section 5, escalations) was
not among what we could read.

What we chose, and why: a small volunteer team here covers far fewer hours (weekdays by
default), so a post about wanting to die could stay unread by any moderator over a whole
weekend while others read it, and reading others' distress can leave people feeling worse.
Outside the hours such a post waits for a moderator before others can see it. Its writer is
never blocked: they see the help-now contacts at once and are told plainly that it waits and
when moderators read posts. We did not copy automatic suspension on flags: reports still hide a
post after REPORTS_TO_HIDE reports at any hour, and suspension stays a moderator's decision.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time
from functools import cache
from zoneinfo import ZoneInfo

from flask import current_app

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SPEC = re.compile(r"^\s*(\w{3})(?:-(\w{3}))?\s+(\d\d):(\d\d)-(\d\d):(\d\d)\s*$")


@dataclass(frozen=True)
class ModerationHours:
    first_day: int  # 0 is Monday
    last_day: int
    start: time
    end: time | None  # None: the end of the day ("24:00")
    zone: ZoneInfo

    @classmethod
    def parse(cls, spec: str, zone: str = "Europe/London") -> "ModerationHours":
        """ "Mon-Fri 09:00-17:00", one day, "Sat 10:00-14:00", or to the end of the day,
        "Mon-Sun 00:00-24:00"."""
        found = SPEC.match(spec or "")
        if not found or found.group(1) not in DAYS or (found.group(2) or "Mon") not in DAYS:
            raise ValueError(f"MODERATION_HOURS must look like 'Mon-Fri 09:00-17:00': {spec!r}")
        first = DAYS.index(found.group(1))
        last = DAYS.index(found.group(2)) if found.group(2) else first
        try:
            start = time(int(found.group(3)), int(found.group(4)))
            end_of_day = found.group(5, 6) == ("24", "00")
            end = None if end_of_day else time(int(found.group(5)), int(found.group(6)))
        except ValueError:
            raise ValueError(f"MODERATION_HOURS has a time that does not exist: {spec!r}") from None
        if end is not None and end <= start:
            raise ValueError(f"MODERATION_HOURS must end after they start: {spec!r}")
        return cls(first, last, start, end, ZoneInfo(zone))

    def _days(self) -> range | list[int]:
        if self.first_day <= self.last_day:
            return range(self.first_day, self.last_day + 1)
        return [*range(self.first_day, 7), *range(0, self.last_day + 1)]

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        clock = local.time()
        return (
            local.weekday() in self._days()
            and self.start <= clock
            and (self.end is None or clock < self.end)
        )

    def describe(self) -> str:
        """ "Monday to Friday, 9am to 5pm (UK time)", "every day, at any hour" """
        if len(self._days()) == 7:
            days = "every day"
        elif self.first_day == self.last_day:
            days = DAY_NAMES[self.first_day]
        else:
            days = f"{DAY_NAMES[self.first_day]} to {DAY_NAMES[self.last_day]}"
        if self.start == time(0) and self.end is None:
            return f"{days}, at any hour"
        where = " (UK time)" if self.zone.key == "Europe/London" else f" ({self.zone.key} time)"
        end = "midnight" if self.end is None else _clock(self.end)
        return f"{days}, {_clock(self.start)} to {end}{where}"


def _clock(moment: time) -> str:
    hour = moment.hour % 12 or 12
    minutes = f".{moment.minute:02d}" if moment.minute else ""
    if moment.hour == 0 and not moment.minute:
        return "midnight"
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def now() -> datetime:
    return datetime.now(UTC)


@cache
def _parsed(spec: str, zone: str) -> ModerationHours:
    return ModerationHours.parse(spec, zone)


def current_hours() -> ModerationHours:
    """The app's moderation hours, from its settings."""
    config = current_app.config
    return _parsed(config["MODERATION_HOURS"], config["MODERATION_TIMEZONE"])


def open_now() -> bool:
    return current_hours().is_open(now())

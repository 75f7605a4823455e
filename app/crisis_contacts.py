"""Crisis contacts: who to call or text, where in the UK it works and when.

The list is content/safety/crisis-contacts.yaml (its header explains each field). It is read
once when the site starts and again whenever the file changes. A site whose file is missing or
broken does not start, because every safety page depends on it; an edit that breaks the file
while the site runs is logged and the last good list keeps being shown. A contact whose
`checked` date is old is still shown (an old number beats no number): `flask check-content`
and the tests report it.
"""

import datetime as dt
import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

log = logging.getLogger(__name__)

UK = "uk"
NATIONS = {
    UK: "Anywhere in the UK",
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}
ACTIONS = ("call", "text")
REQUIRED = (
    "key",
    "service",
    "action",
    "number",
    "nations",
    "hours",
    "ages",
    "languages",
    "cost",
    "source",
    "checked",
)
OPTIONAL = ("text_code", "route", "textphone", "short_list")
MONTHS_VALID = 6
NUMBER = re.compile(r"^\d[\d ]*\d$")


@dataclass(frozen=True)
class CrisisContact:
    key: str
    service: str
    action: str
    number: str
    nations: tuple[str, ...]
    hours: str
    ages: str
    languages: str
    cost: str
    source: str
    checked: dt.date
    text_code: str | None = None
    route: str | None = None
    textphone: str | None = None
    short_list: bool = False

    @property
    def href(self) -> str:
        digits = self.number.replace(" ", "")
        if self.action == "text":
            return f"sms:{digits}?&body={self.text_code}" if self.text_code else f"sms:{digits}"
        return f"tel:{digits}"

    @property
    def textphone_href(self) -> str | None:
        return f"tel:{self.textphone.replace(' ', '')}" if self.textphone else None

    @property
    def where(self) -> str:
        """Where it works, as a phrase: "anywhere in the UK", "Scotland", "England and Wales"."""
        if self.nations == (UK,):
            return "anywhere in the UK"
        names = [NATIONS[n] for n in self.nations]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class NationGroup:
    nation: str
    label: str
    contacts: tuple[CrisisContact, ...]
    note: str | None = None


@dataclass(frozen=True)
class ContactList:
    contacts: tuple[CrisisContact, ...]
    notes: dict[str, str]


class InvalidContacts(Exception):
    def __init__(self, field_name: str, message: str):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month, `months` earlier (or the month's last day if it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for day_of_month in range(day.day, 0, -1):
        try:
            return dt.date(year, month + 1, day_of_month)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _contact(item, where: str) -> CrisisContact:
    if not isinstance(item, dict):
        raise InvalidContacts(where, "must be a set of 'name: value' lines")
    for name in REQUIRED:
        if item.get(name) in (None, "", []):
            raise InvalidContacts(f"{where}.{name}", "is missing: every contact needs it")
    unknown = set(item) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        raise InvalidContacts(where, f"unknown fields {sorted(unknown)}")
    for name in (*REQUIRED, "text_code", "route", "textphone"):
        if name in ("nations", "checked") or item.get(name) is None:
            continue
        if not isinstance(item[name], str) or not item[name].strip():
            raise InvalidContacts(f"{where}.{name}", "must be a line of text (in quotes)")
    if item["action"] not in ACTIONS:
        raise InvalidContacts(f"{where}.action", f"must be one of {', '.join(ACTIONS)}")
    if item["action"] == "text" and not item.get("text_code"):
        raise InvalidContacts(f"{where}.text_code", "a text service needs the word to send")
    for name in ("number", "textphone"):
        if item.get(name) is not None and not NUMBER.match(item[name]):
            raise InvalidContacts(f"{where}.{name}", "must be digits and spaces only")
    nations = item["nations"]
    if not isinstance(nations, list) or not all(n in NATIONS for n in nations):
        raise InvalidContacts(f"{where}.nations", f"choose from {', '.join(NATIONS)}")
    if UK in nations and len(nations) > 1:
        raise InvalidContacts(f"{where}.nations", "'uk' already means every nation")
    if len(set(nations)) != len(nations):
        raise InvalidContacts(f"{where}.nations", "lists a nation twice")
    parts = urlsplit(item["source"])
    if parts.scheme != "https" or not parts.netloc:
        raise InvalidContacts(f"{where}.source", "must be an https:// address")
    if not isinstance(item["checked"], dt.date) or isinstance(item["checked"], dt.datetime):
        raise InvalidContacts(f"{where}.checked", "must be a date written as YYYY-MM-DD")
    if not isinstance(item.get("short_list", False), bool):
        raise InvalidContacts(f"{where}.short_list", "must be true or false")
    return CrisisContact(
        key=item["key"].strip(),
        service=item["service"].strip(),
        action=item["action"],
        number=item["number"],
        nations=tuple(nations),
        hours=item["hours"].strip(),
        ages=item["ages"].strip(),
        languages=item["languages"].strip(),
        cost=item["cost"].strip(),
        source=item["source"],
        checked=item["checked"],
        text_code=item.get("text_code"),
        route=item.get("route"),
        textphone=item.get("textphone"),
        short_list=item.get("short_list", False),
    )


def _notes(data: dict) -> dict[str, str]:
    notes = data.get("notes") or {}
    if not isinstance(notes, dict):
        raise InvalidContacts("notes", "must be 'nation: sentence' lines")
    for nation, note in notes.items():
        if nation not in NATIONS:
            raise InvalidContacts(f"notes.{nation}", f"choose from {', '.join(NATIONS)}")
        if not isinstance(note, str) or not note.strip():
            raise InvalidContacts(f"notes.{nation}", "must be a sentence")
        if re.search(r"\d{3}", note):
            raise InvalidContacts(f"notes.{nation}", "keep numbers in contacts, not notes")
    return {nation: note.strip() for nation, note in notes.items()}


def parse_contacts(text: str) -> ContactList:
    """Every contact in the file's text, or InvalidContacts naming the first bad field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InvalidContacts("file", f"is not valid YAML ({error})") from error
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), list):
        raise InvalidContacts("contacts", "the file needs a 'contacts:' list")
    contacts = tuple(
        _contact(item, f"contacts[{i}]") for i, item in enumerate(data["contacts"], start=1)
    )
    keys = [c.key for c in contacts]
    if len(set(keys)) != len(keys):
        raise InvalidContacts("contacts", "two contacts share a key")
    covered = {n for c in contacts for n in c.nations}
    if UK not in covered or not set(NATIONS) <= covered:
        missing = [NATIONS[n] for n in NATIONS if n not in covered]
        raise InvalidContacts("contacts", f"no contact for {', '.join(missing)}")
    return ContactList(contacts, _notes(data))


def stale_contacts(contacts, today: dt.date) -> list[str]:
    """A line for each contact not checked within the last 6 months (or dated in the future)."""
    oldest = months_before(today, MONTHS_VALID)
    problems = []
    for contact in contacts:
        if contact.checked < oldest:
            problems.append(
                f"{contact.key}: checked {contact.checked.isoformat()}, more than "
                f"{MONTHS_VALID} months ago; check it against {contact.source}"
            )
        elif contact.checked > today:
            problems.append(
                f"{contact.key}: checked {contact.checked.isoformat()} is in the future"
            )
    return problems


def contact_problems(path: Path, today: dt.date) -> list[str]:
    """Everything wrong with the file at path, for `flask check-content` and the tests."""
    try:
        contacts = parse_contacts(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return [f"file: {error}"]
    except InvalidContacts as error:
        return [str(error)]
    return stale_contacts(contacts.contacts, today)


class CrisisContacts:
    """The file at path, parsed when the site starts and again whenever it changes."""

    CHECK_EVERY = 2.0  # seconds between looks at the file (every page shows a contact)

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._signature = self._stat()
        self._checked = time.monotonic()
        self._list = parse_contacts(path.read_text(encoding="utf-8"))

    def _stat(self):
        stat = self.path.stat()
        return stat.st_mtime_ns, stat.st_size

    def _current(self) -> ContactList:
        now = time.monotonic()
        if now - self._checked < self.CHECK_EVERY:
            return self._list
        self._checked = now
        try:
            signature = self._stat()
        except OSError:
            signature = self._signature  # gone for a moment, e.g. while an editor saves
        if signature != self._signature:
            with self._lock:
                try:
                    self._list = parse_contacts(self.path.read_text(encoding="utf-8"))
                except (InvalidContacts, OSError, UnicodeDecodeError) as error:
                    log.error(
                        "Crisis contacts file not reloaded, showing the last good list: %s", error
                    )
                self._signature = signature
        return self._list

    def all(self) -> tuple[CrisisContact, ...]:
        return self._current().contacts

    def get(self, key: str) -> CrisisContact:
        for contact in self.all():
            if contact.key == key:
                return contact
        raise KeyError(f"no crisis contact with key {key!r} in {self.path}")

    def groups(self, short_list: bool = False) -> list[NationGroup]:
        """The contacts by nation, UK-wide first, each nation's own after, in the file's order."""
        current = self._current()
        chosen = [c for c in current.contacts if c.short_list or not short_list]
        return [
            NationGroup(
                nation,
                label,
                tuple(c for c in chosen if nation in c.nations),
                current.notes.get(nation),
            )
            for nation, label in NATIONS.items()
            if any(nation in c.nations for c in chosen)
        ]

"""Display names: how they are tidied, compared and checked; and the invisible characters that
names, thread titles and content notes may not hold.

Two names are the same name when they look alike, not only when their letters match: each name
has a skeleton (Unicode's confusable mapping, UTS #39, through ICU), so "Shining Rowan 16" with
a Cyrillic "o" (U+043E) is the same name as "Shining Rowan 16", and "Quiet Heron 24" the same as
"quiet heron 24". A name keeps to one script (Latin with Chinese or Japanese is allowed, as
UTS #39's "highly restrictive" level allows), and may not claim a role on the site or a
service people in crisis trust.
"""

import unicodedata

import icu

MIN_LENGTH = 3
MAX_LENGTH = 30
# A skeleton can be longer than its name ("m" becomes "rn"; a Hangul syllable up to 7 letters).
SKELETON_LENGTH = 255

# Roles on the site and services people trust, as whole words or phrases in any letters that
# look like them. A member's name must not pretend to be any of them.
CLAIMED_ROLES = (
    "moderator",
    "moderators",
    "mod",
    "mods",
    "admin",
    "admins",
    "administrator",
    "staff",
    "official",
    "commonground",
    "common ground",
    "site team",
    "support team",
    "former member",
    "samaritans",
    "samaritan",
    "shout",
    "nhs",
    "111",
    "999",
    "helpline",
    "hotline",
    "crisis team",
    "crisis line",
    "nurse",
    "doctor",
    "dr",
    "gp",
    "counsellor",
    "counselor",
    "therapist",
    "psychiatrist",
    "psychologist",
    "paramedic",
    "police",
)


def _spoof_checker() -> icu.SpoofChecker:
    checker = icu.SpoofChecker()
    checker.setChecks(
        icu.USpoofChecks.RESTRICTION_LEVEL
        | icu.USpoofChecks.MIXED_NUMBERS
        | icu.USpoofChecks.INVISIBLE
    )
    checker.setRestrictionLevel(icu.URestrictionLevel.HIGHLY_RESTRICTIVE)
    return checker


_checker = _spoof_checker()


def normalise_name(name: str) -> str:
    """NFKC-normalised, trimmed, with every run of spaces made one space."""
    return " ".join(unicodedata.normalize("NFKC", name or "").split())


def name_key(name: str) -> str:
    """The form of a name used to look it up: capitals and spacing do not matter."""
    return normalise_name(name).casefold()


def name_skeleton(name: str) -> str:
    """What the name looks like: equal for names a reader could take for one another.

    Folded between two passes, so a capital that looks like a small letter of another
    ("I" and "l", "M" and "rn") is caught as well as the letters themselves.
    """
    first = _checker.getSkeleton(0, normalise_name(name))
    return _checker.getSkeleton(0, first.casefold())


_CLAIMED_SKELETONS = tuple(f" {name_skeleton(role)} " for role in CLAIMED_ROLES)


def claims_a_role(name: str) -> bool:
    padded = f" {name_skeleton(name)} "
    return any(role in padded for role in _CLAIMED_SKELETONS)


def _allowed(character: str) -> bool:
    return character == " " or unicodedata.category(character) in (
        "Lu",
        "Ll",
        "Lt",
        "Lm",
        "Lo",
        "Nd",
    )


def has_invisible_characters(text: str) -> bool:
    """Direction overrides and isolates, zero-width spaces and joiners (Unicode's format
    characters) and control characters: they change how the text around them reads while not
    being seen themselves. Names refuse them as they allow only letters, numbers and spaces."""
    return any(unicodedata.category(character) in ("Cf", "Cc") for character in text)


def name_problem(name: str) -> str | None:
    """What is wrong with a chosen name, in words for the person choosing it, or None."""
    name = normalise_name(name)
    if not name:
        return "Enter a name"
    if len(name) < MIN_LENGTH:
        return f"Name must be {MIN_LENGTH} characters or more"
    if len(name) > MAX_LENGTH:
        return f"Name must be {MAX_LENGTH} characters or fewer"
    if not all(_allowed(character) for character in name):
        return "Name must only include letters, numbers and spaces"
    if _checker.check(name):
        return (
            "Name must use letters and numbers from one alphabet, such as all English "
            "letters or all Greek letters"
        )
    if claims_a_role(name):
        return (
            "Choose a different name. Names cannot include words the site uses for itself, "
            "or the names of roles and services such as moderator, nurse or a helpline"
        )
    return None

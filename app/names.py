"""Display names: how they are tidied, compared and checked; and the invisible characters that
names, thread titles and content notes may not hold.

Names are compared without regard to case or repeated spaces, so "quiet heron 24" finds
"Quiet Heron 24" and nobody can take a look-alike of someone else's name that way.
"""

import unicodedata

MIN_LENGTH = 3
MAX_LENGTH = 30

# Words the site uses for its own voice and roles: a member's name must not pretend to be them.
RESERVED_WORDS = frozenset({"moderator", "moderators", "admin", "administrator", "commonground"})
RESERVED_PHRASE = "former member"  # how the site shows posts kept after an account is deleted


def normalise_name(name: str) -> str:
    """NFKC-normalised, trimmed, with every run of spaces made one space."""
    return " ".join(unicodedata.normalize("NFKC", name or "").split())


def name_key(name: str) -> str:
    """The form of a name used to look it up and keep names unique."""
    return normalise_name(name).casefold()


def _allowed(character: str) -> bool:
    return character == " " or unicodedata.category(character) in (
        "Lu", "Ll", "Lt", "Lm", "Lo", "Nd",
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
    key = name_key(name)
    if RESERVED_WORDS.intersection(key.split()) or RESERVED_PHRASE in key:
        return "Choose a different name. Names cannot include words the site uses for itself"
    return None

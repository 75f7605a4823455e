"""Friendly made-up names such as "Quiet Heron 24": a calm adjective, a nature word, a number.

Nothing about the person goes into a name. The words are in app/data/ and were chosen to be
kind; numbers that are known hate symbols or crude jokes never appear.
"""

import secrets
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Known hate-symbol and crude numbers; a number containing any of them is skipped.
UNWANTED_NUMBERS = ("14", "18", "69", "88", "420", "666")


@cache
def words(kind: str) -> tuple[str, ...]:
    return tuple((DATA / f"pseudonym_{kind}.txt").read_text().split())


def acceptable_number(number: int) -> bool:
    return not any(unwanted in str(number) for unwanted in UNWANTED_NUMBERS)


def random_number(digits: int) -> int:
    low, high = 10 ** (digits - 1), 10**digits
    while True:
        number = low + secrets.randbelow(high - low)
        if acceptable_number(number):
            return number


def generate_pseudonym(digits: int = 2) -> str:
    """A new name; more digits give more room once the short names grow scarce."""
    adjective = secrets.choice(words("adjectives"))
    noun = secrets.choice(words("nouns"))
    return f"{adjective} {noun} {random_number(digits)}"

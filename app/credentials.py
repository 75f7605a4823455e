"""Recovery phrases and passwords: making them, checking them, and hashing them slowly.

A recovery phrase is six words picked at random from the EFF large wordlist (7,776 words, with a
few upsetting words swapped for gentle ones: see README) less the retired words: words about
illness, the body, death, money trouble, violence or low mood, which nobody should find on a
note of their phrase. New phrases use the 6,776 words left (about 76.4 bits).

Never change the full list: whether typed text is a phrase or a password is decided by it, so
phrases already given out, retired words and all, keep being recognised. Phrases are stored
only as hashes, so retiring a word changes nothing for them.
"""

import re
import secrets
from functools import cache
from pathlib import Path

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

DATA = Path(__file__).resolve().parent / "data"
PHRASE_WORDS = 6
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200


@cache
def wordlist() -> frozenset[str]:
    return frozenset((DATA / "eff_large_wordlist.txt").read_text().split())


@cache
def retired_words() -> frozenset[str]:
    return frozenset((DATA / "phrase_words_retired.txt").read_text().split())


@cache
def phrase_words() -> tuple[str, ...]:
    """The words new phrases are made from."""
    return tuple(sorted(wordlist() - retired_words()))


@cache
def common_passwords() -> frozenset[str]:
    return frozenset((DATA / "common_passwords.txt").read_text().splitlines())


def new_phrase() -> str:
    choices = phrase_words()
    return " ".join(secrets.choice(choices) for _ in range(PHRASE_WORDS))


def normalise_phrase(text: str) -> str:
    """Lower case, words separated by one space: pasted commas, dots and new lines don't matter."""
    return " ".join(re.findall(r"[a-z]+(?:-[a-z]+)*", (text or "").lower()))


def is_phrase(text: str) -> bool:
    """True when text is six words from the list, however spaced or punctuated."""
    found = normalise_phrase(text).split()
    return len(found) == PHRASE_WORDS and all(word in wordlist() for word in found)


def password_problem(password: str) -> str | None:
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"Password must be {PASSWORD_MIN_LENGTH} characters or more"
    if len(password) > PASSWORD_MAX_LENGTH:
        return f"Password must be {PASSWORD_MAX_LENGTH} characters or fewer"
    if password.lower() in common_passwords():
        return "That password is too common and easy to guess. Choose a different one"
    if is_phrase(password):
        # The return page tells phrases from passwords by this test, so it must stay unambiguous.
        return "That looks like a recovery phrase. Choose a password that is not 6 of its words"
    return None


def hash_method() -> str:
    return current_app.config["CREDENTIAL_HASH_METHOD"]


def hash_secret(secret: str) -> str:
    return generate_password_hash(secret, method=hash_method())


def verify_secret(stored_hash: str | None, secret: str) -> bool:
    """Check secret against stored_hash; with no hash, spend the same time and say no."""
    if stored_hash is None:
        check_password_hash(dummy_hash(hash_method()), secret)
        return False
    return check_password_hash(stored_hash, secret)


@cache
def dummy_hash(method: str) -> str:
    return generate_password_hash(secrets.token_hex(16), method=method)

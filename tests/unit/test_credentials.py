import hashlib
import math

import pytest
from flask import Flask

from app import credentials
from app.config import Config
from app.credentials import (
    DATA,
    is_phrase,
    new_phrase,
    normalise_phrase,
    password_problem,
    wordlist,
)

# The phrase list must never change once phrases have been given out (see app/credentials.py).
WORDLIST_SHA256 = "f6153dae8ca916eb3acbabcd857392be269f521509bb99effbd0fe47af413ca3"


def test_wordlist_has_7776_unique_words_and_never_changes():
    body = (DATA / "eff_large_wordlist.txt").read_bytes()
    assert hashlib.sha256(body).hexdigest() == WORDLIST_SHA256
    assert len(wordlist()) == 7776


def test_new_phrase_has_six_words_and_at_least_77_bits():
    phrase = new_phrase()
    assert len(phrase.split(" ")) == 6
    assert all(word in wordlist() for word in phrase.split(" "))
    assert 6 * math.log2(len(wordlist())) >= 77
    assert new_phrase() != phrase


def test_normalise_phrase_ignores_case_spacing_and_punctuation():
    assert normalise_phrase(" Abacus,  ZOOM\nt-shirt. yo-yo ") == "abacus zoom t-shirt yo-yo"


def test_is_phrase_with_six_list_words_however_pasted_is_true():
    assert is_phrase("abacus, zoom, T-Shirt, yo-yo, abacus, zoom")
    assert not is_phrase("abacus zoom t-shirt yo-yo abacus")
    assert not is_phrase("abacus zoom t-shirt yo-yo abacus qwxz")


@pytest.mark.parametrize(("password", "problem"), [
    ("short", "10 characters or more"),
    ("x" * 201, "200 characters or fewer"),
    ("1234567890", "too common"),
    ("Basketball", "too common"),
    ("abacus zoom abacus zoom abacus zoom", "looks like a recovery phrase"),
])
def test_password_problem_with_weak_password_explains_it(password, problem):
    assert problem in password_problem(password)


def test_password_problem_with_good_password_is_none():
    assert password_problem("kettle orbit saffron 9") is None


def test_production_hash_default_is_scrypt_n_2_17():
    assert Config.CREDENTIAL_HASH_METHOD == "scrypt:131072:8:1"
    app = Flask(__name__)
    app.config["CREDENTIAL_HASH_METHOD"] = Config.CREDENTIAL_HASH_METHOD
    with app.app_context():
        stored = credentials.hash_secret("abacus zoom abacus zoom abacus zoom")
        assert stored.startswith("scrypt:131072:8:1$")
        assert credentials.verify_secret(stored, "abacus zoom abacus zoom abacus zoom")

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
    phrase_words,
    retired_words,
    wordlist,
)

# The full list must never change once phrases have been given out (see app/credentials.py);
# words may only be retired from new phrases, never taken from the words a phrase is known by.
WORDLIST_SHA256 = "f6153dae8ca916eb3acbabcd857392be269f521509bb99effbd0fe47af413ca3"
PHRASE_WORDS_SHA256 = "a6054a9bfeb154482957336954735e5582ac0fec6c31689fd4c6ff46fd728dd4"


def test_wordlist_has_7776_unique_words_and_never_changes():
    body = (DATA / "eff_large_wordlist.txt").read_bytes()
    assert hashlib.sha256(body).hexdigest() == WORDLIST_SHA256
    assert len(wordlist()) == 7776


def test_new_phrase_has_six_words_and_at_least_75_bits():
    phrase = new_phrase()
    assert len(phrase.split(" ")) == 6
    assert all(word in phrase_words() for word in phrase.split(" "))
    assert 6 * math.log2(len(phrase_words())) >= 75
    assert new_phrase() != phrase


def test_phrase_words_keep_at_least_6000_words_and_change_only_with_this_checksum():
    assert len(phrase_words()) >= 6000
    assert hashlib.sha256("\n".join(phrase_words()).encode()).hexdigest() == PHRASE_WORDS_SHA256


def test_retired_words_are_all_from_the_full_list_and_never_in_new_phrases():
    assert retired_words() <= wordlist()
    assert not retired_words() & set(phrase_words())
    used = {word for _ in range(300) for word in new_phrase().split()}
    assert not used & retired_words()


@pytest.mark.parametrize(
    "word",
    [
        "diabetic",
        "widow",
        "helpless",
        "pointless",
        "unwanted",
        "agony",
        "gory",
        "bleak",
        "alone",
        "debtor",
        "calorie",
        "dagger",
        "deceased",
    ],
)
def test_phrase_words_leave_out_words_nobody_should_find_on_a_note(word):
    assert word in wordlist() and word not in phrase_words()


def test_is_phrase_with_retired_words_given_out_before_is_still_a_phrase():
    assert is_phrase("diabetic widow helpless pointless agony bleak")


def test_normalise_phrase_ignores_case_spacing_and_punctuation():
    assert normalise_phrase(" Abacus,  ZOOM\nt-shirt. yo-yo ") == "abacus zoom t-shirt yo-yo"


def test_is_phrase_with_six_list_words_however_pasted_is_true():
    assert is_phrase("abacus, zoom, T-Shirt, yo-yo, abacus, zoom")
    assert not is_phrase("abacus zoom t-shirt yo-yo abacus")
    assert not is_phrase("abacus zoom t-shirt yo-yo abacus qwxz")


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "10 characters or more"),
        ("x" * 201, "200 characters or fewer"),
        ("1234567890", "too common"),
        ("Basketball", "too common"),
        ("abacus zoom abacus zoom abacus zoom", "looks like a recovery phrase"),
    ],
)
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

import pytest

from app.names import name_key, name_problem, name_skeleton, normalise_name
from app.pseudonyms import UNWANTED_NUMBERS, acceptable_number, generate_pseudonym, words


def test_normalise_name_trims_and_collapses_spaces():
    assert normalise_name("  Quiet   Heron\t24 ") == "Quiet Heron 24"
    assert name_key("quiet  HERON 24") == name_key("Quiet Heron 24")


@pytest.mark.parametrize("name", ["Quiet Heron 24", "Amaka", "Zoë 7", "Søren", "明月 Moon"])
def test_name_problem_with_letters_numbers_and_spaces_is_none(name):
    assert name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "Enter a name"),
        ("   ", "Enter a name"),
        ("Al", "3 characters or more"),
        ("A" * 31, "30 characters or fewer"),
        ("Heron!", "only include letters, numbers and spaces"),
        ("<b>Heron</b>", "only include letters, numbers and spaces"),
        ("Heron_24", "only include letters, numbers and spaces"),
        ("Site Moderator", "words the site uses"),
        ("admin 1", "words the site uses"),
        ("A Former Member", "words the site uses"),
        (f"M{chr(0x43E)}derator", "from one alphabet"),
    ],
)
def test_name_problem_with_bad_name_explains_it(name, problem):
    assert problem in name_problem(name)


def test_name_problem_with_reserved_word_inside_another_word_is_none():
    assert name_problem("Badminton Fan") is None
    assert name_problem("Modest Wren 21") is None


CYRILLIC_O, CYRILLIC_I, CYRILLIC_GHE = "\u043e", "\u0456", "\u0433"


@pytest.mark.parametrize(
    "name",
    [
        f"Shining R{CYRILLIC_O}wan 16",
        f"Adm{CYRILLIC_I}n Helper",
        f"Former Membe{CYRILLIC_GHE}",
    ],
)
def test_name_problem_with_letters_from_two_alphabets_explains_it(name):
    assert "from one alphabet" in name_problem(name)


@pytest.mark.parametrize(
    "name",
    [
        "Samaritans Helpline",
        "NHS Nurse",
        "Doctor Amaka",
        "The Site Team",
        "CommonGround Team",
        "Mod 12",
        "Moderat0r",
        "Administrat0r Jo",
        "D0ctor Jo",
        "Shout 85258",
        "GP Kim",
        "Samaritan",
        "Crisis Team",
        "Po1ice",
    ],
)
def test_name_problem_with_role_or_trusted_service_in_any_letters_refuses_it(name):
    assert "roles and services" in name_problem(name)


def test_name_skeleton_is_equal_for_look_alikes_and_different_otherwise():
    real = name_skeleton("Shining Rowan 16")
    assert name_skeleton(f"Shining R{CYRILLIC_O}wan 16") == real
    assert name_skeleton("shining  rowan 16") == real
    assert name_skeleton("Shining Rowan l6") == real  # a small L for the 1
    assert name_skeleton("Shining Rowan 17") != real
    assert name_skeleton("lris") == name_skeleton("Iris")


def test_generate_pseudonym_gives_valid_kind_unique_names():
    names = [generate_pseudonym() for _ in range(2000)]
    assert all(name_problem(name) is None for name in names)
    assert len(set(names)) > 1900
    for name in names:
        adjective, noun, number = name.split(" ")
        assert adjective in words("adjectives") and noun in words("nouns")
        assert 10 <= int(number) <= 99
        assert not any(unwanted in number for unwanted in UNWANTED_NUMBERS)


def test_generate_pseudonym_with_more_digits_still_fits_name_rules():
    longest = f"{max(words('adjectives'), key=len)} {max(words('nouns'), key=len)} 9999"
    assert name_problem(longest) is None
    assert len(generate_pseudonym(digits=4).split(" ")[2]) == 4


def test_acceptable_number_skips_hate_symbols_and_crude_numbers():
    assert not acceptable_number(88) and not acceptable_number(1488) and not acceptable_number(69)
    assert acceptable_number(24)


def test_pseudonym_word_lists_have_no_duplicates():
    for kind in ("adjectives", "nouns"):
        assert len(set(words(kind))) == len(words(kind)) >= 60

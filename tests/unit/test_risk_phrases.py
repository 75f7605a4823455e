"""Possible-risk phrases: whole words, any capitals, and no alarms on ordinary sentences.

What must and must not match is decided here and in the header of
content/safety/risk-phrases.txt; change both together.
"""

from pathlib import Path

import pytest

from app.risk_phrases import RiskPhrases, phrase_pattern

LIST = Path(__file__).resolve().parents[2] / "content" / "safety" / "risk-phrases.txt"
PHRASES = RiskPhrases(LIST)

MEANT = [
    ("Some days I just want to die.", "want to die"),
    ("I WANT TO DIE", "want to die"),
    ("i want   to\ndie", "want to die"),
    ("Honestly I've been thinking about ending it all.", "ending it all"),
    ("I keep thinking about suicide", "suicide"),
    ("I've felt suicidal since the diagnosis", "suicidal"),
    ("I started to self-harm again last week", "self-harm"),
    ("my self harm scars itch", "self harm"),
    ("Selfharm is on my mind", "selfharm"),
    ("I took an overdose in 2019", "overdose"),
    ("Everyone would be better off without me", "better off without me"),
    ("I don't want to be here anymore", "don't want to be here anymore"),
    ("I dont want to live like this", "dont want to live"),
    ("I don\u2019t want to wake up tomorrow", "don\u2019t want to wake up"),
    ("There's no point in going on.", "no point in going on"),
    ("I've been stockpiling my tablets", "stockpiling my tablets"),
    ("I want to kill myself.", "kill myself"),
]

# Everyday sentences, many from people living with a long-term condition: none may match.
ORDINARY = [
    # Judgement call: "die" and "dead" alone are left off the list. They are everyday idioms far
    # more often than signs of risk, and an alarm on every one would bury the real ones.
    "I could die for a cup of tea right now.",
    "My phone's dead again and the charger is upstairs.",
    "I'm dying to see the new series.",
    "I was dead tired after the clinic.",
    # Whole words only: "overdue" and "overdid" are not "overdose".
    "My repeat prescription is overdue.",
    "I overdid it at the weekend and paid for it on Monday.",
    "Try not to overdo it on good days.",
    "Pacing stops me overdoing it.",
    # Hurting yourself by accident is common with these conditions, so it is not listed.
    "I hurt myself when I fell on the ice.",
    "I cut myself shaving this morning.",
    "I can't go on holiday this year because of dialysis.",
    "I could kill for a biscuit.",
    "The end of my life story is a long way off, I hope!",
    "Suicidesqueeze is a word I just made up.",
    "My consultant said the new tablets are working.",
    "The harm reduction leaflet was useful.",
]


@pytest.mark.parametrize(("text", "found"), MEANT)
def test_risk_phrase_in_post_is_found(text, found):
    assert found in PHRASES.find(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_sentence_is_not_flagged(text):
    assert PHRASES.find(text) == []


def test_phrase_inside_a_longer_word_is_not_found():
    assert PHRASES.find("unsuicidal overdosedly") == []


def test_each_phrase_is_reported_once_longest_first():
    assert PHRASES.find("I want to end it all. End it all.") == ["end it all"]


def test_phrase_pattern_loosens_spaces_hyphens_and_apostrophes():
    assert phrase_pattern("don't  self-harm") == "don['\u2019]?t\\s+self[-\\s]?harm"


def test_list_reloads_when_the_file_changes_and_copes_with_no_file(tmp_path):
    path = tmp_path / "risk-phrases.txt"
    phrases = RiskPhrases(path)
    assert phrases.find("anything at all") == []
    path.write_text("# a comment\n\nfeel hopeless\n")
    assert phrases.find("I feel hopeless") == ["feel hopeless"]
    path.write_text("# a comment\nfeel trapped and hopeless\n")
    assert phrases.find("I feel hopeless") == []


def test_shipped_list_has_no_duplicates_and_no_blank_phrases():
    lines = [
        line.strip().lower()
        for line in LIST.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(lines) == len(set(lines)) > 40

"""No page a person reads promises something "in time" or says what "will be listed here":
words like these go stale, or were never finished."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Each a whole word or phrase, in any case.
PLACEHOLDER_PHRASES = [
    "will be listed here",
    "will be added here",
    "will appear here",
    "coming soon",
    "in time",
    "when the community opens",
    "under construction",
    "to be confirmed",
    "TODO",
    "FIXME",
    "TBC",
    "TBD",
    "lorem",
    "ipsum",
    "placeholder text",
]
PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(p) for p in PLACEHOLDER_PHRASES) + r")(?!\w)", re.IGNORECASE
)
FILES = sorted(
    [
        *(ROOT / "content").rglob("*.md"),
        *(ROOT / "content").rglob("*.txt"),
        *(ROOT / "templates").rglob("*.html"),
    ]
)


def placeholder_words(text: str) -> list[str]:
    return [m.group(0) for m in PATTERN.finditer(text)]


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_page_source_has_no_placeholder_words(path):
    assert placeholder_words(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "text",
    [
        "It offers reading and, in time, a space to talk.",
        "How to contact us will be listed here when the community opens.",
        "More pages coming soon!",
        "TODO: write this",
        "Lorem ipsum dolor sit amet",
    ],
)
def test_placeholder_words_found_in_stale_text(text):
    assert placeholder_words(text)


@pytest.mark.parametrize(
    "text",
    [
        "Take your time.",
        "Search, e.g. tired or sleep",
        "intimate",
        "at times it helps",
    ],
)
def test_placeholder_words_not_found_in_ordinary_text(text):
    assert placeholder_words(text) == []

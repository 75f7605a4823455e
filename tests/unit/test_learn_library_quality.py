"""The real learn pages meet the library's writing standards."""

import re
from pathlib import Path

import pytest
import textstat

from app.content import load_pages

LEARN = Path(__file__).resolve().parents[2] / "content" / "learn"
PAGES = load_pages(LEARN, learn=True)
CONDITION_IN_TITLE = {
    "diabetes": ("diabetes",),
    "heart": ("heart",),
    "breathlessness": ("copd", "lung"),
}


def plain_text(html: str) -> str:
    """Text for a readability score: headings and list items count as sentences of their own."""
    text = re.sub(r"</?(h\d|li|p)>", ". ", re.sub(r"<h\d id=\"[^\"]*\">", ". ", html))
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"(\.\s*){2,}", ". ", text)


def test_library_has_every_topic_page_and_no_problems():
    assert PAGES.problems == []
    assert len(PAGES.pages) >= 14


@pytest.mark.parametrize("slug", sorted(PAGES.pages))
def test_learn_page_length_is_400_to_1000_words(slug):
    assert 400 <= PAGES.pages[slug].words <= 1000


@pytest.mark.parametrize("slug", sorted(PAGES.pages))
def test_learn_page_reads_easily(slug):
    """Flesch reading ease of 60 or more: roughly a reading age of 9 to 11."""
    assert textstat.flesch_reading_ease(plain_text(PAGES.pages[slug].body_html)) >= 60


@pytest.mark.parametrize("slug", sorted(PAGES.pages))
def test_learn_page_lists_https_sources_and_no_h1(slug):
    page = PAGES.pages[slug]
    assert page.sources and all(s.url.startswith("https://") for s in page.sources)
    assert "<h1" not in page.body_html


@pytest.mark.parametrize("slug", sorted(PAGES.pages))
def test_condition_specific_page_names_its_condition_in_title(slug):
    page = PAGES.pages[slug]
    for topic, words in CONDITION_IN_TITLE.items():
        if topic in page.topics:
            assert any(word in page.title.lower() for word in words), page.title

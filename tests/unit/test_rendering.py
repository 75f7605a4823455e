import time

import pytest

from app.rendering import render_markdown


def test_typed_html_shows_as_text():
    html = render_markdown("Hi <script>alert(1)</script> <b onclick=x>bold</b>")
    assert "<script" not in html and "<b" not in html
    assert "&lt;script&gt;" in html


def test_links_get_safe_rel_and_bad_schemes_lose_href():
    html = render_markdown("[ok](https://nhs.uk) [bad](javascript:alert(1)) https://example.org")
    assert 'href="https://nhs.uk" rel="nofollow ugc noopener noreferrer"' in html
    assert "javascript" not in html
    assert 'href="https://example.org"' in html


def test_member_markdown_has_no_images_or_top_level_headings():
    html = render_markdown("# Big\n\n![x](https://example.org/a.png)")
    assert "<h1" not in html and "<img" not in html


def test_trusted_markdown_gives_headings_ids_and_allows_tel_links():
    html = render_markdown("## A bedtime routine\n\n[call](tel:116123)", trusted=True)
    assert '<h2 id="a-bedtime-routine">A bedtime routine</h2>' in html
    assert 'href="tel:116123"' in html


def test_pathological_brackets_render_quickly():
    # CPU time of this process, not the clock: a busy machine slows the clock's measure of the
    # same work many times over, and the quadratic case costs seconds of CPU whatever the load.
    for text in ("[" * 5000, "[" * 2500 + "]" * 2500, "[](" * 1666, "[[" * 2500):
        start = time.process_time()
        html = render_markdown(text)
        assert time.process_time() - start < 1.0
        assert html.startswith("<p>[")


def test_many_real_links_still_work_past_the_bracket_limit():
    html = render_markdown("[x](https://example.org) " * 250)
    assert html.count('href="https://example.org"') == 250


@pytest.mark.parametrize(
    "text",
    [
        "1. " * 600 + "end",
        "- " * 600 + "end",
        "> " * 600 + "end",
        "\n".join(" " * (4 * depth) + "- level" for depth in range(300)) + "\nend",
    ],
)
def test_render_markdown_with_absurdly_deep_nesting_keeps_the_text(text):
    html = render_markdown(text)
    assert "end" in html


def test_render_markdown_with_ordinary_nesting_keeps_the_lists():
    html = render_markdown("1. First\n    - a point\n        - a detail\n\n> quoted\n> > again")
    assert html.count("<ul>") == 2 and "<ol>" in html
    assert html.count("<blockquote>") == 2

import datetime as dt
import logging
import os
import textwrap
import time

import pytest

from app.content import Library, load_pages, parse_page

GOOD = """\
---
title: Sleep
summary: About sleep.
key_points:
  - Sleep and mood are linked.
  - Regular times help.
  - See your GP if it goes on.
topics: [sleep]
reviewed: 2026-11-26
sources:
  - title: NHS
    url: https://www.nhs.uk/
    checked: 2026-11-26
{extra}---
## A bedtime routine

Some words here.
"""


def write(folder, slug, text):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    path.write_text(textwrap.dedent(text))
    return path


def test_parse_page_with_full_front_matter_reads_every_field(tmp_path):
    page = parse_page(write(tmp_path, "sleep", GOOD.format(extra="aliases: [rest]\n")), learn=True)
    assert page.title == "Sleep"
    assert page.topics == ("sleep",)
    assert page.sources[0].url == "https://www.nhs.uk/"
    assert page.sources[0].checked == dt.date(2026, 11, 26)
    assert page.aliases == ("rest",)
    assert page.key_points == (
        "Sleep and mood are linked.",
        "Regular times help.",
        "See your GP if it goes on.",
    )
    assert '<h2 id="a-bedtime-routine">' in page.body_html
    assert page.reading_minutes == 1


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("no front matter at all", "front matter"),
        ("---\ntitle: [unclosed\n---\nbody", "front matter"),
        (GOOD.replace("title: Sleep", "title: ''"), "title"),
        (GOOD.replace("topics: [sleep]", "topics: [naps]"), "topics"),
        (GOOD.replace("reviewed: 2026-11-26", "reviewed: last week"), "reviewed"),
        (GOOD.replace("url: https://www.nhs.uk/", "url: javascript:alert(1)"), "sources[1].url"),
        (GOOD.replace("url: https://www.nhs.uk/", "url: nhs.uk"), "sources[1].url"),
        (GOOD.replace("    url: https://www.nhs.uk/\n", ""), "sources[1]"),
        (GOOD.replace("    checked: 2026-11-26\n", ""), "sources[1]"),
        (GOOD.replace("checked: 2026-11-26", "checked: recently"), "sources[1].checked"),
        (GOOD.format(extra="content_note: " + "x" * 61 + "\n"), "content_note"),
        (GOOD.format(extra="aliases: [Bad Alias]\n"), "aliases"),
        (GOOD.replace("  - Regular times help.\n", ""), "key_points"),
        (GOOD.replace("  - Regular times help.\n", "  - Regular times help.\n" * 4), "key_points"),
        (GOOD.replace("  - Regular times help.", "  - " + "x" * 161), "key_points[2]"),
        (GOOD.replace("  - Regular times help.", "  - [a list]"), "key_points[2]"),
    ],
)
def test_load_pages_with_bad_front_matter_reports_file_and_field(tmp_path, text, field):
    write(tmp_path, "sleep", text.replace("{extra}", ""))
    found = load_pages(tmp_path, learn=True)
    assert found.pages == {}
    assert [(p.path.endswith("sleep.md"), p.field) for p in found.problems] == [(True, field)]


def test_load_pages_with_clashing_alias_reports_it(tmp_path):
    write(tmp_path, "sleep", GOOD.format(extra="aliases: [pain]\n"))
    write(tmp_path, "pain", GOOD.format(extra=""))
    found = load_pages(tmp_path, learn=True)
    assert [p.field for p in found.problems] == ["aliases"]


def test_library_with_one_broken_file_serves_the_others_and_logs(tmp_path, caplog):
    write(tmp_path, "sleep", GOOD.format(extra=""))
    write(tmp_path, "broken", "---\ntitle: x\n")
    with caplog.at_level(logging.WARNING):
        library = Library(tmp_path, learn=True)
        assert [p.slug for p in library.all()] == ["sleep"]
    assert "broken.md" in caplog.text


def test_library_reloads_when_a_file_changes(tmp_path):
    path = write(tmp_path, "sleep", GOOD.format(extra=""))
    library = Library(tmp_path, learn=True)
    assert library.get("sleep").title == "Sleep"
    path.write_text(path.read_text().replace("title: Sleep", "title: Better sleep"))
    later = time.time() + 5
    os.utime(path, (later, later))
    library.CHECK_EVERY = 0
    assert library.get("sleep").title == "Better sleep"

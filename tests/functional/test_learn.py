import datetime as dt
import re
import shutil
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy
import pytest
import zxingcpp
from sqlalchemy import select, update

from app.cli import content_problems
from app.config import Config, ProductionConfig
from app.content import load_pages
from app.extensions import db
from app.models import PageFeedback, PageVote
from app.security import ip_hash
from app.services import feedback
from app.sharing import SHORT_CODE_ALPHABET, short_code

LEARN = Path(__file__).resolve().parents[2] / "content" / "learn"
SLUGS = sorted(load_pages(LEARN, learn=True).pages)


def test_learn_index_lists_every_page_once_grouped_by_topic(client):
    html = client.get("/learn").get_data(as_text=True)
    for slug in SLUGS:
        assert html.count(f'href="/learn/{slug}"') == 1
    assert '<h2 id="topic-sleep">Sleep</h2>' in html


def test_learn_index_filtered_by_topic_shows_only_that_topic(client):
    html = client.get("/learn?topic=diabetes").get_data(as_text=True)
    assert 'href="/learn/diabetes-distress"' in html
    assert 'href="/learn/sleep"' not in html
    assert 'href="/learn?topic=diabetes" aria-current="page"' in html


def test_learn_index_with_unknown_topic_is_404(client):
    assert client.get("/learn?topic=cheese").status_code == 404


def test_learn_page_by_direct_link_needs_no_cookie_redirect_or_sign_in(client):
    response = client.get("/learn/sleep")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert ">Sleeping better with a long-term condition</h1>" in html
    assert "minute read" in html and "Last reviewed" in html
    assert "Where this information comes from" in html
    assert "If you need help now" in html and 'href="tel:116123"' in html
    assert "Related pages" in html
    assert 'href="/learn/sleep/share"' in html


def test_learn_page_headings_have_ids_for_deep_links(client):
    html = client.get("/learn/sleep").get_data(as_text=True)
    assert re.search(r'<h2 id="[a-z0-9-]+">', html)


def test_learn_page_revisit_with_etag_or_date_gets_304(client):
    first = client.get("/learn/sleep")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get("/learn/sleep", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    since = first.headers["Last-Modified"]
    dated = client.get("/learn/sleep", headers={"If-Modified-Since": since})
    assert dated.status_code == 304


def test_learn_page_with_unknown_slug_shows_404_linking_to_library(client):
    response = client.get("/learn/no-such-topic")
    assert response.status_code == 404
    assert 'href="/learn"' in response.get_data(as_text=True)


def content_folder(tmp_path) -> Path:
    """An empty content folder, with the shipped crisis contacts every site needs."""
    for sub in ("pages", "learn"):
        (tmp_path / sub).mkdir()
    shutil.copytree(LEARN.parent / "safety", tmp_path / "safety")
    return tmp_path


@pytest.fixture
def content_with_alias(tmp_path):
    content_folder(tmp_path)
    text = (LEARN / "sleep.md").read_text().replace("---\n", "---\naliases: [rest]\n", 1)
    (tmp_path / "learn" / "sleep.md").write_text(text)
    return tmp_path


def test_learn_page_old_slug_redirects_permanently(make_app, content_with_alias):
    client = make_app(CONTENT_DIR=content_with_alias).test_client()
    response = client.get("/learn/rest")
    assert response.status_code == 301
    assert response.headers["Location"] == "/learn/sleep"
    assert client.get("/learn/rest/share").headers["Location"] == "/learn/sleep/share"


def test_short_link_in_any_case_redirects_to_its_page(client):
    code = short_code("sleep")
    assert set(code) <= set(SHORT_CODE_ALPHABET)
    for typed in (code, code.upper()):
        response = client.get(f"/l/{typed}")
        assert response.status_code == 301
        assert response.headers["Location"] == "/learn/sleep"
    assert client.get("/l/zzzz" if short_code("sleep") != "zzzz" else "/l/2222").status_code == 404


def decode_qr(svg: str) -> str:
    """Rebuild the QR image from the SVG's path and decode it as a phone would."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    image = numpy.full((size, size), 255, dtype=numpy.uint8)
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        image[int(y), int(x) : int(x) + int(width)] = 0
    image = numpy.kron(image, numpy.ones((8, 8), dtype=numpy.uint8))
    results = zxingcpp.read_barcodes(image)
    assert len(results) == 1
    return results[0].text


def test_share_page_has_addresses_and_a_qr_code_that_decodes_to_the_page(make_app):
    app = make_app(SITE_URL="https://commonground.example")
    html = app.test_client().get("/learn/breathlessness-and-anxiety/share").get_data(as_text=True)
    url = "https://commonground.example/learn/breathlessness-and-anxiety"
    assert url in html
    assert f"commonground.example/r/{short_code('breathlessness-and-anxiety')}" in html
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert decode_qr(svg) == url


def test_share_page_without_site_url_uses_request_address(client):
    html = client.get("/learn/sleep/share").get_data(as_text=True)
    assert decode_qr(re.search(r"<svg.*?</svg>", html, re.S).group(0)) == (
        "http://localhost/learn/sleep"
    )


def _answer(client, answer, address, slug="sleep"):
    return client.post(
        f"/learn/{slug}/helpful", data={"answer": answer}, environ_base={"REMOTE_ADDR": address}
    )


def test_helpful_answer_is_counted_and_thanked(client, app):
    response = client.post(
        "/learn/sleep/helpful", data={"answer": "yes"}, headers={"Origin": "http://localhost"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/learn/sleep?helpful=thanks#helpful"
    _answer(client, "no", "198.51.100.1")
    _answer(client, "yes", "198.51.100.2")
    row = db.session.get(PageFeedback, "sleep")
    assert (row.helpful, row.not_helpful) == (2, 1)
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you for letting us know" in thanks
    assert 'name="answer"' not in thanks


def test_helpful_answers_from_one_connection_in_a_day_count_once_per_page(client, app):
    """Stuffing: one address answering again and again, by script, with or without cookies."""
    for n in range(20):
        response = _answer(app.test_client(), "yes" if n % 2 else "no", "203.0.113.7")
        assert response.headers["Location"] == "/learn/sleep?helpful=thanks#helpful"
    _answer(client, "yes", "203.0.113.7", slug="small-steps")
    _answer(client, "yes", "203.0.113.8")
    db.session.expire_all()
    rows = {row.slug: (row.helpful, row.not_helpful) for row in db.session.query(PageFeedback)}
    assert rows == {"sleep": (1, 1), "small-steps": (1, 0)}
    voters = db.session.scalars(select(PageVote.voter)).all()
    assert sorted(voters) == sorted([ip_hash("203.0.113.7")] * 2 + [ip_hash("203.0.113.8")])


def test_helpful_answers_of_earlier_days_are_forgotten(client, app):
    _answer(client, "yes", "203.0.113.7")
    db.session.execute(update(PageVote).values(day=datetime.now(UTC).date() - timedelta(days=1)))
    db.session.commit()
    _answer(client, "yes", "203.0.113.8", slug="small-steps")
    db.session.expire_all()
    assert db.session.scalars(select(PageVote.slug)).all() == ["small-steps"]


def test_helpful_answer_from_another_site_is_refused(client):
    response = client.post(
        "/learn/sleep/helpful", data={"answer": "yes"}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    assert db.session.get(PageFeedback, "sleep") is None


@pytest.mark.parametrize("answer", [None, "maybe", ""])
def test_helpful_answer_that_is_not_yes_or_no_is_400(client, answer):
    data = {} if answer is None else {"answer": answer}
    assert client.post("/learn/sleep/helpful", data=data).status_code == 400


def test_helpful_answer_for_unknown_page_is_404(client):
    assert client.post("/learn/nothing/helpful", data={"answer": "yes"}).status_code == 404


def test_check_content_on_shipped_content_finds_no_problem(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["check-content"])
    assert result.exit_code == 0, result.output
    assert "All content pages are valid." in result.output


def test_check_content_reports_broken_links_with_file_and_field(make_app, tmp_path):
    content_folder(tmp_path)
    text = (LEARN / "sleep.md").read_text()
    text += "\nSee [gone](/learn/gone) and [nowhere](/nowhere) and [help](/help-now).\n"
    (tmp_path / "learn" / "sleep.md").write_text(text)
    (tmp_path / "learn" / "bad.md").write_text("no front matter")
    app = make_app(CONTENT_DIR=tmp_path)
    with app.app_context():
        problems = [str(p) for p in content_problems()]
    assert any("bad.md: front matter" in p for p in problems)
    assert any("sleep.md: links: /learn/gone" in p for p in problems)
    assert any("sleep.md: links: /nowhere" in p for p in problems)
    assert not any("/help-now" in p for p in problems)
    result = app.test_cli_runner().invoke(args=["check-content"])
    assert result.exit_code == 1


def test_check_content_reports_learn_page_reviewed_over_12_months_ago(make_app, tmp_path):
    content_folder(tmp_path)
    for slug, reviewed in (("sleep", "2025-11-30"), ("pain-and-mood", "2025-12-01")):
        text = (LEARN / f"{slug}.md").read_text()
        text = re.sub(r"^reviewed: .*$", f"reviewed: {reviewed}", text, count=1, flags=re.M)
        (tmp_path / "learn" / f"{slug}.md").write_text(text)
    app = make_app(CONTENT_DIR=tmp_path)
    with app.app_context():
        problems = [
            str(p) for p in content_problems(today=dt.date(2026, 12, 1)) if p.field == "reviewed"
        ]
    assert problems == [
        f"{tmp_path / 'learn' / 'sleep.md'}: reviewed: last reviewed 2025-11-30, "
        "more than 12 months ago: check the page and its sources, then update "
        "the dates"
    ]
    result = app.test_cli_runner().invoke(args=["check-content"])
    assert result.exit_code == 1 and "sleep.md: reviewed" in result.output


def test_check_content_reports_crisis_contact_checked_over_6_months_ago(make_app, tmp_path):
    content_folder(tmp_path)
    contacts = tmp_path / "safety" / "crisis-contacts.yaml"
    text = contacts.read_text().replace("checked: 2026-12-01", "checked: 2026-05-01", 1)
    contacts.write_text(text)
    app = make_app(CONTENT_DIR=tmp_path)
    with app.app_context():
        problems = [str(p) for p in content_problems(today=dt.date(2026, 12, 1))]
    assert problems == [
        f"{contacts}: emergency: checked 2026-05-01, more than 6 months ago; "
        "check it against https://111.wales.nhs.uk/localservices/"
        "informationinotherlanguages/LSInfoOtherLanguagePage8/"
    ]


def test_learn_page_lists_each_source_with_the_date_it_was_checked(client):
    html = client.get("/learn/talking-to-your-gp").get_data(as_text=True)
    assert (
        '<a href="https://111.wales.nhs.uk/">NHS 111 Wales</a> (checked '
        '<time datetime="2026-12-01">1 December 2026</time>)'
    ) in html


def test_helpful_answers_sent_at_once_are_all_counted(app):
    def answer():
        with app.app_context():
            for n in range(25):
                feedback.record("sleep", helpful=True, voter=f"{threading.get_ident()}-{n}")
            feedback.record("sleep", helpful=True, voter="the same one")

    threads = [threading.Thread(target=answer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    assert db.session.get(PageFeedback, "sleep").helpful == 101


def test_share_page_with_forged_host_is_refused_and_prints_no_address(client):
    response = client.get("/learn/sleep/share", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "evil.example" not in response.get_data(as_text=True)


def test_share_page_on_site_url_ignores_the_request_host(make_app):
    app = make_app(
        SITE_URL="https://commonground.example",
        TRUSTED_HOSTS=["commonground.example", "other.example"],
    )
    response = app.test_client().get("/learn/sleep/share", headers={"Host": "other.example"})
    html = response.get_data(as_text=True)
    assert "other.example" not in html
    assert decode_qr(re.search(r"<svg.*?</svg>", html, re.S).group(0)) == (
        "https://commonground.example/learn/sleep"
    )


def test_share_page_is_kept_by_no_shared_cache_and_revalidates(client):
    response = client.get("/learn/sleep/share")
    assert set(response.headers["Cache-Control"].split(", ")) == {"private", "no-cache"}
    again = client.get("/learn/sleep/share", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_trusted_hosts_come_from_site_url_and_the_list(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("SITE_URL", "https://commonground.example/")
    monkeypatch.setenv("TRUSTED_HOSTS", "www.commonground.example")
    production = ProductionConfig()
    assert production.SITE_URL == "https://commonground.example"
    assert production.TRUSTED_HOSTS == ["commonground.example", "www.commonground.example"]
    monkeypatch.delenv("TRUSTED_HOSTS")
    assert ProductionConfig().TRUSTED_HOSTS == ["commonground.example"]
    assert Config().TRUSTED_HOSTS == ["localhost", "127.0.0.1", "[::1]"]


def test_production_refuses_to_start_without_an_https_site_url(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.delenv("SITE_URL", raising=False)
    with pytest.raises(RuntimeError, match="SITE_URL must be set"):
        ProductionConfig()

import re
import threading
from pathlib import Path

import numpy
import pytest
import zxingcpp

from app.cli import content_problems
from app.content import load_pages
from app.extensions import db
from app.models import PageFeedback
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


@pytest.fixture
def content_with_alias(tmp_path):
    for sub in ("pages", "learn"):
        (tmp_path / sub).mkdir()
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
        image[int(y), int(x):int(x) + int(width)] = 0
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


def test_helpful_answer_is_counted_and_thanked(client, app):
    response = client.post("/learn/sleep/helpful", data={"answer": "yes"},
                           headers={"Origin": "http://localhost"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/learn/sleep?helpful=thanks#helpful"
    client.post("/learn/sleep/helpful", data={"answer": "no"})
    client.post("/learn/sleep/helpful", data={"answer": "yes"})
    row = db.session.get(PageFeedback, "sleep")
    assert (row.helpful, row.not_helpful) == (2, 1)
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you for letting us know" in thanks
    assert 'name="answer"' not in thanks


def test_helpful_answer_from_another_site_is_refused(client):
    response = client.post("/learn/sleep/helpful", data={"answer": "yes"},
                           headers={"Origin": "https://evil.example"})
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
    for sub in ("pages", "learn"):
        (tmp_path / sub).mkdir()
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


def test_helpful_answers_sent_at_once_are_all_counted(app):
    def answer():
        with app.app_context():
            for _ in range(25):
                feedback.record("sleep", helpful=True)

    threads = [threading.Thread(target=answer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    assert db.session.get(PageFeedback, "sleep").helpful == 100

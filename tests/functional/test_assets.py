import gzip
import re


def _asset_paths(client):
    html = client.get("/").get_data(as_text=True)
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_pages_link_one_stylesheet_and_one_script_by_fingerprint(client):
    paths = _asset_paths(client)
    assert len(paths) == 2
    assert re.fullmatch(r"/static/site\.[0-9a-f]{10}\.css", paths[0])
    assert re.fullmatch(r"/static/enhance\.[0-9a-f]{10}\.js", paths[1])


def test_fingerprinted_asset_is_cached_for_a_year_and_compressed(client):
    css = _asset_paths(client)[0]
    response = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.mimetype == "text/css"


def test_stale_fingerprint_serves_current_file_uncached(client):
    response = client.get("/static/site.0000000000.css")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"


def test_unknown_asset_is_404(client):
    assert client.get("/static/nothing.1234567890.css").status_code == 404


def test_html_is_compressed_with_gzip_or_brotli(client):
    for encoding in ("gzip", "br"):
        response = client.get("/", headers={"Accept-Encoding": encoding})
        assert response.headers["Content-Encoding"] == encoding


def test_optional_script_is_small():
    from pathlib import Path

    assert Path("static/enhance.js").stat().st_size <= 2048


def test_error_pages_are_compressed_and_keep_their_status(client):
    """A 404 page is a whole page read on a slow link; the library compresses only 2xx."""
    response = client.get("/no-such-page", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 404
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Page not found" in gzip.decompress(response.get_data()).decode()

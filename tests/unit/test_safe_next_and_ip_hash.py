import pytest
from flask import Flask

from app.security import client_network, ip_hash, safe_next


@pytest.mark.parametrize("url", ["/learn", "/learn/sleep?x=1#top", "/"])
def test_safe_next_keeps_local_paths(url):
    assert safe_next(url) == url


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:/evil",
        "learn",
        " //evil.example",
        "/\x00x",
        "\\\\evil",
    ],
)
def test_safe_next_rejects_other_sites(url):
    assert safe_next(url) == "/"


def test_client_network_groups_ipv6_by_64_and_unwraps_ipv4():
    assert client_network("2001:db8:1:2:aaaa::1") == client_network("2001:db8:1:2:bbbb::9")
    assert client_network("2001:db8:1:3::1") != client_network("2001:db8:1:2::1")
    assert client_network("::ffff:192.0.2.7") == "192.0.2.7"
    assert client_network("not an address") == "unknown"


def test_ip_hash_is_keyed_daily_and_never_contains_the_address():
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "k"
    with app.app_context():
        today = ip_hash("192.0.2.7", day="2026-11-26")
        assert today == ip_hash("192.0.2.7", day="2026-11-26")
        assert today != ip_hash("192.0.2.7", day="2026-11-27")
        assert today != ip_hash("192.0.2.8", day="2026-11-26")
        assert "192.0.2.7" not in today
    app.config["SECRET_KEY"] = "other"
    with app.app_context():
        assert ip_hash("192.0.2.7", day="2026-11-26") != today

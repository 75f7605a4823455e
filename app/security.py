"""Security headers, safe redirects and the privacy-preserving client key."""

import hashlib
import hmac
import ipaddress
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import abort, current_app, request
from flask_login import current_user

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: Flask-WTF's HTTPS referrer check needs the Referer header.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}


def set_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config.get("PRODUCTION"):
        response.headers.setdefault(
            "Strict-Transport-Security", "max-age=63072000; includeSubDomains"
        )
    return response


def no_store_for_members(response):
    """Pages and data shown to a signed-in member are never kept by the browser or a proxy.

    On a shared device the back button must not bring them back after signing out.
    """
    if response.mimetype in ("text/html", "application/json") and current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
    return response


def private_page(response):
    """For pages only members see: kept out of search engines and of every cache."""
    response.headers["X-Robots-Tag"] = "noindex"
    response.headers["Cache-Control"] = "no-store"
    return response


def safe_next(url: str | None, fallback: str = "/") -> str:
    """Return url only if it is a path on this site; anything else becomes fallback."""
    if not url:
        return fallback
    url = url.strip()
    parts = urlsplit(url)
    if (
        parts.scheme
        or parts.netloc
        or not url.startswith("/")
        or url.startswith("//")
        or "\\" in url
        or any(ord(ch) < 32 for ch in url)
    ):
        return fallback
    return url


def keyed_hash(value: str, purpose: str) -> str:
    """An HMAC of value under the secret key: lets a count be kept about it without the value."""
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), purpose.encode(), hashlib.sha256)
    return hmac.new(key.digest(), value.encode(), hashlib.sha256).hexdigest()[:32]


def client_network(address: str) -> str:
    """The address as a network: IPv4 whole, IPv6 by /64 (one household or phone)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def ip_hash(address: str | None = None, day: str | None = None) -> str:
    """A keyed hash of the client's network that changes every day.

    It lets rate limits and moderators tell requests apart without any address being kept:
    the key is derived from the secret key and the date, so yesterday's hashes can't be linked
    to today's.
    """
    if address is None:
        address = request.remote_addr or ""
    day = day or datetime.now(UTC).date().isoformat()
    secret = current_app.config["SECRET_KEY"].encode()
    daily_key = hmac.new(secret, f"ip-hash:{day}".encode(), hashlib.sha256).digest()
    return hmac.new(daily_key, client_network(address).encode(), hashlib.sha256).hexdigest()[:32]


def same_origin_post() -> None:
    """Refuse a form posted from another site, for the few forms that carry no CSRF token.

    Browsers send Origin (or at least Referer, under our same-origin policy) with every form
    post; when one is present it must name this site.
    """
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if not origin:
        return
    parts = urlsplit(origin)
    if f"{parts.scheme}://{parts.netloc}" != request.host_url.rstrip("/"):
        abort(403)

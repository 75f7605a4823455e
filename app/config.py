"""Settings. The embedded default needs none; environment variables switch to production."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("INSTANCE_PATH", ROOT / "instance"))


def database_url(url: str) -> str:
    """Use the psycopg 3 driver for any PostgreSQL URL."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def engine_options(url: str) -> dict:
    if url.startswith("sqlite"):
        # Hosts share nothing but the database; SQLite connections are cheap and per-thread.
        return {"connect_args": {"timeout": 15}}
    # pool_size x workers must stay below PostgreSQL's max_connections (100 by default).
    return {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 5, "pool_recycle": 1800}


# The embedded default answers on this machine only, whatever address it listens on.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def trusted_hosts(site_url: str, listed: str | None, default: tuple[str, ...]) -> list[str]:
    """The host names requests may name: SITE_URL's, then TRUSTED_HOSTS (comma-separated).

    Flask answers 400 to a request whose Host is not one of them, so no address the site prints
    (handouts, QR codes) can come from a forged Host header.
    """
    hosts = [host.strip() for host in (listed or "").split(",") if host.strip()]
    if listed is None:
        hosts = list(default)
    site_host = urlsplit(site_url).hostname if site_url else None
    return [site_host, *hosts] if site_host else hosts


def embedded_secret_key(instance: Path) -> str:
    """Create the secret key once and keep it; safe when several workers start together."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        key = secrets.token_hex(32)
        f.write(key)
    return key


class Config:
    """The embedded default: SQLite under instance/, rate limits counted in the database."""

    PRODUCTION = False
    SITE_NAME = "CommonGround"
    PUBLISHER = os.environ.get("PUBLISHER", "CommonGround")  # named on every handout
    EXIT_URL = os.environ.get("EXIT_URL", "https://www.bbc.co.uk/weather")
    CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", ROOT / "content"))

    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'commonground.db'}")
    )
    SQLALCHEMY_ENGINE_OPTIONS = engine_options(SQLALCHEMY_DATABASE_URI)
    SQLALCHEMY_TRACK_MODIFICATIONS = False

    SESSION_COOKIE_NAME = "session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_NAME = "remember"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Only for members who tick "Keep me signed in on this device"; otherwise the session ends
    # when the browser closes.
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    # Recovery phrases and passwords: Werkzeug scrypt, n=2^17, r=8, p=1 (128 MiB, about 0.5 s).
    # Load tests may choose a cheaper one (CREDENTIAL_HASH_METHOD) so entry is not the bottleneck.
    CREDENTIAL_HASH_METHOD = os.environ.get("CREDENTIAL_HASH_METHOD", "scrypt:131072:8:1")
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "http")
    # The public address printed on handouts and in QR codes, e.g. https://commonground.example
    SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

    WTF_CSRF_TIME_LIMIT = 6 * 3600
    # Room for a post well over its 5,000-character cap in any script (up to 12 bytes a character
    # once form-encoded), so over-long text comes back with a message instead of being lost;
    # anything bigger is refused whole with the 413 page.
    MAX_CONTENT_LENGTH = 256 * 1024
    MAX_FORM_MEMORY_SIZE = MAX_CONTENT_LENGTH

    # Counters in the site's own database (app.rate_limits), shared by every worker and host;
    # redis://… when the database should not carry them. Never memory://: that is per process.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or "database://"
    RATELIMIT_HEADERS_ENABLED = True
    # Per address; load tests and benchmarks raise them through the environment.
    ENTRY_LIMIT = os.environ.get("ENTRY_LIMIT", "10 per hour")  # new guests
    POST_LIMIT = os.environ.get("POST_LIMIT", "30 per hour")  # new threads and replies
    RETURN_LIMIT_PER_ADDRESS = "5 per 15 minutes"  # failed attempts to come back, any name
    # Wrong passwords for one name from any address (recovery phrases never count): more than one
    # address may send in an hour, so no single stranger can pause it (see views/auth.py).
    RETURN_LIMIT_PER_NAME = "25 per hour"
    REPORT_LIMIT = "20 per hour"  # reports a member can send
    TELL_US_LIMIT = os.environ.get("TELL_US_LIMIT", "5 per hour")  # messages to the team

    # How to reach the organisation that runs the site, shown only where set.
    CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")
    CONTACT_ADDRESS = os.environ.get("CONTACT_ADDRESS", "")

    # Safety (see content/pages/code-of-conduct.md, which must stay true to these).
    # Open reports from this many established members, on as many connections, hide a post until
    # a moderator looks. Established: an account this many days old, with this many posts that
    # others can see. Every report, from anyone, still reaches the moderators' queue.
    REPORTS_TO_HIDE = 3
    ESTABLISHED_MEMBER_DAYS = 7
    ESTABLISHED_MEMBER_POSTS = 3
    # A new member's first posts wait for a moderator; 0 turns this off.
    HOLD_FIRST_POSTS = int(os.environ.get("HOLD_FIRST_POSTS", "1"))
    MODERATION_WAIT_HOURS = 24  # how soon moderators usually look, as told to members
    # When moderators read posts (app.moderation_hours); outside them a post that may mean risk
    # waits for a moderator before others can see it.
    MODERATION_HOURS = os.environ.get("MODERATION_HOURS", "Mon-Fri 09:00-17:00")
    MODERATION_TIMEZONE = os.environ.get("MODERATION_TIMEZONE", "Europe/London")

    # Number of reverse proxies in front of the app whose X-Forwarded-For is trusted.
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))

    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "text/plain",
        "application/javascript",
        "application/json",
        "image/svg+xml",
    ]

    def __init__(self):
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or embedded_secret_key(INSTANCE)
        self.TRUSTED_HOSTS = trusted_hosts(
            self.SITE_URL, os.environ.get("TRUSTED_HOSTS"), LOCAL_HOSTS
        )
        if self.PREFERRED_URL_SCHEME == "https":
            self.use_https()

    def use_https(self):
        self.PREFERRED_URL_SCHEME = "https"
        self.SESSION_COOKIE_SECURE = True
        self.REMEMBER_COOKIE_SECURE = True
        # __Host- cookies are sent only to this exact host, over HTTPS, for the whole site.
        self.SESSION_COOKIE_NAME = "__Host-session"
        self.REMEMBER_COOKIE_NAME = "__Host-remember"


class ProductionConfig(Config):
    """Behind a TLS-terminating proxy, on PostgreSQL, with limits shared through Redis."""

    PRODUCTION = True
    PREFERRED_URL_SCHEME = "https"

    def __init__(self):
        secret = os.environ.get("SECRET_KEY")
        if not secret:
            raise RuntimeError(
                "SECRET_KEY must be set in production: a long random string shared by every host."
            )
        self.SECRET_KEY = secret
        self.SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
        if not self.SITE_URL.startswith("https://"):
            raise RuntimeError(
                "SITE_URL must be set in production to the site's public https:// address."
            )
        self.TRUSTED_HOSTS = trusted_hosts(self.SITE_URL, os.environ.get("TRUSTED_HOSTS"), ())
        self.use_https()


class TestConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "database://"  # what the site uses by default, whatever the shell says
    # Much cheaper than production's scrypt so the suite stays quick; one test checks the default.
    CREDENTIAL_HASH_METHOD = "scrypt:4096:8:1"
    # Most tests make members who post at once; tests of held first posts switch this back on.
    HOLD_FIRST_POSTS = 0
    # Moderated at every hour, so tests do not depend on the clock; tests of the hours set them.
    MODERATION_HOURS = "Mon-Sun 00:00-24:00"

    def __init__(self, database_url_: str | None = None):
        self.SECRET_KEY = "test-secret-key"  # noqa: S105
        self.TRUSTED_HOSTS = list(LOCAL_HOSTS)
        url = database_url(database_url_ or "sqlite://")
        self.SQLALCHEMY_DATABASE_URI = url
        self.SQLALCHEMY_ENGINE_OPTIONS = engine_options(url)


def config_from_environment() -> Config:
    name = os.environ.get("COMMONGROUND_CONFIG", "default")
    return ProductionConfig() if name == "production" else Config()

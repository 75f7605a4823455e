"""Rate-limit counters kept in the site's own database (see app.rate_limits)."""

from app.extensions import db


class RateLimitCounter(db.Model):
    """One fixed window of one limit for one key: how many hits so far, and when it ends.

    Keys hold only keyed hashes (of an address or a name), never the address or name itself.
    """

    __tablename__ = "rate_limit_counters"

    key = db.Column(db.String(255), primary_key=True)
    hits = db.Column(db.Integer, nullable=False)
    expires_at = db.Column(db.Float, nullable=False, index=True)  # seconds since the epoch

"""Rate-limit counters kept in the site's own database (see app.rate_limits)."""

from sqlalchemy import Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model


class RateLimitCounter(Model):
    """One fixed window of one limit for one key: how many hits so far, and when it ends.

    Keys hold only keyed hashes (of an address or a name), never the address or name itself.
    """

    __tablename__ = "rate_limit_counters"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer, nullable=False)
    # seconds since the epoch
    expires_at: Mapped[float] = mapped_column(Float, nullable=False, index=True)

"""Anonymous "Was this page helpful?" counts for learn pages."""

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model


class PageFeedback(Model):
    """One row per learn page: how many said yes and no. Nothing about who answered."""

    __tablename__ = "page_feedback"

    slug: Mapped[str] = mapped_column(String(100), primary_key=True)
    helpful: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    not_helpful: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")


class PageVote(Model):
    """Today's answers, one per page per connection: the day's keyed hash of the network
    (app.security.ip_hash), never an address, and not which answer. Earlier days are deleted."""

    __tablename__ = "page_votes"

    slug: Mapped[str] = mapped_column(String(100), primary_key=True)
    voter: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, nullable=False, index=True)

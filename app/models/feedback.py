"""Anonymous "Was this page helpful?" counts for learn pages."""

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model


class PageFeedback(Model):
    """One row per learn page: how many said yes and no. Nothing about who answered."""

    __tablename__ = "page_feedback"

    slug: Mapped[str] = mapped_column(String(100), primary_key=True)
    helpful: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    not_helpful: Mapped[int] = mapped_column(Integer, nullable=False, default=0,
                                             server_default="0")

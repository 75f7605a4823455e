"""Learn pages as the database's full-text search sees them (the files stay the source)."""

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model


class LearnDocument(Model):
    __tablename__ = "learn_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    summary: Mapped[str] = mapped_column(String(300), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    # Changes whenever the page's text does, so only changed pages are written again.
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)

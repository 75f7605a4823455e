"""Database models. Importing this package registers every table with the metadata."""

from app.models.feedback import PageFeedback
from app.models.user import Member

__all__ = ["Member", "PageFeedback"]

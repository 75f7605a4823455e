"""Database models. Importing this package registers every table with the metadata."""

from app.models.feedback import PageFeedback

__all__ = ["PageFeedback"]

"""Database models. Importing this package registers every table with the metadata."""

from app.models.discussion import Post, Reaction, SavedItem, Space, Thread, ThreadMember, ThreadTag
from app.models.feedback import PageFeedback, PageVote
from app.models.messages import ChangeNote, MemberMessage, TellUsMessage
from app.models.moderation import MemberMute, MemberNote, ModerationAction, QueueItem, Report
from app.models.rate_limit import RateLimitCounter
from app.models.search import LearnDocument
from app.models.user import Member

__all__ = [
    "ChangeNote",
    "LearnDocument",
    "Member",
    "MemberMessage",
    "MemberMute",
    "MemberNote",
    "ModerationAction",
    "PageFeedback",
    "PageVote",
    "Post",
    "QueueItem",
    "RateLimitCounter",
    "Reaction",
    "Report",
    "SavedItem",
    "Space",
    "TellUsMessage",
    "Thread",
    "ThreadMember",
    "ThreadTag",
]

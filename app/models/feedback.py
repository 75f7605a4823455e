"""Anonymous "Was this page helpful?" counts for learn pages."""

from app.extensions import db


class PageFeedback(db.Model):
    """One row per learn page: how many said yes and no. Nothing about who answered."""

    __tablename__ = "page_feedback"

    slug = db.Column(db.String(100), primary_key=True)
    helpful = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    not_helpful = db.Column(db.Integer, nullable=False, default=0, server_default="0")


class PageVote(db.Model):
    """Today's answers, one per page per connection: the day's keyed hash of the network
    (app.security.ip_hash), never an address, and not which answer. Earlier days are deleted."""

    __tablename__ = "page_votes"

    slug = db.Column(db.String(100), primary_key=True)
    voter = db.Column(db.String(32), primary_key=True)
    day = db.Column(db.Date, nullable=False, index=True)

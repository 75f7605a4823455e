"""Learn pages as the database's full-text search sees them (the files stay the source)."""

from app.extensions import db


class LearnDocument(db.Model):
    __tablename__ = "learn_documents"

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(100), nullable=False, unique=True)
    title = db.Column(db.String(200), nullable=False)
    summary = db.Column(db.String(300), nullable=False)
    body = db.Column(db.Text, nullable=False)
    # Changes whenever the page's text does, so only changed pages are written again.
    content_hash = db.Column(db.String(64), nullable=False)

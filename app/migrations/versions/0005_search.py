"""search: learn pages as documents, and full-text indexes for posts, thread titles and pages

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 01:41:44.263015

"""
from alembic import op
import sqlalchemy as sa

from app import search_schema


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def _run(statements):
    for statement in statements:
        op.execute(statement)


def upgrade():
    op.create_table('learn_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learn_documents')),
    sa.UniqueConstraint('slug', name=op.f('uq_learn_documents_slug'))
    )
    if op.get_bind().dialect.name == "postgresql":
        _run(search_schema.POSTGRES_UP)
    else:
        _run(search_schema.SQLITE_UP)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        _run(search_schema.POSTGRES_DOWN)
    else:
        _run(search_schema.SQLITE_DOWN)
    op.drop_table('learn_documents')

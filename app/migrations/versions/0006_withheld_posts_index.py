"""posts: a partial index of hidden and held posts, for deciding which threads a member sees

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 04:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

WHERE = sa.text('hidden_at IS NOT NULL OR held_at IS NOT NULL')


# A plain CREATE INDEX: a batch operation could rebuild the posts table on SQLite and lose the
# search triggers on it.
def upgrade():
    op.create_index('ix_posts_withheld', 'posts', ['parent_id', 'thread_id', 'author_id'],
                    unique=False, sqlite_where=WHERE, postgresql_where=WHERE)


def downgrade():
    op.drop_index('ix_posts_withheld', table_name='posts')

"""rate-limit counters in the database; reports keep the day's hash of the reporter's network;
today's answers to "was this page helpful?", one per page per connection

Revision ID: 0008_limits_and_reports
Revises: 0007_tell_us
Create Date: 2026-12-01 19:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_limits_and_reports'
down_revision = '0007_tell_us'
branch_labels = None
depends_on = None

KEPT = sa.text('address_hash IS NOT NULL')


# Plain ALTER TABLE and CREATE INDEX: a batch operation would rebuild tables on SQLite.
def upgrade():
    op.create_table('rate_limit_counters',
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('hits', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_rate_limit_counters'))
    )
    op.create_index(op.f('ix_rate_limit_counters_expires_at'), 'rate_limit_counters',
                    ['expires_at'], unique=False)
    op.create_table('page_votes',
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('voter', sa.String(length=32), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('slug', 'voter', name=op.f('pk_page_votes'))
    )
    op.create_index(op.f('ix_page_votes_day'), 'page_votes', ['day'], unique=False)
    op.add_column('reports', sa.Column('address_hash', sa.String(length=32), nullable=True))
    op.create_index('ix_reports_address_kept', 'reports', ['created_at'], unique=False,
                    sqlite_where=KEPT, postgresql_where=KEPT)


def downgrade():
    op.drop_index('ix_reports_address_kept', table_name='reports')
    with op.batch_alter_table('reports') as batch_op:
        batch_op.drop_column('address_hash')
    op.drop_index(op.f('ix_page_votes_day'), table_name='page_votes')
    op.drop_table('page_votes')
    op.drop_index(op.f('ix_rate_limit_counters_expires_at'), table_name='rate_limit_counters')
    op.drop_table('rate_limit_counters')

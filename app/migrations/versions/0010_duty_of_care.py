"""duty of care: risk review and escalation, safety leads, posts held for risk, private notes on
members, and pinned threads

Revision ID: 0010_duty_of_care
Revises: 0009_name_skeletons
Create Date: 2026-12-01 19:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_duty_of_care'
down_revision = '0009_name_skeletons'
branch_labels = None
depends_on = None

RISK_UNREVIEWED = sa.text('priority = 0 AND risk_reviewed_at IS NULL')


# Plain ADD COLUMN and CREATE INDEX only: a batch operation could rebuild a table on SQLite,
# which loses the search triggers on posts and, with foreign keys on, empties what refers to it.
def upgrade():
    op.create_table('member_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['members.id'], name=op.f('fk_member_notes_author_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_notes_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_notes'))
    )
    op.create_index('ix_member_notes_member', 'member_notes', ['member_id', 'id'], unique=False)

    op.add_column('members', sa.Column('safety_lead', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.add_column('queue_items', sa.Column('first_looked_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('queue_items', sa.Column('risk_reviewed_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('queue_items', sa.Column('risk_outcome', sa.String(length=20), nullable=True))
    op.add_column('queue_items', sa.Column('risk_note', sa.Text(), nullable=True))
    op.add_column('queue_items', sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('queue_items', sa.Column('escalation_note', sa.Text(), nullable=True))
    op.create_index('ix_queue_items_risk_unreviewed', 'queue_items', ['opened_at', 'id'], unique=False,
                    sqlite_where=RISK_UNREVIEWED, postgresql_where=RISK_UNREVIEWED)

    op.add_column('threads', sa.Column('pinned_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('posts', sa.Column('held_for_risk', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    op.drop_column('posts', 'held_for_risk')
    op.drop_column('threads', 'pinned_at')
    op.drop_index('ix_queue_items_risk_unreviewed', table_name='queue_items')
    for column in ('escalation_note', 'escalated_at', 'risk_note', 'risk_outcome',
                   'risk_reviewed_at', 'first_looked_at'):
        op.drop_column('queue_items', column)
    op.drop_column('members', 'safety_lead')
    op.drop_index('ix_member_notes_member', table_name='member_notes')
    op.drop_table('member_notes')

"""safety: reports, the moderation queue and log, held posts, suspensions, mutes and breaks

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 01:49:08.790912

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('member_mutes',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('muted_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_mutes_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['muted_id'], ['members.id'], name=op.f('fk_member_mutes_muted_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', 'muted_id', name=op.f('pk_member_mutes'))
    )
    with op.batch_alter_table('member_mutes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_mutes_muted_id'), ['muted_id'], unique=False)

    op.create_table('moderation_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('target_member_id', sa.Integer(), nullable=True),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('thread_id', sa.Integer(), nullable=True),
    sa.Column('rule', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('detail', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['members.id'], name=op.f('fk_moderation_log_actor_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_moderation_log_post_id_posts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['target_member_id'], ['members.id'], name=op.f('fk_moderation_log_target_member_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_moderation_log_thread_id_threads'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_log'))
    )
    with op.batch_alter_table('moderation_log', schema=None) as batch_op:
        batch_op.create_index('ix_moderation_log_target', ['target_member_id', 'id'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_reports_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['members.id'], name=op.f('fk_reports_reporter_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_reporter_id'), ['reporter_id'], unique=False)
        batch_op.create_index('ux_reports_open', ['post_id', 'reporter_id'], unique=True, sqlite_where=sa.text('resolved_at IS NULL'), postgresql_where=sa.text('resolved_at IS NULL'))

    op.create_table('queue_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('priority', sa.Integer(), server_default='1', nullable=False),
    sa.Column('risk_phrases', sa.String(length=300), nullable=True),
    sa.Column('held', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('reported', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('review_of_id', sa.Integer(), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=True),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_queue_items_member_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_queue_items_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_of_id'], ['moderation_log.id'], name=op.f('fk_queue_items_review_of_id_moderation_log'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_items'))
    )
    with op.batch_alter_table('queue_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_queue_items_member_id'), ['member_id'], unique=False)
        batch_op.create_index('ix_queue_items_open', ['priority', 'opened_at', 'id'], unique=False, sqlite_where=sa.text('closed_at IS NULL'), postgresql_where=sa.text('closed_at IS NULL'))
        batch_op.create_index('ux_queue_items_open_post', ['post_id'], unique=True, sqlite_where=sa.text('closed_at IS NULL'), postgresql_where=sa.text('closed_at IS NULL'))

    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('break_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('suspended_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('suspended_for_good', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('unseen_decisions', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('address_hash', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('address_day', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_members_address_day'), ['address_day'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_address_hash'), ['address_hash'], unique=False)

    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hidden_rule', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('held_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_posts_thread_parent', ['thread_id', 'parent_id'], unique=False)

    with op.batch_alter_table('thread_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('muted', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('thread_members', schema=None) as batch_op:
        batch_op.drop_column('muted')

    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_index('ix_posts_thread_parent')
        batch_op.drop_column('held_at')
        batch_op.drop_column('hidden_rule')

    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_members_address_hash'))
        batch_op.drop_index(batch_op.f('ix_members_address_day'))
        batch_op.drop_column('address_day')
        batch_op.drop_column('address_hash')
        batch_op.drop_column('unseen_decisions')
        batch_op.drop_column('suspended_for_good')
        batch_op.drop_column('suspended_until')
        batch_op.drop_column('break_until')

    with op.batch_alter_table('queue_items', schema=None) as batch_op:
        batch_op.drop_index('ux_queue_items_open_post', sqlite_where=sa.text('closed_at IS NULL'), postgresql_where=sa.text('closed_at IS NULL'))
        batch_op.drop_index('ix_queue_items_open', sqlite_where=sa.text('closed_at IS NULL'), postgresql_where=sa.text('closed_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_queue_items_member_id'))

    op.drop_table('queue_items')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ux_reports_open', sqlite_where=sa.text('resolved_at IS NULL'), postgresql_where=sa.text('resolved_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_reports_reporter_id'))
        batch_op.drop_index(batch_op.f('ix_reports_post_id'))

    op.drop_table('reports')
    with op.batch_alter_table('moderation_log', schema=None) as batch_op:
        batch_op.drop_index('ix_moderation_log_target')

    op.drop_table('moderation_log')
    with op.batch_alter_table('member_mutes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_mutes_muted_id'))

    op.drop_table('member_mutes')

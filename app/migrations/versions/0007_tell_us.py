"""tell us: messages to the team, messages to a member, and "You said, we did" entries

Revision ID: 0007_tell_us
Revises: 0006
Create Date: 2026-12-01 19:27:03

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_tell_us'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('change_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('said', sa.Text(), nullable=False),
    sa.Column('did', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['members.id'], name=op.f('fk_change_notes_author_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_notes'))
    )
    with op.batch_alter_table('change_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_notes_created_at'), ['created_at'], unique=False)

    op.create_table('tell_us_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('wants_answer', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('changed', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.CheckConstraint("topic IN ('broken', 'idea', 'accessibility', 'worried')", name=op.f('ck_tell_us_messages_topic')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_tell_us_messages_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tell_us_messages'))
    )
    with op.batch_alter_table('tell_us_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tell_us_messages_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_tell_us_messages_member_id'), ['member_id'], unique=False)
        batch_op.create_index('ix_tell_us_messages_topic', ['topic', 'id'], unique=False)

    op.create_table('member_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('sender', sa.String(length=20), server_default='site', nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('about_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("sender IN ('site', 'moderators')", name=op.f('ck_member_messages_sender')),
    sa.ForeignKeyConstraint(['about_id'], ['tell_us_messages.id'], name=op.f('fk_member_messages_about_id_tell_us_messages'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['author_id'], ['members.id'], name=op.f('fk_member_messages_author_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_messages_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_messages'))
    )
    with op.batch_alter_table('member_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_messages_about_id'), ['about_id'], unique=False)
        batch_op.create_index('ix_member_messages_member', ['member_id', 'id'], unique=False)

    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unread_messages', sa.Integer(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('unread_messages')

    with op.batch_alter_table('member_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_member_messages_member')
        batch_op.drop_index(batch_op.f('ix_member_messages_about_id'))

    op.drop_table('member_messages')
    with op.batch_alter_table('tell_us_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_tell_us_messages_topic')
        batch_op.drop_index(batch_op.f('ix_tell_us_messages_member_id'))
        batch_op.drop_index(batch_op.f('ix_tell_us_messages_created_at'))

    op.drop_table('tell_us_messages')
    with op.batch_alter_table('change_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_notes_created_at'))

    op.drop_table('change_notes')

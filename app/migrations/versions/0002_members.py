"""members: guest entry, recovery phrases, optional passwords and privacy preferences

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 01:01:52.104869

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('name_key', sa.String(length=30), nullable=False),
    sa.Column('phrase_hash', sa.String(length=255), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('session_version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('role', sa.String(length=20), server_default='member', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('discreet_titles', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('content_notes', sa.String(length=10), server_default='collapsed', nullable=False),
    sa.CheckConstraint("content_notes IN ('collapsed', 'expanded', 'hidden')", name=op.f('ck_members_content_notes')),
    sa.CheckConstraint("role IN ('member', 'moderator', 'admin')", name=op.f('ck_members_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_members')),
    sa.UniqueConstraint('name_key', name=op.f('uq_members_name_key'))
    )


def downgrade():
    op.drop_table('members')

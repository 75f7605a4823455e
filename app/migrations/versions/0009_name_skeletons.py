"""members: each name's confusable skeleton, unique, so no name can pass for another

Revision ID: 0009_name_skeletons
Revises: 0008_limits_and_reports
Create Date: 2026-12-01 19:50:00.000000

"""
from alembic import op
import sqlalchemy as sa

from app.names import name_skeleton


# revision identifiers, used by Alembic.
revision = '0009_name_skeletons'
down_revision = '0008_limits_and_reports'
branch_labels = None
depends_on = None

members = sa.table('members', sa.column('id', sa.Integer), sa.column('name', sa.String),
                   sa.column('name_skeleton', sa.String))


# A plain ADD COLUMN (with a default for the rows already there), not a batch operation: a
# batch rebuild of members on SQLite would drop the table, and its ON DELETE rules would empty
# every table that points at it.
def upgrade():
    op.add_column('members', sa.Column('name_skeleton', sa.String(length=255), nullable=False,
                                       server_default=''))
    connection = op.get_bind()
    seen = set()
    for member_id, name in connection.execute(
            sa.select(members.c.id, members.c.name).order_by(members.c.id)):
        skeleton = name_skeleton(name)
        if skeleton in seen:
            # A look-alike that came before this check: the older name keeps its skeleton, this
            # one a form no name can have ("#" is not allowed), until a moderator renames it.
            skeleton = f"{skeleton}#{member_id}"
        seen.add(skeleton)
        connection.execute(members.update().where(members.c.id == member_id)
                           .values(name_skeleton=skeleton))
    op.create_index('ix_members_name_skeleton', 'members', ['name_skeleton'], unique=True)


def downgrade():
    op.drop_index('ix_members_name_skeleton', table_name='members')
    op.drop_column('members', 'name_skeleton')  # SQLite 3.35 and newer drop a column in place

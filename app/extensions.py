"""Extension objects, created unbound and initialised in create_app."""

from typing import TYPE_CHECKING

from flask import Response
from flask_compress import Compress
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase


def _limit_key() -> str:
    # Imported late: security needs the app's secret key, and this module imports nothing from app.
    from app.security import ip_hash

    return ip_hash()


class Base(DeclarativeBase):
    # Stable constraint names keep migrations identical on SQLite and PostgreSQL.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Base)
# The models' base class: db.Model, which type checkers cannot follow, is Base to them.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=_limit_key)
migrate = Migrate()


class ErrorPagesToo(Compress):
    """Flask-Compress compresses only 2xx answers, but a 404, 413 or 429 page is a whole page
    that someone on a slow link reads: compress those the same way."""

    def after_request(self, response: Response | None) -> Response:
        if response is None or not 400 <= response.status_code < 600:
            return super().after_request(response)
        code, response.status_code = response.status_code, 200
        try:
            return super().after_request(response)
        finally:
            response.status_code = code


compress = ErrorPagesToo()

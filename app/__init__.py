"""CommonGround: peer support and plain-English reading for long-term conditions and low mood."""

import logging

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app import assets, discretion, errors, models, rate_limits  # noqa: F401  (tables, limits)
from app.config import INSTANCE, ROOT, Config, config_from_environment
from app.content import Library
from app.crisis_contacts import CrisisContacts
from app.database import configure_sqlite
from app.extensions import compress, csrf, db, limiter, migrate
from app.moderation_hours import ModerationHours
from app.risk_phrases import RiskPhrases
from app.security import no_store_for_members, set_security_headers


def create_app(config: Config | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder=None,  # served fingerprinted by app.assets
        instance_path=str(INSTANCE),
    )
    app.config.from_object(config or config_from_environment())
    if app.config["PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_COUNT"], x_proto=1)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine)
    migrate.init_app(
        app, db, directory=str(ROOT / "app" / "migrations"), render_as_batch=True, compare_type=True
    )
    csrf.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)

    content = app.config["CONTENT_DIR"]
    app.extensions["site_pages"] = Library(content / "pages")
    app.extensions["learn_pages"] = Library(content / "learn", learn=True)
    app.extensions["moderation_pages"] = Library(content / "moderation")
    app.extensions["welcome_pages"] = Library(content / "welcome")
    app.extensions["libraries"] = [
        app.extensions["site_pages"],
        app.extensions["learn_pages"],
        app.extensions["moderation_pages"],
        app.extensions["welcome_pages"],
    ]
    app.extensions["risk_phrases"] = RiskPhrases(content / "safety" / "risk-phrases.txt")
    app.extensions["crisis_contacts"] = CrisisContacts(content / "safety" / "crisis-contacts.yaml")
    # Read once here so that a mistyped setting stops the site starting, not a page.
    ModerationHours.parse(app.config["MODERATION_HOURS"], app.config["MODERATION_TIMEZONE"])

    assets.init_app(app, ROOT / "static")
    errors.init_app(app)
    discretion.init_app(app)
    app.after_request(set_security_headers)
    app.after_request(no_store_for_members)

    from app import cli, sessions, templating
    from app.views import (
        account,
        admin,
        auth,
        discussions,
        garden,
        learn,
        moderation,
        pages,
        search,
        tell_us,
    )

    sessions.init_app(app)
    templating.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(learn.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(discussions.bp)
    app.register_blueprint(garden.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(moderation.bp)
    app.register_blueprint(tell_us.bp)
    app.register_blueprint(admin.bp)
    cli.init_app(app)
    return app

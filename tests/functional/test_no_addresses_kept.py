import ipaddress
import logging
from pathlib import Path

from sqlalchemy import select

from app.extensions import db

ADDRESSES = ["203.0.113.77", "198.51.100.23", "192.0.2.199", "2001:db8:85a3::8a2e:370:7334"]


def _forms_of(address: str) -> list[str]:
    ip = ipaddress.ip_address(address)
    forms = {address, str(ip)}
    if ip.version == 6:
        forms |= {ip.exploded, str(ipaddress.ip_network(f"{ip}/64", strict=False))}
    return sorted(forms)


def _visit_everything_from(app, address):
    client = app.test_client()
    env = {"environ_base": {"REMOTE_ADDR": address}}
    client.get("/", **env)
    for _ in range(6):  # a visitor's messages to the team, past their limit
        client.post("/tell-us", data={"topic": "idea", "body": "An idea"}, **env)
    client.post("/enter", **env)
    client.get("/welcome", **env)
    client.post("/account/name", data={"name": "bad!"}, **env)
    client.post("/sign-out", **env)
    for _ in range(6):  # past the limit, so the limiter logs too
        client.post("/return", data={"name": "Nobody Here 1", "secret": "wrong"}, **env)


def test_requests_from_many_addresses_leave_none_in_database_or_logs(make_app, caplog):
    app = make_app(RATELIMIT_ENABLED=True)
    # Building the schema reconfigures logging (Alembic's fileConfig); listen again after it.
    logging.getLogger().addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    for address in ADDRESSES:
        _visit_everything_from(app, address)
    assert "ratelimit" in caplog.text  # the limiter did log something

    with app.app_context():
        rows = " ".join(
            str(value)
            for table in db.metadata.sorted_tables
            for row in db.session.execute(select(table))
            for value in row
        )
        database_files = []
        if db.engine.dialect.name == "sqlite":
            db.session.remove()
            path = Path(db.engine.url.database)
            database_files = [p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists()]
    assert rows  # members were made
    for address in ADDRESSES:
        for form in _forms_of(address):
            assert form not in rows
            assert form not in caplog.text
            assert all(form.encode() not in body for body in database_files)


def test_session_cookie_holds_no_hash_of_the_address(app, client):
    """Flask-Login would put an unkeyed hash of address and browser in the cookie: not here."""
    from flask_login.utils import _create_identifier

    env = {"REMOTE_ADDR": ADDRESSES[0], "HTTP_USER_AGENT": "test-browser"}
    client.post("/enter", environ_base=env)
    with client.session_transaction() as session:
        identifier = session["_id"]
    with app.test_request_context("/", environ_base=env):
        assert identifier != _create_identifier()

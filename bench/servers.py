"""The site under gunicorn on 127.0.0.1, as production runs it, for load tests and benchmarks.

Each server gets its own instance folder, secret key and settings through the environment, so it
never reads the developer's instance/; a PostgreSQL database can be made for it and dropped after.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg

from app.config import ROOT

# Settings a load test needs: limits that never get in the way, and a cheap credential hash
# (production's scrypt costs 128 MiB and half a second per new guest).
GENEROUS = {
    "ENTRY_LIMIT": "100000 per hour",
    "POST_LIMIT": "100000 per hour",
    "CREDENTIAL_HASH_METHOD": "scrypt:4096:8:1",
    # Load tests post as brand-new members; their first posts would otherwise wait for a moderator.
    "HOLD_FIRST_POSTS": "0",
}
# Settings of the developer's shell that must not leak into a test server.
CLEARED = (
    "DATABASE_URL",
    "SECRET_KEY",
    "RATELIMIT_STORAGE_URI",
    "INSTANCE_PATH",
    "COMMONGROUND_CONFIG",
    "FLASK_APP",
    "PREFERRED_URL_SCHEME",
    "PROXY_COUNT",
    "SITE_URL",
    "TRUSTED_HOSTS",
)


def server_environment(instance: Path, database_url: str, secret_key: str, **settings) -> dict:
    env = {name: value for name, value in os.environ.items() if name not in CLEARED}
    env.update(
        INSTANCE_PATH=str(instance),
        DATABASE_URL=database_url,
        SECRET_KEY=secret_key,
        ACCESS_LOG="0",
        **GENEROUS,
    )
    env.update(settings)
    return env


def flask(env: dict, *command: str, quiet: bool = True) -> None:
    """Run a `flask --app wsgi` command with the server's settings."""
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "flask", "--app", "wsgi", *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=quiet,
    )


def migrate(env: dict) -> None:
    flask(env, "db", "upgrade")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Polled every 0.2 s, so a quick start costs nothing; the bound only ends a server that never
# answers. Three workers importing the site and opening the database on a machine already
# busy with other work can take far longer than on a quiet one.
def _wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - a loopback URL
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds} s:\n{log.read_text()}")


@contextmanager
def gunicorn(env: dict, *, workers: int = 2, log: Path):
    """Run wsgi:app under gunicorn on a free loopback port; yield its base URL."""
    port = free_port()
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def temporary_postgres(server_url: str, prefix: str = "scale_run"):
    """A new, uniquely named database on server_url's server; dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = server_url.rsplit("/", 1)[0] + "/postgres"
    admin = admin.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

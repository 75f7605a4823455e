"""Commands for whoever runs the site: `flask --app wsgi <command>`."""

import click
from flask import Flask, current_app


def init_app(app: Flask) -> None:
    @app.cli.command("check-content")
    def check_content():
        """Check every content page and list each problem with its file and field."""
        problems = []
        for library in current_app.extensions["libraries"]:
            problems += library.check()
        for problem in problems:
            click.echo(str(problem), err=True)
        if problems:
            raise SystemExit(1)
        click.echo("All content pages are valid.")

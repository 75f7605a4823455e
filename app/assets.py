"""Static files under fingerprinted names (site.3f9a1c2b.css), cached for a year.

Files are read once at start-up; a changed file gets a new name, so browsers never need to ask
again. A request for an old fingerprint (a page cached during a deploy) still gets the current
file, marked not to be cached.
"""

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, abort, current_app, url_for

bp = Blueprint("assets", __name__)

IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Asset:
    name: str
    fingerprinted: str
    body: bytes
    mimetype: str


def fingerprint(name: str, body: bytes) -> str:
    stem, dot, ext = name.rpartition(".")
    digest = hashlib.sha256(body).hexdigest()[:10]
    return f"{stem}.{digest}.{ext}" if dot else f"{name}.{digest}"


def load_assets(folder: Path) -> dict[str, Asset]:
    assets = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        body = path.read_bytes()
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if mimetype.startswith("text/") or mimetype == "application/javascript":
            mimetype += "; charset=utf-8"
        assets[name] = Asset(name, fingerprint(name, body), body, mimetype)
    return assets


def asset_url(name: str) -> str:
    return url_for("assets.static", filename=current_app.extensions["assets"][name].fingerprinted)


@bp.route("/static/<path:filename>")
def static(filename):
    stem, _, ext = filename.rpartition(".")
    base, _, _digest = stem.rpartition(".")
    asset = current_app.extensions["assets"].get(f"{base}.{ext}")
    if asset is None:
        abort(404)
    response = current_app.response_class(asset.body, mimetype=asset.mimetype)
    response.headers["Cache-Control"] = IMMUTABLE if filename == asset.fingerprinted else "no-cache"
    return response


def init_app(app: Flask, folder: Path) -> None:
    app.extensions["assets"] = load_assets(folder)
    app.register_blueprint(bp)
    app.add_template_global(asset_url)

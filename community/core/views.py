"""Pages that belong to no feature: health and front-end libraries from node_modules."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_from_directory

from community.extensions import db

blp = Blueprint("core", __name__)

VENDOR_ROOT = Path(__file__).resolve().parents[2] / "node_modules"
VENDOR_PACKAGES = {"swagger-ui-dist", "socket.io-client"}


@blp.get("/healthz")
def healthz():
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}


@blp.get("/vendor/<package>/<path:filename>")
def vendor(package: str, filename: str):
    """Front-end libraries installed from the npm registry; never committed."""
    if package not in VENDOR_PACKAGES:
        abort(404)
    return send_from_directory(VENDOR_ROOT / package, filename, max_age=86400)

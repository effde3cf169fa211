"""One error contract for the whole app.

``/api`` and clients that prefer JSON get ``{"code", "status", "message", "errors"}``;
browsers get an HTML page. Any unexpected error rolls the session back first.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus

from flask import Flask, Response, g, jsonify, render_template, request
from flask_babel import gettext
from sqlalchemy.exc import DataError, DisconnectionError, OperationalError
from werkzeug.exceptions import (
    HTTPException,
    InternalServerError,
    ServiceUnavailable,
    UnprocessableEntity,
)

from community.core.i18n import N_
from community.core.validation import INVALID_INPUT, ValidationFailed, localise
from community.extensions import db, login_manager

log = logging.getLogger(__name__)
DATABASE_UNAVAILABLE = N_("データベースに接続できません。しばらくしてからもう一度お試しください。")
RETRY_AFTER_SECONDS = 5


def wants_json() -> bool:
    if request.path == "/api" or request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def error_fields(error: HTTPException) -> dict:
    if isinstance(error, ValidationFailed):
        return localise(error.errors)
    data = getattr(error, "data", None) or {}
    messages = data.get("messages") if isinstance(data, dict) else None
    if isinstance(messages, dict):
        # webargs nests by location; one location is the common case and reads better flat
        only = messages[next(iter(messages))] if len(messages) == 1 else None
        return localise(only if isinstance(only, dict) else messages)
    return {}


def _unreadable_body(error: HTTPException) -> bool:
    """webargs' 400 for a body that is not JSON (or not UTF-8)."""
    exc = getattr(error, "exc", None)
    return error.code == 400 and isinstance(exc, json.JSONDecodeError | UnicodeDecodeError)


def error_response(error: HTTPException) -> Response:
    try:
        return _error_response(error)
    except (OperationalError, DisconnectionError):
        # the frame and the language ask who is logged in, and that is in the database:
        # with the database gone, answer as to a visitor
        g._login_user = login_manager.anonymous_user()
        return _error_response(error)


def _error_response(error: HTTPException) -> Response:
    code = error.code or 500
    status = HTTPStatus(code).phrase if code in HTTPStatus._value2member_map_ else "Error"
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    fields = error_fields(error)
    message = gettext(INVALID_INPUT) if fields else gettext(str(error.description or status))
    if wants_json():
        body = {"code": code, "status": status, "message": message}
        if fields:
            body["errors"] = fields
        response = jsonify(body)
    else:
        response = Response(
            render_template("errors/error.html", code=code, status=status, message=message),
            mimetype="text/html",
        )
    response.status_code = code
    for key, value in headers:
        response.headers[key] = value
    return response


def handle_http_exception(error: HTTPException):
    if _unreadable_body(error):
        # bad input like any other: the 422 that every operation with a body documents
        error = ValidationFailed({"json": [INVALID_INPUT]})
    if error.code and error.code >= 500:
        db.session.rollback()
    return error_response(error)


def handle_unexpected(error: Exception):
    db.session.rollback()
    log.exception("unhandled error", exc_info=error)
    return error_response(InternalServerError())


def handle_data_error(error: DataError):
    """A value the database refuses (out of range, bad encoding) that validation let through."""
    db.session.rollback()
    log.warning("database refused a value: %s", error.orig)
    return error_response(UnprocessableEntity(INVALID_INPUT))


def handle_database_unavailable(error: Exception):
    """The database went away (a dropped connection, a server restarting, a locked file):
    a clear 503 the client may retry; the pool checks connections before the next use."""
    try:
        db.session.rollback()
    except Exception:  # the connection is gone; the session is reset on removal anyway
        log.debug("rollback after a lost connection failed", exc_info=True)
    log.warning("database unavailable: %s", getattr(error, "orig", error))
    return error_response(ServiceUnavailable(DATABASE_UNAVAILABLE, retry_after=RETRY_AFTER_SECONDS))


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(DataError, handle_data_error)
    app.register_error_handler(OperationalError, handle_database_unavailable)
    app.register_error_handler(DisconnectionError, handle_database_unavailable)
    app.register_error_handler(Exception, handle_unexpected)

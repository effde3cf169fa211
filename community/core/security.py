"""CSRF for cookie sessions, not for bearer-token clients, and response hardening headers."""

from __future__ import annotations

from flask import Flask, request

from community.extensions import csrf

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def _protect_cookie_sessions() -> None:
    """A request carrying ``Authorization`` cannot come from a cross-site form, so it is exempt."""
    if request.routing_exception is not None:
        return  # an unknown URL or method gets its 404 or 405, not a CSRF complaint
    if request.method in UNSAFE_METHODS and bearer_token() is None:
        csrf.protect()


def _harden(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def register_security(app: Flask) -> None:
    app.before_request(_protect_cookie_sessions)
    app.after_request(_harden)

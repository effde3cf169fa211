"""Japanese first: the session's choice, then the user's preference, then Japanese."""

from __future__ import annotations

from flask import current_app, session
from flask_login import current_user


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    preferred = getattr(current_user, "preferred_language", None)
    if preferred in languages:
        return preferred
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def N_(message: str) -> str:
    """Marks a message for the catalog; it is translated where it is shown (``localise``)."""
    return message

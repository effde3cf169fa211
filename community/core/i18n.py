"""Japanese first: the session's choice, then the user's preference, then Japanese."""

from __future__ import annotations

from flask import Flask, current_app, session
from flask.globals import _cv_request
from flask_babel import get_translations
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


def _request_translations():
    """The request's catalog, found once per request.

    Flask-Babel's own template callables look up the context, the locale and the domain again
    for each string, and a page's frame shows a dozen (a fifth of a cached page's time, by
    cProfile). Flask-Babel fixes the locale for the request on first use, so one lookup per
    request finds the same catalog."""
    ctx = _cv_request.get(None)
    if ctx is None:
        return get_translations()
    found = getattr(ctx, "community_translations", None)
    if found is None:
        found = ctx.community_translations = get_translations()
    return found


def install_template_gettext(app: Flask) -> None:
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _request_translations().ugettext(s),
        ngettext=lambda s, p, n: _request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: _request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _request_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )

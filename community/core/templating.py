"""Helpers every template may use."""

from __future__ import annotations

from flask import Flask, request, url_for
from flask_babel import format_date, format_datetime, get_locale


def url_with(**changes) -> str:
    """The current page's URL with some query arguments replaced (``None`` drops one)."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [str(value)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def pager_links(meta: dict, **changes) -> dict:
    """The previous and next page URLs of a paged list, for ``_pager.html``."""
    page, pages = meta["page"], meta["pages"]
    return {
        "prev": url_with(**changes, page=page - 1) if page > 1 else None,
        "next": url_with(**changes, page=page + 1) if page < pages else None,
    }


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(url_with=url_with, get_locale=get_locale)
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": (
        format_datetime(value, fmt) if value else ""
    )
    app.jinja_env.filters["date"] = lambda value, fmt="medium": (
        format_date(value, fmt) if value else ""
    )

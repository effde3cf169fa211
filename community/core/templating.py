"""Helpers every template may use."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, current_app, request, url_for
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


def fixed_url(endpoint: str, **values) -> str:
    """``url_for`` for a link that depends on nothing but its arguments and the site's root
    (the header's), built once per process: a dozen builds were a tenth of a cached page."""
    cache = current_app.extensions.setdefault("community.fixed_urls", {})
    key = (request.script_root, endpoint, *sorted(values.items()))
    found = cache.get(key)
    if found is None:
        found = cache[key] = url_for(endpoint, **values)
    return found


def query(**values) -> str:
    """A query string for a link, slashes left readable as ``url_for`` leaves them."""
    return urlencode(values, safe="/")


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
    app.jinja_env.globals.update(
        url_with=url_with, fixed_url=fixed_url, query=query, get_locale=get_locale
    )
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": (
        format_datetime(value, fmt) if value else ""
    )
    app.jinja_env.filters["date"] = lambda value, fmt="medium": (
        format_date(value, fmt) if value else ""
    )

"""URL converters: an ``int`` in a path fits the database's integer column."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:id>`` that answers 404 for numbers no row can have, instead of a database error."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=None, signed=False):
        super().__init__(url_map, fixed_digits, min, MAX_ID if max is None else max, signed)


def register_converters(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter

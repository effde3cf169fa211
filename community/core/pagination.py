"""Page-number pagination that costs two statements whatever the page."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Any

import sqlalchemy as sa
from marshmallow import Schema, fields, validate

from community.core.validation import BaseSchema
from community.extensions import db

MAX_PER_PAGE = 100


class PageArgsSchema(BaseSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE))


class PageMetaSchema(BaseSchema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """A response schema ``{"items": [...], "meta": {...}}`` for one item schema."""
    return Schema.from_dict(
        {"items": fields.List(fields.Nested(item_schema)), "meta": fields.Nested(PageMetaSchema)},
        name=name,
    )


@dataclass
class Page:
    items: list[Any]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def meta(self) -> dict:
        return {
            "page": self.page,
            "per_page": self.per_page,
            "total": self.total,
            "pages": self.pages,
        }


def paginate(stmt: sa.Select, page: int = 1, per_page: int = 20) -> Page:
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())
    )
    items = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).unique().all()
    return Page(items=list(items), page=page, per_page=per_page, total=total or 0)

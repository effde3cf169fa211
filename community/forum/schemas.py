from __future__ import annotations

from marshmallow import fields, validate

from community.core.i18n import N_
from community.core.pagination import PageArgsSchema, PageMetaSchema
from community.core.validation import BaseSchema, PartialUpdate
from community.forum.reference import CATEGORIES

ID = validate.Range(min=1, max=2**31 - 1)
CATEGORY_SLUGS = [slug for slug, *_ in CATEGORIES]
TITLE = validate.Length(min=1, max=200)
BODY = validate.Length(min=1, max=50_000)
NOT_BLANK = validate.Regexp(r"\S", error=N_("空白だけの入力はできません。"))
STATES = ("follow", "mute", "none")


class CategorySchema(BaseSchema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()
    description = fields.String()
    secretariat_only = fields.Boolean(
        metadata={"description": "Only the secretariat starts threads here"}
    )


class CategoryStatsSchema(CategorySchema):
    threads = fields.Integer()
    posts = fields.Integer()


class AuthorSchema(BaseSchema):
    id = fields.Integer()
    display_name = fields.String()
    handle = fields.String()


class ThreadSchema(BaseSchema):
    category_id = fields.Integer(required=True, validate=ID)
    title = fields.String(required=True, validate=[TITLE, NOT_BLANK])
    body = fields.String(
        required=True,
        validate=[BODY, NOT_BLANK],
        metadata={"description": "Markdown; @handle mentions a user"},
    )
    is_question = fields.Boolean(load_default=False)


class ThreadUpdateSchema(PartialUpdate, BaseSchema):
    """The title, the opening post and whether it is a question; the category moves through
    ``/moderation``."""

    title = fields.String(validate=[TITLE, NOT_BLANK])
    body = fields.String(validate=[BODY, NOT_BLANK])
    is_question = fields.Boolean()


class ThreadOutSchema(BaseSchema):
    id = fields.Integer()
    category = fields.Nested(CategorySchema)
    title = fields.String()
    author = fields.Nested(AuthorSchema, allow_none=True)
    is_question = fields.Boolean()
    solved = fields.Boolean()
    accepted_post_id = fields.Integer(allow_none=True)
    locked = fields.Boolean()
    hidden = fields.Boolean()
    reply_count = fields.Integer()
    last_posted_at = fields.DateTime()
    last_poster = fields.Nested(AuthorSchema, allow_none=True)
    created_at = fields.DateTime()


class ThreadPageSchema(BaseSchema):
    items = fields.List(fields.Nested(ThreadOutSchema))
    meta = fields.Nested(PageMetaSchema)


class ThreadQueryArgsSchema(PageArgsSchema):
    q = fields.String(
        validate=validate.Length(max=200),
        metadata={"description": "Japanese search: terms of two or more characters, AND"},
    )
    category = fields.String(validate=validate.OneOf(CATEGORY_SLUGS))
    unsolved = fields.Boolean(metadata={"description": "Questions without an accepted answer"})


class PostSchema(BaseSchema):
    body = fields.String(
        required=True,
        validate=[BODY, NOT_BLANK],
        metadata={"description": "Markdown; @handle mentions a user"},
    )


class PostOutSchema(BaseSchema):
    id = fields.Integer()
    thread_id = fields.Integer()
    author = fields.Nested(AuthorSchema, allow_none=True)
    is_opening = fields.Boolean()
    body = fields.String()
    body_html = fields.String()
    hidden = fields.Boolean()
    accepted = fields.Function(lambda p: p.thread.accepted_post_id == p.id)
    edited_at = fields.DateTime(allow_none=True)
    revision_count = fields.Integer()
    created_at = fields.DateTime()


class PostPageSchema(BaseSchema):
    items = fields.List(fields.Nested(PostOutSchema))
    meta = fields.Nested(PageMetaSchema)


class RevisionOutSchema(BaseSchema):
    id = fields.Integer()
    post_id = fields.Integer()
    editor = fields.Nested(AuthorSchema, allow_none=True)
    title = fields.String(allow_none=True)
    body = fields.String()
    body_html = fields.String()
    created_at = fields.DateTime(metadata={"description": "When it was replaced"})


class AcceptSchema(BaseSchema):
    post_id = fields.Integer(required=True, validate=ID)


class SubscriptionSchema(BaseSchema):
    state = fields.String(required=True, validate=validate.OneOf(STATES))


class SubscriptionOutSchema(BaseSchema):
    state = fields.String(metadata={"description": "following, muted or none"})


class ThreadModerationSchema(BaseSchema):
    hidden = fields.Boolean()
    locked = fields.Boolean()
    category_id = fields.Integer(validate=ID, metadata={"description": "Move it there"})


class PostModerationSchema(BaseSchema):
    hidden = fields.Boolean(required=True)

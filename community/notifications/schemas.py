from __future__ import annotations

from marshmallow import ValidationError as SchemaError
from marshmallow import fields, validate, validates_schema

from community.core.i18n import N_
from community.core.pagination import PageArgsSchema, PageMetaSchema
from community.core.validation import BaseSchema
from community.notifications.models import NotificationKind
from community.notifications.services import describe

ID = validate.Range(min=1, max=2**31 - 1)


class NotificationQueryArgsSchema(PageArgsSchema):
    unread = fields.Boolean(load_default=False, metadata={"description": "Only unread ones."})


class NotificationSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    kind = fields.String(dump_only=True, metadata={"enum": [k.value for k in NotificationKind]})
    subject = fields.String(dump_only=True)
    url = fields.String(dump_only=True, metadata={"description": "The page to open."})
    actor = fields.Method("_actor", dump_only=True, allow_none=True)
    text = fields.Method(
        "_text", dump_only=True, metadata={"description": "In the reader's language."}
    )
    created_at = fields.DateTime(dump_only=True)
    read_at = fields.DateTime(dump_only=True, allow_none=True)

    def _actor(self, notification) -> dict | None:
        actor = notification.actor
        return None if actor is None else {"id": actor.id, "display_name": actor.display_name}

    def _text(self, notification) -> str:
        actor = notification.actor
        return describe(notification.kind, actor and actor.display_name, notification.subject)


class NotificationPageSchema(BaseSchema):
    items = fields.List(fields.Nested(NotificationSchema))
    meta = fields.Nested(PageMetaSchema)
    unread = fields.Integer(metadata={"description": "Unread notifications in all."})


class UnreadCountSchema(BaseSchema):
    unread = fields.Integer()


class MarkReadSchema(BaseSchema):
    """Which to mark read: the listed ``ids``, all up to ``up_to``, or (neither) all."""

    ids = fields.List(fields.Integer(validate=ID), validate=validate.Length(min=1, max=500))
    up_to = fields.Integer(validate=ID)

    @validates_schema
    def _one_way(self, data, **kwargs):
        if "ids" in data and "up_to" in data:
            raise SchemaError(N_("ids と up_to は同時に指定できません。"), field_name="ids")


class MarkedSchema(BaseSchema):
    marked = fields.Integer()
    unread = fields.Integer()

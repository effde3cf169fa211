from __future__ import annotations

from marshmallow import fields, validate

from community.channels.models import CLIENT_ID_MAX_LENGTH, MESSAGE_MAX_LENGTH
from community.core.i18n import N_
from community.core.validation import BaseSchema
from community.experts.reference import FIELDS

ID = validate.Range(min=1, max=2**31 - 1)
CLIENT_ID = validate.Regexp(
    rf"^[A-Za-z0-9_.:-]{{1,{CLIENT_ID_MAX_LENGTH}}}$",
    error=N_("client_id は英数字と _ . : - の64文字以内で指定してください。"),
)
NOT_BLANK = validate.Regexp(r"\S", error=N_("本文を入力してください。"))


class ChannelPersonSchema(BaseSchema):
    id = fields.Integer()
    display_name = fields.String()
    role = fields.String()


class ChannelMessageSchema(BaseSchema):
    """A message as the API, the socket acks and the live events show it."""

    id = fields.Integer()
    channel_id = fields.Integer()
    client_id = fields.String()
    author = fields.Nested(ChannelPersonSchema, allow_none=True)
    body = fields.String(metadata={"description": "Markdown; empty once deleted"})
    body_html = fields.String(metadata={"description": "Sanitised HTML, rendered when written"})
    is_question = fields.Boolean()
    answered_at = fields.DateTime(allow_none=True)
    answered_by = fields.Nested(ChannelPersonSchema, allow_none=True)
    answer_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    edited_at = fields.DateTime(allow_none=True)
    deleted_at = fields.DateTime(allow_none=True)
    deleted = fields.Boolean(attribute="is_deleted")


class ChannelMemberSchema(BaseSchema):
    user = fields.Nested(ChannelPersonSchema)
    invited_by_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()


class ChannelSchema(BaseSchema):
    id = fields.Integer()
    kind = fields.String(metadata={"description": "field (public) or room (a lab's private)"})
    field_code = fields.String(allow_none=True)
    lab_id = fields.Integer(allow_none=True)
    lab_name = fields.String(attribute="lab.name", allow_none=True)
    name = fields.String()
    description = fields.String()
    created_at = fields.DateTime()
    unread_count = fields.Integer()


class ChannelDetailSchema(ChannelSchema):
    invited = fields.List(
        fields.Nested(ChannelMemberSchema), metadata={"description": "Experts invited to a room"}
    )
    can_post = fields.Boolean()
    can_manage = fields.Boolean()
    last_read_message_id = fields.Integer()


class ChannelListSchema(BaseSchema):
    items = fields.List(fields.Nested(ChannelSchema))


class ChannelRoomSchema(BaseSchema):
    lab_id = fields.Integer(required=True, validate=ID)
    name = fields.String(required=True, validate=[validate.Length(min=1, max=120), NOT_BLANK])
    description = fields.String(load_default="", validate=validate.Length(max=2000))


class ChannelInviteSchema(BaseSchema):
    user_id = fields.Integer(required=True, validate=ID)


class ChannelHistoryArgsSchema(BaseSchema):
    before = fields.Integer(validate=ID, metadata={"description": "Messages older than this id"})
    after = fields.Integer(validate=ID, metadata={"description": "Messages newer than this id"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=100))


class ChannelHistoryMetaSchema(BaseSchema):
    limit = fields.Integer()
    has_more = fields.Boolean(
        metadata={"description": "More messages lie beyond this page in its direction"}
    )
    oldest_id = fields.Integer(allow_none=True)
    newest_id = fields.Integer(allow_none=True)


class ChannelHistorySchema(BaseSchema):
    items = fields.List(
        fields.Nested(ChannelMessageSchema), metadata={"description": "Oldest first"}
    )
    meta = fields.Nested(ChannelHistoryMetaSchema)


class ChannelSendSchema(BaseSchema):
    body = fields.String(
        required=True, validate=[validate.Length(min=1, max=MESSAGE_MAX_LENGTH), NOT_BLANK]
    )
    client_id = fields.String(
        validate=CLIENT_ID,
        metadata={
            "description": "Chosen by the client, unique per author: a retried send with the"
            " same id returns the stored message instead of storing it twice"
        },
    )
    is_question = fields.Boolean(load_default=False)


class ChannelSocketSendSchema(ChannelSendSchema):
    channel_id = fields.Integer(required=True, validate=ID)
    client_id = fields.String(required=True, validate=CLIENT_ID)


class ChannelEditSchema(BaseSchema):
    body = fields.String(
        required=True, validate=[validate.Length(min=1, max=MESSAGE_MAX_LENGTH), NOT_BLANK]
    )


class ChannelSocketEditSchema(ChannelEditSchema):
    message_id = fields.Integer(required=True, validate=ID)


class ChannelMessageRefSchema(BaseSchema):
    message_id = fields.Integer(required=True, validate=ID)


class ChannelRefSchema(BaseSchema):
    channel_id = fields.Integer(required=True, validate=ID)


class ChannelReadSchema(BaseSchema):
    message_id = fields.Integer(
        required=True, validate=ID, metadata={"description": "Read up to this message"}
    )


class ChannelSocketReadSchema(ChannelReadSchema):
    channel_id = fields.Integer(required=True, validate=ID)


class ChannelReadStateSchema(BaseSchema):
    channel_id = fields.Integer()
    last_read_message_id = fields.Integer()
    unread_count = fields.Integer()


class ChannelAnswerSchema(BaseSchema):
    answer_id = fields.Integer(
        allow_none=True,
        load_default=None,
        validate=ID,
        metadata={
            "description": "The message that answers; none: an expert or the asker marks it"
            " answered without pointing at one"
        },
    )


class ChannelSocketAnswerSchema(ChannelAnswerSchema):
    question_id = fields.Integer(required=True, validate=ID)


class ChannelQueueArgsSchema(BaseSchema):
    field = fields.String(validate=validate.OneOf(list(FIELDS)))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=200))


class ChannelQuestionSchema(ChannelMessageSchema):
    channel_name = fields.String(attribute="channel.name")
    field_code = fields.String(attribute="channel.field_code")
    age_seconds = fields.Integer(metadata={"description": "How long it has waited"})


class ChannelFiguresSchema(BaseSchema):
    days = fields.Integer()
    asked = fields.Integer()
    answered = fields.Integer()
    waiting = fields.Integer()
    first_reply_median_seconds = fields.Integer(allow_none=True)
    first_reply_p90_seconds = fields.Integer(allow_none=True)
    answered_median_seconds = fields.Integer(allow_none=True)
    answered_p90_seconds = fields.Integer(allow_none=True)


class ChannelQueueSchema(BaseSchema):
    items = fields.List(
        fields.Nested(ChannelQuestionSchema), metadata={"description": "Oldest first"}
    )
    figures = fields.Nested(ChannelFiguresSchema)


class ChannelPresenceSchema(BaseSchema):
    experts = fields.List(fields.Nested(ChannelPersonSchema))

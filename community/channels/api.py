"""JSON API for the live expert channels: thin handlers over ``channels.services``."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from community.channels import services
from community.channels.schemas import (
    ChannelAnswerSchema,
    ChannelDetailSchema,
    ChannelEditSchema,
    ChannelHistoryArgsSchema,
    ChannelHistorySchema,
    ChannelInviteSchema,
    ChannelListSchema,
    ChannelMemberSchema,
    ChannelMessageSchema,
    ChannelPresenceSchema,
    ChannelQueueArgsSchema,
    ChannelQueueSchema,
    ChannelReadSchema,
    ChannelReadStateSchema,
    ChannelRoomSchema,
    ChannelSendSchema,
)

channels_blp = Blueprint(
    "channels_api",
    __name__,
    url_prefix="/api/channels",
    description="Live expert channels (専門家チャンネル) and private consultation rooms",
)
blueprints = (channels_blp,)


def _user():
    return current_user._get_current_object()


def _channel(channel_id: int):
    return services.get_channel(_user(), channel_id)


def _message(channel_id: int, message_id: int):
    return services.get_message(_user(), _channel(channel_id), message_id)


@channels_blp.route("")
class Channels(MethodView):
    @channels_blp.response(200, ChannelListSchema)
    @channels_blp.alt_response(401, description="Log-in required")
    def get(self):
        """The public channels (one per field) and the rooms you belong to, with unread counts."""
        return {"items": services.list_channels(_user())}

    @channels_blp.arguments(ChannelRoomSchema)
    @channels_blp.response(201, ChannelDetailSchema)
    @channels_blp.alt_response(403, description="Only members of the lab")
    @channels_blp.alt_response(404, description="No such lab")
    def post(self, data):
        """Open a private consultation room for your lab."""
        return services.do_create_room(_user(), **data)


@channels_blp.route("/presence")
class Presence(MethodView):
    @channels_blp.response(200, ChannelPresenceSchema)
    @channels_blp.alt_response(401, description="Log-in required")
    def get(self):
        """The experts connected to the channels now."""
        services.check_presence_reader(_user())
        return services.presence_payload()


@channels_blp.route("/questions")
class Questions(MethodView):
    @channels_blp.arguments(ChannelQueueArgsSchema, location="query")
    @channels_blp.response(200, ChannelQueueSchema)
    @channels_blp.alt_response(403, description="Only experts and the secretariat")
    def get(self, args):
        """Unanswered questions of the public channels, oldest first, with response times
        (median and 90th percentile over the last 30 days)."""
        return services.unanswered_questions(_user(), **args)


@channels_blp.route("/<int:channel_id>")
class ChannelItem(MethodView):
    @channels_blp.response(200, ChannelDetailSchema)
    @channels_blp.alt_response(403, description="Another lab's room")
    @channels_blp.alt_response(404, description="No such channel")
    def get(self, channel_id):
        """One channel, with the experts invited to a room and what you may do there."""
        return services.get_channel_detail(_user(), channel_id)


@channels_blp.route("/<int:channel_id>/members")
class Members(MethodView):
    @channels_blp.arguments(ChannelInviteSchema)
    @channels_blp.response(201, ChannelMemberSchema)
    @channels_blp.alt_response(403, description="Only the lab's coordinators and the creator")
    @channels_blp.alt_response(409, description="Already invited")
    def post(self, data, channel_id):
        """Invite an expert to a room."""
        return services.do_invite(_user(), _channel(channel_id), **data)


@channels_blp.route("/<int:channel_id>/members/<int:user_id>")
class MemberItem(MethodView):
    @channels_blp.response(204)
    @channels_blp.alt_response(403, description="Only the lab's coordinators and the creator")
    @channels_blp.alt_response(404, description="Not invited")
    def delete(self, channel_id, user_id):
        """Remove an invited expert from a room."""
        services.do_remove_member(_user(), _channel(channel_id), user_id=user_id)


@channels_blp.route("/<int:channel_id>/messages")
class Messages(MethodView):
    @channels_blp.arguments(ChannelHistoryArgsSchema, location="query")
    @channels_blp.response(200, ChannelHistorySchema)
    @channels_blp.alt_response(403, description="Another lab's room")
    def get(self, args, channel_id):
        """History by cursor, oldest first within the page: the newest messages, or those
        `before` a message id (older), or `after` one (newer)."""
        return services.history(_user(), _channel(channel_id), **args)

    @channels_blp.arguments(ChannelSendSchema)
    @channels_blp.response(201, ChannelMessageSchema)
    @channels_blp.alt_response(
        200, schema=ChannelMessageSchema, description="Sent before (same client_id)"
    )
    @channels_blp.alt_response(403, description="Not a member of the room")
    @channels_blp.alt_response(409, description="The client_id belongs to another channel")
    @channels_blp.alt_response(429, description="Too many messages in a short time")
    def post(self, data, channel_id):
        """Send a message (a question with `is_question`); a retry with the same `client_id`
        returns the stored message with 200."""
        message, created = services.do_send(_user(), _channel(channel_id), **data)
        return message, 201 if created else 200


@channels_blp.route("/<int:channel_id>/messages/<int:message_id>")
class MessageItem(MethodView):
    @channels_blp.arguments(ChannelEditSchema)
    @channels_blp.response(200, ChannelMessageSchema)
    @channels_blp.alt_response(403, description="Not the author")
    @channels_blp.alt_response(409, description="The edit window has passed, or deleted")
    def patch(self, data, channel_id, message_id):
        """Edit your message within the edit window."""
        return services.do_edit(_user(), _message(channel_id, message_id), **data)

    @channels_blp.response(200, ChannelMessageSchema)
    @channels_blp.alt_response(403, description="Not the author")
    @channels_blp.alt_response(409, description="The edit window has passed, or deleted")
    def delete(self, channel_id, message_id):
        """Delete your message within the edit window; it shows as 削除されました."""
        return services.do_delete(_user(), _message(channel_id, message_id))


@channels_blp.route("/<int:channel_id>/messages/<int:message_id>/answer")
class Answer(MethodView):
    @channels_blp.arguments(ChannelAnswerSchema)
    @channels_blp.response(200, ChannelMessageSchema)
    @channels_blp.alt_response(403, description="No access, or no answer given by another")
    @channels_blp.alt_response(409, description="Not a question, or answered already")
    def post(self, data, channel_id, message_id):
        """Mark a question answered, pointing at the answering message."""
        return services.do_answer(_user(), _message(channel_id, message_id), **data)


@channels_blp.route("/<int:channel_id>/read")
class Read(MethodView):
    @channels_blp.arguments(ChannelReadSchema)
    @channels_blp.response(200, ChannelReadStateSchema)
    @channels_blp.alt_response(404, description="No such message in the channel")
    def post(self, data, channel_id):
        """Mark the channel read up to a message (never moves back)."""
        return services.do_mark_read(_user(), _channel(channel_id), **data)

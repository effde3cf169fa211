"""The ``/channels`` Socket.IO namespace: thin handlers over ``channels.services``.

Every handler answers through its acknowledgement: the result, or ``{"error": code,
"message": text}`` (``errors`` holds field messages for ``invalid``). Events that announce a
change are sent by the services after the commit.
"""

from __future__ import annotations

import logging

from flask import Flask, request
from flask_babel import gettext
from flask_login import current_user
from flask_socketio import Namespace, join_room, leave_room
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from community.channels import services
from community.channels.schemas import (
    ChannelMessageRefSchema,
    ChannelRefSchema,
    ChannelSocketAnswerSchema,
    ChannelSocketEditSchema,
    ChannelSocketReadSchema,
    ChannelSocketSendSchema,
)
from community.core.realtime import user_room
from community.core.validation import INVALID_INPUT, ValidationFailed, localise
from community.extensions import db, socketio

log = logging.getLogger(__name__)

ERROR_CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    422: "invalid",
    429: "rate_limited",
}
JOIN_HISTORY = 50


def _user():
    return current_user._get_current_object()


def _load(schema, data) -> dict:
    return schema().load(data)  # not an object: "入力の形式が正しくありません。"


def _answer(action, data):
    """Run one event; its outcome or an error object is the acknowledgement."""
    try:
        return action(data)
    except ValidationError as error:
        db.session.rollback()
        return {
            "error": "invalid",
            "message": gettext(INVALID_INPUT),
            "errors": localise(error.normalized_messages()),
        }
    except ValidationFailed as error:
        db.session.rollback()
        return {
            "error": "invalid",
            "message": gettext(INVALID_INPUT),
            "errors": localise(error.errors),
        }
    except HTTPException as error:
        db.session.rollback()
        return {
            "error": ERROR_CODES.get(error.code, "error"),
            "message": gettext(str(error.description)),
        }
    except Exception:  # a handler must answer, whatever happened
        db.session.rollback()
        log.exception("channels socket event failed")
        return {"error": "server_error", "message": gettext("エラーが発生しました。")}


class ChannelsNamespace(Namespace):
    def on_connect(self, auth=None):
        if not current_user.is_authenticated:
            raise ConnectionRefusedError("login required")
        services.do_connect(_user(), request.sid)
        join_room(user_room(current_user.id))

    def on_disconnect(self, reason=None):
        if current_user.is_authenticated:
            services.do_disconnect(current_user.id, request.sid, current_user.role)

    def on_heartbeat(self, data=None):
        return _answer(lambda _: services.do_heartbeat(_user(), request.sid) or {"ok": True}, data)

    def on_join(self, data=None):
        def join(data):
            args = _load(ChannelRefSchema, data)
            channel = services.get_channel(_user(), args["channel_id"])
            page = services.history(_user(), channel, limit=JOIN_HISTORY)
            services.do_heartbeat(_user(), request.sid)
            join_room(services.channel_room(channel.id))
            return {
                "channel_id": channel.id,
                "messages": [services.dump_message(m) for m in page["items"]],
                "has_more": page["meta"]["has_more"],
                "presence": services.presence_payload(),
            }

        return _answer(join, data)

    def on_leave(self, data=None):
        def leave(data):
            args = _load(ChannelRefSchema, data)
            leave_room(services.channel_room(args["channel_id"]))
            return {"channel_id": args["channel_id"]}

        return _answer(leave, data)

    def on_send(self, data=None):
        def send(data):
            args = _load(ChannelSocketSendSchema, data)
            channel = services.get_channel(_user(), args.pop("channel_id"))
            message, _created = services.do_send(_user(), channel, **args)
            return services.dump_message(message)

        return _answer(send, data)

    def on_edit(self, data=None):
        def edit(data):
            args = _load(ChannelSocketEditSchema, data)
            message = services.find_message(_user(), args["message_id"])
            return services.dump_message(services.do_edit(_user(), message, body=args["body"]))

        return _answer(edit, data)

    def on_delete(self, data=None):
        def delete(data):
            args = _load(ChannelMessageRefSchema, data)
            message = services.find_message(_user(), args["message_id"])
            return services.dump_message(services.do_delete(_user(), message))

        return _answer(delete, data)

    def on_typing(self, data=None):
        def typing(data):
            args = _load(ChannelRefSchema, data)
            channel = services.get_channel(_user(), args["channel_id"])
            services.notify_typing(_user(), channel, skip_sid=request.sid)
            return {"ok": True}

        return _answer(typing, data)

    def on_read(self, data=None):
        def read(data):
            args = _load(ChannelSocketReadSchema, data)
            channel = services.get_channel(_user(), args["channel_id"])
            return services.do_mark_read(_user(), channel, message_id=args["message_id"])

        return _answer(read, data)

    def on_answer(self, data=None):
        def answer(data):
            args = _load(ChannelSocketAnswerSchema, data)
            question = services.find_message(_user(), args["question_id"])
            answered = services.do_answer(_user(), question, answer_id=args["answer_id"])
            return services.dump_message(answered)

        return _answer(answer, data)


def register(app: Flask) -> None:
    socketio.on_namespace(ChannelsNamespace(services.NAMESPACE))

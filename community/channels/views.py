"""HTML pages for the live expert channels: thin handlers over ``channels.services``.

Every form posts to a plain URL, so the pages work without JavaScript; ``static/js/channels.js``
makes the channel page live over the ``/channels`` Socket.IO namespace.
"""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import HTTPException

from community.channels import services
from community.channels.schemas import (
    ChannelAnswerSchema,
    ChannelHistoryArgsSchema,
    ChannelInviteSchema,
    ChannelQueueArgsSchema,
    ChannelRoomSchema,
    ChannelSendSchema,
)
from community.core.validation import ValidationFailed, load_form, localise, submit_form
from community.experts.reference import FIELDS

blp = Blueprint("channels", __name__, url_prefix="/channels")


def _user():
    return current_user._get_current_object()


def _args(schema, source) -> dict:
    data, errors = load_form(schema(), source)
    if errors:
        abort(404)
    return data


def _flash_error(error: Exception) -> None:
    if isinstance(error, ValidationFailed):
        for messages in localise(error.errors).values():
            for message in messages:
                flash(message, "error")
    elif isinstance(error, HTTPException):
        flash(_(str(error.description)), "error")


@blp.get("")
@login_required
def index():
    channels = services.list_channels(_user())
    public = [c for c in channels if c.is_public]
    rooms = [c for c in channels if not c.is_public]
    return render_template(
        "channels/index.html",
        public=public,
        rooms=rooms,
        can_create=bool(services.lab_choices(_user())),
        sees_queue=services.is_expert(_user()) or _user().is_secretariat,
    )


@blp.get("/<int:channel_id>")
@login_required
def show(channel_id: int):
    channel = services.get_channel_detail(_user(), channel_id)
    args = _args(ChannelHistoryArgsSchema, request.args)
    page = services.history(_user(), channel, before=args.get("before"), limit=args["limit"])
    return render_template(
        "channels/detail.html",
        channel=channel,
        messages=page["items"],
        meta=page["meta"],
        field_name=FIELDS.get(channel.field_code or ""),
        can_change=services.can_change,
        experts=services.expert_choices(channel) if channel.can_manage else [],
        client_id=uuid.uuid4().hex,
        edit_window=services.edit_window_seconds(),
    )


@blp.post("/<int:channel_id>/messages")
@login_required
def send(channel_id: int):
    channel = services.get_channel(_user(), channel_id)
    result, errors = submit_form(
        ChannelSendSchema(), request.form, lambda **data: services.do_send(_user(), channel, **data)
    )
    if errors:
        for messages in errors.values():
            for message in messages if isinstance(messages, list) else [messages]:
                flash(message, "error")
        return redirect(url_for("channels.show", channel_id=channel_id) + "#compose")
    message, _created = result
    return redirect(url_for("channels.show", channel_id=channel_id) + f"#m{message.id}")


@blp.post("/<int:channel_id>/messages/<int:message_id>/delete")
@login_required
def delete(channel_id: int, message_id: int):
    channel = services.get_channel(_user(), channel_id)
    message = services.get_message(_user(), channel, message_id)
    try:
        services.do_delete(_user(), message)
        flash(_("メッセージを削除しました。"), "success")
    except (ValidationFailed, HTTPException) as error:
        if getattr(error, "code", None) in (401, 404):
            raise
        _flash_error(error)
    return redirect(url_for("channels.show", channel_id=channel_id) + f"#m{message_id}")


@blp.post("/<int:channel_id>/messages/<int:message_id>/answer")
@login_required
def answer(channel_id: int, message_id: int):
    channel = services.get_channel(_user(), channel_id)
    question = services.get_message(_user(), channel, message_id)
    data, errors = load_form(ChannelAnswerSchema(), request.form)
    if errors:
        abort(422)
    try:
        services.do_answer(_user(), question, **data)
        flash(_("回答済みにしました。"), "success")
    except (ValidationFailed, HTTPException) as error:
        if getattr(error, "code", None) in (401, 404):
            raise
        _flash_error(error)
    return redirect(url_for("channels.show", channel_id=channel_id) + f"#m{message_id}")


@blp.post("/<int:channel_id>/read")
@login_required
def read(channel_id: int):
    channel = services.get_channel(_user(), channel_id)
    message_id = request.form.get("message_id", type=int)
    if not message_id or message_id < 1 or message_id > 2**31 - 1:
        abort(422)
    services.do_mark_read(_user(), channel, message_id=message_id)
    return redirect(url_for("channels.index"))


@blp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    labs = services.lab_choices(_user())
    errors: dict = {}
    values = request.form if request.method == "POST" else {}
    if request.method == "POST":
        channel, errors = submit_form(
            ChannelRoomSchema(),
            request.form,
            lambda **data: services.do_create_room(_user(), **data),
        )
        if channel is not None:
            flash(_("相談ルームを作成しました。"), "success")
            return redirect(url_for("channels.show", channel_id=channel.id))
    return render_template("channels/form.html", labs=labs, errors=errors, values=values)


@blp.post("/<int:channel_id>/members")
@login_required
def invite(channel_id: int):
    channel = services.get_channel(_user(), channel_id)
    _result, errors = submit_form(
        ChannelInviteSchema(),
        request.form,
        lambda **data: services.do_invite(_user(), channel, **data),
    )
    if errors:
        for messages in errors.values():
            for message in messages if isinstance(messages, list) else [messages]:
                flash(message, "error")
    else:
        flash(_("専門家を招待しました。"), "success")
    return redirect(url_for("channels.show", channel_id=channel_id) + "#members")


@blp.post("/<int:channel_id>/members/<int:user_id>/remove")
@login_required
def remove(channel_id: int, user_id: int):
    channel = services.get_channel(_user(), channel_id)
    services.do_remove_member(_user(), channel, user_id=user_id)
    flash(_("招待を取り消しました。"), "success")
    return redirect(url_for("channels.show", channel_id=channel_id) + "#members")


@blp.get("/questions")
@login_required
def questions():
    args = _args(ChannelQueueArgsSchema, request.args)
    queue = services.unanswered_questions(_user(), **args)
    return render_template(
        "channels/questions.html",
        questions=queue["items"],
        figures=queue["figures"],
        fields=FIELDS,
        field=args.get("field"),
    )


def duration(seconds: int | None) -> str:
    """A waiting time as people say it: 3分, 2時間, 4日."""
    if seconds is None:
        return "—"
    if seconds < 60:
        return _("%(n)s秒", n=seconds)
    if seconds < 3600:
        return _("%(n)s分", n=seconds // 60)
    if seconds < 86400:
        return _("%(n)s時間", n=seconds // 3600)
    return _("%(n)s日", n=seconds // 86400)


@blp.app_template_filter("duration")
def _duration_filter(seconds):
    return duration(seconds)

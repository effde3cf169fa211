"""Live expert channels: who may read and write where, and every change to messages.

Access. A public channel (one per field) is read and written by every logged-in person; a
lab's room by the lab's members and the experts invited to it, and read by the secretariat.
The checks run here on every join, every message and every change, whichever door (page, API,
socket) it came through.

Idempotency. A message carries a ``client_id`` chosen by the sender; ``(author_id, client_id)`` is
unique in the database, so a send that is retried (after a timeout, a reconnection) is stored
once: the retry finds the stored row, or loses the race on the unique constraint and then reads
the row that won.

Every change is committed before it is announced (``emit_after_commit``).
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import aliased, joinedload, selectinload
from werkzeug.exceptions import Conflict, Forbidden, NotFound

from community.accounts.models import Role, User
from community.channels.models import (
    MESSAGE_MAX_LENGTH,
    Channel,
    ChannelKind,
    ChannelMember,
    ChannelMessage,
    ChannelReadState,
)
from community.channels.presence import presence
from community.channels.schemas import ChannelMessageSchema, ChannelPersonSchema
from community.core.db import utcnow
from community.core.i18n import N_
from community.core.markdown import render_markdown
from community.core.permissions import require, require_user
from community.core.ratelimit import check_rate
from community.core.realtime import emit_after_commit, user_room
from community.core.validation import ValidationFailed
from community.experts import services as experts
from community.experts.reference import FIELDS
from community.extensions import db, socketio
from community.labs.models import Lab
from community.notifications.services import do_notify

NAMESPACE = "/channels"

CHANNEL_NOT_FOUND = N_("チャンネルが見つかりません。")
MESSAGE_NOT_FOUND = N_("メッセージが見つかりません。")
USER_NOT_FOUND = N_("利用者が見つかりません。")
NO_ACCESS = N_("このチャンネルに参加する権限がありません。")
NOT_POSTER = N_("このチャンネルに投稿する権限がありません。")
NOT_MANAGER = N_("この相談ルームのメンバーを管理する権限がありません。")
NOT_AUTHOR = N_("自分のメッセージだけを編集・削除できます。")
WINDOW_PASSED = N_("編集・削除できる時間を過ぎました。")
ALREADY_DELETED = N_("このメッセージは削除されています。")
NOT_A_QUESTION = N_("このメッセージは質問ではありません。")
ALREADY_ANSWERED = N_("この質問は回答済みです。")
RATE_LIMITED = N_("短時間に送信しすぎています。しばらく待ってから送信してください。")
CLIENT_ID_TAKEN = N_("この client_id はほかのチャンネルのメッセージに使われています。")
EXPERTS_ONLY = N_("招待できるのは専門家だけです。")
ALREADY_MEMBER = N_("この専門家はすでに招待されています。")
QUEUE_FOR_EXPERTS = N_("未回答の質問は専門家と事務局が見られます。")
ROOM_FOR_MEMBERS = N_("所属するラボの相談ルームだけを作成できます。")


def channel_room(channel_id: int) -> str:
    return f"channel:{channel_id}"


def _signed_in(user: User | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def is_expert(user: User | None) -> bool:
    return _signed_in(user) and user.role == Role.EXPERT


# --- reference data -------------------------------------------------------------------------


def ensure_field_channels() -> int:
    """One public channel per field (``experts.reference.FIELDS``); safe to run again."""
    existing = {
        channel.field_code: channel
        for channel in db.session.scalars(
            sa.select(Channel).where(Channel.kind == ChannelKind.FIELD.value)
        )
    }
    for position, (code, name) in enumerate(FIELDS.items()):
        channel = existing.get(code) or Channel(kind=ChannelKind.FIELD.value, field_code=code)
        channel.name, channel.position = name, position
        db.session.add(channel)
    db.session.commit()
    return len(FIELDS)


# --- permissions ----------------------------------------------------------------------------


def _is_invited(user: User, channel: Channel) -> bool:
    return bool(
        db.session.scalar(
            sa.select(ChannelMember.id).where(
                ChannelMember.channel_id == channel.id, ChannelMember.user_id == user.id
            )
        )
    )


def can_post(user: User | None, channel: Channel) -> bool:
    if not _signed_in(user):
        return False
    if channel.is_public:
        return True
    return user.membership_in(channel.lab_id) is not None or _is_invited(user, channel)


def can_read(user: User | None, channel: Channel) -> bool:
    if not _signed_in(user):
        return False
    return channel.is_public or user.is_secretariat or can_post(user, channel)


def can_manage(user: User | None, channel: Channel) -> bool:
    """A room's lab coordinators and its creator (while in the lab) invite and remove experts."""
    if not _signed_in(user) or channel.is_public:
        return False
    if user.coordinates(channel.lab_id):
        return True
    return channel.created_by_id == user.id and user.membership_in(channel.lab_id) is not None


def check_connect(user: User | None) -> None:
    require_user(user)


def check_can_read(user: User | None, channel: Channel) -> None:
    require_user(user)
    require(can_read(user, channel), NO_ACCESS)


def check_can_post(user: User | None, channel: Channel) -> None:
    require_user(user)
    if not can_read(user, channel):
        raise Forbidden(NO_ACCESS)
    require(can_post(user, channel), NOT_POSTER)


def check_can_manage(user: User | None, channel: Channel) -> None:
    require_user(user)
    require(can_manage(user, channel), NOT_MANAGER)


def check_send_rate(user: User) -> None:
    check_rate(
        current_app.config["CHANNEL_SEND_RATE_LIMIT"], "channels-send", str(user.id),
        message=RATE_LIMITED,
    )  # fmt: skip


# --- reading --------------------------------------------------------------------------------


def get_channel(user: User | None, channel_id: int) -> Channel:
    """A channel ``user`` may read: 404 when there is none, 403 for another lab's room."""
    require_user(user)
    channel = db.session.get(Channel, channel_id, options=(joinedload(Channel.lab),))
    if channel is None:
        raise NotFound(CHANNEL_NOT_FOUND)
    check_can_read(user, channel)
    return channel


def get_channel_detail(user: User | None, channel_id: int) -> Channel:
    """A channel with its invited experts and what the reader may do there."""
    channel = get_channel(user, channel_id)
    channel = db.session.get(
        Channel,
        channel.id,
        options=(selectinload(Channel.invited).joinedload(ChannelMember.user),),
        populate_existing=True,
    )
    invited = any(member.user_id == user.id for member in channel.invited)
    channel.can_post = (
        channel.is_public or invited or user.membership_in(channel.lab_id) is not None
    )
    channel.can_manage = can_manage(user, channel)
    channel.last_read_message_id = _last_read(user, channel.id)
    channel.unread_count = _unread_counts(user, [channel.id]).get(channel.id, 0)
    return channel


def _visible_channels(user: User) -> sa.Select:
    stmt = sa.select(Channel).options(joinedload(Channel.lab))
    if user.is_secretariat:
        return stmt
    labs = [membership.lab_id for membership in user.memberships]
    invited = sa.select(ChannelMember.channel_id).where(ChannelMember.user_id == user.id)
    return stmt.where(
        sa.or_(
            Channel.kind == ChannelKind.FIELD.value,
            Channel.lab_id.in_(labs),
            Channel.id.in_(invited),
        )
    )


def _unread_counts(user: User, channel_ids: list[int]) -> dict[int, int]:
    """Unread messages per channel in one statement: others' messages after the read mark."""
    if not channel_ids:
        return {}
    state = aliased(ChannelReadState)
    rows = db.session.execute(
        sa.select(ChannelMessage.channel_id, sa.func.count(ChannelMessage.id))
        .outerjoin(
            state,
            sa.and_(state.channel_id == ChannelMessage.channel_id, state.user_id == user.id),
        )
        .where(
            ChannelMessage.channel_id.in_(channel_ids),
            ChannelMessage.id > sa.func.coalesce(state.last_read_message_id, 0),
            ChannelMessage.deleted_at.is_(None),
            sa.or_(ChannelMessage.author_id.is_(None), ChannelMessage.author_id != user.id),
        )
        .group_by(ChannelMessage.channel_id)
    )
    return {channel_id: count for channel_id, count in rows}


def _last_read_row(user: User, channel_id: int) -> int | None:
    return db.session.scalar(
        sa.select(ChannelReadState.last_read_message_id).where(
            ChannelReadState.channel_id == channel_id, ChannelReadState.user_id == user.id
        )
    )


def _last_read(user: User, channel_id: int) -> int:
    return (
        db.session.scalar(
            sa.select(ChannelReadState.last_read_message_id).where(
                ChannelReadState.channel_id == channel_id, ChannelReadState.user_id == user.id
            )
        )
        or 0
    )


def list_channels(user: User | None) -> list[Channel]:
    """Public channels in field order, then the rooms the reader belongs to (the secretariat:
    every room), each with its unread count; two statements whatever the number."""
    require_user(user)
    channels = db.session.scalars(
        _visible_channels(user).order_by(Channel.kind, Channel.position, Channel.name, Channel.id)
    ).all()
    counts = _unread_counts(user, [channel.id for channel in channels])
    for channel in channels:
        channel.unread_count = counts.get(channel.id, 0)
    return list(channels)


_MESSAGE_OPTIONS = (joinedload(ChannelMessage.author), joinedload(ChannelMessage.answered_by))


def history(
    user: User | None,
    channel: Channel,
    *,
    before: int | None = None,
    after: int | None = None,
    limit: int = 50,
) -> dict:
    """A page of messages, oldest first: the newest ``limit``, those before a message id (older
    history) or after one (catching up after a reconnection)."""
    check_can_read(user, channel)
    limit = max(1, min(limit, 100))
    stmt = (
        sa.select(ChannelMessage)
        .where(ChannelMessage.channel_id == channel.id)
        .options(*_MESSAGE_OPTIONS)
    )
    if after is not None:
        stmt = stmt.where(ChannelMessage.id > after)
        if before is not None:
            stmt = stmt.where(ChannelMessage.id < before)
        rows = list(db.session.scalars(stmt.order_by(ChannelMessage.id).limit(limit + 1)))
        has_more = len(rows) > limit
        rows = rows[:limit]
    else:
        if before is not None:
            stmt = stmt.where(ChannelMessage.id < before)
        rows = list(db.session.scalars(stmt.order_by(ChannelMessage.id.desc()).limit(limit + 1)))
        has_more = len(rows) > limit
        rows = rows[:limit][::-1]
    return {
        "items": rows,
        "meta": {
            "limit": limit,
            "has_more": has_more,
            "oldest_id": rows[0].id if rows else None,
            "newest_id": rows[-1].id if rows else None,
        },
    }


def get_message(user: User | None, channel: Channel, message_id: int) -> ChannelMessage:
    message = db.session.get(ChannelMessage, message_id, options=_MESSAGE_OPTIONS)
    if message is None or message.channel_id != channel.id:
        raise NotFound(MESSAGE_NOT_FOUND)
    return message


def find_message(user: User | None, message_id: int) -> ChannelMessage:
    """A message by id alone (the socket events), in a channel the reader may read."""
    require_user(user)
    message = db.session.get(ChannelMessage, message_id, options=_MESSAGE_OPTIONS)
    if message is None:
        raise NotFound(MESSAGE_NOT_FOUND)
    check_can_read(user, message.channel)
    return message


def dump_message(message: ChannelMessage) -> dict:
    return ChannelMessageSchema().dump(message)


# --- writing --------------------------------------------------------------------------------


def _check_body(body: str) -> str:
    if not isinstance(body, str) or not body.strip():
        raise ValidationFailed({"body": [N_("本文を入力してください。")]})
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationFailed({"body": [N_("本文が長すぎます。")]})
    return body


def _stored(user: User, client_id: str) -> ChannelMessage | None:
    return db.session.scalar(
        sa.select(ChannelMessage)
        .where(ChannelMessage.author_id == user.id, ChannelMessage.client_id == client_id)
        .options(*_MESSAGE_OPTIONS)
    )


def _same_channel(message: ChannelMessage, channel: Channel) -> ChannelMessage:
    if message.channel_id != channel.id:
        raise Conflict(CLIENT_ID_TAKEN)
    return message


def do_send(
    user: User | None,
    channel: Channel,
    *,
    body: str,
    client_id: str | None = None,
    is_question: bool = False,
) -> tuple[ChannelMessage, bool]:
    """Store a message and announce it to the channel; returns ``(message, created)``.

    A send whose ``client_id`` the author used before returns the stored message (``created``
    false) and announces nothing again.
    """
    check_can_post(user, channel)
    body = _check_body(body)
    client_id = client_id or uuid.uuid4().hex
    existing = _stored(user, client_id)
    if existing is not None:
        return _same_channel(existing, channel), False
    check_send_rate(user)
    now = utcnow()
    message = ChannelMessage(
        channel_id=channel.id,
        author_id=user.id,
        client_id=client_id,
        body=body,
        body_html=render_markdown(body),
        is_question=bool(is_question),
        created_at=now,
    )
    db.session.add(message)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:  # the same send, retried at the same moment, won the race
        db.session.rollback()  # nothing but reads came before: nothing else is lost
        existing = _stored(user, client_id)
        if existing is None:  # not our duplicate: the channel went away meanwhile
            raise Conflict(CHANNEL_NOT_FOUND) from None
        return _same_channel(existing, channel), False
    if is_expert(user):
        _record_first_expert_reply(channel, user, now)
    emit_after_commit(
        "message", dump_message(message), to=channel_room(channel.id), namespace=NAMESPACE
    )
    db.session.commit()
    return message, True


def _record_first_expert_reply(channel: Channel, expert: User, now: datetime) -> None:
    """An expert's message is the first reply to every earlier question of others still
    waiting for one in the channel (for the response-time figures)."""
    db.session.execute(
        sa.update(ChannelMessage)
        .where(
            ChannelMessage.channel_id == channel.id,
            ChannelMessage.is_question.is_(True),
            ChannelMessage.first_expert_reply_at.is_(None),
            ChannelMessage.deleted_at.is_(None),
            ChannelMessage.author_id != expert.id,
            ChannelMessage.created_at <= now,
        )
        .values(first_expert_reply_at=now)
        .execution_options(synchronize_session=False)
    )


def _check_own_within_window(user: User | None, message: ChannelMessage) -> None:
    require_user(user)
    require(message.author_id == user.id, NOT_AUTHOR)
    if message.is_deleted:
        raise Conflict(ALREADY_DELETED)
    window = timedelta(seconds=int(current_app.config["CHANNEL_EDIT_WINDOW_SECONDS"]))
    if utcnow() - message.created_at > window:
        raise Conflict(WINDOW_PASSED)


def can_change(user: User | None, message: ChannelMessage, now: datetime | None = None) -> bool:
    """Whether the reader may still edit or delete the message (for the pages' buttons)."""
    if not _signed_in(user) or message.author_id != user.id or message.is_deleted:
        return False
    window = timedelta(seconds=int(current_app.config["CHANNEL_EDIT_WINDOW_SECONDS"]))
    return (now or utcnow()) - message.created_at <= window


def do_edit(user: User | None, message: ChannelMessage, *, body: str) -> ChannelMessage:
    """The author corrects a message within the edit window."""
    check_can_post(user, message.channel)
    _check_own_within_window(user, message)
    message.body = _check_body(body)
    message.body_html = render_markdown(message.body)
    message.edited_at = utcnow()
    emit_after_commit(
        "message_edited",
        dump_message(message),
        to=channel_room(message.channel_id),
        namespace=NAMESPACE,
    )
    db.session.commit()
    return message


def do_delete(user: User | None, message: ChannelMessage) -> ChannelMessage:
    """The author withdraws a message within the edit window; it shows as 削除されました."""
    check_can_post(user, message.channel)
    _check_own_within_window(user, message)
    message.body = ""
    message.body_html = ""
    message.deleted_at = utcnow()
    emit_after_commit(
        "message_deleted",
        {"channel_id": message.channel_id, "id": message.id},
        to=channel_room(message.channel_id),
        namespace=NAMESPACE,
    )
    db.session.commit()
    return message


def do_mark_read(user: User | None, channel: Channel, *, message_id: int) -> dict:
    """Move the reader's mark forward to ``message_id`` (never back); the reader's other
    connections hear of it (``read``)."""
    check_can_read(user, channel)
    if not db.session.scalar(
        sa.select(ChannelMessage.id).where(
            ChannelMessage.id == message_id, ChannelMessage.channel_id == channel.id
        )
    ):
        raise NotFound(MESSAGE_NOT_FOUND)
    moved = (
        sa.update(ChannelReadState)
        .where(
            ChannelReadState.channel_id == channel.id,
            ChannelReadState.user_id == user.id,
            ChannelReadState.last_read_message_id < message_id,
        )
        .values(last_read_message_id=message_id, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if _last_read_row(user, channel.id) is None:
        db.session.add(
            ChannelReadState(
                channel_id=channel.id, user_id=user.id, last_read_message_id=message_id
            )
        )
        try:
            db.session.flush()
        except sa.exc.IntegrityError:  # another tab marked it first: move that row instead
            db.session.rollback()
            db.session.execute(moved)
    else:
        db.session.execute(moved)
    result = {
        "channel_id": channel.id,
        "last_read_message_id": max(message_id, _last_read(user, channel.id)),
        "unread_count": 0,
    }
    result["unread_count"] = _unread_counts(user, [channel.id]).get(channel.id, 0)
    emit_after_commit("read", result, to=user_room(user.id), namespace=NAMESPACE)
    db.session.commit()
    return result


def do_answer(
    user: User | None, question: ChannelMessage, *, answer_id: int | None = None
) -> ChannelMessage:
    """Mark a question answered: anyone who may write in the channel, by pointing at the
    answering message; an expert or the asker may also mark it without one."""
    channel = question.channel
    check_can_post(user, channel)
    if not question.is_question or question.is_deleted:
        raise Conflict(NOT_A_QUESTION)
    if question.answered_at is not None:
        raise Conflict(ALREADY_ANSWERED)
    answer = None
    if answer_id is None:
        require(
            is_expert(user) or question.author_id == user.id,
            N_(
                "回答のメッセージを指定してください（指定なしで回答済みにできるのは専門家と質問者です）。"
            ),
        )
    else:
        answer = db.session.get(ChannelMessage, answer_id)
        if (
            answer is None
            or answer.channel_id != channel.id
            or answer.id <= question.id
            or answer.is_deleted
        ):
            raise ValidationFailed(
                {"answer_id": [N_("同じチャンネルの、質問より後のメッセージを指定してください。")]}
            )
        if (
            question.first_expert_reply_at is None
            and answer.author is not None
            and (answer.author.role == Role.EXPERT)
        ):
            question.first_expert_reply_at = answer.created_at
    now = utcnow()
    updated = db.session.execute(
        sa.update(ChannelMessage)
        .where(ChannelMessage.id == question.id, ChannelMessage.answered_at.is_(None))
        .values(answered_at=now, answered_by_id=user.id, answer_id=answer_id)
        .execution_options(synchronize_session=False)
    )
    if updated.rowcount != 1:  # someone marked it in the meantime
        db.session.rollback()
        raise Conflict(ALREADY_ANSWERED)
    question.answered_at, question.answered_by_id, question.answer_id = now, user.id, answer_id
    question.answered_by = user
    _credit_expert(answer.author if answer_id is not None else user, channel)
    notify_answered(user, question)
    db.session.commit()
    return question


def _credit_expert(answerer: User | None, channel: Channel) -> None:
    """An expert's answer in a field's channel counts among their past answers there, which
    rank them for that field's questions (``experts.recommend_experts``)."""
    if answerer is not None and is_expert(answerer) and channel.field_code:
        experts.do_record_answer(answerer.id, [channel.field_code], commit=False)


def notify_answered(user: User, question: ChannelMessage) -> None:
    """The channel and the asker hear that the question was answered, after the commit; the
    asker also gets a notification (unless they marked it themselves)."""
    payload = {
        "channel_id": question.channel_id,
        "question_id": question.id,
        "answer_id": question.answer_id,
        "answered_at": question.answered_at.isoformat(),
        "answered_by": ChannelPersonSchema().dump(user),
    }
    rooms = [channel_room(question.channel_id)]
    if question.author_id is not None:
        rooms.append(user_room(question.author_id))  # once per connection, in either room
    emit_after_commit("question_answered", payload, to=rooms, namespace=NAMESPACE)
    if question.author_id is not None:
        do_notify(
            [question.author_id],
            kind="channel_answer",
            subject=question.channel.name,
            url=f"/channels/{question.channel_id}#m{question.id}",
            actor=user,
        )


# --- rooms ----------------------------------------------------------------------------------


def do_create_room(user: User | None, *, lab_id: int, name: str, description: str = "") -> Channel:
    """A lab's member or coordinator opens a private consultation room for the lab."""
    require_user(user)
    lab = db.session.get(Lab, lab_id)
    if lab is None:
        raise NotFound(N_("ラボが見つかりません。"))
    require(user.membership_in(lab_id) is not None, ROOM_FOR_MEMBERS)
    channel = Channel(
        kind=ChannelKind.ROOM.value,
        lab_id=lab_id,
        name=name.strip(),
        description=description,
        created_by_id=user.id,
    )
    db.session.add(channel)
    db.session.commit()
    return get_channel_detail(user, channel.id)


def do_invite(user: User | None, channel: Channel, *, user_id: int) -> ChannelMember:
    check_can_manage(user, channel)
    invitee = db.session.get(User, user_id)
    if invitee is None:
        raise NotFound(USER_NOT_FOUND)
    if invitee.role != Role.EXPERT:
        raise ValidationFailed({"user_id": [EXPERTS_ONLY]})
    member = ChannelMember(channel_id=channel.id, user_id=invitee.id, invited_by_id=user.id)
    db.session.add(member)
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise Conflict(ALREADY_MEMBER) from None
    return member


def do_remove_member(user: User | None, channel: Channel, *, user_id: int) -> None:
    """Remove an invited expert; their open connections leave the room at once."""
    check_can_manage(user, channel)
    member = db.session.scalar(
        sa.select(ChannelMember).where(
            ChannelMember.channel_id == channel.id, ChannelMember.user_id == user_id
        )
    )
    if member is None:
        raise NotFound(USER_NOT_FOUND)
    db.session.delete(member)
    db.session.commit()
    for sid in presence().sids(user_id):
        try:
            socketio.server.leave_room(sid, channel_room(channel.id), namespace=NAMESPACE)
        except Exception:  # a connection that is gone has no room to leave
            continue


def lab_choices(user: User | None) -> list[Lab]:
    """The labs a person may open a room for."""
    if not _signed_in(user):
        return []
    ids = [membership.lab_id for membership in user.memberships]
    if not ids:
        return []
    return list(db.session.scalars(sa.select(Lab).where(Lab.id.in_(ids)).order_by(Lab.name)))


def expert_choices(channel: Channel) -> list[User]:
    """Experts not yet invited to the room, for the invitation form."""
    invited = sa.select(ChannelMember.user_id).where(ChannelMember.channel_id == channel.id)
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.role == Role.EXPERT.value, User.active.is_(True), User.id.not_in(invited))
            .order_by(User.display_name, User.id)
        )
    )


# --- questions ------------------------------------------------------------------------------


def check_can_see_queue(user: User | None) -> None:
    require_user(user)
    require(is_expert(user) or user.is_secretariat, QUEUE_FOR_EXPERTS)


def _percentile(values: list[float], share: float) -> int | None:
    """The nearest-rank percentile, in whole seconds."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return round(ordered[rank - 1])


def _median(values: list[float]) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return round(ordered[middle])
    return round((ordered[middle - 1] + ordered[middle]) / 2)


def _public_questions(field: str | None) -> sa.Select:
    stmt = (
        sa.select(ChannelMessage)
        .join(Channel, Channel.id == ChannelMessage.channel_id)
        .where(
            Channel.kind == ChannelKind.FIELD.value,
            ChannelMessage.is_question.is_(True),
            ChannelMessage.deleted_at.is_(None),
        )
    )
    if field:
        stmt = stmt.where(Channel.field_code == field)
    return stmt


def response_figures(field: str | None = None, days: int = 30, now: datetime | None = None) -> dict:
    """Questions asked in the public channels over the last ``days``: how many, and the median
    and 90th percentile of the time to an expert's first reply and to being answered."""
    now = now or utcnow()
    rows = db.session.execute(
        _public_questions(field)
        .where(ChannelMessage.created_at >= now - timedelta(days=days))
        .with_only_columns(
            ChannelMessage.created_at,
            ChannelMessage.first_expert_reply_at,
            ChannelMessage.answered_at,
        )
    ).all()
    replied = [
        (reply - asked).total_seconds() for asked, reply, _answered in rows if reply is not None
    ]
    answered = [(done - asked).total_seconds() for asked, _reply, done in rows if done is not None]
    return {
        "days": days,
        "asked": len(rows),
        "answered": len(answered),
        "waiting": len(rows) - len(answered),
        "first_reply_median_seconds": _median(replied),
        "first_reply_p90_seconds": _percentile(replied, 0.9),
        "answered_median_seconds": _median(answered),
        "answered_p90_seconds": _percentile(answered, 0.9),
    }


def unanswered_questions(user: User | None, *, field: str | None = None, limit: int = 100) -> dict:
    """The experts' queue: unanswered questions of the public channels, oldest first, with the
    age of each and the response-time figures of the last 30 days."""
    check_can_see_queue(user)
    now = utcnow()
    questions = list(
        db.session.scalars(
            _public_questions(field)
            .where(ChannelMessage.answered_at.is_(None))
            .options(*_MESSAGE_OPTIONS, joinedload(ChannelMessage.channel))
            .order_by(ChannelMessage.created_at, ChannelMessage.id)
            .limit(limit)
        )
    )
    for question in questions:
        question.age_seconds = int((now - question.created_at).total_seconds())
    return {"items": questions, "figures": response_figures(field, now=now)}


# --- presence and typing --------------------------------------------------------------------


def online_experts() -> list[User]:
    ids = presence().online()
    if not ids:
        return []
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.id.in_(ids), User.role == Role.EXPERT.value)
            .order_by(User.display_name, User.id)
        )
    )


def presence_payload() -> dict:
    return {"experts": ChannelPersonSchema(many=True).dump(online_experts())}


def check_presence_reader(user: User | None) -> None:
    require_user(user)


def notify_presence() -> None:
    """Everyone connected to the channels hears which experts are online now."""
    socketio.emit("presence", presence_payload(), namespace=NAMESPACE)


def do_connect(user: User | None, sid: str) -> None:
    """A connection opens: its presence is recorded, and an expert's first one is announced."""
    check_connect(user)
    if presence().touch(user.id, sid) == 1 and is_expert(user):
        notify_presence()


def do_heartbeat(user: User | None, sid: str) -> None:
    check_connect(user)
    presence().touch(user.id, sid)


def do_disconnect(user_id: int | None, sid: str, role: str | None) -> None:
    if user_id is None:
        return
    if presence().remove(user_id, sid) == 0 and role == Role.EXPERT:
        notify_presence()


def notify_typing(user: User | None, channel: Channel, *, skip_sid: str | None) -> None:
    """Someone is typing: the others in the channel hear it; nothing is stored."""
    check_can_post(user, channel)
    socketio.emit(
        "typing",
        {"channel_id": channel.id, "user": ChannelPersonSchema().dump(user)},
        to=channel_room(channel.id),
        skip_sid=skip_sid,
        namespace=NAMESPACE,
    )


def edit_window_seconds() -> int:
    return int(current_app.config["CHANNEL_EDIT_WINDOW_SECONDS"])

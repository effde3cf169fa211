"""Notifications: added in the transaction of what caused them, pushed live after its commit.

Other features call :func:`do_notify` inside their own ``do_*`` operation, before they commit:
the rows commit with the change they announce, and the live ``notification`` event leaves only
after that commit (``emit_after_commit``), so nobody is told of something that rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import NotFound

from community.accounts.models import User
from community.core.db import utcnow
from community.core.i18n import N_
from community.core.pagination import Page, paginate
from community.core.permissions import require_user
from community.core.realtime import emit_after_commit, user_room
from community.extensions import db
from community.notifications.models import Notification, NotificationKind

SUBJECT_LENGTH = 200
NOTIFICATION_NOT_FOUND = N_("お知らせが見つかりません。")


def do_notify(
    recipient_ids: Iterable[int],
    *,
    kind: str,
    subject: str,
    url: str,
    actor: User | None = None,
) -> list[Notification]:
    """Tell each recipient (once, never the actor) in the caller's open transaction."""
    kind = NotificationKind(kind).value
    actor_id = actor.id if actor is not None and actor.is_authenticated else None
    recipients = sorted({int(r) for r in recipient_ids} - {actor_id})
    if not recipients:
        return []
    subject = subject if len(subject) <= SUBJECT_LENGTH else subject[: SUBJECT_LENGTH - 1] + "…"
    made = [
        Notification(recipient_id=r, actor_id=actor_id, kind=kind, subject=subject, url=url)
        for r in recipients
    ]
    db.session.add_all(made)
    db.session.flush()
    actor_name = actor.display_name if actor_id is not None else None
    for notification in made:
        notify_live(notification, actor_name)
    return made


def notify_live(notification: Notification, actor_name: str | None) -> None:
    emit_after_commit(
        "notification",
        {
            "id": notification.id,
            "kind": notification.kind,
            "subject": notification.subject,
            "url": notification.url,
            "actor": actor_name,
        },
        to=user_room(notification.recipient_id),
    )


# Each kind's sentence; %(actor)s and %(subject)s are filled in the reader's language.
SENTENCES = {
    NotificationKind.THREAD_REPLY: N_("%(actor)sさんが「%(subject)s」に返信しました"),
    NotificationKind.NEW_THREAD: N_("%(actor)sさんが新しいスレッド「%(subject)s」を立てました"),
    NotificationKind.MENTION: N_("%(actor)sさんが「%(subject)s」であなたをメンションしました"),
    NotificationKind.QUESTION_ANSWERED: N_(
        "%(actor)sさんがあなたの質問「%(subject)s」に回答しました"
    ),
    NotificationKind.ANSWER_ACCEPTED: N_("「%(subject)s」であなたの回答が解決策に選ばれました"),
    NotificationKind.CHANNEL_ANSWER: N_(
        "%(actor)sさんが「%(subject)s」であなたの質問に回答しました"
    ),
    NotificationKind.WAITLIST_PROMOTED: N_("キャンセル待ちから「%(subject)s」の参加が確定しました"),
    NotificationKind.CASE_QUESTION: N_("%(actor)sさんが事例「%(subject)s」に質問しました"),
}


def describe(kind: str, actor: str | None, subject: str) -> str:
    """The sentence a reader sees, in their language."""
    sentence = SENTENCES.get(kind)
    if sentence is None:
        return subject
    return _(sentence, actor=actor or _("誰か"), subject=subject)


def _mine(user: User | None) -> sa.Select:
    require_user(user)
    return (
        sa.select(Notification)
        .where(Notification.recipient_id == user.id)
        .options(selectinload(Notification.actor))
    )


def list_notifications(
    user: User | None, *, unread: bool = False, page: int = 1, per_page: int = 20
) -> Page:
    stmt = _mine(user)
    if unread:
        stmt = stmt.where(Notification.read_at.is_(None))
    return paginate(stmt.order_by(Notification.id.desc()), page, per_page)


def unread_count(user: User | None) -> int:
    require_user(user)
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Notification)
        .where(Notification.recipient_id == user.id, Notification.read_at.is_(None))
    )


def get_notification(user: User | None, notification_id: int) -> Notification:
    """One's own notification; another's is as absent as one that never was."""
    found = db.session.scalar(_mine(user).where(Notification.id == notification_id))
    if found is None:
        raise NotFound(NOTIFICATION_NOT_FOUND)
    return found


def do_mark_read(
    user: User | None, *, ids: Iterable[int] | None = None, up_to: int | None = None
) -> int:
    """Mark some (``ids``), up to an id, or all of one's unread notifications read."""
    require_user(user)
    stmt = sa.update(Notification).where(
        Notification.recipient_id == user.id, Notification.read_at.is_(None)
    )
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(list(ids)))
    if up_to is not None:
        stmt = stmt.where(Notification.id <= up_to)
    marked = db.session.execute(stmt.values(read_at=utcnow())).rowcount
    emit_after_commit("notifications_read", {"unread": None}, to=user_room(user.id))
    db.session.commit()
    return marked

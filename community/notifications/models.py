from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.core.db import UTCDateTime, utcnow
from community.extensions import db


class NotificationKind(enum.StrEnum):
    THREAD_REPLY = "thread_reply"
    NEW_THREAD = "new_thread"
    MENTION = "mention"
    QUESTION_ANSWERED = "question_answered"
    ANSWER_ACCEPTED = "answer_accepted"
    CHANNEL_ANSWER = "channel_answer"
    WAITLIST_PROMOTED = "waitlist_promoted"
    CASE_QUESTION = "case_question"


class Notification(db.Model):
    """One thing that happened that a user should see; unread until they say so."""

    __tablename__ = "notification"
    __table_args__ = (
        # the bell's count and the list: one user's newest, unread first
        sa.Index("ix_notification_recipient_read", "recipient_id", "read_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(sa.String(24))
    subject: Mapped[str] = mapped_column(sa.String(200))
    url: Mapped[str] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="raise")

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

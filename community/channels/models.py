from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.core.db import UTCDateTime, utcnow
from community.extensions import db
from community.labs.models import Lab

MESSAGE_MAX_LENGTH = 4000
CLIENT_ID_MAX_LENGTH = 64


class ChannelKind(enum.StrEnum):
    FIELD = "field"  # public: one per expert field, created with the reference data
    ROOM = "room"  # a lab's private consultation room


class Channel(db.Model):
    """A public channel of one field (``field_code``) or a lab's private room (``lab_id``).

    A room's members are the lab's members plus the experts invited to it (``ChannelMember``).
    """

    __tablename__ = "channel"
    __table_args__ = (
        sa.CheckConstraint(sa.text("kind IN ('field', 'room')"), name="kind"),
        sa.CheckConstraint(
            sa.text(
                "(kind = 'field' AND field_code IS NOT NULL AND lab_id IS NULL)"
                " OR (kind = 'room' AND field_code IS NULL AND lab_id IS NOT NULL)"
            ),
            name="field_or_lab",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(8), default=ChannelKind.ROOM.value)
    field_code: Mapped[str | None] = mapped_column(sa.String(30), unique=True)
    lab_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("lab.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lab: Mapped[Lab | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    invited: Mapped[list[ChannelMember]] = relationship(
        back_populates="channel", cascade="all, delete-orphan", order_by="ChannelMember.id"
    )

    # set by the services for the reader (not stored)
    unread_count = 0

    @property
    def is_public(self) -> bool:
        return self.kind == ChannelKind.FIELD


class ChannelMember(db.Model):
    """An expert invited to a lab's room; the lab's own members need no row."""

    __tablename__ = "channel_member"
    __table_args__ = (sa.UniqueConstraint("channel_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(
        sa.ForeignKey("channel.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    invited_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    channel: Mapped[Channel] = relationship(back_populates="invited")
    user: Mapped[User] = relationship(foreign_keys=[user_id])


class ChannelMessage(db.Model):
    """One message; ``(author_id, client_id)`` is unique, so a retried send is stored once.

    A question (``is_question``) is answered when someone points at the answering message
    (``answer_id``) or an expert or the asker marks it answered.
    """

    __tablename__ = "channel_message"
    __table_args__ = (
        sa.UniqueConstraint("author_id", "client_id"),
        sa.Index("ix_channel_message_channel_id_id", "channel_id", "id"),
        sa.Index("ix_channel_message_question", "is_question", "answered_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(sa.ForeignKey("channel.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    client_id: Mapped[str] = mapped_column(sa.String(CLIENT_ID_MAX_LENGTH))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    is_question: Mapped[bool] = mapped_column(default=False)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    answer_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("channel_message.id", ondelete="SET NULL")
    )
    first_expert_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    channel: Mapped[Channel] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class ChannelReadState(db.Model):
    """How far a person has read a channel; moved only by an explicit "read up to"."""

    __tablename__ = "channel_read_state"

    channel_id: Mapped[int] = mapped_column(
        sa.ForeignKey("channel.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    last_read_message_id: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, attributes, mapped_column, relationship

from community.accounts.models import User
from community.core.cache import mark_changed
from community.core.db import TimestampMixin, UTCDateTime, utcnow
from community.extensions import db

CONTENT = "forum"  # the content version every change shown on forum pages bumps


class ForumCategory(db.Model):
    """A fixed place to talk (see ``forum.reference``); loaded with the reference data."""

    __tablename__ = "forum_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    description: Mapped[str] = mapped_column(sa.String(300), default="")
    position: Mapped[int] = mapped_column(default=0)
    # only the secretariat starts threads here (お知らせ)
    secretariat_only: Mapped[bool] = mapped_column(default=False)


class ForumThread(TimestampMixin, db.Model):
    """A conversation; its first post is the opening post. Counters kept by the services."""

    __tablename__ = "forum_thread"
    __content__ = CONTENT
    __table_args__ = (
        sa.Index("ix_forum_thread_category_id_last_posted_at", "category_id", "last_posted_at"),
        sa.Index("ix_forum_thread_last_posted_at", "last_posted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("forum_category.id"))
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    is_question: Mapped[bool] = mapped_column(default=False)
    # the accepted answer (a post of this thread); kept by the services, cleared with the post
    accepted_post_id: Mapped[int | None]
    solved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked: Mapped[bool] = mapped_column(default=False)
    hidden: Mapped[bool] = mapped_column(default=False)
    # replies that readers see (not hidden), and when the last one was written
    reply_count: Mapped[int] = mapped_column(default=0)
    last_posted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_poster_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )

    category: Mapped[ForumCategory] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    last_poster: Mapped[User | None] = relationship(foreign_keys=[last_poster_id])

    @property
    def solved(self) -> bool:
        return self.accepted_post_id is not None


class ForumPost(TimestampMixin, db.Model):
    """A post in Markdown, rendered to safe HTML once, when written."""

    __tablename__ = "forum_post"
    __content__ = CONTENT
    __table_args__ = (sa.Index("ix_forum_post_thread_id_id", "thread_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(sa.ForeignKey("forum_thread.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    is_opening: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    hidden: Mapped[bool] = mapped_column(default=False)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revision_count: Mapped[int] = mapped_column(default=0)

    thread: Mapped[ForumThread] = relationship()
    author: Mapped[User | None] = relationship()


class PostRevision(db.Model):
    """A post as it was before an edit (編集履歴)."""

    __tablename__ = "forum_post_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forum_post.id", ondelete="CASCADE"), index=True
    )
    editor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    title: Mapped[str | None] = mapped_column(sa.String(200))  # the thread's, for an opening post
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    editor: Mapped[User | None] = relationship()


class ThreadSubscription(db.Model):
    """Following (notified of replies) or muting (never notified of replies) one thread."""

    __tablename__ = "forum_thread_subscription"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    thread_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forum_thread.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    muted: Mapped[bool] = mapped_column(default=False)


class CategorySubscription(db.Model):
    """Following a category (notified of new threads) or muting it (no reply notices from its
    threads unless one follows the thread itself)."""

    __tablename__ = "forum_category_subscription"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    category_id: Mapped[int] = mapped_column(
        sa.ForeignKey("forum_category.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    muted: Mapped[bool] = mapped_column(default=False)


_SHOWN_OF_USERS = ("display_name", "handle", "active")


@event.listens_for(Session, "before_flush")
def _names_shown_in_the_forum(session: Session, flush_context, instances) -> None:
    """Forum pages show authors' names and handles: renaming someone is a forum change too,
    so that no cached page keeps the old name."""
    for obj in session.dirty:
        if isinstance(obj, User) and any(
            attributes.get_history(obj, name).has_changes() for name in _SHOWN_OF_USERS
        ):
            mark_changed(CONTENT)
            return

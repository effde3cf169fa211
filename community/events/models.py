from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.cases.models import Case
from community.core.db import TimestampMixin, UTCDateTime
from community.extensions import db
from community.labs.models import Lab, Prefecture


class EventKind(enum.StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class EventStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    FINISHED = "finished"


class EventMode(enum.StrEnum):
    FIRST_COME = "first_come"
    LOTTERY = "lottery"


class RegistrationStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    APPLIED = "applied"  # a lottery application before the draw
    CANCELLED = "cancelled"


class Event(TimestampMixin, db.Model):
    """An event that one or more labs host together (イベント等の共同実施).

    Seats are counted in the database, never in Python: ``confirmed_count`` is every confirmed
    seat, ``open_confirmed_count`` those taken from the open seats (``capacity`` minus
    ``quota_total``, the sum of the hosts' quotas); each quota's seats are counted on its
    ``EventHost`` row. The services take a seat with a conditional ``UPDATE`` and the check
    constraints below refuse any count beyond its limit, so no race can overbook.
    """

    __tablename__ = "event"
    __table_args__ = (
        sa.CheckConstraint(sa.text("kind IN ('in_person', 'online', 'hybrid')"), name="kind"),
        sa.CheckConstraint(
            sa.text("status IN ('draft', 'published', 'cancelled', 'finished')"), name="status"
        ),
        sa.CheckConstraint(sa.text("mode IN ('first_come', 'lottery')"), name="mode"),
        sa.CheckConstraint(
            sa.text("mode = 'first_come' OR lottery_deadline IS NOT NULL"), name="lottery_deadline"
        ),
        sa.CheckConstraint(sa.text("ends_at >= starts_at"), name="ends_after_start"),
        sa.CheckConstraint(sa.text("quota_total >= 0 AND quota_total <= capacity"), name="quotas"),
        sa.CheckConstraint(
            sa.text("open_confirmed_count >= 0 AND open_confirmed_count <= capacity - quota_total"),
            name="open_seats",
        ),
        sa.CheckConstraint(
            sa.text("confirmed_count >= 0 AND confirmed_count <= capacity"), name="seats"
        ),
        sa.Index("ix_event_status_starts_at", "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    description_html: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[str] = mapped_column(sa.String(10), default=EventKind.IN_PERSON.value)
    venue: Mapped[str] = mapped_column(sa.String(200), default="")
    prefecture_code: Mapped[str | None] = mapped_column(
        sa.ForeignKey("prefecture.code"), index=True
    )
    online_url: Mapped[str] = mapped_column(sa.String(500), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    registration_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    capacity: Mapped[int] = mapped_column(default=0)
    target_audience: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(10), default=EventStatus.DRAFT.value)
    mode: Mapped[str] = mapped_column(sa.String(12), default=EventMode.FIRST_COME.value)
    lottery_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lottery_seed: Mapped[int | None] = mapped_column(sa.BigInteger)
    lottery_drawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str] = mapped_column(sa.Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # kept by the services with conditional updates, under the event's row lock
    confirmed_count: Mapped[int] = mapped_column(default=0)
    open_confirmed_count: Mapped[int] = mapped_column(default=0)
    quota_total: Mapped[int] = mapped_column(default=0)
    waitlist_seq: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )

    prefecture: Mapped[Prefecture | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    hosts: Mapped[list[EventHost]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="EventHost.position",
    )
    challenges: Mapped[list[EventChallenge]] = relationship(
        cascade="all, delete-orphan", order_by="EventChallenge.code"
    )
    related_cases: Mapped[list[EventCase]] = relationship(
        cascade="all, delete-orphan", order_by="EventCase.case_id"
    )
    report: Mapped[EventReport | None] = relationship(cascade="all, delete-orphan", uselist=False)

    # what the reader may see, set by the services for the request (not stored)
    viewer_registration = None
    viewer_can_edit = False

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.confirmed_count)

    @property
    def open_seats(self) -> int:
        return self.capacity - self.quota_total

    @property
    def is_lottery_pending(self) -> bool:
        return self.mode == EventMode.LOTTERY and self.lottery_drawn_at is None


class EventHost(db.Model):
    """A lab that hosts the event; its coordinators edit it. ``seat_quota``: seats kept for the
    lab's own people (``None``: they take open seats)."""

    __tablename__ = "event_host"
    __table_args__ = (
        sa.CheckConstraint(
            sa.text(
                "confirmed_count >= 0 AND (seat_quota IS NULL"
                " OR (seat_quota >= 0 AND confirmed_count <= seat_quota))"
            ),
            name="quota",
        ),
    )

    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    lab_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lab.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    seat_quota: Mapped[int | None]
    confirmed_count: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="hosts")
    lab: Mapped[Lab] = relationship()


class EventChallenge(db.Model):
    __tablename__ = "event_challenge"

    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(sa.String(20), primary_key=True, index=True)


class EventCase(db.Model):
    """A success case the event presents or follows up."""

    __tablename__ = "event_case"

    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("case.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Registration(TimestampMixin, db.Model):
    """One person's place at an event: one row per person and event, reused on re-registering.

    ``lab_id`` is the lab the person is counted for ("no lab" when empty); ``seat_lab_id`` the
    host whose quota the seat is taken from or waited for (``None``: the open seats).
    """

    __tablename__ = "event_registration"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "user_id"),
        sa.UniqueConstraint("event_id", "code"),
        sa.UniqueConstraint("event_id", "waitlist_position"),
        sa.CheckConstraint(
            sa.text("status IN ('confirmed', 'waitlisted', 'applied', 'cancelled')"),
            name="status",
        ),
        sa.CheckConstraint(
            sa.text("status <> 'waitlisted' OR waitlist_position IS NOT NULL"),
            name="waitlist_position",
        ),
        sa.Index("ix_event_registration_event_id_status", "event_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("event.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    lab_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lab.id", ondelete="SET NULL"))
    seat_lab_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lab.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(sa.String(12))
    waitlist_position: Mapped[int | None]
    code: Mapped[str] = mapped_column(sa.String(8))
    show_publicly: Mapped[bool] = mapped_column(default=False)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship()
    user: Mapped[User] = relationship()
    lab: Mapped[Lab | None] = relationship(foreign_keys=[lab_id])

    # the place among those waiting for the same seats, set by the services when shown
    waitlist_rank = None


class EventReport(TimestampMixin, db.Model):
    """The hosts' closing report: how many came, what came out of it, the cases that followed.

    ``attendance`` is what the hosts record (people also come without checking in); the
    check-ins are counted apart.
    """

    __tablename__ = "event_report"
    __table_args__ = (sa.CheckConstraint(sa.text("attendance >= 0"), name="attendance"),)

    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    attendance: Mapped[int] = mapped_column(default=0)
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    summary_html: Mapped[str] = mapped_column(sa.Text, default="")
    outcomes: Mapped[str] = mapped_column(sa.Text, default="")
    outcomes_html: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )

    cases: Mapped[list[EventReportCase]] = relationship(
        cascade="all, delete-orphan", order_by="EventReportCase.case_id"
    )

    # the check-ins, counted by the services when the report is shown (not stored)
    checked_in = None


class EventReportCase(db.Model):
    """A success case that came out of the event; the case page links back to it."""

    __tablename__ = "event_report_case"

    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event_report.event_id", ondelete="CASCADE"), primary_key=True
    )
    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("case.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    case: Mapped[Case] = relationship()

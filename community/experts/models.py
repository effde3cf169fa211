"""Expert profiles (専門家), the fields and places they cover, and their answers per field."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.core.db import TimestampMixin, UTCDateTime, utcnow
from community.extensions import db


class Availability(enum.StrEnum):
    ACCEPTING = "accepting"
    LIMITED = "limited"
    NOT_ACCEPTING = "not_accepting"


class ExpertProfile(TimestampMixin, db.Model):
    """One per user with the role ``expert``: what they know, where they go, how to reach them.

    ``primary_field`` is the first of the fields the expert chose, by which the directory
    groups them; ``bio_html`` is the bio rendered once, when written.
    """

    __tablename__ = "expert_profile"
    __table_args__ = (
        sa.CheckConstraint(
            sa.text("availability IN ('accepting', 'limited', 'not_accepting')"),
            name="availability",
        ),
        sa.CheckConstraint(sa.text("online OR in_person"), name="some_mode"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    headline: Mapped[str] = mapped_column(sa.String(120))
    organisation: Mapped[str] = mapped_column(sa.String(120), default="")
    primary_field: Mapped[str] = mapped_column(sa.String(20), index=True)
    bio: Mapped[str] = mapped_column(sa.Text, default="")
    bio_html: Mapped[str] = mapped_column(sa.Text, default="")
    online: Mapped[bool] = mapped_column(default=True)
    in_person: Mapped[bool] = mapped_column(default=False)
    honorarium_eligible: Mapped[bool] = mapped_column(default=False)
    availability: Mapped[str] = mapped_column(sa.String(16), default=Availability.ACCEPTING.value)
    availability_note: Mapped[str] = mapped_column(sa.String(200), default="")
    listed: Mapped[bool] = mapped_column(default=True)

    user: Mapped[User] = relationship()
    fields: Mapped[list[ExpertField]] = relationship(
        cascade="all, delete-orphan", order_by="ExpertField.position"
    )
    regions: Mapped[list[ExpertRegion]] = relationship(
        cascade="all, delete-orphan", order_by="ExpertRegion.region_code"
    )
    prefectures: Mapped[list[ExpertPrefecture]] = relationship(
        cascade="all, delete-orphan", order_by="ExpertPrefecture.prefecture_code"
    )
    tallies: Mapped[list[ExpertAnswerTally]] = relationship(
        primaryjoin="ExpertProfile.user_id == foreign(ExpertAnswerTally.user_id)",
        viewonly=True,
        order_by="ExpertAnswerTally.field",
    )

    # set by the services for the request (not stored)
    viewer_can_edit = False

    @property
    def field_codes(self) -> list[str]:
        return [f.code for f in self.fields]

    @property
    def region_codes(self) -> list[str]:
        return [r.region_code for r in self.regions]

    @property
    def prefecture_codes(self) -> list[str]:
        return [p.prefecture_code for p in self.prefectures]

    @property
    def answers(self) -> dict[str, int]:
        return {t.field: t.count for t in self.tallies if t.count}

    @property
    def answer_total(self) -> int:
        return sum(t.count for t in self.tallies)


class ExpertField(db.Model):
    __tablename__ = "expert_field"

    profile_id: Mapped[int] = mapped_column(
        sa.ForeignKey("expert_profile.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(sa.String(20), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)


class ExpertRegion(db.Model):
    """A region the expert covers, and with it every prefecture of the region."""

    __tablename__ = "expert_region"

    profile_id: Mapped[int] = mapped_column(
        sa.ForeignKey("expert_profile.id", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str] = mapped_column(
        sa.ForeignKey("region.code"), primary_key=True, index=True
    )


class ExpertPrefecture(db.Model):
    __tablename__ = "expert_prefecture"

    profile_id: Mapped[int] = mapped_column(
        sa.ForeignKey("expert_profile.id", ondelete="CASCADE"), primary_key=True
    )
    prefecture_code: Mapped[str] = mapped_column(
        sa.ForeignKey("prefecture.code"), primary_key=True, index=True
    )


class ExpertAnswerTally(db.Model):
    """How many answers an expert gave in a field (accepted forum answers, channel answers).

    Keyed by the user, so answers count before the profile exists and survive its changes.
    """

    __tablename__ = "expert_answer_tally"
    __table_args__ = (sa.CheckConstraint(sa.text("count >= 0"), name="count"),)

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    field: Mapped[str] = mapped_column(sa.String(20), primary_key=True, index=True)
    count: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

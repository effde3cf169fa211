from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.core.db import TimestampMixin, UTCDateTime
from community.extensions import db
from community.labs.models import Lab, Prefecture


class CaseStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Case(TimestampMixin, db.Model):
    """A success case (成功事例) that a lab shares for other regions to roll out."""

    __tablename__ = "case"
    __table_args__ = (
        sa.CheckConstraint(sa.text("status IN ('draft', 'published')"), name="status"),
        sa.Index("ix_case_status_published_at", "status", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(sa.ForeignKey("lab.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    body: Mapped[str] = mapped_column(sa.Text, default="")
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    prefecture_code: Mapped[str | None] = mapped_column(
        sa.ForeignKey("prefecture.code"), index=True
    )
    industry: Mapped[str | None] = mapped_column(sa.String(1), index=True)
    size_band: Mapped[str | None] = mapped_column(sa.String(10))
    simple_dx: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(sa.String(10), default=CaseStatus.DRAFT.value)
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    contact: Mapped[str] = mapped_column(sa.Text, default="")
    technologies: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )

    lab: Mapped[Lab] = relationship()
    prefecture: Mapped[Prefecture | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    challenges: Mapped[list[CaseChallenge]] = relationship(
        cascade="all, delete-orphan", order_by="CaseChallenge.code"
    )
    tags: Mapped[list[CaseTag]] = relationship(
        cascade="all, delete-orphan", order_by="CaseTag.name"
    )
    outcomes: Mapped[list[Outcome]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Outcome.position"
    )
    subsidies: Mapped[list[SubsidyUsage]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="SubsidyUsage.position"
    )
    policies: Mapped[list[PolicyUse]] = relationship(
        cascade="all, delete-orphan", order_by="PolicyUse.policy"
    )

    @property
    def is_published(self) -> bool:
        return self.status == CaseStatus.PUBLISHED


class CaseChallenge(db.Model):
    __tablename__ = "case_challenge"

    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("case.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(sa.String(20), primary_key=True, index=True)


class CaseTag(db.Model):
    __tablename__ = "case_tag"

    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("case.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True, index=True)


class Outcome(db.Model):
    """A measured result, e.g. 作業時間 120 → 80 時間/月."""

    __tablename__ = "case_outcome"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("case.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    metric: Mapped[str] = mapped_column(sa.String(100))
    value_before: Mapped[float | None] = mapped_column(sa.Float)
    value_after: Mapped[float | None] = mapped_column(sa.Float)
    unit: Mapped[str] = mapped_column(sa.String(30), default="")
    period: Mapped[str] = mapped_column(sa.String(60), default="")
    evidence: Mapped[str] = mapped_column(sa.Text, default="")

    case: Mapped[Case] = relationship(back_populates="outcomes")


class SubsidyUsage(db.Model):
    """How a subsidy paid for the case: one row per grant."""

    __tablename__ = "case_subsidy"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("case.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    programme: Mapped[str] = mapped_column(sa.String(30), index=True)
    frame: Mapped[str] = mapped_column(sa.String(60), default="")
    administering_body: Mapped[str] = mapped_column(sa.String(100), default="")
    fiscal_year: Mapped[int | None] = mapped_column(index=True)
    amount_granted: Mapped[int | None] = mapped_column(sa.BigInteger)
    subsidy_rate: Mapped[float | None] = mapped_column(sa.Float)
    total_cost: Mapped[int | None] = mapped_column(sa.BigInteger)
    adopted: Mapped[bool] = mapped_column(default=True)
    vendor: Mapped[str] = mapped_column(sa.String(100), default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")

    case: Mapped[Case] = relationship(back_populates="subsidies")


class PolicyUse(db.Model):
    """Use of a national policy (DX認定, 未踏/AKATSUKI, マナビDX, DXセレクション), with a count."""

    __tablename__ = "case_policy"

    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("case.id", ondelete="CASCADE"), primary_key=True
    )
    policy: Mapped[str] = mapped_column(sa.String(30), primary_key=True)
    count: Mapped[int] = mapped_column(default=1)

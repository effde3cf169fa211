from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from community.accounts.models import User
from community.core.db import TimestampMixin, UTCDateTime, json_list, utcnow
from community.extensions import db
from community.labs.models import Lab, Prefecture
from community.labs.reference import REGION_OF


class CaseStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class RolloutStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Case(TimestampMixin, db.Model):
    """A success case (成功事例) that a lab shares for other regions to roll out.

    ``__content__``: a change here or in a case's rows bumps the library's version, which keeps
    cached facet counts right (core/cache.py).
    """

    __tablename__ = "case"
    __content__ = "cases"
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
    # kept by the service, in the transaction that adds or removes the row it counts
    rollout_count: Mapped[int] = mapped_column(default=0, index=True)
    interest_count: Mapped[int] = mapped_column(default=0)
    moderation_note: Mapped[str] = mapped_column(sa.Text, default="")
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
    rollouts: Mapped[list[Rollout]] = relationship(
        back_populates="case",
        foreign_keys="Rollout.case_id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Rollout.id",
    )
    adaptation_of: Mapped[Rollout | None] = relationship(
        foreign_keys="Rollout.adapted_case_id", viewonly=True, uselist=False
    )

    @property
    def is_published(self) -> bool:
        return self.status == CaseStatus.PUBLISHED

    @property
    def region_code(self) -> str | None:
        """The region of the case's prefecture, from the reference lists: a list of cases
        shows it without loading the prefecture and its region."""
        return REGION_OF.get(self.prefecture_code or "")


class CaseChallenge(db.Model):
    __tablename__ = "case_challenge"
    __content__ = "cases"

    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("case.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(sa.String(20), primary_key=True, index=True)


class CaseTag(db.Model):
    __tablename__ = "case_tag"
    __content__ = "cases"

    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("case.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True, index=True)


# The library's orders, newest first and most rolled out first, read from an index: sorting
# every case for a page took 150 ms on PostgreSQL and 730 ms on SQLite at 100,000 cases
NEWEST = sa.func.coalesce(Case.published_at, Case.created_at)
sa.Index("ix_case_newest", NEWEST, Case.id)
sa.Index("ix_case_rolled_out", Case.rollout_count, NEWEST, Case.id)


def _values_of_rows(column: sa.ColumnElement, case_id: sa.ColumnElement[int]):
    """A case's values of ``column`` in its rows of another table, sorted: loaded in a list's
    own statement (``undefer``) instead of one statement a relation, or on first use."""
    rows = sa.select(json_list(column)).where(case_id == Case.id).correlate_except(column.table)
    return column_property(rows.scalar_subquery(), deferred=True)


Case.challenge_codes = _values_of_rows(CaseChallenge.code, CaseChallenge.case_id)
Case.tag_names = _values_of_rows(CaseTag.name, CaseTag.case_id)


class OutcomeColumns:
    """A measured result, e.g. 作業時間 120 → 80 時間/月: of a case, or of a rollout of it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    metric: Mapped[str] = mapped_column(sa.String(100))
    value_before: Mapped[float | None] = mapped_column(sa.Float)
    value_after: Mapped[float | None] = mapped_column(sa.Float)
    unit: Mapped[str] = mapped_column(sa.String(30), default="")
    period: Mapped[str] = mapped_column(sa.String(60), default="")
    evidence: Mapped[str] = mapped_column(sa.Text, default="")


class Outcome(OutcomeColumns, db.Model):
    __tablename__ = "case_outcome"
    __content__ = "cases"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("case.id", ondelete="CASCADE"), index=True)

    case: Mapped[Case] = relationship(back_populates="outcomes")


class SubsidyUsage(db.Model):
    """How a subsidy paid for the case: one row per grant."""

    __tablename__ = "case_subsidy"
    __content__ = "cases"

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
    __content__ = "cases"

    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("case.id", ondelete="CASCADE"), primary_key=True
    )
    policy: Mapped[str] = mapped_column(sa.String(30), primary_key=True)
    count: Mapped[int] = mapped_column(default=1)


class Rollout(TimestampMixin, db.Model):
    """Another lab's adoption of a case (横展開): planned, in progress or done.

    Either a record of its own (region, status, what changed, outcome rows) or, when the lab
    wrote up its version as a case, a link to that case (``adapted_case``).
    """

    __tablename__ = "case_rollout"
    __content__ = "cases"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "lab_id"),
        sa.CheckConstraint(sa.text("status IN ('planned', 'in_progress', 'done')"), name="status"),
        sa.CheckConstraint(
            sa.text("adapted_case_id IS NULL OR adapted_case_id <> case_id"), name="not_itself"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("case.id", ondelete="CASCADE"))
    lab_id: Mapped[int] = mapped_column(sa.ForeignKey("lab.id", ondelete="CASCADE"), index=True)
    prefecture_code: Mapped[str | None] = mapped_column(sa.ForeignKey("prefecture.code"))
    status: Mapped[str] = mapped_column(sa.String(12), default=RolloutStatus.PLANNED.value)
    changes: Mapped[str] = mapped_column(sa.Text, default="")
    adapted_case_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("case.id", ondelete="SET NULL"), unique=True
    )
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )

    case: Mapped[Case] = relationship(back_populates="rollouts", foreign_keys=[case_id])
    adapted_case: Mapped[Case | None] = relationship(foreign_keys=[adapted_case_id])
    lab: Mapped[Lab] = relationship()
    prefecture: Mapped[Prefecture | None] = relationship()
    outcomes: Mapped[list[RolloutOutcome]] = relationship(
        cascade="all, delete-orphan", order_by="RolloutOutcome.position"
    )


class RolloutOutcome(OutcomeColumns, db.Model):
    __tablename__ = "case_rollout_outcome"

    rollout_id: Mapped[int] = mapped_column(
        sa.ForeignKey("case_rollout.id", ondelete="CASCADE"), index=True
    )


class CaseInterest(db.Model):
    """やってみたい: a person, for their lab, wants to try a case; one per person and case."""

    __tablename__ = "case_interest"

    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("case.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    lab_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lab.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lab: Mapped[Lab | None] = relationship()


class CaseQuestion(TimestampMixin, db.Model):
    """A question to the case's lab from someone who wants to try it, and the lab's answer."""

    __tablename__ = "case_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("case.id", ondelete="CASCADE"), index=True)
    asker_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    lab_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lab.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    answer: Mapped[str] = mapped_column(sa.Text, default="")
    answer_html: Mapped[str] = mapped_column(sa.Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    case: Mapped[Case] = relationship()
    asker: Mapped[User | None] = relationship(foreign_keys=[asker_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    lab: Mapped[Lab | None] = relationship()

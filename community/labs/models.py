from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import Role, User
from community.core.db import TimestampMixin, UTCDateTime, utcnow
from community.extensions import db


class Region(db.Model):
    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(20), unique=True)
    name_ja: Mapped[str] = mapped_column(sa.String(40))
    name_en: Mapped[str] = mapped_column(sa.String(40))
    position: Mapped[int] = mapped_column(default=0)

    prefectures: Mapped[list[Prefecture]] = relationship(
        back_populates="region", order_by="Prefecture.code"
    )


class Prefecture(db.Model):
    """A prefecture keyed by its JIS X 0401 code ("01" 北海道 … "47" 沖縄県)."""

    __tablename__ = "prefecture"

    code: Mapped[str] = mapped_column(sa.String(2), primary_key=True)
    name_ja: Mapped[str] = mapped_column(sa.String(10))
    name_en: Mapped[str] = mapped_column(sa.String(20))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("region.id"), index=True)

    region: Mapped[Region] = relationship(back_populates="prefectures", lazy="joined")


lab_prefecture = sa.Table(
    "lab_prefecture",
    db.metadata,
    sa.Column("lab_id", sa.ForeignKey("lab.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("prefecture_code", sa.ForeignKey("prefecture.code"), primary_key=True, index=True),
)


class LabKind(enum.StrEnum):
    DX = "dx"
    IOT_TRANSITION = "iot_transition"


class OrganisationKind(enum.StrEnum):
    MUNICIPALITY = "municipality"
    PUBLIC_BODY = "public_body"
    FINANCIAL = "financial"
    CHAMBER = "chamber"
    EDUCATION = "education"
    IT_VENDOR = "it_vendor"
    SUPPORT_CENTRE = "support_centre"
    COMPANY = "company"
    CITIZENS = "citizens"
    OTHER = "other"


class Lab(TimestampMixin, db.Model):
    __tablename__ = "lab"
    __content__ = "labs"  # labs.services.DIRECTORY: pages showing lab names cache by it
    __table_args__ = (
        sa.CheckConstraint(sa.text("kind IN ('dx', 'iot_transition')"), name="kind"),
        sa.CheckConstraint(
            sa.text("kind = 'dx' OR transition_deadline IS NOT NULL"), name="transition_deadline"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(16), default=LabKind.DX.value)
    transition_deadline: Mapped[date | None]
    vision: Mapped[str] = mapped_column(sa.Text, default="")
    kpi: Mapped[str] = mapped_column(sa.Text, default="")
    consultation_contact: Mapped[str] = mapped_column(sa.Text, default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    description_html: Mapped[str] = mapped_column(sa.Text, default="")

    prefectures: Mapped[list[Prefecture]] = relationship(
        secondary=lab_prefecture, order_by="Prefecture.code"
    )
    organisations: Mapped[list[MemberOrganisation]] = relationship(
        back_populates="lab", cascade="all, delete-orphan", order_by="MemberOrganisation.id"
    )
    memberships: Mapped[list[LabMembership]] = relationship(
        back_populates="lab", cascade="all, delete-orphan", order_by="LabMembership.id"
    )

    @property
    def regions(self) -> list[Region]:
        """The regions follow from the prefectures the lab covers."""
        seen: dict[int, Region] = {}
        for prefecture in self.prefectures:
            seen.setdefault(prefecture.region.id, prefecture.region)
        return sorted(seen.values(), key=lambda r: r.position)

    @property
    def coordinators(self) -> list[User]:
        return [m.user for m in self.memberships if m.role == Role.COORDINATOR]


class MemberOrganisation(TimestampMixin, db.Model):
    __tablename__ = "member_organisation"
    __table_args__ = (sa.UniqueConstraint("lab_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(sa.ForeignKey("lab.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[str] = mapped_column(sa.String(20), default=OrganisationKind.OTHER.value)
    is_key_person: Mapped[bool] = mapped_column(default=False)

    lab: Mapped[Lab] = relationship(back_populates="organisations")


class LabMembership(db.Model):
    __tablename__ = "lab_membership"
    __table_args__ = (
        sa.UniqueConstraint("lab_id", "user_id"),
        sa.CheckConstraint(sa.text("role IN ('coordinator', 'member')"), name="role_allowed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(sa.ForeignKey("lab.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(sa.String(16), default=Role.MEMBER.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lab: Mapped[Lab] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship(back_populates="memberships")


class Invitation(db.Model):
    """An expiring link by which a coordinator brings a person into the lab."""

    __tablename__ = "lab_invitation"
    __table_args__ = (
        sa.CheckConstraint(sa.text("role IN ('coordinator', 'member')"), name="role_allowed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(sa.ForeignKey("lab.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    role: Mapped[str] = mapped_column(sa.String(16), default=Role.MEMBER.value)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    lab: Mapped[Lab] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    accepted_by: Mapped[User | None] = relationship(foreign_keys=[accepted_by_id])

    def state(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.accepted_at is not None:
            return "accepted"
        if self.expires_at <= now:
            return "expired"
        return "open"

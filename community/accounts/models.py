from __future__ import annotations

import enum
import re
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from community.core.db import TimestampMixin, UTCDateTime, utcnow
from community.extensions import db

if TYPE_CHECKING:
    from community.labs.models import LabMembership


class Role(enum.StrEnum):
    """Programme roles. ``coordinator`` and ``member`` are also the roles of a lab membership."""

    SECRETARIAT = "secretariat"
    COORDINATOR = "coordinator"
    MEMBER = "member"
    EXPERT = "expert"


USER_ROLES = (Role.SECRETARIAT, Role.EXPERT, Role.MEMBER)
LANGUAGES = ("ja", "en")


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "user_account"
    __table_args__ = (
        sa.CheckConstraint(
            sa.text("role IN ('secretariat', 'expert', 'member')"), name="role_allowed"
        ),
        sa.CheckConstraint(sa.text("preferred_language IN ('ja', 'en')"), name="language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    # the name after @ in a forum post: lower-case ASCII, 3-30 characters, given on registration
    handle: Mapped[str] = mapped_column(sa.String(30), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(80))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    preferred_language: Mapped[str] = mapped_column(sa.String(2), default="ja")
    role: Mapped[str] = mapped_column(sa.String(16), default=Role.MEMBER.value)
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    memberships: Mapped[list[LabMembership]] = relationship(
        "LabMembership", back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="ApiToken.id.desc()"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def is_secretariat(self) -> bool:
        return self.role == Role.SECRETARIAT

    def membership_in(self, lab_id: int):
        return next((m for m in self.memberships if m.lab_id == lab_id), None)

    def coordinates(self, lab_id: int) -> bool:
        membership = self.membership_in(lab_id)
        return membership is not None and membership.role == Role.COORDINATOR

    @property
    def roles(self) -> list[str]:
        """Every role the user holds: the programme role plus those of lab memberships."""
        held = {self.role} | {m.role for m in self.memberships}
        return [r.value for r in Role if r.value in held]

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


HANDLE = re.compile(r"^[a-z0-9_]{3,30}$")
_NOT_HANDLE = re.compile(r"[^a-z0-9_]+")


def handle_base(email: str) -> str:
    """A handle made from an e-mail address's local part: ``Sato.Ken@…`` gives ``sato_ken``."""
    base = _NOT_HANDLE.sub("_", email.split("@", 1)[0].lower()).strip("_")[:30]
    return base if len(base) >= 3 else (base + "_user")[:30].lstrip("_") or "user"


def unique_handle(session: Session, email: str, taken: set[str] = frozenset()) -> str:
    """``handle_base`` made unique with a number (``sato_2``) against the table and ``taken``."""
    base = handle_base(email)
    with session.no_autoflush:
        used = set(
            session.scalars(
                sa.select(User.handle).where(User.handle.startswith(base[:24], autoescape=True))
            )
        ) | set(taken)
    candidate, number = base, 1
    while candidate in used:
        number += 1
        suffix = f"_{number}"
        candidate = base[: 30 - len(suffix)] + suffix
    return candidate


@event.listens_for(Session, "before_flush")
def _give_handles(session: Session, flush_context, instances) -> None:
    """Every new user gets a handle, whichever code created them."""
    new = [obj for obj in session.new if isinstance(obj, User) and not obj.handle]
    given: set[str] = set()
    for user in new:
        user.handle = unique_handle(session, user.email or "user", given)
        given.add(user.handle)


class ApiToken(db.Model):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(80))
    prefix: Mapped[str] = mapped_column(sa.String(16))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="tokens")

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

"""Labs: who may create and edit them, their organisations, coordinators and invitations.

Every write goes through here, whether it comes from a page or the API.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import Conflict, Gone, NotFound

from community.accounts.models import Role, User
from community.accounts.services import get_user_by_email, normalise_email
from community.core.cache import VersionedCache
from community.core.db import utcnow
from community.core.i18n import N_
from community.core.markdown import render_markdown
from community.core.pagination import Page, paginate
from community.core.permissions import require, require_user
from community.core.realtime import disconnect_user
from community.core.validation import ValidationFailed
from community.extensions import db
from community.labs.models import (
    Invitation,
    Lab,
    LabKind,
    LabMembership,
    MemberOrganisation,
    Prefecture,
    Region,
    lab_prefecture,
)

LAB_NOT_FOUND = N_("ラボが見つかりません。")

DIRECTORY = "labs"  # the content version of the labs (core/cache.py; Lab.__content__)
_names = VersionedCache(size=4)


def lab_names(version: int) -> dict[int, str]:
    """Every lab's name by id, read once per ``version`` of the labs (from ``current_versions``)."""
    names = _names.get("all", version)
    if names is None:
        names = dict(db.session.execute(sa.select(Lab.id, Lab.name)).all())
        _names.put("all", version, names)
    return names


# --- reference data -------------------------------------------------------------------------


@dataclass(frozen=True)
class PrefectureRef:
    code: str
    name_ja: str
    name_en: str
    region_code: str


@dataclass(frozen=True)
class RegionRef:
    code: str
    name_ja: str
    name_en: str
    prefectures: tuple[PrefectureRef, ...]


_regions_cache: dict[str, tuple[RegionRef, ...]] = {}


def place_names(japanese: bool = True) -> tuple[dict[str, str], dict[str, str]]:
    """Region and prefecture names by code, in Japanese or English, in their usual order."""
    regions = list_regions()
    return (
        {r.code: r.name_ja if japanese else r.name_en for r in regions},
        {p.code: p.name_ja if japanese else p.name_en for r in regions for p in r.prefectures},
    )


def list_regions() -> tuple[RegionRef, ...]:
    """The nine regions with their prefectures, read once per database.

    Reference data changes only when ``flask seed reference`` runs, which clears the cache.
    """
    key = str(db.engine.url)
    if key not in _regions_cache:
        regions = db.session.scalars(
            sa.select(Region).options(selectinload(Region.prefectures)).order_by(Region.position)
        )
        _regions_cache[key] = tuple(
            RegionRef(
                r.code,
                r.name_ja,
                r.name_en,
                tuple(PrefectureRef(p.code, p.name_ja, p.name_en, r.code) for p in r.prefectures),
            )
            for r in regions
        )
    return _regions_cache[key]


def forget_reference_data() -> None:
    _regions_cache.clear()


def list_prefectures() -> list[Prefecture]:
    return list(db.session.scalars(sa.select(Prefecture).order_by(Prefecture.code)))


def get_prefectures(codes: list[str]) -> list[Prefecture]:
    found = {
        p.code: p
        for p in db.session.scalars(sa.select(Prefecture).where(Prefecture.code.in_(codes)))
    }
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationFailed({"prefectures": [N_("不明な都道府県コードが含まれています。")]})
    return [found[code] for code in dict.fromkeys(codes)]


# --- reading --------------------------------------------------------------------------------


def lab_list_query(
    *, region: str | None = None, prefecture: str | None = None, with_people: bool = True
) -> sa.Select:
    stmt = sa.select(Lab).options(selectinload(Lab.prefectures)).order_by(Lab.name)
    if with_people:
        stmt = stmt.options(selectinload(Lab.memberships).selectinload(LabMembership.user))
    if prefecture:
        stmt = stmt.where(
            Lab.id.in_(
                sa.select(lab_prefecture.c.lab_id).where(
                    lab_prefecture.c.prefecture_code == prefecture
                )
            )
        )
    if region:
        stmt = stmt.where(
            Lab.id.in_(
                sa.select(lab_prefecture.c.lab_id)
                .join(Prefecture, Prefecture.code == lab_prefecture.c.prefecture_code)
                .join(Region, Region.id == Prefecture.region_id)
                .where(Region.code == region)
            )
        )
    return stmt


def list_labs(
    *, region: str | None = None, prefecture: str | None = None, page: int = 1, per_page: int = 20
) -> Page:
    return paginate(lab_list_query(region=region, prefecture=prefecture), page, per_page)


def labs_for_directory(*, region: str | None = None, prefecture: str | None = None) -> list[Lab]:
    """Every matching lab, for the directory page (which shows no people)."""
    stmt = lab_list_query(region=region, prefecture=prefecture, with_people=False)
    return list(db.session.scalars(stmt))


def get_lab(lab_id: int) -> Lab:
    lab = db.session.get(
        Lab,
        lab_id,
        options=[
            selectinload(Lab.prefectures),
            selectinload(Lab.organisations),
            selectinload(Lab.memberships).selectinload(LabMembership.user),
        ],
    )
    if lab is None:
        raise NotFound(LAB_NOT_FOUND)
    return lab


def get_lab_by_slug(slug: str) -> Lab:
    lab_id = db.session.scalar(sa.select(Lab.id).where(Lab.slug == slug))
    if lab_id is None:
        raise NotFound(LAB_NOT_FOUND)
    return get_lab(lab_id)


# --- permissions ----------------------------------------------------------------------------


def can_manage_lab(user: User | None, lab: Lab) -> bool:
    """The secretariat and the lab's coordinators manage a lab."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_secretariat or user.coordinates(lab.id)


def check_can_create_lab(user: User | None) -> None:
    require_user(user)
    require(user.is_secretariat, N_("ラボを作成できるのは事務局だけです。"))


def check_can_manage_lab(user: User | None, lab: Lab) -> None:
    require_user(user)
    require(can_manage_lab(user, lab), N_("このラボを編集する権限がありません。"))


def can_see_member_contacts(user: User | None, lab: Lab) -> bool:
    return can_manage_lab(user, lab)


# --- labs -----------------------------------------------------------------------------------

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_lab_fields(fields: dict, lab: Lab | None) -> None:
    errors: dict[str, list[str]] = {}
    kind = fields.get("kind", lab.kind if lab else LabKind.DX.value)
    deadline = fields.get("transition_deadline", lab.transition_deadline if lab else None)
    if kind == LabKind.IOT_TRANSITION and deadline is None:
        errors["transition_deadline"] = [N_("移行中のIoT推進ラボには移行期限が必要です。")]
    for column in ("name", "slug"):
        if column in fields:
            clash = sa.select(Lab.id).where(getattr(Lab, column) == fields[column])
            if lab is not None:
                clash = clash.where(Lab.id != lab.id)
            if db.session.scalar(clash) is not None:
                errors[column] = [N_("同じ値のラボが既にあります。")]
    if errors:
        raise ValidationFailed(errors)


def _apply_lab_fields(lab: Lab, fields: dict) -> None:
    if "prefectures" in fields:
        lab.prefectures = get_prefectures(fields["prefectures"])
    for column in (
        "name",
        "slug",
        "kind",
        "transition_deadline",
        "vision",
        "kpi",
        "consultation_contact",
    ):
        if column in fields:
            setattr(lab, column, fields[column])
    if lab.kind == LabKind.DX:
        lab.transition_deadline = None
    if "description" in fields:
        lab.description = fields["description"]
        lab.description_html = render_markdown(fields["description"])


def do_create_lab(actor: User | None, **fields) -> Lab:
    check_can_create_lab(actor)
    _check_lab_fields(fields, None)
    lab = Lab()
    _apply_lab_fields(lab, fields)
    db.session.add(lab)
    _commit_unique(N_("同じ名前またはスラッグのラボが既にあります。"))
    return lab


def do_update_lab(actor: User | None, lab: Lab, **fields) -> Lab:
    check_can_manage_lab(actor, lab)
    _check_lab_fields(fields, lab)
    _apply_lab_fields(lab, fields)
    _commit_unique(N_("同じ名前またはスラッグのラボが既にあります。"))
    return lab


def _commit_unique(message: str) -> None:
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise Conflict(message) from None


# --- organisations --------------------------------------------------------------------------


def get_organisation(lab: Lab, organisation_id: int) -> MemberOrganisation:
    organisation = db.session.get(MemberOrganisation, organisation_id)
    if organisation is None or organisation.lab_id != lab.id:
        raise NotFound(N_("構成団体が見つかりません。"))
    return organisation


def do_add_organisation(
    actor: User | None, lab: Lab, *, name: str, kind: str, is_key_person: bool = False
) -> MemberOrganisation:
    check_can_manage_lab(actor, lab)
    organisation = MemberOrganisation(
        lab=lab, name=name.strip(), kind=kind, is_key_person=is_key_person
    )
    db.session.add(organisation)
    _commit_unique(N_("同じ名前の構成団体が既に登録されています。"))
    return organisation


def do_update_organisation(
    actor: User | None, organisation: MemberOrganisation, **fields
) -> MemberOrganisation:
    check_can_manage_lab(actor, organisation.lab)
    for column in ("name", "kind", "is_key_person"):
        if column in fields:
            setattr(organisation, column, fields[column])
    _commit_unique(N_("同じ名前の構成団体が既に登録されています。"))
    return organisation


def do_remove_organisation(actor: User | None, organisation: MemberOrganisation) -> None:
    check_can_manage_lab(actor, organisation.lab)
    db.session.delete(organisation)
    db.session.commit()


# --- memberships ----------------------------------------------------------------------------


def get_membership(lab: Lab, user_id: int) -> LabMembership:
    membership = db.session.scalar(
        sa.select(LabMembership).where(
            LabMembership.lab_id == lab.id, LabMembership.user_id == user_id
        )
    )
    if membership is None:
        raise NotFound(N_("メンバーが見つかりません。"))
    return membership


def do_appoint_coordinator(actor: User | None, lab: Lab, *, email: str) -> LabMembership:
    """The secretariat appoints a registered user as a coordinator of the lab."""
    require_user(actor)
    require(actor.is_secretariat, N_("コーディネーターを任命できるのは事務局だけです。"))
    user = get_user_by_email(email)
    if user is None:
        raise ValidationFailed(
            {"email": [N_("このメールアドレスのユーザーは登録されていません。")]}
        )
    membership = user.membership_in(lab.id)
    if membership is None:
        membership = LabMembership(lab=lab, user=user, role=Role.COORDINATOR.value)
        db.session.add(membership)
    else:
        membership.role = Role.COORDINATOR.value
    _commit_unique(N_("このユーザーは既にメンバーです。"))
    return membership


def do_change_member_role(
    actor: User | None, membership: LabMembership, role: str
) -> LabMembership:
    check_can_manage_lab(actor, membership.lab)
    if role == Role.COORDINATOR:
        require(actor.is_secretariat, N_("コーディネーターを任命できるのは事務局だけです。"))
    _check_keeps_a_coordinator(membership, leaving=role != Role.COORDINATOR, actor=actor)
    membership.role = role
    db.session.commit()
    return membership


def do_remove_member(actor: User | None, membership: LabMembership) -> None:
    require_user(actor)
    leaving_self = actor.id == membership.user_id
    if not leaving_self:
        check_can_manage_lab(actor, membership.lab)
        if membership.role == Role.COORDINATOR:
            require(actor.is_secretariat, N_("コーディネーターを外せるのは事務局だけです。"))
    _check_keeps_a_coordinator(membership, leaving=True, actor=actor)
    user_id = membership.user_id
    db.session.delete(membership)
    db.session.commit()
    disconnect_user(user_id)  # out of the lab's rooms at once, on every process


def _check_keeps_a_coordinator(membership: LabMembership, *, leaving: bool, actor: User) -> None:
    """A coordinator may not leave a lab without another coordinator; the secretariat may."""
    if not leaving or membership.role != Role.COORDINATOR or actor.is_secretariat:
        return
    others = [
        m
        for m in membership.lab.memberships
        if m.role == Role.COORDINATOR and m.id != membership.id
    ]
    if not others:
        raise Conflict(N_("ラボには少なくとも1人のコーディネーターが必要です。"))


# --- invitations ----------------------------------------------------------------------------


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def do_create_invitation(
    actor: User | None,
    lab: Lab,
    *,
    email: str | None = None,
    role: str = Role.MEMBER.value,
    ttl_days: int | None = None,
) -> tuple[Invitation, str]:
    """Returns the invitation and the secret of its link, which is stored only as a hash."""
    check_can_manage_lab(actor, lab)
    if role == Role.COORDINATOR:
        require(actor.is_secretariat, N_("コーディネーターとして招待できるのは事務局だけです。"))
    raw = secrets.token_urlsafe(24)
    days = ttl_days or current_app.config["INVITATION_TTL_DAYS"]
    invitation = Invitation(
        lab=lab,
        token_hash=_hash(raw),
        email=normalise_email(email) if email else None,
        role=role,
        created_by_id=actor.id,
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.commit()
    return invitation, raw


def list_invitations(actor: User | None, lab: Lab) -> list[Invitation]:
    check_can_manage_lab(actor, lab)
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .where(Invitation.lab_id == lab.id)
            .options(selectinload(Invitation.accepted_by))
            .order_by(Invitation.id.desc())
        )
    )


def get_invitation(lab: Lab, invitation_id: int) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.lab_id != lab.id:
        raise NotFound(N_("招待が見つかりません。"))
    return invitation


def do_revoke_invitation(actor: User | None, invitation: Invitation) -> Invitation:
    check_can_manage_lab(actor, invitation.lab)
    if invitation.accepted_at is not None:
        raise Conflict(N_("受諾済みの招待は取り消せません。"))
    if invitation.revoked_at is None:
        invitation.revoked_at = utcnow()
        db.session.commit()
    return invitation


def find_invitation(raw: str) -> Invitation:
    invitation = db.session.scalar(sa.select(Invitation).where(Invitation.token_hash == _hash(raw)))
    if invitation is None:
        raise NotFound(N_("招待が見つかりません。"))
    return invitation


def check_invitation_open(invitation: Invitation) -> None:
    state = invitation.state(utcnow())
    if state == "expired":
        raise Gone(N_("この招待は期限切れです。"))
    if state in ("revoked", "accepted"):
        raise Gone(N_("この招待は既に使用済みか取り消されています。"))


def do_accept_invitation(user: User | None, raw: str) -> LabMembership:
    require_user(user)
    invitation = find_invitation(raw)
    check_invitation_open(invitation)
    if invitation.email and invitation.email != user.email:
        require(False, N_("この招待は別のメールアドレス宛てです。"))
    if user.membership_in(invitation.lab_id) is not None:
        raise Conflict(N_("既にこのラボのメンバーです。"))
    # Claim the invitation with a conditional update so that two tabs cannot both use it.
    claimed = db.session.execute(
        sa.update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(accepted_at=utcnow(), accepted_by_id=user.id)
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise Gone(N_("この招待は既に使用済みか取り消されています。"))
    membership = LabMembership(lab_id=invitation.lab_id, user_id=user.id, role=invitation.role)
    db.session.add(membership)
    _commit_unique(N_("既にこのラボのメンバーです。"))
    db.session.refresh(user)
    return membership


# --- overview -------------------------------------------------------------------------------


def regions_with_lab_counts() -> list[tuple[RegionRef, int]]:
    """Each region with the number of labs covering it, in one statement."""
    counts = dict(
        db.session.execute(
            sa.select(Region.code, sa.func.count(sa.distinct(lab_prefecture.c.lab_id)))
            .join(Prefecture, Prefecture.region_id == Region.id)
            .join(lab_prefecture, lab_prefecture.c.prefecture_code == Prefecture.code)
            .group_by(Region.code)
        ).all()
    )
    return [(region, counts.get(region.code, 0)) for region in list_regions()]


def programme_stats() -> dict[str, int]:
    return {
        "labs": db.session.scalar(sa.select(sa.func.count(Lab.id))) or 0,
        "organisations": db.session.scalar(sa.select(sa.func.count(MemberOrganisation.id))) or 0,
        "members": db.session.scalar(sa.select(sa.func.count(sa.distinct(LabMembership.user_id))))
        or 0,
    }

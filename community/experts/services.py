"""Expert directory: who may write a profile, the directory's filters, and who fits a need.

Every write goes through here, whether it comes from a page or the API. Other features call
``do_record_answer`` when an expert's answer counts (an accepted forum answer, a channel
question answered) and ``recommend_experts`` to show who fits a case, a lab or a thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import sqlalchemy as sa
from flask import has_request_context
from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import contains_eager, selectinload
from werkzeug.exceptions import Conflict, NotFound

from community.accounts.models import Role, User
from community.core.db import utcnow
from community.core.i18n import N_
from community.core.markdown import render_markdown
from community.core.pagination import Page, paginate
from community.core.permissions import require, require_user
from community.core.validation import ValidationFailed
from community.experts.models import (
    Availability,
    ExpertAnswerTally,
    ExpertField,
    ExpertPrefecture,
    ExpertProfile,
    ExpertRegion,
)
from community.experts.reference import FIELDS
from community.extensions import db
from community.forum.models import ForumPost
from community.labs.models import Prefecture, Region
from community.labs.services import list_regions, place_names

EXPERT_NOT_FOUND = N_("専門家が見つかりません。")
NOT_EDITOR = N_("このプロフィールを編集する権限がありません。")
NOT_CREATOR = N_("専門家のプロフィールを作成できるのは、専門家本人と事務局だけです。")
NOT_AN_EXPERT = N_("専門家の役割を持つ利用者だけがプロフィールを持てます。")
UNKNOWN_USER = N_("利用者が見つかりません。")
ALREADY_EXISTS = N_("この専門家のプロフィールはすでにあります。")
NO_MODE = N_("オンラインか対面のどちらかを選んでください。")

# the same message ids as the Japanese names of ``experts.reference.FIELDS``
FIELD_LABELS = {
    "talent": _l("人材不足"),
    "motivation": _l("意欲醸成"),
    "awareness": _l("理解不足"),
    "support": _l("支援整備"),
    "funding": _l("財源不足"),
    "ai": _l("AI活用"),
    "iot": _l("IoT"),
    "data": _l("データ活用"),
    "security": _l("セキュリティ"),
    "cloud": _l("クラウド"),
    "operations": _l("業務改善"),
    "ec": _l("EC"),
    "manufacturing": _l("製造DX"),
}
FIELD_ORDER = {code: position for position, code in enumerate(FIELDS)}


# --- permissions ----------------------------------------------------------------------------


def _signed_in(user: User | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def can_edit_profile(user: User | None, profile: ExpertProfile) -> bool:
    """The expert edits their own profile; the secretariat edits any."""
    return _signed_in(user) and (user.is_secretariat or user.id == profile.user_id)


def can_create_profile(user: User | None) -> bool:
    return _signed_in(user) and (user.is_secretariat or user.role == Role.EXPERT)


def check_can_edit_profile(user: User | None, profile: ExpertProfile) -> None:
    require_user(user)
    require(can_edit_profile(user, profile), NOT_EDITOR)


def _check_can_create(actor: User | None, user_id: int | None) -> User:
    """The expert writes their own profile; the secretariat writes anyone's with the role."""
    require_user(actor)
    target_id = user_id or actor.id
    own = actor.role == Role.EXPERT and target_id == actor.id
    require(actor.is_secretariat or own, NOT_CREATOR)
    target = actor if target_id == actor.id else db.session.get(User, target_id)
    if target is None:
        raise ValidationFailed({"user_id": [UNKNOWN_USER]})
    if target.role != Role.EXPERT:
        raise ValidationFailed({"user_id": [NOT_AN_EXPERT]})
    return target


# --- reading --------------------------------------------------------------------------------

_LIST_OPTIONS = (
    # an expert's lab memberships are not shown: not loaded unless asked for
    contains_eager(ExpertProfile.user).lazyload(User.memberships),
    selectinload(ExpertProfile.fields),
    selectinload(ExpertProfile.regions),
    selectinload(ExpertProfile.prefectures),
    selectinload(ExpertProfile.tallies),
)


def _base() -> sa.Select:
    """Profiles of active users who hold the role of expert, with their user."""
    return (
        sa.select(ExpertProfile)
        .join(User, User.id == ExpertProfile.user_id)
        .where(User.role == Role.EXPERT.value, User.active.is_(True))
    )


def _listed() -> sa.Select:
    return _base().where(ExpertProfile.listed.is_(True))


def _attach_viewer(user: User | None, profiles: Iterable[ExpertProfile]) -> None:
    secretariat = _signed_in(user) and user.is_secretariat
    own = user.id if _signed_in(user) else None
    for profile in profiles:
        profile.viewer_can_edit = secretariat or profile.user_id == own


def get_profile(user: User | None, profile_id: int) -> ExpertProfile:
    """One profile; an unlisted one exists only for its expert and the secretariat."""
    profile = db.session.scalars(
        _base().where(ExpertProfile.id == profile_id).options(*_LIST_OPTIONS)
    ).first()
    if profile is None or not (profile.listed or can_edit_profile(user, profile)):
        raise NotFound(EXPERT_NOT_FOUND)
    _attach_viewer(user, [profile])
    return profile


def find_own_profile(user: User | None) -> ExpertProfile | None:
    if not _signed_in(user):
        return None
    return db.session.scalar(sa.select(ExpertProfile).where(ExpertProfile.user_id == user.id))


def get_own_profile(user: User | None) -> ExpertProfile:
    require_user(user)
    found = find_own_profile(user)
    if found is None:
        raise NotFound(EXPERT_NOT_FOUND)
    return get_profile(user, found.id)


def _in_region(region: str) -> sa.ColumnElement[bool]:
    """Covers the region itself, or one of its prefectures."""
    whole = sa.select(ExpertRegion.profile_id).where(ExpertRegion.region_code == region)
    part = (
        sa.select(ExpertPrefecture.profile_id)
        .join(Prefecture, Prefecture.code == ExpertPrefecture.prefecture_code)
        .join(Region, Region.id == Prefecture.region_id)
        .where(Region.code == region)
    )
    return sa.or_(ExpertProfile.id.in_(whole), ExpertProfile.id.in_(part))


def _in_prefecture(prefecture: str) -> sa.ColumnElement[bool]:
    """Covers the prefecture, or the whole region it lies in."""
    itself = sa.select(ExpertPrefecture.profile_id).where(
        ExpertPrefecture.prefecture_code == prefecture
    )
    region = (
        sa.select(Region.code)
        .join(Prefecture, Prefecture.region_id == Region.id)
        .where(Prefecture.code == prefecture)
        .scalar_subquery()
    )
    whole = sa.select(ExpertRegion.profile_id).where(ExpertRegion.region_code == region)
    return sa.or_(ExpertProfile.id.in_(itself), ExpertProfile.id.in_(whole))


def _words(q: str) -> list[str]:
    return [w for w in unicodedata.normalize("NFKC", q).casefold().split() if w][:5]


def _apply_filters(stmt: sa.Select, f: dict) -> sa.Select:
    if f.get("field"):
        stmt = stmt.where(
            ExpertProfile.id.in_(
                sa.select(ExpertField.profile_id).where(ExpertField.code == f["field"])
            )
        )
    if f.get("region"):
        stmt = stmt.where(_in_region(f["region"]))
    if f.get("prefecture"):
        stmt = stmt.where(_in_prefecture(f["prefecture"]))
    if f.get("mode") == "online":
        stmt = stmt.where(ExpertProfile.online.is_(True))
    elif f.get("mode") == "in_person":
        stmt = stmt.where(ExpertProfile.in_person.is_(True))
    if f.get("honorarium") is not None:
        stmt = stmt.where(ExpertProfile.honorarium_eligible.is_(f["honorarium"]))
    if f.get("availability"):
        stmt = stmt.where(ExpertProfile.availability == f["availability"])
    for word in _words(f.get("q") or ""):
        stmt = stmt.where(
            sa.or_(
                *(
                    sa.func.lower(column).contains(word, autoescape=True)
                    for column in (
                        User.display_name,
                        ExpertProfile.headline,
                        ExpertProfile.organisation,
                        ExpertProfile.bio,
                    )
                )
            )
        )
    return stmt


def _answer_total() -> sa.ScalarSelect:
    return (
        sa.select(sa.func.coalesce(sa.func.sum(ExpertAnswerTally.count), 0))
        .where(ExpertAnswerTally.user_id == ExpertProfile.user_id)
        .scalar_subquery()
    )


def _ordered(stmt: sa.Select, sort: str) -> sa.Select:
    if sort == "name":
        return stmt.order_by(User.display_name, ExpertProfile.id)
    if sort == "answers":
        return stmt.order_by(_answer_total().desc(), User.display_name, ExpertProfile.id)
    if sort == "recent":
        return stmt.order_by(ExpertProfile.updated_at.desc(), ExpertProfile.id.desc())
    by_field = sa.case(FIELD_ORDER, value=ExpertProfile.primary_field, else_=len(FIELDS))
    return stmt.order_by(by_field, User.display_name, ExpertProfile.id)


def browse_experts(
    user: User | None, *, page: int = 1, per_page: int = 20, sort: str = "field", **filters
) -> Page:
    """One page of listed experts in six statements whatever its length: the count, the
    profiles with their users, their fields, regions, prefectures and answer tallies."""
    stmt = _ordered(_apply_filters(_listed(), filters), sort).options(*_LIST_OPTIONS)
    result = paginate(stmt, page, per_page)
    _attach_viewer(user, result.items)
    return result


def field_counts() -> list[dict]:
    """Every field with the number of listed experts in it, in the order of ``FIELDS``."""
    listed = _listed().with_only_columns(ExpertProfile.id).scalar_subquery()
    counts = dict(
        db.session.execute(
            sa.select(ExpertField.code, sa.func.count())
            .where(ExpertField.profile_id.in_(listed))
            .group_by(ExpertField.code)
        ).all()
    )
    return [
        {"code": code, "name": field_name(code), "count": counts.get(code, 0)} for code in FIELDS
    ]


def experts_without_profile() -> list[User]:
    """Users with the role of expert who have no profile yet: the secretariat's choices."""
    return list(
        db.session.scalars(
            sa.select(User)
            .where(
                User.role == Role.EXPERT.value,
                ~sa.exists().where(ExpertProfile.user_id == User.id),
            )
            .order_by(User.display_name, User.id)
        )
    )


# --- writing --------------------------------------------------------------------------------

_SCALARS = (
    "headline",
    "organisation",
    "online",
    "in_person",
    "honorarium_eligible",
    "availability",
    "availability_note",
    "listed",
)


def _check_mode(profile: ExpertProfile | None, fields: dict) -> None:
    online = fields.get("online", profile.online if profile else True)
    in_person = fields.get("in_person", profile.in_person if profile else False)
    if not (online or in_person):
        raise ValidationFailed({"online": [NO_MODE]})


def _apply(profile: ExpertProfile, fields: dict) -> None:
    for name in _SCALARS:
        if name in fields:
            setattr(profile, name, fields[name])
    if "bio" in fields:
        profile.bio = fields["bio"]
        profile.bio_html = render_markdown(fields["bio"])
    if "expert_fields" in fields:
        codes = list(dict.fromkeys(fields["expert_fields"]))
        profile.fields = [ExpertField(code=c, position=i) for i, c in enumerate(codes)]
        profile.primary_field = codes[0]
    if "regions" in fields:
        profile.regions = [ExpertRegion(region_code=c) for c in dict.fromkeys(fields["regions"])]
    if "prefectures" in fields:
        codes = dict.fromkeys(fields["prefectures"])
        profile.prefectures = [ExpertPrefecture(prefecture_code=c) for c in codes]


def _commit_unique() -> None:
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise Conflict(ALREADY_EXISTS) from None


def do_create_profile(actor: User | None, *, user_id: int | None = None, **fields) -> ExpertProfile:
    """An expert writes their own profile; the secretariat writes one for any expert."""
    target = _check_can_create(actor, user_id)
    if find_own_profile(target) is not None:
        raise Conflict(ALREADY_EXISTS)
    _check_mode(None, fields)
    profile = ExpertProfile(user_id=target.id)
    _apply(profile, fields)
    db.session.add(profile)
    _commit_unique()
    return get_profile(actor, profile.id)


def do_update_profile(actor: User | None, profile: ExpertProfile, **fields) -> ExpertProfile:
    check_can_edit_profile(actor, profile)
    _check_mode(profile, fields)
    _apply(profile, fields)
    db.session.commit()
    return get_profile(actor, profile.id)


def do_delete_profile(actor: User | None, profile: ExpertProfile) -> None:
    """The profile goes; the answers the expert gave stay counted."""
    check_can_edit_profile(actor, profile)
    db.session.delete(profile)
    db.session.commit()


def do_record_answer(expert_user_id: int, fields: Iterable[str], *, commit: bool = True) -> None:
    """Count one answer of the expert in each of ``fields`` (unknown codes are skipped).

    Called by other features when an answer counts: an accepted forum answer, a channel
    question answered. One upsert per field, so answers given at the same time all count.
    With ``commit=False`` the counts join the caller's transaction, which commits them.
    """
    codes = [code for code in dict.fromkeys(fields) if code in FIELDS]
    if not codes:
        return
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = utcnow()
    for code in codes:
        stmt = insert(ExpertAnswerTally).values(
            user_id=expert_user_id, field=code, count=1, updated_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["user_id", "field"],
            set_={"count": ExpertAnswerTally.count + 1, "updated_at": now},
        )
        db.session.execute(stmt)
    if commit:
        db.session.commit()


# --- who fits: recommendations --------------------------------------------------------------

# Points, in whole numbers so that the database and Python rank alike. They make the order
# lexicographic: each matched field (up to three) outweighs any place; each step of place
# outweighs the answers, 講師謝金支援 and a limited availability together.
FIELD_POINTS = 3000  # all the fields looked for, or three of them, matched
PLACE_POINTS = {"prefecture": 800, "region": 600, "nearby": 400, "online": 200}
ANSWER_CAP = 18  # answers beyond this add nothing more
ANSWER_POINTS = 5  # per answer in the fields looked for: at most 90
HONORARIUM_POINTS = 50  # labs short of funds (財源不足) can pay through 講師謝金支援
LIMITED_POINTS = -50
POINTS_PER_SCORE = 100  # the score shown is the points divided by this


def _t(message: str, **values) -> str:
    """A message in the reader's language; in Japanese outside a request (a command)."""
    return gettext(message, **values) if has_request_context() else message % values


def field_name(code: str) -> str:
    return str(FIELD_LABELS[code]) if has_request_context() else FIELDS[code]


def _place_names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Region and prefecture names in the reader's language, and each prefecture's region."""
    region_names, prefecture_names = place_names(
        not has_request_context() or get_locale().language == "ja"
    )
    regions = list_regions()
    return region_names, prefecture_names, {p.code: r.code for r in regions for p in r.prefectures}


def _field_names(codes: Iterable[str]) -> str:
    return "・".join(field_name(code) for code in codes)


def _field_points(matched: int, wanted: int) -> int:
    shared = min(wanted, 3)
    return FIELD_POINTS // shared * min(matched, shared) if wanted else 0


def _explain(
    profile: ExpertProfile,
    wanted: list[str],
    places: list[str],
    names: tuple[dict[str, str], dict[str, str], dict[str, str]],
) -> tuple[int, list[str]]:
    """The points of one expert, as ``_ranking`` counts them, and the reasons in words."""
    region_names, prefecture_names, region_of = names
    points, reasons = 0, []
    codes = set(profile.field_codes)
    matched = [code for code in wanted if code in codes]
    if matched:
        points += _field_points(len(matched), len(wanted))
        reasons.append(_t(N_("分野が一致: %(names)s"), names=_field_names(matched)))
    if places:
        own_prefectures, own_regions = set(profile.prefecture_codes), set(profile.region_codes)
        exact = [p for p in places if p in own_prefectures]
        by_region = [p for p in places if region_of[p] in own_regions]
        near = {region_of[own] for own in own_prefectures if own in region_of}
        nearby = [region_of[p] for p in places if region_of[p] in near]
        if exact:
            points += PLACE_POINTS["prefecture"]
            reasons.append(_t(N_("%(place)sを担当"), place=prefecture_names[exact[0]]))
        elif by_region:
            points += PLACE_POINTS["region"]
            region = region_names[region_of[by_region[0]]]
            reasons.append(_t(N_("%(region)s地方全域を担当"), region=region))
        elif nearby:
            points += PLACE_POINTS["nearby"]
            reasons.append(_t(N_("同じ地方（%(region)s）で活動"), region=region_names[nearby[0]]))
        elif profile.online:
            points += PLACE_POINTS["online"]
            reasons.append(_t(N_("オンラインで対応")))
    answers = profile.answers
    counted = sum(answers.get(code, 0) for code in (matched or codes))
    if counted:
        points += ANSWER_POINTS * min(counted, ANSWER_CAP)
        reasons.append(_t(N_("この分野での回答%(n)s件"), n=counted))
    if profile.honorarium_eligible:
        points += HONORARIUM_POINTS
        reasons.append(_t(N_("講師謝金支援の対象")))
    if profile.availability == Availability.LIMITED:
        points += LIMITED_POINTS
        reasons.append(_t(N_("受付は限定的")))
    return points, reasons


def _smaller(value, cap: int):
    return sa.case((value > cap, cap), else_=value)


def _ranking(wanted: list[str], places: list[str], region_of: dict[str, str]) -> tuple:
    """The points of ``_explain`` as SQL over every candidate, and the answers that break ties."""
    profile_id = ExpertProfile.id
    fields = sa.select(ExpertField.code).where(ExpertField.profile_id == profile_id)
    if wanted:
        fields = fields.where(ExpertField.code.in_(wanted))
    answers = (
        sa.select(sa.func.coalesce(sa.func.sum(ExpertAnswerTally.count), 0))
        .where(ExpertAnswerTally.user_id == ExpertProfile.user_id)
        .where(ExpertAnswerTally.field.in_(fields))
        .scalar_subquery()
    )
    points = ANSWER_POINTS * _smaller(answers, ANSWER_CAP)
    points += sa.case((ExpertProfile.honorarium_eligible.is_(True), HONORARIUM_POINTS), else_=0)
    points += sa.case(
        (ExpertProfile.availability == Availability.LIMITED.value, LIMITED_POINTS), else_=0
    )
    if wanted:
        matched = (
            sa.select(sa.func.count())
            .select_from(ExpertField)
            .where(ExpertField.profile_id == profile_id, ExpertField.code.in_(wanted))
            .scalar_subquery()
        )
        shared = min(len(wanted), 3)
        points += FIELD_POINTS // shared * _smaller(matched, shared)
    if places:
        regions = sorted({region_of[p] for p in places})
        nearby = [code for code, region in region_of.items() if region in regions]

        def covers(model, column, values):
            return sa.exists().where(model.profile_id == profile_id, column.in_(values))

        points += sa.case(
            (covers(ExpertPrefecture, ExpertPrefecture.prefecture_code, places),
             PLACE_POINTS["prefecture"]),
            (covers(ExpertRegion, ExpertRegion.region_code, regions), PLACE_POINTS["region"]),
            (covers(ExpertPrefecture, ExpertPrefecture.prefecture_code, nearby),
             PLACE_POINTS["nearby"]),
            (ExpertProfile.online.is_(True), PLACE_POINTS["online"]),
            else_=0,
        )  # fmt: skip
    return points, answers


Recommended = tuple[ExpertProfile, float, list[str]]


def recommend_experts(
    *, fields: set[str], prefecture_codes: set[str], limit: int = 5
) -> list[tuple[ExpertProfile, float, list[str]]]:
    """The listed experts who take requests, best first, with their score and the reasons.

    How well the fields match counts first (all of them, or three, for full marks), then the
    place (the prefecture itself > its whole region > another prefecture of the same region
    > online), then the answers given in those fields; 講師謝金支援 adds a little, a limited
    availability takes a little; more answers, then the older profile, break ties. With no
    fields every field counts. The database ranks every candidate and hands back the first
    ``limit``: five statements whatever the number of experts (the ranked profiles with their
    users, their fields, regions, prefectures and tallies).
    """
    wanted = [code for code in FIELDS if code in set(fields)]
    names = _place_names()
    places = sorted(code for code in set(prefecture_codes) if code in names[2])
    points, answers = _ranking(wanted, places, names[2])
    stmt = _listed().where(ExpertProfile.availability != Availability.NOT_ACCEPTING.value)
    if wanted:
        stmt = stmt.where(
            ExpertProfile.id.in_(
                sa.select(ExpertField.profile_id).where(ExpertField.code.in_(wanted))
            )
        )
    stmt = stmt.order_by(points.desc(), answers.desc(), ExpertProfile.id).limit(limit)
    profiles = db.session.scalars(stmt.options(*_LIST_OPTIONS)).unique().all()
    found = []
    for profile in profiles:
        profile_points, reasons = _explain(profile, wanted, places, names)
        found.append((profile, profile_points / POINTS_PER_SCORE, reasons))
    return found


# a case's technologies, tags and title hint at the technology fields
TECH_KEYWORDS: dict[str, tuple[str, ...]] = {
    "ai": ("ai", "生成ai", "llm", "rag", "chatgpt", "機械学習", "画像認識", "チャットボット",
           "人工知能", "ディープラーニング"),
    "iot": ("iot", "センサー", "センサ", "遠隔監視"),
    "data": ("データ", "bi", "ダッシュボード", "分析", "可視化"),
    "security": ("セキュリティ", "サイバー", "情報漏洩"),
    "cloud": ("クラウド", "aws", "azure", "saas", "kintone", "google workspace",
              "microsoft 365"),
    "operations": ("rpa", "業務改善", "業務効率", "ペーパーレス", "電子化", "ノーコード",
                   "ローコード"),
    "ec": ("ec", "eコマース", "ネットショップ", "通販", "オンラインショップ"),
    "manufacturing": ("製造", "生産管理", "工場", "ものづくり", "mes"),
}  # fmt: skip
_ASCII_WORD = re.compile(r"^[a-z0-9 ]+$")
_PATTERNS = {
    code: [
        re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])")
        if _ASCII_WORD.match(word)
        else re.compile(re.escape(word))
        for word in words
    ]
    for code, words in TECH_KEYWORDS.items()
}
MANUFACTURING_INDUSTRY = "E"  # 製造業


def technology_fields(text: str) -> set[str]:
    """The technology fields a free text mentions: "生成AI" → ai, "kintone" → cloud."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    return {code for code, patterns in _PATTERNS.items() if any(p.search(normal) for p in patterns)}


def case_fields(case) -> set[str]:
    """A case's challenge categories, and the technology fields its words hint at."""
    codes = {code for code in case.challenge_codes if code in FIELDS}
    words = [*case.technologies, *case.tag_names, case.title]
    codes |= technology_fields(" ".join(str(w) for w in words))
    if case.industry == MANUFACTURING_INDUSTRY:
        codes.add("manufacturing")
    return codes


def _case_places(case) -> set[str]:
    if case.prefecture_code:
        return {case.prefecture_code}
    return {p.code for p in case.lab.prefectures}


def experts_for_case(case, limit: int = 5) -> dict:
    """Experts for a case: its fields, in its prefecture (else its lab's prefectures)."""
    return _recommendation(case_fields(case), _case_places(case), limit)


def experts_for_lab(lab, limit: int = 5) -> dict:
    """Experts for a lab: a lab records no challenges, so experts of every field, ranked by
    the place and their answers, in its prefectures."""
    found = _recommendation(set(), {p.code for p in lab.prefectures}, limit)
    return {**found, "fields": list(FIELDS)}


def recommend_for_case_page(case, limit: int = 5) -> list[tuple[ExpertProfile, float, list[str]]]:
    """この案件に合う専門家, as the case page shows them."""
    return recommend_experts(
        fields=case_fields(case), prefecture_codes=_case_places(case), limit=limit
    )


def thread_fields(thread) -> set[str]:
    """A forum thread's challenge category (its category), and the technology fields its
    title and opening post hint at."""
    codes = {thread.category.slug} & set(FIELDS)
    opening = db.session.scalar(
        sa.select(ForumPost.body).where(ForumPost.thread_id == thread.id, ForumPost.is_opening)
    )
    return codes | technology_fields(f"{thread.title} {opening or ''}")


def _thread_places(thread) -> set[str]:
    """Where the asker's labs are; an asker of no lab is helped from anywhere (online)."""
    author = thread.author
    if author is None:
        return set()
    return {p.code for m in author.memberships for p in m.lab.prefectures}


def recommend_for_thread_page(
    thread, limit: int = 5
) -> list[tuple[ExpertProfile, float, list[str]]]:
    return recommend_experts(
        fields=thread_fields(thread), prefecture_codes=_thread_places(thread), limit=limit
    )


def experts_for_thread(thread, limit: int = 5) -> dict:
    """Experts for a forum thread: its category and words, near the asker's labs."""
    return _recommendation(thread_fields(thread), _thread_places(thread), limit)


def recommend_for_lab_page(lab, limit: int = 5) -> list[tuple[ExpertProfile, float, list[str]]]:
    return recommend_experts(
        fields=set(), prefecture_codes={p.code for p in lab.prefectures}, limit=limit
    )


def _recommendation(fields: set[str], places: set[str], limit: int) -> dict:
    items = recommend_experts(fields=fields, prefecture_codes=places, limit=limit)
    return {
        "fields": [code for code in FIELDS if code in fields],
        "prefectures": sorted(places),
        "items": [{"expert": p, "score": s, "reasons": r} for p, s, r in items],
    }


def recommendations(*, field_codes: list[str], prefecture_codes: list[str], limit: int) -> dict:
    return _recommendation(set(field_codes), set(prefecture_codes), limit)

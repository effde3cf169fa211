"""The case library: who may read and write a case, and the search over published cases.

Every write goes through here and keeps the search index current in the same transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import NotFound

from community.accounts.models import User
from community.cases.models import (
    Case,
    CaseChallenge,
    CaseStatus,
    CaseTag,
    Outcome,
    PolicyUse,
    SubsidyUsage,
)
from community.core.db import utcnow
from community.core.i18n import N_
from community.core.markdown import render_markdown
from community.core.pagination import Page, paginate
from community.core.permissions import require, require_user
from community.core.search import index_document, matches, remove_document
from community.extensions import db
from community.labs.models import Lab, Prefecture, Region
from community.labs.services import get_lab

SEARCH_KIND = "case"
CASE_NOT_FOUND = N_("事例が見つかりません。")


# --- permissions ----------------------------------------------------------------------------


def can_write_case(user: User | None, lab_id: int) -> bool:
    """The owning lab's members and coordinators write; the secretariat moderates."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_secretariat or user.membership_in(lab_id) is not None


def can_read_case(user: User | None, case: Case) -> bool:
    return case.is_published or can_write_case(user, case.lab_id)


def check_can_write_case(user: User | None, lab_id: int) -> None:
    require_user(user)
    require(can_write_case(user, lab_id), N_("このラボの事例を編集する権限がありません。"))


# --- reading --------------------------------------------------------------------------------

_LIST_OPTIONS = (
    selectinload(Case.lab),
    selectinload(Case.prefecture),
    selectinload(Case.challenges),
    selectinload(Case.tags),
)


def get_case(user: User | None, case_id: int) -> Case:
    case = db.session.get(
        Case,
        case_id,
        options=[
            *_LIST_OPTIONS,
            selectinload(Case.outcomes),
            selectinload(Case.subsidies),
            selectinload(Case.policies),
        ],
    )
    if case is None or not can_read_case(user, case):
        raise NotFound(CASE_NOT_FOUND)  # a draft of another lab does not exist for the reader
    return case


def _visible(stmt: sa.Select, user: User | None) -> sa.Select:
    if user is not None and user.is_authenticated and user.is_secretariat:
        return stmt
    own_labs = (
        [m.lab_id for m in user.memberships] if user is not None and user.is_authenticated else []
    )
    published = Case.status == CaseStatus.PUBLISHED.value
    return stmt.where(sa.or_(published, Case.lab_id.in_(own_labs)) if own_labs else published)


def _filtered(user: User | None, filters: dict) -> tuple[sa.Select, sa.Subquery | None]:
    """The cases a reader may see that match the text and facets, and the text matches."""
    stmt = _visible(sa.select(Case), user)
    found = matches(SEARCH_KIND, filters.get("q") or "")
    if found is not None:
        stmt = stmt.join(found, found.c.object_id == Case.id)
    elif filters.get("q"):
        stmt = stmt.where(sa.false())  # only one-character terms: nothing can match
    return _apply_facets(stmt, filters), found


def search_cases(
    user: User | None, *, page: int = 1, per_page: int = 20, sort: str = "relevance", **filters
) -> Page:
    """Published cases (and the reader's own lab's drafts) by text and facets."""
    stmt, found = _filtered(user, filters)
    stmt = stmt.options(*_LIST_OPTIONS)
    if found is not None and sort == "relevance":
        stmt = stmt.order_by(found.c.rank.desc(), Case.id.desc())
    else:
        newest = sa.func.coalesce(Case.published_at, Case.created_at)
        stmt = stmt.order_by(newest.desc(), Case.id.desc())
    return paginate(stmt, page, per_page)


def browse_cases(
    user: User | None, *, page: int = 1, per_page: int = 20, sort: str = "relevance", **filters
) -> dict:
    """One page of the library with the facet counts of the whole result: what the list page
    and ``GET /api/cases`` show. Returns ``{"items", "meta", "facets"}``."""
    found = search_cases(user, page=page, per_page=per_page, sort=sort, **filters)
    return {"items": found.items, "meta": found.meta, "facets": facet_counts(user, **filters)}


def _facet_key(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def facet_counts(user: User | None, **filters) -> dict[str, dict[str, int]]:
    """How many of the matching cases fall under each facet value: one statement a facet."""
    stmt, _found = _filtered(user, filters)
    ids = stmt.with_only_columns(Case.id).subquery()
    in_set = sa.select(ids.c.id)

    def count(column, *joins) -> dict[str, int]:
        query = sa.select(column, sa.func.count(sa.distinct(Case.id))).where(Case.id.in_(in_set))
        for target, condition in joins:
            query = query.join(target, condition)
        rows = db.session.execute(query.where(column.is_not(None)).group_by(column))
        return {_facet_key(key): n for key, n in rows}

    subsidies = (SubsidyUsage, SubsidyUsage.case_id == Case.id)
    return {
        "region": count(
            Region.code,
            (Prefecture, Prefecture.code == Case.prefecture_code),
            (Region, Region.id == Prefecture.region_id),
        ),
        "prefecture": count(Case.prefecture_code),
        "industry": count(Case.industry),
        "size_band": count(Case.size_band),
        "challenge": count(CaseChallenge.code, (CaseChallenge, CaseChallenge.case_id == Case.id)),
        "programme": count(SubsidyUsage.programme, subsidies),
        "fiscal_year": count(SubsidyUsage.fiscal_year, subsidies),
        "simple_dx": count(Case.simple_dx),
        "lab": count(Case.lab_id),
    }


def _apply_facets(stmt: sa.Select, f: dict) -> sa.Select:
    if f.get("prefecture"):
        stmt = stmt.where(Case.prefecture_code == f["prefecture"])
    if f.get("region"):
        stmt = stmt.where(
            Case.prefecture_code.in_(
                sa.select(Prefecture.code).join(Region).where(Region.code == f["region"])
            )
        )
    if f.get("industry"):
        stmt = stmt.where(Case.industry == f["industry"])
    if f.get("size_band"):
        stmt = stmt.where(Case.size_band == f["size_band"])
    if f.get("challenge"):
        stmt = stmt.where(
            Case.id.in_(
                sa.select(CaseChallenge.case_id).where(CaseChallenge.code == f["challenge"])
            )
        )
    if f.get("programme") or f.get("fiscal_year"):
        rows = sa.select(SubsidyUsage.case_id)
        if f.get("programme"):
            rows = rows.where(SubsidyUsage.programme == f["programme"])
        if f.get("fiscal_year"):
            rows = rows.where(SubsidyUsage.fiscal_year == f["fiscal_year"])
        stmt = stmt.where(Case.id.in_(rows))
    if f.get("simple_dx") is not None:
        stmt = stmt.where(Case.simple_dx.is_(f["simple_dx"]))
    if f.get("has_outcomes") is not None:
        has = Case.id.in_(sa.select(Outcome.case_id))
        stmt = stmt.where(has if f["has_outcomes"] else sa.not_(has))
    if f.get("lab"):
        stmt = stmt.where(Case.lab_id == f["lab"])
    if f.get("status"):
        stmt = stmt.where(Case.status == f["status"])
    return stmt


# --- writing --------------------------------------------------------------------------------

_SCALARS = (
    "title",
    "summary",
    "industry",
    "size_band",
    "simple_dx",
    "period_start",
    "period_end",
    "contact",
)


def _apply(case: Case, fields: dict) -> None:
    for name in _SCALARS:
        if name in fields:
            setattr(case, name, fields[name])
    if "prefecture" in fields:
        case.prefecture_code = fields["prefecture"]
    if "body" in fields:
        case.body = fields["body"]
        case.body_html = render_markdown(fields["body"])
    if "technologies" in fields:
        case.technologies = list(
            dict.fromkeys(t.strip() for t in fields["technologies"] if t.strip())
        )
    if "challenges" in fields:
        case.challenges = [CaseChallenge(code=code) for code in dict.fromkeys(fields["challenges"])]
    if "tags" in fields:
        names = dict.fromkeys(t.strip() for t in fields["tags"] if t.strip())
        case.tags = [CaseTag(name=name) for name in names]
    if "outcomes" in fields:
        case.outcomes = [Outcome(position=i, **row) for i, row in enumerate(fields["outcomes"])]
    if "subsidies" in fields:
        case.subsidies = [
            SubsidyUsage(position=i, **row) for i, row in enumerate(fields["subsidies"])
        ]
    if "policies" in fields:
        seen: dict[str, int] = {}
        for row in fields["policies"]:
            seen[row["policy"]] = row["count"]
        case.policies = [PolicyUse(policy=p, count=c) for p, c in seen.items()]
    if "status" in fields and fields["status"] != case.status:
        case.status = fields["status"]
        if case.status == CaseStatus.PUBLISHED and case.published_at is None:
            case.published_at = utcnow()


def _index(case: Case) -> None:
    texts = [case.title, case.summary, case.body, *(t.name for t in case.tags), *case.technologies]
    index_document(SEARCH_KIND, case.id, texts)


def do_create_case(actor: User | None, **fields) -> Case:
    lab: Lab = get_lab(fields.pop("lab_id"))
    check_can_write_case(actor, lab.id)
    case = Case(lab_id=lab.id, created_by_id=actor.id)
    db.session.add(case)
    _apply(case, fields)
    db.session.flush()
    _index(case)
    db.session.commit()
    return case


def do_update_case(actor: User | None, case: Case, **fields) -> Case:
    check_can_write_case(actor, case.lab_id)
    new_lab_id = fields.pop("lab_id", case.lab_id)
    if new_lab_id != case.lab_id:
        require(actor.is_secretariat, N_("事例を別のラボへ移せるのは事務局だけです。"))
        case.lab_id = get_lab(new_lab_id).id
    _apply(case, fields)
    db.session.flush()
    _index(case)
    db.session.commit()
    return case


def do_delete_case(actor: User | None, case: Case) -> None:
    check_can_write_case(actor, case.lab_id)
    remove_document(SEARCH_KIND, case.id)
    db.session.delete(case)
    db.session.commit()


def reindex_all(progress=None) -> int:
    """Rebuild the case index from the cases themselves (``flask search reindex``)."""
    ids = list(db.session.scalars(sa.select(Case.id).order_by(Case.id)))
    for number, case_id in enumerate(ids, start=1):
        case = db.session.get(Case, case_id, options=[selectinload(Case.tags)])
        _index(case)
        if number % 200 == 0:
            db.session.commit()
        if progress:
            progress(1)
    db.session.commit()
    return len(ids)

"""The case library: who may read and write a case, and the search over published cases.

Every write goes through here and keeps the search index current in the same transaction.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Hashable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import defer, joinedload, selectinload, undefer
from werkzeug.exceptions import Conflict, Forbidden, NotFound

from community.accounts.models import User
from community.cases.models import (
    NEWEST,
    Case,
    CaseChallenge,
    CaseInterest,
    CaseQuestion,
    CaseStatus,
    CaseTag,
    Outcome,
    PolicyUse,
    Rollout,
    RolloutOutcome,
    SubsidyUsage,
)
from community.core.cache import VersionedCache, current_version, mark_changed, version_column
from community.core.db import utcnow
from community.core.i18n import N_
from community.core.markdown import render_markdown
from community.core.pagination import MAX_PER_PAGE
from community.core.permissions import require, require_user
from community.core.realtime import emit_after_commit, user_room
from community.core.search import (
    TextSearch,
    facet_token,
    index_document,
    index_documents,
    mark_index_current,
    remove_document,
)
from community.core.validation import ValidationFailed
from community.extensions import db
from community.labs.models import Lab, LabMembership, Prefecture, Region
from community.labs.reference import REGION_OF
from community.labs.services import get_lab
from community.notifications.models import NotificationKind
from community.notifications.services import do_notify

SEARCH_KIND = "case"
LIBRARY = "cases"  # the content version of the library (core/cache.py)
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

# their codes and names in the same statement: a statement each cost about 0.8 ms a page
_CODES = (undefer(Case.challenge_codes), undefer(Case.tag_names))
# A list shows summaries, its lab's name and link, and the region of its prefecture (from the
# reference lists: ``Case.region_code``). The bodies, the lab's texts, the prefecture and what
# only a case's own page shows stay in the database: joining the prefecture and its region and
# carrying the lab's description in every row cost about 0.8 ms of a search page of 4.8, the
# period, moderation note and author about 0.15 ms more (measured interleaved, PostgreSQL).
_LIST_OPTIONS = (
    joinedload(Case.lab).load_only(Lab.id, Lab.slug, Lab.name),
    *_CODES,
    defer(Case.body),
    defer(Case.body_html),
    defer(Case.contact),
    defer(Case.period_start),
    defer(Case.period_end),
    defer(Case.moderation_note),
    defer(Case.created_by_id),
)
_DETAIL_OPTIONS = (
    joinedload(Case.lab),
    joinedload(Case.prefecture),
    *_CODES,
    selectinload(Case.outcomes),
    selectinload(Case.subsidies),
    selectinload(Case.policies),
    selectinload(Case.adaptation_of).joinedload(Rollout.case).joinedload(Case.lab),
)


def get_case(user: User | None, case_id: int) -> Case:
    case = db.session.get(Case, case_id, options=_DETAIL_OPTIONS)
    if case is None or not can_read_case(user, case):
        raise NotFound(CASE_NOT_FOUND)  # a draft of another lab does not exist for the reader
    return case


def _reader(user: User | None) -> tuple[str, list[int]]:
    """What a reader may see: ``all`` (the secretariat), ``member`` (published cases and their
    own labs' drafts, with those labs) or ``public``."""
    if user is not None and user.is_authenticated:
        if user.is_secretariat:
            return "all", []
        own_labs = [m.lab_id for m in user.memberships]
        if own_labs:
            return "member", own_labs
    return "public", []


def _visible(stmt: sa.Select, reader: str, labs: list[int] | sa.BindParameter) -> sa.Select:
    if reader == "all":
        return stmt
    published = Case.status == CaseStatus.PUBLISHED.value
    return stmt.where(sa.or_(published, Case.lab_id.in_(labs)) if reader == "member" else published)


SEARCH_WINDOW = 500


def _text_search(filters: dict) -> TextSearch | None:
    """A text search asks the index for its terms and facets together and works on the
    ``SEARCH_WINDOW`` most recently indexed matches: ranking, counting and facet counts over a
    term found in most cases would otherwise read every one of them (see DESIGN.md, "Japanese
    text"). ``meta.total_exact`` says when the window was full."""
    q = filters.get("q") or ""
    return TextSearch.of(SEARCH_KIND, q, _filter_tokens(filters), limit=SEARCH_WINDOW)


def _filtered(user: User | None, filters: dict) -> tuple[sa.Select, sa.Subquery | None]:
    """The cases a reader may see that match the facets and the text, and the text matches,
    with every value in the statement."""
    search = _text_search(filters)
    reader, labs = _reader(user)
    if search is None:
        stmt = _apply_facets(_visible(sa.select(Case), reader, labs), filters)
        if filters.get("q"):
            stmt = stmt.where(sa.false())  # only one-character terms: nothing can match
        return stmt, None
    found = search.matches(embed=True)
    stmt = _visible(sa.select(Case), reader, labs).join(found, found.c.object_id == Case.id)
    if filters.get("status"):
        stmt = stmt.where(Case.status == filters["status"])
    return stmt, found


_TOKEN_FACETS = (
    "region",
    "prefecture",
    "industry",
    "size_band",
    "challenge",
    "simple_dx",
    "has_outcomes",
    "lab",
)


def case_facet_tokens(
    *,
    lab_id: int,
    prefecture_code: str | None,
    industry: str | None,
    size_band: str | None,
    simple_dx: bool,
    challenges: list[str],
    subsidies: list[tuple[str, int | None]],
    has_outcomes: bool,
) -> list[str]:
    """The facet values of a case as search index tokens, so that a text search filters in the
    index (core/search.py). A programme and a year are also kept as a pair: the filter asks for
    one grant of that programme in that year, not one of each."""
    values: list[tuple[str, object]] = [
        ("lab", lab_id),
        ("simple_dx", simple_dx),
        ("has_outcomes", has_outcomes),
        ("prefecture", prefecture_code),
        ("region", REGION_OF.get(prefecture_code or "")),
        ("industry", industry),
        ("size_band", size_band),
        *(("challenge", code) for code in challenges),
    ]
    for programme, year in subsidies:
        values += [("programme", programme), ("fiscal_year", year)]
        if year is not None:
            values.append(("programme_year", f"{programme}:{year}"))
    return sorted({facet_token(name, value) for name, value in values if value not in (None, "")})


def _filter_tokens(filters: dict) -> list[str]:
    """The index tokens that a search's facet filters ask for."""
    values = [(name, filters.get(name)) for name in _TOKEN_FACETS]
    programme, year = filters.get("programme"), filters.get("fiscal_year")
    if programme and year:
        values.append(("programme_year", f"{programme}:{year}"))
    else:
        values += [("programme", programme), ("fiscal_year", year)]
    return [facet_token(name, value) for name, value in values if value not in (None, "")]


BAD_CURSOR = N_("続きの位置（cursor）が正しくありません。")


def _sort_keys(sort: str, search: TextSearch | None) -> list:
    """The ORDER BY columns, each descending, ending with the id so that the order is total."""
    if sort == "rolled_out":
        return [Case.rollout_count, NEWEST, Case.id]
    if sort == "relevance" and search is not None:
        return [search.relevance([(Case.title, 3), (Case.summary, 1)]), NEWEST, Case.id]
    return [NEWEST, Case.id]


def _cursor_keys(sort: str) -> list:
    return [Case.rollout_count, NEWEST, Case.id] if sort == "rolled_out" else [NEWEST, Case.id]


def _encode_cursor(sort: str, case: Case) -> str:
    newest = (case.published_at or case.created_at).isoformat()
    values = [case.rollout_count, newest, case.id] if sort == "rolled_out" else [newest, case.id]
    raw = json.dumps([sort, *values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor_params(sort: str, cursor: str) -> dict[str, object]:
    """The values of the cursor's row, for :func:`_after_cursor`."""
    if sort not in ("newest", "rolled_out"):
        raise ValidationFailed(
            {"cursor": [N_("cursorは並び順が新着順か横展開数順のときに使えます。")]}
        )
    try:
        decoded = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if decoded[0] != sort:
            raise ValueError
        *values, last_id = decoded[1:]
        if sort == "rolled_out":
            values = [int(values[0]), datetime.fromisoformat(values[1])]
        else:
            values = [datetime.fromisoformat(values[0])]
        values.append(int(last_id))
    except (ValueError, TypeError, IndexError, KeyError, json.JSONDecodeError, UnicodeError):
        raise ValidationFailed({"cursor": [BAD_CURSOR]}) from None
    return {f"cursor_{i}": value for i, value in enumerate(values)}


def _after_cursor(sort: str) -> sa.ColumnElement[bool]:
    """Rows strictly after the cursor's row (``cursor_0``, ``cursor_1``…) in the (descending)
    order of ``sort``."""
    keys = _cursor_keys(sort)
    values = [sa.bindparam(f"cursor_{i}", type_=key.type) for i, key in enumerate(keys)]
    # (k1, k2, …) < (v1, v2, …), spelt out: both databases, and any mix of types
    clauses = []
    for i, (key, value) in enumerate(zip(keys, values, strict=True)):
        earlier = [k == v for k, v in zip(keys[:i], values[:i], strict=True)]
        clauses.append(sa.and_(*earlier, key < value))
    return sa.or_(*clauses)


_facet_cache = VersionedCache()


def reader_key(user: User | None) -> Hashable:
    """Readers who see the same cases share cached counts."""
    if user is None or not user.is_authenticated:
        return "public"
    if user.is_secretariat:
        return "all"
    return tuple(sorted(m.lab_id for m in user.memberships)) or "public"


def browse_cases(
    user: User | None,
    *,
    page: int = 1,
    per_page: int = 20,
    sort: str = "relevance",
    cursor: str | None = None,
    **filters,
) -> dict:
    """One page of the library with the facet counts of the whole result: what the list page
    and ``GET /api/cases`` show. Returns ``{"items", "meta", "facets"}``.

    At most two statements whatever the page size: the cases with their lab, prefecture,
    challenge codes and tag names (and the library's version), and the facet counts with the
    total unless they are cached for this version (and, every ten minutes, PostgreSQL's word
    statistics: core/search.py).
    """
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    offset = 0 if cursor else (max(1, page) - 1) * per_page
    rows = _page(user, filters, sort, cursor, per_page + 1, offset, version=True)
    items = [row[0] for row in rows[:per_page]]
    version = rows[0].library_version if rows else current_version(LIBRARY)
    facets = _cached_facets(user, filters, version or 0)
    total = facets["total"]["all"]
    more = len(rows) > per_page
    next_cursor = (
        _encode_cursor(sort, items[-1]) if more and sort in ("newest", "rolled_out") else None
    )
    meta = {
        "page": page if not cursor else None,
        "per_page": per_page,
        "total": total,
        "pages": max(1, -(-total // per_page)),
        "next_cursor": next_cursor,
        # a text search counts the newest SEARCH_WINDOW matches: more may exist beyond them
        "total_exact": facets["window"].get("all", 0) < SEARCH_WINDOW,
    }
    return {
        "items": items,
        "meta": meta,
        "facets": {name: counts for name, counts in facets.items() if name in FACETS},
    }


def _cached_facets(user: User | None, filters: dict, version: int) -> dict:
    key = (reader_key(user), tuple(sorted((k, str(v)) for k, v in filters.items())))
    facets = _facet_cache.get(key, version)
    if facets is None:
        facets = _facet_counts(user, filters)
        _facet_cache.put(key, version, facets)
    return facets


_search_pages: dict[tuple, sa.Select] = {}


def _page(
    user: User | None,
    filters: dict,
    sort: str,
    cursor: str | None,
    limit: int,
    offset: int,
    *,
    total: bool = False,
    version: bool = False,
) -> list[sa.Row]:
    """Rows of ``(Case[, total][, library_version])``: ``limit`` cases from ``offset`` (or
    after ``cursor``) in the order of ``sort``, with the relations a list shows; with
    ``total``, how many cases match in all, and with ``version``, the library's version.

    A text search's statement is built once for each shape of search (see ``TextSearch``)
    and run with the values of each: building it and its cache key cost about 3 ms of
    Python, a third of a search on PostgreSQL. The library without a text search holds its
    facets as values, and is built each time. The rows need no ``unique()``: the only relation
    joined is the lab, one a case.
    """
    search = _text_search(filters)
    reader, labs = _reader(user)
    params: dict[str, object] = {"page_limit": limit, "page_offset": offset}
    if reader == "member":
        params["reader_labs"] = labs
    if cursor:
        params |= _cursor_params(sort, cursor)
    if search is None:
        stmt = _page_statement(None, reader, filters, sort, bool(cursor), total, version)
        return db.session.execute(stmt, params).all()
    params |= search.params()
    status = filters.get("status")
    if status:
        params["status"] = status
    shape = (search.shape, reader, bool(status), sort, bool(cursor), total, version)
    stmt = _search_pages.get(shape)
    if stmt is None:
        shaped = {"status": sa.bindparam("status", type_=Case.status.type)} if status else {}
        stmt = _page_statement(search, reader, shaped, sort, bool(cursor), total, version)
        _search_pages[shape] = stmt
    return db.session.execute(stmt, params).all()


def _page_statement(
    search: TextSearch | None,
    reader: str,
    filters: dict,
    sort: str,
    cursor: bool,
    total: bool,
    version: bool,
) -> sa.Select:
    """The statement of :func:`_page`, with placeholders for its values: ``page_limit``,
    ``page_offset``, ``reader_labs``, ``cursor_0``…, and a text search's own. Without a text
    search, the facets of ``filters`` are values in it."""
    labs = sa.bindparam("reader_labs", expanding=True)
    if search is None:
        stmt = _apply_facets(_visible(sa.select(Case), reader, labs), filters)
        if filters.get("q"):
            stmt = stmt.where(sa.false())  # only one-character terms: nothing can match
        found = None
    else:
        found = search.matches()
        stmt = _visible(sa.select(Case), reader, labs).join(found, found.c.object_id == Case.id)
        if filters.get("status") is not None:
            stmt = stmt.where(Case.status == filters["status"])
    if cursor:
        stmt = stmt.where(_after_cursor(sort))
    page = _ordered_page(stmt, found, _sort_keys(sort, search), total=total)
    if version:
        page = page.add_columns(version_column(LIBRARY).label("library_version"))
    return page


def _ordered_page(
    stmt: sa.Select, found: sa.Subquery | None, keys: list, *, total: bool = False
) -> sa.Select:
    """The cases of ``stmt`` in the order of ``keys``, ``page_limit`` of them from
    ``page_offset``, with the relations a list shows; with ``total``, each row also holds how
    many cases ``stmt`` selects in all (``total``), counted in the same statement.

    A text search ranks its whole window (SEARCH_WINDOW matches) from the cases' own columns
    and only then joins the lab and prefecture to the page it keeps: joining them to every
    case of the window first made PostgreSQL carry 500 wide rows into the sort.
    """
    limit = sa.bindparam("page_limit", type_=sa.Integer)
    offset = sa.bindparam("page_offset", type_=sa.Integer)
    counted = [sa.func.count().over().label("total")] if total else []
    if found is None:
        ordered = stmt.add_columns(*counted).options(*_LIST_OPTIONS)
        return ordered.order_by(*(key.desc() for key in keys)).limit(limit).offset(offset)
    labelled = [key.label(f"sort_key_{i}") for i, key in enumerate(keys)]
    ranked = (
        stmt.with_only_columns(*labelled, *counted)
        .order_by(*(key.desc() for key in labelled))
        .limit(limit)
        .offset(offset)
        .subquery("ranked")
    )
    columns = [ranked.c[key.name] for key in labelled]
    return (
        sa.select(Case, *([ranked.c.total] if total else []))
        .join(ranked, ranked.c[labelled[-1].name] == Case.id)
        .options(*_LIST_OPTIONS)
        .order_by(*(column.desc() for column in columns))
    )


def search_cases(user: User | None, **args) -> dict:
    """One page of a search and how many cases match (``{"items", "total"}``), in one
    statement: the page query of :func:`browse_cases` counting its matches itself, as a
    search without facet counts would (the library's pages take the total from the facet
    counts, which they cache for each version of the library). A text search counts the
    cases of its window. The search benchmark times this against the same page and count
    read by a LIKE scan."""
    per_page = max(1, min(args.pop("per_page", 20), MAX_PER_PAGE))
    page = max(1, args.pop("page", 1))
    sort = args.pop("sort", "relevance")
    offset = (page - 1) * per_page
    rows = _page(user, args, sort, None, per_page, offset, total=True)
    if rows or not offset:
        return {"items": [row[0] for row in rows], "total": rows[0].total if rows else 0}
    # past the last page: no row to carry the count
    stmt, _found = _filtered(user, args)
    return {"items": [], "total": db.session.scalar(stmt.with_only_columns(sa.func.count()))}


FACETS = (
    "region",
    "prefecture",
    "industry",
    "size_band",
    "challenge",
    "programme",
    "fiscal_year",
    "simple_dx",
    "has_outcomes",
    "lab",
)


_FACET_COLUMNS = (
    Case.id,
    Case.prefecture_code,
    Case.industry,
    Case.size_band,
    Case.simple_dx,
    Case.lab_id,
)


def _facet_counts(user: User | None, filters: dict) -> dict[str, dict[str, int]]:
    """Counts per facet value, and ``total``, in one statement.

    Each facet is counted with every filter but its own, so that a page can offer the other
    values of a facet already chosen (12 cases in 宮城, 8 in 福岡…), not only the chosen one.
    """
    sets: dict[tuple, sa.CTE] = {}

    def matching(without: str | None = None) -> sa.CTE:
        """The matching cases with the columns that facets count, read once for every facet
        that shares these filters: joining each facet back to the cases cost a hash of every
        id a facet (2.5 s for the whole library at 100,000 cases on PostgreSQL)."""
        narrowed = {k: v for k, v in filters.items() if k != without}
        key = tuple(sorted(narrowed))
        if key not in sets:
            stmt, _found = _filtered(user, narrowed)
            sets[key] = (
                stmt.with_only_columns(*_FACET_COLUMNS).order_by(None).cte(f"matching{len(sets)}")
            )
        return sets[key]

    def count(name: str, value, *joins) -> sa.Select:
        """Cases per value of ``value(cases)``, one value a case."""
        cases = matching(name)
        column = value(cases)
        query = sa.select(
            sa.literal(name).label("facet"),
            sa.cast(column, sa.String).label("value"),
            sa.func.count().label("n"),
        ).select_from(cases)
        for target, condition in joins:
            query = query.join(target, condition(cases))
        return query.where(column.is_not(None)).group_by(column)

    def count_rows(name: str, column, case_id, *, distinct: bool = False) -> sa.Select:
        """Cases per value of a column of their rows in another table; ``distinct`` when a
        case may hold a value twice (two grants of one programme). The rows are asked for by
        the matching ids: joined to them instead, SQLite read every row of the table to
        group it in order (70 ms for a text search's 500 matches at 100,000 cases)."""
        return (
            sa.select(
                sa.literal(name).label("facet"),
                sa.cast(column, sa.String).label("value"),
                (sa.func.count(sa.distinct(case_id)) if distinct else sa.func.count()).label("n"),
            )
            .where(case_id.in_(sa.select(matching(name).c.id)), column.is_not(None))
            .group_by(column)
        )

    every = matching()
    _stmt, window = _filtered(user, filters)
    window_size = (
        [
            sa.select(
                sa.literal("window").label("facet"),
                sa.literal("all").label("value"),
                sa.func.count().label("n"),
            ).select_from(window)
        ]
        if window is not None
        else []
    )

    def outcome_counts() -> sa.Select:
        """Cases with and without outcomes: the test is written once (as a column it was
        also repeated in the WHERE and GROUP BY, three hashes of every outcome)."""
        cases = matching("has_outcomes")
        held = cases.c.id.in_(sa.select(Outcome.case_id))
        flags = sa.select(
            sa.case((held, sa.literal("true")), else_=sa.literal("false")).label("value")
        ).subquery("outcome_flags")
        return sa.select(
            sa.literal("has_outcomes").label("facet"),
            flags.c.value,
            sa.func.count().label("n"),
        ).group_by(flags.c.value)

    union = sa.union_all(
        sa.select(
            sa.literal("total").label("facet"),
            sa.literal("all").label("value"),
            sa.func.count().label("n"),
        ).select_from(every),
        count(
            "region",
            lambda _cases: Region.code,
            (Prefecture, lambda cases: Prefecture.code == cases.c.prefecture_code),
            (Region, lambda _cases: Region.id == Prefecture.region_id),
        ),
        count("prefecture", lambda cases: cases.c.prefecture_code),
        count("industry", lambda cases: cases.c.industry),
        count("size_band", lambda cases: cases.c.size_band),
        count_rows("challenge", CaseChallenge.code, CaseChallenge.case_id),
        count_rows("programme", SubsidyUsage.programme, SubsidyUsage.case_id, distinct=True),
        count_rows("fiscal_year", SubsidyUsage.fiscal_year, SubsidyUsage.case_id, distinct=True),
        count("simple_dx", lambda cases: cases.c.simple_dx),
        outcome_counts(),
        count("lab", lambda cases: cases.c.lab_id),
        *window_size,
    )
    counts: dict[str, dict[str, int]] = {name: {} for name in (*FACETS, "total", "window")}
    for facet, value, n in db.session.execute(union):
        counts[facet][_facet_key(facet, value)] = n
    counts["total"].setdefault("all", 0)
    return counts


def _facet_key(facet: str, value: str) -> str:
    """Booleans read back as ``true``/``false`` whatever the database's spelling (1, t…)."""
    if facet in ("simple_dx", "has_outcomes"):
        return "true" if value in ("1", "true", "t") else "false"
    return value


def facet_counts(user: User | None, **filters) -> dict[str, dict[str, int]]:
    """How many of the matching cases fall under each facet value."""
    counts = _cached_facets(user, filters, current_version(LIBRARY))
    return {name: values for name, values in counts.items() if name in FACETS}


def _apply_facets(stmt: sa.Select, f: dict) -> sa.Select:
    """Narrow ``stmt`` by every facet in ``f``: the library without a text search."""
    if f.get("prefecture"):
        stmt = stmt.where(Case.prefecture_code == f["prefecture"])
    if f.get("region"):
        # the region's prefectures as values, which the planner weighs by its statistics (a
        # subquery's it cannot: it sorted all 16,608 cases of 東北 for a page, 36 ms)
        codes = [code for code, region in REGION_OF.items() if region == f["region"]]
        stmt = stmt.where(Case.prefecture_code.in_(codes))
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
    index_document(SEARCH_KIND, *_document(case))


def _document(case: Case) -> tuple[int, list[str], list[str]]:
    """What the index holds of a case: its id, its texts and its facet tokens."""
    texts = [case.title, case.summary, case.body, *(t.name for t in case.tags), *case.technologies]
    tokens = case_facet_tokens(
        lab_id=case.lab_id,
        prefecture_code=case.prefecture_code,
        industry=case.industry,
        size_band=case.size_band,
        simple_dx=case.simple_dx,
        challenges=[c.code for c in case.challenges],
        subsidies=[(s.programme, s.fiscal_year) for s in case.subsidies],
        has_outcomes=bool(case.outcomes),
    )
    return case.id, texts, tokens


def do_create_case(actor: User | None, **fields) -> Case:
    lab: Lab = get_lab(fields.pop("lab_id"))
    check_can_write_case(actor, lab.id)
    original = _check_adapted_from(actor, fields.pop("adapted_from_id", None), lab.id)
    case = Case(lab_id=lab.id, created_by_id=actor.id)
    db.session.add(case)
    _apply(case, fields)
    db.session.flush()
    _index(case)
    if original is not None:
        _link_adaptation(actor, original, case)
    db.session.commit()
    return case


def do_update_case(actor: User | None, case: Case, **fields) -> Case:
    check_can_write_case(actor, case.lab_id)
    new_lab_id = fields.pop("lab_id", case.lab_id)
    if new_lab_id != case.lab_id:
        require(actor.is_secretariat, N_("事例を別のラボへ移せるのは事務局だけです。"))
        case.lab_id = get_lab(new_lab_id).id
    linking = "adapted_from_id" in fields
    original = _check_adapted_from(actor, fields.pop("adapted_from_id", None), case.lab_id, case)
    _apply(case, fields)
    db.session.flush()
    _index(case)
    if linking:
        _unlink_adaptation(case, keep=original)
        if original is not None:
            _link_adaptation(actor, original, case)
    db.session.commit()
    return case


def do_delete_case(actor: User | None, case: Case) -> None:
    check_can_write_case(actor, case.lab_id)
    _unlink_adaptation(case, keep=None)
    remove_document(SEARCH_KIND, case.id)
    db.session.delete(case)
    db.session.commit()


NOT_SECRETARIAT = N_("この操作は事務局だけが行えます。")


def do_unpublish_case(actor: User | None, case: Case, *, reason: str) -> Case:
    """Moderation: the secretariat takes a case out of the public library, saying why.

    The owning lab still sees it as a draft with the reason, edits it and may publish it again.
    """
    require_user(actor)
    require(actor.is_secretariat, NOT_SECRETARIAT)
    case.status = CaseStatus.DRAFT.value
    case.moderation_note = reason
    db.session.commit()
    return case


# --- outcome and subsidy rows, one at a time ---------------------------------------------------

ROW_KINDS = {"outcomes": Outcome, "subsidies": SubsidyUsage}
ROW_NOT_FOUND = N_("行が見つかりません。")


def get_row(case: Case, kind: str, row_id: int) -> Outcome | SubsidyUsage:
    row = next((r for r in getattr(case, kind) if r.id == row_id), None)
    if row is None:
        raise NotFound(ROW_NOT_FOUND)
    return row


def do_add_row(actor: User | None, case: Case, kind: str, **fields) -> Outcome | SubsidyUsage:
    """Append an outcome or subsidy row; the whole list is replaced by ``do_update_case``."""
    check_can_write_case(actor, case.lab_id)
    rows = getattr(case, kind)
    row = ROW_KINDS[kind](position=max((r.position for r in rows), default=-1) + 1, **fields)
    rows.append(row)
    _touch(case)
    db.session.commit()
    return row


def do_update_row(actor: User | None, case: Case, row, **fields):
    check_can_write_case(actor, case.lab_id)
    for name, value in fields.items():
        setattr(row, name, value)
    _touch(case)
    db.session.commit()
    return row


def do_delete_row(actor: User | None, case: Case, kind: str, row) -> None:
    check_can_write_case(actor, case.lab_id)
    getattr(case, kind).remove(row)
    _touch(case)
    db.session.commit()


def _touch(case: Case) -> None:
    """A row of the case changed: its facets in the search index may have too."""
    case.updated_at = utcnow()
    db.session.flush()
    _index(case)


# --- rollout lineage (横展開) ------------------------------------------------------------------

ROLLOUT_NOT_FOUND = N_("横展開の記録が見つかりません。")
OWN_CASE = N_("自分のラボの事例は横展開として記録できません。")
NOT_PUBLISHED = N_("公開されている事例だけが横展開の対象です。")
ALREADY_ROLLED_OUT = N_("このラボの横展開はすでに記録されています。")
MAX_LINEAGE_DEPTH = 10


def _lab_of(actor: User, lab_id: int | None, *, field: str = "lab_id") -> int:
    """The lab the actor acts for: the one given, or their only lab."""
    if lab_id is not None:
        return get_lab(lab_id).id
    labs = [m.lab_id for m in actor.memberships]
    if len(labs) != 1:
        raise ValidationFailed({field: [N_("どのラボとして記録するか選んでください。")]})
    return labs[0]


def _check_adoptable(case: Case, lab_id: int) -> None:
    if case.lab_id == lab_id:
        raise ValidationFailed({"lab_id": [OWN_CASE]})
    if not case.is_published:
        raise Conflict(NOT_PUBLISHED)


def _ancestors(case_id: int) -> list[int]:
    """The cases that ``case_id`` adapts, nearest first, up to the original."""
    found: list[int] = []
    current = case_id
    for _ in range(MAX_LINEAGE_DEPTH):
        parent = db.session.scalar(
            sa.select(Rollout.case_id).where(Rollout.adapted_case_id == current)
        )
        if parent is None or parent in found or parent == case_id:
            break
        found.append(parent)
        current = parent
    return found


def _check_adapted_case(
    actor: User, original: Case, adapted_case_id: int | None, lab_id: int, *, field: str
) -> Case | None:
    """The lab's own case that adapts ``original``: theirs, not the original, no cycle."""
    if adapted_case_id is None:
        return None
    adapted = db.session.get(Case, adapted_case_id)
    if adapted is None or not can_read_case(actor, adapted):
        raise ValidationFailed({field: [CASE_NOT_FOUND]})
    if adapted.lab_id != lab_id:
        raise ValidationFailed({field: [N_("横展開先のラボの事例を選んでください。")]})
    if adapted.id == original.id or adapted.id in _ancestors(original.id):
        raise ValidationFailed({field: [N_("元の事例やその元になった事例は選べません。")]})
    return adapted


def _check_adapted_from(
    actor: User, original_id: int | None, lab_id: int, case: Case | None = None
) -> Case | None:
    """For a case written as an adaptation of ``original_id``: the original, checked."""
    if original_id is None:
        return None
    original = db.session.get(Case, original_id)
    if original is None or not can_read_case(actor, original):
        raise ValidationFailed({"adapted_from_id": [CASE_NOT_FOUND]})
    if original.lab_id == lab_id:
        raise ValidationFailed({"adapted_from_id": [OWN_CASE]})
    if not original.is_published:
        raise ValidationFailed({"adapted_from_id": [NOT_PUBLISHED]})
    if case is not None and (original.id == case.id or case.id in _ancestors(original.id)):
        raise ValidationFailed(
            {"adapted_from_id": [N_("元の事例やその元になった事例は選べません。")]}
        )
    return original


def _link_adaptation(actor: User, original: Case, adapted: Case) -> None:
    """Record the lab's case as its rollout of ``original`` (or attach it to the record)."""
    rollout = db.session.scalar(
        sa.select(Rollout).where(Rollout.case_id == original.id, Rollout.lab_id == adapted.lab_id)
    )
    if rollout is None:
        rollout = Rollout(
            case_id=original.id,
            lab_id=adapted.lab_id,
            status="done" if adapted.is_published else "in_progress",
            created_by_id=actor.id,
        )
        db.session.add(rollout)
        _count_rollouts(original.id, +1)
    rollout.adapted_case_id = adapted.id
    rollout.prefecture_code = adapted.prefecture_code or rollout.prefecture_code
    db.session.flush()


def _unlink_adaptation(case: Case, *, keep: Case | None) -> None:
    """Detach ``case`` from the rollout that it adapts, unless that rollout is of ``keep``."""
    rollout = db.session.scalar(sa.select(Rollout).where(Rollout.adapted_case_id == case.id))
    if rollout is not None and (keep is None or rollout.case_id != keep.id):
        rollout.adapted_case_id = None
        db.session.flush()


def _count(case_id: int, counter: str, delta: int) -> None:
    """Add ``delta`` to a counter of the case in the database, so that concurrent writes each
    count (a read-modify-write in Python would lose one)."""
    mark_changed(LIBRARY)
    column = getattr(Case, counter)
    db.session.execute(
        sa.update(Case)
        .where(Case.id == case_id)
        .values({column: column + delta})
        .execution_options(synchronize_session=False)
    )


def _count_rollouts(case_id: int, delta: int) -> None:
    _count(case_id, "rollout_count", delta)


def _check_prefecture(lab_id: int, code: str | None) -> str | None:
    lab = get_lab(lab_id)
    codes = [p.code for p in lab.prefectures]
    if code is None:
        return codes[0] if codes else None
    if code not in codes:
        raise ValidationFailed({"prefecture": [N_("ラボの対象地域の都道府県を選んでください。")]})
    return code


def _outcome_rows(rows: list[dict]) -> list[RolloutOutcome]:
    return [RolloutOutcome(position=i, **row) for i, row in enumerate(rows)]


_ROLLOUT_OPTIONS = (
    joinedload(Rollout.lab),
    joinedload(Rollout.prefecture),
    joinedload(Rollout.adapted_case).joinedload(Case.lab),
    selectinload(Rollout.outcomes),
)


def labs_that_may_adopt(user: User | None, case: Case) -> list[Lab]:
    """The labs ``user`` may record a rollout of ``case`` for, that have not recorded one."""
    if user is None or not user.is_authenticated or not case.is_published:
        return []
    stmt = sa.select(Lab).where(
        Lab.id != case.lab_id,
        Lab.id.not_in(sa.select(Rollout.lab_id).where(Rollout.case_id == case.id)),
    )
    if not user.is_secretariat:
        stmt = stmt.where(Lab.id.in_([m.lab_id for m in user.memberships]))
    return list(db.session.scalars(stmt.order_by(Lab.name)))


def rollouts_editable_by(user: User | None, rollouts: list[Rollout]) -> list[Rollout]:
    if user is None or not user.is_authenticated:
        return []
    return [r for r in rollouts if can_write_case(user, r.lab_id)]


def adaptable_cases(user: User | None, case: Case, limit: int = 50) -> list[Case]:
    """The user's own labs' cases that could be linked as an adaptation of ``case``."""
    if user is None or not user.is_authenticated or not user.memberships:
        return []
    excluded = [case.id, *_ancestors(case.id)]
    return list(
        db.session.scalars(
            sa.select(Case)
            .where(
                Case.lab_id.in_([m.lab_id for m in user.memberships]),
                Case.lab_id != case.lab_id,
                Case.id.not_in(excluded),
            )
            .order_by(Case.id.desc())
            .limit(limit)
        )
    )


def list_rollouts(case: Case) -> list[Rollout]:
    return list(
        db.session.scalars(
            sa.select(Rollout)
            .where(Rollout.case_id == case.id)
            .options(*_ROLLOUT_OPTIONS)
            .order_by(Rollout.id)
        ).unique()
    )


def get_rollout(case: Case, rollout_id: int) -> Rollout:
    rollout = db.session.get(Rollout, rollout_id, options=_ROLLOUT_OPTIONS)
    if rollout is None or rollout.case_id != case.id:
        raise NotFound(ROLLOUT_NOT_FOUND)
    return rollout


def check_can_record_rollout(actor: User | None, lab_id: int) -> None:
    require_user(actor)
    require(can_write_case(actor, lab_id), N_("このラボの横展開を記録する権限がありません。"))


def do_record_rollout(actor: User | None, case: Case, **fields) -> Rollout:
    """Another lab records that it adopts ``case``: once per lab (409 on a second time)."""
    require_user(actor)
    lab_id = _lab_of(actor, fields.get("lab_id"))
    check_can_record_rollout(actor, lab_id)
    _check_adoptable(case, lab_id)
    adapted = _check_adapted_case(
        actor, case, fields.get("adapted_case_id"), lab_id, field="adapted_case_id"
    )
    rollout = Rollout(
        case_id=case.id,
        lab_id=lab_id,
        prefecture_code=_check_prefecture(
            lab_id, fields.get("prefecture") or (adapted.prefecture_code if adapted else None)
        ),
        status=fields.get("status", "planned"),
        changes=fields.get("changes", ""),
        adapted_case_id=adapted.id if adapted else None,
        outcomes=_outcome_rows(fields.get("outcomes", [])),
        created_by_id=actor.id,
    )
    db.session.add(rollout)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise Conflict(ALREADY_ROLLED_OUT) from None
    _count_rollouts(case.id, +1)
    notify_rollout(case, rollout)
    db.session.commit()
    return get_rollout(case, rollout.id)


def do_update_rollout(actor: User | None, rollout: Rollout, **fields) -> Rollout:
    check_can_record_rollout(actor, rollout.lab_id)
    if "adapted_case_id" in fields:
        adapted = _check_adapted_case(
            actor, rollout.case, fields["adapted_case_id"], rollout.lab_id,
            field="adapted_case_id",
        )  # fmt: skip
        rollout.adapted_case_id = adapted.id if adapted else None
    if "prefecture" in fields:
        rollout.prefecture_code = _check_prefecture(rollout.lab_id, fields["prefecture"])
    for name in ("status", "changes"):
        if name in fields:
            setattr(rollout, name, fields[name])
    if "outcomes" in fields:
        rollout.outcomes = _outcome_rows(fields["outcomes"])
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise Conflict(N_("その事例はすでに別の横展開に結び付いています。")) from None
    return get_rollout(rollout.case, rollout.id)


def do_delete_rollout(actor: User | None, rollout: Rollout) -> None:
    check_can_record_rollout(actor, rollout.lab_id)
    case_id = rollout.case_id
    db.session.delete(rollout)
    db.session.flush()
    _count_rollouts(case_id, -1)
    db.session.commit()


def notify_rollout(case: Case, rollout: Rollout) -> None:
    """Tell the case's lab that another lab rolls its case out, once the record commits."""
    payload = {"case_id": case.id, "rollout_id": rollout.id, "lab": rollout.lab.name}
    for member_id in _lab_member_ids(case.lab_id):
        emit_after_commit("case_rollout", payload, to=user_room(member_id))


def _lab_member_ids(lab_id: int) -> list[int]:
    return list(
        db.session.scalars(sa.select(LabMembership.user_id).where(LabMembership.lab_id == lab_id))
    )


def lineage(user: User | None, case: Case) -> dict:
    """The original of ``case``'s family and every rollout of it or of its adaptations.

    Each entry carries its region and outcomes (a rollout without rows of its own shows its
    adapted case's), so that a page can set them side by side.
    """
    ancestors = _ancestors(case.id)
    root = db.session.get(Case, ancestors[-1], options=_DETAIL_OPTIONS) if ancestors else case
    entries = [_entry("original", root, None)]
    frontier, seen = [root.id], {root.id}
    for _ in range(MAX_LINEAGE_DEPTH):
        if not frontier:
            break
        rollouts = db.session.scalars(
            sa.select(Rollout)
            .where(Rollout.case_id.in_(frontier))
            .options(
                *_ROLLOUT_OPTIONS,
                joinedload(Rollout.adapted_case).selectinload(Case.outcomes),
                joinedload(Rollout.adapted_case).joinedload(Case.prefecture),
            )
            .order_by(Rollout.id)
        ).unique()
        frontier = []
        for rollout in rollouts:
            adapted = rollout.adapted_case
            visible = adapted if adapted is not None and can_read_case(user, adapted) else None
            entries.append(_entry("adaptation" if visible else "adoption", visible, rollout))
            if adapted is not None and adapted.id not in seen:
                seen.add(adapted.id)
                frontier.append(adapted.id)
    prefectures = {e["prefecture"] for e in entries if e["prefecture"]}
    return {
        "original": root,
        "entries": entries,
        "regions_reached": len({e["region"] for e in entries if e["region"]}),
        "prefectures_reached": len(prefectures),
        "labs_reached": len({e["lab_name"] for e in entries}),
    }


def _entry(kind: str, case: Case | None, rollout: Rollout | None) -> dict:
    place = rollout if rollout is not None and rollout.prefecture is not None else case
    prefecture = place.prefecture if place is not None else None
    outcomes = list(rollout.outcomes) if rollout is not None else []
    if not outcomes and case is not None:
        outcomes = list(case.outcomes)
    return {
        "kind": kind,
        "case": case,
        "rollout": rollout,
        "lab_name": (rollout.lab if rollout is not None else case.lab).name,
        "prefecture": prefecture.code if prefecture else None,
        "prefecture_obj": prefecture,
        "region": prefecture.region.code if prefecture else None,
        "status": rollout.status if rollout is not None else "done",
        "outcomes": outcomes,
    }


def outcome_comparison(entries: list[dict]) -> list[dict]:
    """Outcome rows by metric across the lineage: ``{"metric", "unit", "cells": [...]}``,
    one cell per entry (``None`` where that entry did not measure the metric)."""
    metrics: dict[str, dict] = {}
    for index, entry in enumerate(entries):
        for outcome in entry["outcomes"]:
            row = metrics.setdefault(
                outcome.metric,
                {"metric": outcome.metric, "unit": outcome.unit, "cells": [None] * len(entries)},
            )
            row["cells"][index] = row["cells"][index] or outcome
    return list(metrics.values())


# --- やってみたい and questions ------------------------------------------------------------------

OWN_LAB_INTEREST = N_("自分のラボの事例には「やってみたい」を押せません。")


def _interest_of(user: User, case: Case) -> CaseInterest | None:
    return db.session.get(CaseInterest, (case.id, user.id))


def is_interested(user: User | None, case: Case) -> bool:
    return bool(user is not None and user.is_authenticated and _interest_of(user, case))


def _check_can_show_interest(actor: User | None, case: Case) -> None:
    require_user(actor)
    if not case.is_published:
        raise Conflict(NOT_PUBLISHED)
    if actor.membership_in(case.lab_id) is not None:
        raise Forbidden(OWN_LAB_INTEREST)


def _add_interest(actor: User, case: Case, lab_id: int | None) -> bool:
    """Insert the row, count it and commit; ``False`` when it was there already (a race too)."""
    if _interest_of(actor, case) is not None:
        return False
    if lab_id is None and actor.memberships:
        lab_id = actor.memberships[0].lab_id
    elif lab_id is not None:
        require(actor.membership_in(lab_id) is not None, N_("所属していないラボは選べません。"))
    db.session.add(CaseInterest(case_id=case.id, user_id=actor.id, lab_id=lab_id))
    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        db.session.rollback()
        return False
    _count_interest(case.id, +1)
    db.session.commit()
    return True


def _count_interest(case_id: int, delta: int) -> None:
    _count(case_id, "interest_count", delta)


def do_register_interest(actor: User | None, case: Case, lab_id: int | None = None) -> dict:
    """やってみたい: idempotent, one per person and case."""
    _check_can_show_interest(actor, case)
    _add_interest(actor, case, lab_id)
    return interest_state(actor, case)


def do_withdraw_interest(actor: User | None, case: Case) -> dict:
    require_user(actor)
    deleted = db.session.execute(
        sa.delete(CaseInterest).where(
            CaseInterest.case_id == case.id, CaseInterest.user_id == actor.id
        )
    ).rowcount
    if deleted:
        _count_interest(case.id, -1)
    db.session.commit()
    return interest_state(actor, case)


def interest_state(user: User | None, case: Case) -> dict:
    count = db.session.scalar(sa.select(Case.interest_count).where(Case.id == case.id))
    return {"interested": is_interested(user, case), "interest_count": count or 0}


QUESTION_NOT_FOUND = N_("質問が見つかりません。")


def list_questions(case: Case) -> list[CaseQuestion]:
    return list(
        db.session.scalars(
            sa.select(CaseQuestion)
            .where(CaseQuestion.case_id == case.id)
            .options(
                joinedload(CaseQuestion.asker),
                joinedload(CaseQuestion.lab),
                joinedload(CaseQuestion.answered_by),
            )
            .order_by(CaseQuestion.id)
        )
    )


def get_question(case: Case, question_id: int) -> CaseQuestion:
    question = db.session.get(CaseQuestion, question_id)
    if question is None or question.case_id != case.id:
        raise NotFound(QUESTION_NOT_FOUND)
    return question


def do_ask_question(actor: User | None, case: Case, *, body: str) -> CaseQuestion:
    """A person who wants to try the case asks its lab; asking counts as やってみたい."""
    _check_can_show_interest(actor, case)
    _add_interest(actor, case, None)
    question = CaseQuestion(
        case_id=case.id,
        asker_id=actor.id,
        lab_id=actor.memberships[0].lab_id if actor.memberships else None,
        body=body,
        body_html=render_markdown(body),
    )
    db.session.add(question)
    db.session.flush()
    payload = {"case_id": case.id, "question_id": question.id, "title": case.title}
    members = _lab_member_ids(case.lab_id)
    for member_id in members:
        emit_after_commit("case_question", payload, to=user_room(member_id))
    do_notify(
        members,
        kind=NotificationKind.CASE_QUESTION,
        subject=case.title,
        url=f"/cases/{case.id}#question-{question.id}",
        actor=actor,
    )
    db.session.commit()
    return question


def do_answer_question(actor: User | None, question: CaseQuestion, *, answer: str) -> CaseQuestion:
    """The case's lab answers (or corrects its answer) on the case page."""
    check_can_write_case(actor, question.case.lab_id)
    question.answer = answer
    question.answer_html = render_markdown(answer)
    question.answered_by_id = actor.id
    question.answered_at = utcnow()
    if question.asker_id is not None:
        emit_after_commit(
            "case_answer",
            {"case_id": question.case_id, "question_id": question.id},
            to=user_room(question.asker_id),
        )
        do_notify(
            [question.asker_id],
            kind=NotificationKind.QUESTION_ANSWERED,
            subject=question.case.title,
            url=f"/cases/{question.case_id}#question-{question.id}",
            actor=actor,
        )
    db.session.commit()
    return question


def do_delete_question(actor: User | None, question: CaseQuestion) -> None:
    """The asker withdraws a question; the secretariat moderates."""
    require_user(actor)
    require(actor.id == question.asker_id or actor.is_secretariat)
    db.session.delete(question)
    db.session.commit()


def reindex_all(progress=None, batch_size: int = 500) -> int:
    """Rebuild the case index from the cases themselves (``flask search reindex``), a batch
    of cases a transaction, each batch with a few statements."""
    ids = list(db.session.scalars(sa.select(Case.id).order_by(Case.id)))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        cases = db.session.scalars(
            sa.select(Case)
            .where(Case.id.in_(chunk))
            .options(
                defer(Case.body_html),
                selectinload(Case.tags),
                selectinload(Case.challenges),
                selectinload(Case.subsidies),
                selectinload(Case.outcomes),
            )
        )
        index_documents(SEARCH_KIND, [_document(case) for case in cases], batch_size=batch_size)
        db.session.commit()
        db.session.expunge_all()
        if progress:
            progress(len(chunk))
    mark_index_current()
    db.session.commit()
    return len(ids)

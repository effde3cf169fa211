"""A text search with facets asks the index for both: the same cases as the facets alone
would give among the term's hits, and the index follows every edit of a facet."""

import itertools

import pytest
import sqlalchemy as sa

from community.cases import services
from community.cases.services import browse_cases, reindex_all
from community.core import search
from community.core.cache import ContentVersion
from tests.cases.test_cases_api import CASE, create, ids, lab_and_writer  # noqa: F401

TERMS = ["補助", "IT導入補助金"]  # one bigram; a phrase of six


def found(**filters) -> set[int]:
    """Every case that the search, or the facets alone, select: the service's own query."""
    from community.cases.models import Case
    from community.extensions import db

    stmt, _found = services._filtered(None, filters)
    return set(db.session.scalars(stmt.with_only_columns(Case.id)))


def facet_values(facets: dict) -> list[tuple[str, object]]:
    typed = {"fiscal_year": int, "lab": int, "simple_dx": "true".__eq__}
    typed["has_outcomes"] = typed["simple_dx"]
    return [
        (name, typed.get(name, str)(value)) for name, counts in facets.items() for value in counts
    ]


@pytest.mark.parametrize("built_by", ["bulk load", "case service"])
def test_text_and_facets_give_the_facets_hits_among_the_terms_hits(app, db, built_by, monkeypatch):
    monkeypatch.setattr(search, "RECENT_BLOCK", 16)  # blocks of a library this small
    assert app.test_cli_runner().invoke(args=["seed", "bulk", "--cases", "150"]).exit_code == 0
    if built_by == "case service":
        reindex_all()
    everything = browse_cases(None, per_page=1)["facets"]
    values = facet_values(everything)
    assert len(values) > 40
    pairs = [
        ({"programme": p}, {"fiscal_year": int(y)})
        for p, y in itertools.product(everything["programme"], everything["fiscal_year"])
    ]
    checked = 0
    # PostgreSQL asks the GIN index for the whole index at once or for the newest blocks first
    # (core/search.py): both must give the same cases, and the index the same with statistics
    # (each term's rarest bigram) as without
    every_bigram = sorted(set(search.query_terms("IT導入補助金")[0]))
    first_hits: dict[str, set[int]] = {}
    for span, analyzed in ((None, False), (40, False), (None, True)):
        monkeypatch.setattr(search, "_recent_span", lambda *_args, s=span: s)
        if db.engine.dialect.name == "postgresql":
            search._stats.clear()
            if analyzed:  # the bulk load analyzed already; this reads its statistics
                assert search._index_words([every_bigram], []) != every_bigram
            else:  # as before a first ANALYZE: every bigram goes to the index
                search._stats.update(at=float("inf"), frequencies={}, documents=0.0)
                assert search._index_words([every_bigram], []) == every_bigram
        for term in TERMS:
            hits = found(q=term)
            assert hits and hits == first_hits.setdefault(term, hits), (term, span, analyzed)
            for name, value in values:
                expected = hits & found(**{name: value})
                assert found(q=term, **{name: value}) == expected, (name, value)
                checked += 1
            for first, second in pairs:
                both = {**first, **second}
                assert found(q=term, **both) == hits & found(**both), both
    assert checked > 240


def test_postgresql_looks_among_the_newest_documents_first_only_for_common_words(app, db):
    """The span reads PostgreSQL's statistics: 補助 is in most cases, 組子 in few; an index
    of an older format may lack the recency tokens, and is asked whole."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner statistics; SQLite's FTS5 has one plan")
    assert app.test_cli_runner().invoke(args=["seed", "bulk", "--cases", "150"]).exit_code == 0
    db.session.execute(sa.text("ANALYZE search_document"))
    search._stats.clear()
    frequencies, documents = search._word_statistics()
    assert frequencies["補助"] > 0.5 and documents >= 150
    common, rare = search.query_terms("補助")[0], search.query_terms("組子")[0]
    # a library this small is read whole: a block would cost more than its every match
    assert search._recent_span([common], [], limit=10) is None

    # the statistics of 100,000 documents (as at the benchmark's scale)
    listed = {"補助": 0.75, "製造": 0.23, "チャ": 0.07, "ャッ": 0.066, "ット": 0.08, "a": 0.059}
    search._stats.update(frequencies={**listed, "fxregionxtohoku": 0.1})
    search._stats.update(at=float("inf"), documents=100_000.0)
    assert search._recent_span([common], [], limit=500) == 1000  # 500 / 0.75 × 1.5
    assert search._recent_span([["製造"]], [], limit=500) == 3261
    # a phrase as common as its rarest bigram
    assert search._recent_span([["チャ", "ャッ", "ット"]], [], limit=500) == 11364
    # a span as if the words went together: as common as the rarer of the two
    assert search._recent_span([common], ["fxregionxtohoku"], limit=500) == 7500
    # but the whole index as the planner reckons it, the words apart: 660 rows for a chatbot
    # in 東北, fewer than the 12 blocks of its span would cost
    chatbot = ["チャ", "ャッ", "ット"]
    assert search._recent_span([chatbot], ["fxregionxtohoku"], limit=500) is None
    assert search._recent_span([chatbot], [], limit=500) == 11364
    # a word off the list (half the rarest listed share, 2,950 matches): fewer rows than the
    # 25 blocks of its span would cost
    assert search._recent_span([rare], [], limit=500) is None
    assert search._recent_span([common], [], limit=40_000) is None  # a window too wide
    assert search._recent_span([common], [], limit=None) is None

    search.mark_index_current()
    db.session.get(ContentVersion, "search_index_format").version = search.INDEX_FORMAT - 1
    db.session.commit()
    search._stats.clear()
    assert search._recent_span([common], [], limit=10) is None
    assert search._index_words([common + rare], []) == sorted(common + rare)


def test_a_programme_and_a_year_are_asked_of_one_grant(client, lab_and_writer):  # noqa: F811
    lab, _ = lab_and_writer
    mixed = create(
        client,
        lab,
        subsidies=[
            {"programme": "it_introduction", "fiscal_year": 2023},
            {"programme": "municipal", "fiscal_year": 2024},
        ],
    )
    get = lambda **q: ids(client.get("/api/cases", query_string={"q": "組子", **q}))  # noqa: E731
    assert get(programme="it_introduction", fiscal_year=2023) == [mixed["id"]]
    assert get(programme="municipal", fiscal_year=2024) == [mixed["id"]]
    assert get(programme="it_introduction", fiscal_year=2024) == []
    assert get(programme="it_introduction") == get(fiscal_year=2024) == [mixed["id"]]


def test_editing_a_row_moves_the_case_between_facets(client, lab_and_writer):  # noqa: F811
    lab, _ = lab_and_writer
    case = create(client, lab, outcomes=[])
    get = lambda **q: ids(client.get("/api/cases", query_string={"q": "組子", **q}))  # noqa: E731
    assert get(programme="municipal") == [] and get(has_outcomes="false") == [case["id"]]

    added = client.post(
        f"/api/cases/{case['id']}/subsidies", json={"programme": "municipal", "fiscal_year": 2025}
    )
    assert added.status_code == 201, added.get_json()
    assert get(programme="municipal", fiscal_year=2025) == [case["id"]]
    outcome = client.post(
        f"/api/cases/{case['id']}/outcomes",
        json={"metric": "作業時間", "value_before": 10, "value_after": 5},
    )
    assert outcome.status_code == 201, outcome.get_json()
    assert get(has_outcomes="true") == [case["id"]] and get(has_outcomes="false") == []

    row = added.get_json()["id"]
    assert (
        client.patch(
            f"/api/cases/{case['id']}/subsidies/{row}", json={"fiscal_year": 2026}
        ).status_code
        == 200
    )
    assert get(programme="municipal", fiscal_year=2025) == []
    assert get(programme="municipal", fiscal_year=2026) == [case["id"]]
    assert client.delete(f"/api/cases/{case['id']}/subsidies/{row}").status_code == 204
    assert get(programme="municipal") == []

    moved = client.patch(f"/api/cases/{case['id']}", json={"prefecture": None, "challenges": []})
    assert moved.status_code == 200, moved.get_json()
    assert get(region="kyushu-okinawa") == [] and get(challenge="talent") == []
    assert get() == [case["id"]]


def test_a_full_window_says_its_total_is_not_exact(client, lab_and_writer, monkeypatch):  # noqa: F811
    lab, _ = lab_and_writer
    made = [create(client, lab, title=f"組子の事例{n}")["id"] for n in range(5)]
    exact = client.get("/api/cases", query_string={"q": "組子"}).get_json()
    assert exact["meta"]["total"] == 5 and exact["meta"]["total_exact"] is True
    assert client.get("/api/cases").get_json()["meta"]["total_exact"] is True

    monkeypatch.setattr(services, "SEARCH_WINDOW", 3)
    services._facet_cache.clear()
    windowed = client.get("/api/cases", query_string={"q": "組子"}).get_json()
    assert windowed["meta"]["total"] == 3 and windowed["meta"]["total_exact"] is False
    assert set(ids(client.get("/api/cases", query_string={"q": "組子"}))) == set(made[-3:])
    assert "3件以上の事例" in client.get("/cases?q=組子").get_data(as_text=True)


def test_reindex_if_stale_rebuilds_once(app, client, lab_and_writer):  # noqa: F811
    lab, _ = lab_and_writer
    create(client, lab)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["search", "reindex", "--if-stale"])
    assert first.exit_code == 0 and "1 cases indexed" in first.output
    again = runner.invoke(args=["search", "reindex", "--if-stale"])
    assert again.exit_code == 0 and "search index is current" in again.output


def test_a_rebuild_leaves_fresh_statistics(app, client, db, lab_and_writer):  # noqa: F811
    """Every document is replaced: PostgreSQL builds its GIN index again and vacuums the
    documents, and both databases analyze, so that the planner and the choice of a span read
    the new rows."""
    lab, _ = lab_and_writer
    for title in ("組子の工房", "補助金で受発注", "チャットボット"):
        create(client, lab, title=title)
    postgresql = db.engine.dialect.name == "postgresql"
    if not postgresql:
        db.session.execute(sa.text("ANALYZE"))  # sqlite_stat1 exists; then forget its rows
        db.session.execute(sa.text("DELETE FROM sqlite_stat1"))
        db.session.commit()
    search._stats.update(at=float("inf"), frequencies={"stale": 1.0}, documents=1.0)
    gin_file = "SELECT pg_relation_filenode('ix_search_document_tsv')"
    gin_before = db.session.scalar(sa.text(gin_file)) if postgresql else None
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    if postgresql:
        db.session.execute(sa.text("SELECT pg_stat_clear_snapshot()"))
        vacuumed, analyzed = db.session.execute(
            sa.text(
                "SELECT last_vacuum, last_analyze FROM pg_stat_user_tables "
                "WHERE relname = 'search_document'"
            )
        ).one()
        recently = db.session.scalar(sa.text("SELECT now() - interval '1 minute'"))
        assert vacuumed > recently and analyzed > recently
        assert db.session.scalar(sa.text(gin_file)) != gin_before  # built again in one pass
    else:
        analyzed = db.session.scalars(sa.text("SELECT DISTINCT tbl FROM sqlite_stat1")).all()
        assert {"case", "search_document"} <= set(analyzed), analyzed
    assert search._stats == {}  # the next search reads the new statistics


def test_relevance_puts_a_term_in_the_title_before_one_in_the_body(client, lab_and_writer):  # noqa: F811
    lab, _ = lab_and_writer
    in_title = create(client, lab, title="組子の工房", summary="工房の取組", body="")["id"]
    in_summary = create(client, lab, title="工房の話", summary="組子を作る", body="")["id"]
    in_body = create(client, lab, title="工房", summary="取組", body="組子と補助金")["id"]
    in_both = create(client, lab, title="組子と補助金", summary="補助金で組子", body="")["id"]
    get = lambda **q: ids(client.get("/api/cases", query_string=q))  # noqa: E731
    assert get(q="組子") == [in_both, in_title, in_summary, in_body]
    assert get(q="組子 補助金") == [in_both, in_body]
    assert get(q="組子", sort="newest") == [in_both, in_body, in_summary, in_title]


def test_relevance_reads_latin_terms_in_any_letter_case(client, lab_and_writer):  # noqa: F811
    """A Japanese term is compared as it is, a Latin one in any case: RAG in a title counts
    for rag, Rag or ＲＡＧ typed in the box."""
    lab, _ = lab_and_writer
    in_body = create(client, lab, title="問合せ対応", summary="社内文書", body="RAGを導入")["id"]
    in_title = create(client, lab, title="Ragで問合せ対応", summary="社内文書", body="")["id"]
    in_summary = create(client, lab, title="社内文書", summary="rag の試行", body="")["id"]
    for typed in ("rag", "RAG", "Rag", "ＲＡＧ"):
        found = ids(client.get("/api/cases", query_string={"q": typed}))
        assert found == [in_title, in_summary, in_body], typed


def test_a_search_counts_its_matches_in_the_statement_of_its_page(client, db, lab_and_writer):  # noqa: F811
    lab, _ = lab_and_writer
    made = [create(client, lab, title=f"組子の事例{n}")["id"] for n in range(3)]
    create(client, lab, title="別の事例", summary="別の話", body="", tags=[])
    for filters in ({"q": "組子"}, {}):
        browsed = browse_cases(None, per_page=2, **filters)
        total = browsed["meta"]["total"]
        assert total == (3 if filters else 4)
        for page in (1, 2, 5):
            found = services.search_cases(None, per_page=2, page=page, **filters)
            assert found["total"] == total
            assert len(found["items"]) == {1: 2, 2: total - 2, 5: 0}[page]
        first = services.search_cases(None, per_page=2, **filters)["items"]
        assert [c.id for c in first] == [c.id for c in browsed["items"]]
    assert {c.id for c in services.search_cases(None, q="組子", per_page=5)["items"]} == set(made)


def test_a_search_page_statement_serves_every_search_of_its_shape(app, db, make, monkeypatch):
    """A search's page statement is built once for each shape of search and run with the
    values of each (cases/services.py): every search, every reader and every page give the
    cases that a statement built for that search alone gives."""
    from community.accounts.models import Role
    from community.cases.models import Case, CaseStatus
    from community.labs.models import Lab

    monkeypatch.setattr(search, "RECENT_BLOCK", 16)  # blocks of a library this small
    assert app.test_cli_runner().invoke(args=["seed", "bulk", "--cases", "150"]).exit_code == 0
    lab = db.session.scalar(sa.select(Lab).order_by(Lab.id))
    drafts = sa.select(Case.id).where(Case.lab_id == lab.id).limit(5).scalar_subquery()
    db.session.execute(
        sa.update(Case).where(Case.id.in_(drafts)).values(status=CaseStatus.DRAFT.value)
    )
    db.session.commit()
    readers = [None, make.member(lab), make.user(role=Role.SECRETARIAT)]
    searches = [
        ({"q": term, **facets}, sort, page)
        for term in ("補助", "製造", "IT導入補助金", "補助金 製造", "RAG", "dx")
        for facets in ({}, {"region": "kyushu-okinawa"}, {"status": "draft"})
        for sort, page in (("relevance", 1), ("relevance", 2), ("newest", 1), ("rolled_out", 3))
    ]

    def page(reader, filters, sort, number):
        rows = services._page(reader, dict(filters), sort, None, 7, (number - 1) * 7, total=True)
        return [row[0].id for row in rows], rows[0].total if rows else 0

    alone = {}
    for reader, (filters, sort, number) in itertools.product(readers, searches):
        services._search_pages.clear()
        alone[reader, str(filters), sort, number] = page(reader, filters, sort, number)
    assert sum(bool(ids) for ids, _total in alone.values()) > len(alone) / 2
    assert any(ids for (reader, filters, *_), (ids, _) in alone.items() if "draft" in filters)
    services._search_pages.clear()
    for reader, (filters, sort, number) in itertools.product(readers, searches):
        key = (reader, str(filters), sort, number)
        assert page(reader, filters, sort, number) == alone[key], key
    assert len(services._search_pages) < len(alone) / 3  # 補助 and 製造 share theirs

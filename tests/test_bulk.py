"""``flask seed bulk``: generated cases with their facet rows and the same index as one by one."""

import re

import sqlalchemy as sa

from community.cases.models import Case, CaseChallenge, CaseTag, Outcome, SubsidyUsage
from community.cases.services import SEARCH_KIND, browse_cases, facet_counts, reindex_all
from community.core import search
from community.core.search import (
    FTS_TABLE,
    SearchDocument,
    SearchText,
    index_document,
    index_documents,
    matches,
)
from community.demo.bulk import LabRef, generate_cases
from community.demo.data import DEMO_CASES

TERMS = ["補助", "補助金", "製造", "IT導入補助金", "受発注"]


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def index_snapshot(db, first_id: int) -> list[tuple]:
    """The index entries of the cases from ``first_id`` on, by case: what a search reads. On
    PostgreSQL without the recency token, which follows the document's id (checked here)."""
    postgresql = db.session.get_bind().dialect.name == "postgresql"
    if postgresql:
        text = sa.func.concat(sa.cast(SearchDocument.tsv, sa.Text), SearchText.normalised_text)
        stmt = sa.select(SearchDocument.object_id, text, SearchDocument.id).outerjoin(
            SearchText, SearchText.document_id == SearchDocument.id
        )
    else:
        fts = sa.table(FTS_TABLE, sa.column("rowid"), sa.column("bigrams"))
        stmt = sa.select(SearchDocument.object_id, fts.c.bigrams, SearchDocument.id).join(
            fts, fts.c.rowid == SearchDocument.id
        )
    rows = db.session.execute(
        stmt.where(
            SearchDocument.kind == SEARCH_KIND, SearchDocument.object_id >= first_id
        ).order_by(SearchDocument.object_id)
    ).all()
    snapshot = []
    for object_id, words, document_id in rows:
        if postgresql:
            token = f" '{search.recency_token(document_id)}':"
            assert token in words, (document_id, words[-200:])
            words = re.sub(r" 'fxrecentx[0-9a-f]+':\d+", "", words)
        snapshot.append((object_id, words))
    return snapshot


def hits(term: str) -> tuple[int, list[int]]:
    """How many cases match, and the first hundred in order of relevance."""
    found = browse_cases(None, q=term, per_page=100)
    return found["meta"]["total"], [case.id for case in found["items"]]


def test_seed_bulk_writes_cases_facets_and_the_same_index_as_one_by_one(app, db):
    assert app.test_cli_runner().invoke(args=["seed", "demo"]).exit_code == 0
    # counted and cached before the load: the load must make the cache stale
    assert sum(facet_counts(None)["region"].values()) == len(DEMO_CASES)
    first_bulk_id = db.session.scalar(sa.select(sa.func.max(Case.id))) + 1
    result = app.test_cli_runner().invoke(args=["seed", "bulk", "--cases", "300"])
    assert result.exit_code == 0, result.output
    assert "300 cases written and indexed in" in result.output

    total = len(DEMO_CASES) + 300  # the demo labs, with their cases, were loaded first
    assert count(db, Case) == total
    assert count(db, Outcome) >= 300
    assert count(db, CaseChallenge) >= 300
    assert count(db, CaseTag) >= 600
    assert count(db, SubsidyUsage) >= 150
    facets = facet_counts(None)
    assert len(facets["region"]) == 9 and sum(facets["region"].values()) == total
    assert {"it_introduction", "prefectural", "municipal"} <= set(facets["programme"])
    assert len(facets["industry"]) >= 8

    before = {term: hits(term) for term in TERMS}
    assert before["補助"][0] > before["IT導入補助金"][0] > 20
    # the generated cases only: the demo cases were indexed by the service with their tags in
    # the order given, and reindexing puts those in name order
    snapshot = index_snapshot(db, first_bulk_id)
    assert len(snapshot) == 300
    assert (
        db.session.scalar(
            sa.select(sa.func.count(SearchDocument.id)).where(SearchDocument.kind == SEARCH_KIND)
        )
        == total
    )

    assert reindex_all() == total  # index_document, one case at a time, in place
    assert index_snapshot(db, first_bulk_id) == snapshot
    assert {term: hits(term) for term in TERMS} == before
    if db.session.get_bind().dialect.name == "postgresql":
        indexes = sa.inspect(db.engine).get_indexes(SearchDocument.__tablename__)
        assert "ix_search_document_tsv" in {i["name"] for i in indexes}


def test_index_documents_replaces_an_entry_like_index_document(app, db):
    index_document("note", 1, ["組子の図案"])
    index_document("note", 2, ["補助金の申請"])
    index_documents("note", [(1, ["チャットボット"], ()), (3, [None, "組子細工"], ())])
    db.session.commit()

    def found(term):
        return sorted(db.session.scalars(sa.select(matches("note", term).c.object_id)))

    assert found("組子") == [3]
    assert found("チャットボット") == [1]
    assert found("補助金") == [2]
    assert count(db, SearchDocument) == 3


def test_generation_is_reproducible_by_seed():
    labs = [LabRef(1, None, [("04", "宮城県")]), LabRef(2, None, [("38", "愛媛県")])]
    first = [c.row["body"] for c in generate_cases(50, labs, seed=7)]
    assert first == [c.row["body"] for c in generate_cases(50, labs, seed=7)]
    assert first != [c.row["body"] for c in generate_cases(50, labs, seed=8)]
    assert {c.row["prefecture_code"] for c in generate_cases(50, labs, seed=7)} == {"04", "38"}

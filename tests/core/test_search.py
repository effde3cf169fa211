"""Japanese search by bigrams: the same hits on SQLite and PostgreSQL, from an index."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from community.core import search
from community.core.search import (
    SearchDocument,
    SearchText,
    index_document,
    matches,
    positioned_bigrams,
    query_terms,
    remove_document,
)

DOCS = {
    1: "IT導入補助金を活用して受発注をクラウド化。作業時間を120時間から80時間に削減。",
    2: "組子細工のデザインを生成AIで提案するkumikoAI。伝統工芸のDX。",
    3: "移住情報を答えるチャットボット。LLMとRAGで結合セルの表も読む。",
    4: "ＩｏＴセンサーで工場の稼働を見える化。補助率は1/2。",
    5: "地域DXコミュニティの勉強会。補助 金ではなく自己資金で実施。",
}


@pytest.fixture
def indexed(db):
    for object_id, text in DOCS.items():
        index_document("note", object_id, [text])
    index_document("other", 1, ["補助金の話ですが別の種類です"])
    db.session.commit()
    return db


def hits(db, query: str, kind: str = "note") -> list[int]:
    found = matches(kind, query)
    if found is None:
        return []
    rows = db.session.execute(sa.select(found.c.object_id).order_by(found.c.object_id)).scalars()
    return list(rows)


def test_bigrams_and_terms():
    assert [g for g, _ in positioned_bigrams("補助金を活用")] == [
        "補助",
        "助金",
        "金を",
        "を活",
        "活用",
    ]
    assert query_terms("ＲＡＧ 補助金 a") == [["ra", "ag"], ["補助", "助金"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("補助金", [1]),
        ("補助", [1, 4, 5]),
        ("組子", [2]),
        ("チャットボット", [3]),
        ("RAG", [3]),
        ("rag", [3]),
        ("IoT", [4]),
        ("ＤＸ", [2, 5]),
        ("dx", [2, 5]),
        ("kumikoai", [2]),
        ("IT導入", [1]),
        ("補助 クラウド", [1]),
        ("補助 センサー", [4]),
        ("補助金 センサー", []),
        ("存在しない言葉", []),
    ],
)
def test_terms_match_inside_japanese_text(indexed, query, expected):
    assert hits(indexed, query) == expected


def test_terms_do_not_match_across_a_break(indexed):
    # doc 5 has 補助 and 金 apart: 補助金 must not match it
    assert 5 not in hits(indexed, "補助金")


def test_one_character_queries_have_no_terms(indexed):
    assert matches("note", "補") is None
    assert matches("note", "   ") is None


def test_reindex_and_remove(indexed):
    index_document("note", 2, ["もう組子ではない"])
    indexed.session.commit()
    assert hits(indexed, "デザイン") == []
    assert hits(indexed, "組子") == [2]
    remove_document("note", 2)
    indexed.session.commit()
    assert hits(indexed, "組子") == []
    assert indexed.session.scalar(sa.select(sa.func.count(SearchDocument.id))) == 5
    # PostgreSQL's texts follow their documents, replaced and removed; SQLite keeps none
    texts = indexed.session.scalar(sa.select(sa.func.count()).select_from(SearchText))
    assert texts == (5 if indexed.engine.dialect.name == "postgresql" else 0)


def test_quotes_and_operators_in_queries_are_plain_text(indexed):
    for query in ('"補助金', "補助金' OR 1=1", "NEAR(補助 金)", "a & b | !c", "補助金 AND"):
        assert isinstance(hits(indexed, query), list)


def test_postgresql_asks_the_index_for_a_terms_rarest_bigram_and_checks_the_rest(db):
    """With statistics, only the rarest bigram of 補助金 goes to the GIN index: the documents
    holding it without the phrase (援助金, 助金 apart from 補助) are dropped by the check."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's GIN index and its statistics; FTS5 asks for the phrase")
    from community.core import search

    texts = {
        **{i: f"補助の相談 {i}" for i in range(1, 41)},  # 補助 in most documents
        41: "補助金で受発注を変えた",
        42: "援助金を受けた",
        43: "補助 助金",
        44: "市の補助金と援助金",
    }
    for object_id, text in texts.items():
        index_document("note", object_id, [text])
    db.session.commit()
    db.session.execute(sa.text("ANALYZE search_document"))
    search._stats.clear()
    phrase = query_terms("補助金")
    assert search._index_words(phrase, ["fxtoken"]) == ["fxtoken", "助金"]
    assert search._index_words([["補助"], *phrase], []) == ["助金", "補助"]
    assert hits(db, "補助金") == [41, 44]
    assert hits(db, "援助金") == [42, 44]
    assert hits(db, "補助金 受発注") == [41]


def test_search_is_served_by_an_index(indexed):
    """FTS5's own index on SQLite; the GIN index on PostgreSQL (no sequential scan of documents)."""
    found = matches("note", "補助金")
    stmt = sa.select(found.c.object_id)
    connection = indexed.session.connection()
    compiled = stmt.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    if connection.dialect.name == "sqlite":
        # the statistics of a small library, which once led the planner to scan the documents
        # and run the whole MATCH for each
        connection.exec_driver_sql("ANALYZE")
        plan = " ".join(
            str(row[-1]) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
        )
        assert "VIRTUAL TABLE INDEX" in plan and "SCAN search_document" not in plan, plan
    else:
        # as many documents as a real library, so that the planner weighs its indexes honestly
        connection.exec_driver_sql(
            "INSERT INTO search_document (kind, object_id, tsv, updated_at) "
            "SELECT 'note', 1000 + g, array_to_tsvector(ARRAY['別の', '文書', g::text]), now() "
            "FROM generate_series(1, 30000) AS g"
        )
        connection.exec_driver_sql("ANALYZE search_document")
        plan = " ".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {compiled}"))
        assert "Function Scan on search_window" in plan, plan
        # the function's own plan, with its own setting
        settings = connection.exec_driver_sql(
            "SELECT proconfig FROM pg_proc WHERE proname = 'search_window'"
        ).scalar()
        assert settings == ["enable_seqscan=off"]
        # and the plans of the statements inside it: a span's passes over wider and wider
        # blocks, then every older document, each from the GIN index
        plans = nested_plans(connection, compiled, span=5, block=4)
        windows = [plan for plan in plans if "tsv @@" in plan]
        assert len(windows) == 4 and all("ix_search_document_tsv" in p for p in windows), plans
        blocks = [p.count("fxrecentx") // 2 for p in windows]  # each in two lines of a plan
        assert 0 < blocks[0] < blocks[1] < blocks[2] <= search.WIDEST_PASS, blocks
        assert blocks[3] == 0, blocks
        # no walk of the documents newest first, testing each one's tsv
        assert not any("Seq Scan" in p or "Scan Backward" in p for p in windows), windows


def nested_plans(connection, compiled, *, span: int, block: int) -> list[str]:
    """The plans of the statements that a search's ``search_window`` call runs, from
    auto_explain (sent to this session as messages), with ``span`` and ``block`` given."""
    sql = str(compiled)
    call = sql[sql.index("search_window(") :]
    arguments = call[len("search_window(") : call.index(") AS anon")].rsplit(",", 2)[0]
    messages: list[str] = []
    raw = connection.connection.driver_connection
    raw.add_notice_handler(lambda notice: messages.append(notice.message_primary or ""))
    for setting in (
        "LOAD 'auto_explain'",
        "SET LOCAL auto_explain.log_min_duration = 0",
        "SET LOCAL auto_explain.log_nested_statements = on",
        "SET LOCAL client_min_messages = log",
    ):
        connection.exec_driver_sql(setting)
    connection.exec_driver_sql(f"SELECT * FROM search_window({arguments}, {span}, {block})")
    connection.exec_driver_sql("SET LOCAL client_min_messages = notice")
    return [m for m in messages if "search_document" in m and "Function Scan" not in m]


@pytest.mark.parametrize("widest_pass", [search.WIDEST_PASS, 2])
def test_a_window_is_the_newest_matches_however_it_is_found(db, monkeypatch, widest_pass):
    """With a span (PostgreSQL: the newest blocks first, then older ones, four times as many
    each pass, then every older document at once) or without, a window of any size holds
    exactly the newest matches of the whole index, phrases checked. SQLite has one way; the
    expected windows hold for it too."""
    monkeypatch.setattr(search, "RECENT_BLOCK", 4)
    postgresql = db.engine.dialect.name == "postgresql"
    if postgresql:
        db.session.execute(sa.text(search.search_window_sql(widest_pass)))
    try:
        check_windows(db, monkeypatch)
    finally:
        if postgresql:
            db.session.rollback()
            db.session.execute(sa.text(search.CREATE_SEARCH_WINDOW))
            db.session.commit()


def check_windows(db, monkeypatch) -> None:
    texts = {}
    for n in range(1, 61):  # 補助 in every document of the newest third, rarely before
        common = n > 40 or n % 7 == 0
        texts[n] = ("補助金の相談" if n % 3 else "補助と助金") if common else f"別の話 {n}"
    texts[61] = "補助金"
    for object_id, text in texts.items():
        index_document("note", object_id, [text])
    db.session.commit()
    index_document("note", 5, ["補助金を受けた"])  # an edit: the document is indexed anew
    texts[5] = "補助金を受けた"
    db.session.commit()
    by_id = sa.select(SearchDocument.object_id).order_by(SearchDocument.id.desc())
    newest_first = list(db.session.scalars(by_id))

    def expected(query: str, limit: int | None) -> list[int]:
        term = query_terms(query)[0]
        holding = [n for n in newest_first if _holds_phrase(texts[n], term)]
        return holding[:limit]

    for span in (None, 1, 4, 9, 30, 1000):
        monkeypatch.setattr(search, "_recent_span", lambda *_args, s=span: s)
        for query in ("補助", "補助金"):
            for limit in (1, 3, 8, 20, 40, None):
                found = matches("note", query, limit=limit)
                rows = db.session.execute(
                    sa.select(found.c.object_id).order_by(found.c.document_id.desc())
                )
                assert list(rows.scalars()) == expected(query, limit), (span, query, limit)


def _holds_phrase(text: str, term: list[str]) -> bool:
    grams = [gram for gram, _position in positioned_bigrams(text)]
    return any(grams[i : i + len(term)] == term for i in range(len(grams)))


def test_postgresql_documents_hold_the_recency_token_of_their_id(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("recency tokens are PostgreSQL's; FTS5 hands its rows over newest first")
    for object_id in range(1, 4):
        index_document("note", object_id, ["補助金"])
    index_document("note", 2, ["補助金の相談"])
    db.session.commit()
    rows = db.session.execute(
        sa.select(SearchDocument.id, sa.cast(SearchDocument.tsv, sa.Text))
    ).all()
    assert len(rows) == 3
    for document_id, tsv in rows:
        assert f"'{search.recency_token(document_id)}'" in tsv, tsv


def test_postgresql_checks_a_document_without_its_text_by_its_tsv(indexed):
    """An index of an older format has no normalised text until it is rebuilt: a longer term
    is then checked as a phrase of the tsv, with the same hits."""
    if indexed.engine.dialect.name != "postgresql":
        pytest.skip("the normalised text is PostgreSQL's; FTS5 asks for the phrase")
    assert indexed.session.scalar(sa.select(sa.func.count()).select_from(SearchText)) == 6
    expected = {query: hits(indexed, query) for query in ("補助金", "受発注", "補助", "ＩＯＴ")}
    indexed.session.execute(sa.delete(SearchText))
    assert {query: hits(indexed, query) for query in expected} == expected
    assert expected["補助金"] == [1] and expected["ＩＯＴ"] == [4]


def test_a_like_pattern_holds_no_wildcard_of_the_text():
    assert search._like_pattern("補助金") == "%補助金%"
    assert search._like_pattern("a%b_c\\") == "%a\\%b\\_c\\\\%"

import pytest

from community.accounts.models import Role
from tests import factories

CASE = {
    "title": "IT導入補助金で受発注をクラウド化した組子工房",
    "summary": "組子細工の工房が受発注をクラウドに移し、作業時間を削減。",
    "body": "## 取組\n\n**kumikoAI** と連携し、チャットボットで問い合わせに回答。",
    "prefecture": "40",
    "industry": "E",
    "size_band": "6-20",
    "challenges": ["talent", "funding"],
    "tags": ["組子", "クラウド"],
    "technologies": ["RAG", "IoT"],
    "simple_dx": True,
    "status": "published",
    "outcomes": [
        {"metric": "作業時間", "value_before": 120, "value_after": 80, "unit": "時間/月"},
    ],
    "subsidies": [
        {
            "programme": "it_introduction",
            "frame": "通常枠",
            "fiscal_year": 2024,
            "amount_granted": 1_500_000,
            "subsidy_rate": 0.5,
            "total_cost": 3_000_000,
            "vendor": "地元ITベンダー",
        }
    ],
    "policies": [{"policy": "dx_certification"}, {"policy": "manabi_dx", "count": 3}],
}


@pytest.fixture
def lab_and_writer(make, auth):
    lab = make.lab(prefectures=("40",))
    writer = make.member(lab)
    auth.login(writer)
    return lab, writer


def create(client, lab, **changes):
    response = client.post("/api/cases", json={**CASE, "lab_id": lab.id, **changes})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def ids(response):
    return [case["id"] for case in response.get_json()["items"]]


def test_member_creates_a_case_with_rows(client, lab_and_writer):
    lab, _writer = lab_and_writer
    case = create(client, lab)
    assert case["region"] == "kyushu-okinawa" and case["challenges"] == ["funding", "talent"]
    assert case["outcomes"][0]["value_after"] == 80
    assert case["subsidies"][0]["amount_granted"] == 1_500_000
    assert {p["policy"]: p["count"] for p in case["policies"]} == {
        "dx_certification": 1,
        "manabi_dx": 3,
    }
    assert "<strong>kumikoAI</strong>" in case["body_html"]
    assert case["published_at"] is not None


@pytest.mark.parametrize(
    "query", ["補助金", "組子", "チャットボット", "RAG", "rag", "ＩｏＴ", "クラウド 組子"]
)
def test_japanese_search_finds_the_case(client, lab_and_writer, query):
    lab, _ = lab_and_writer
    case = create(client, lab)
    create(
        client, lab, title="別の事例", summary="関係のない内容", body="", tags=[], technologies=[]
    )
    assert ids(client.get("/api/cases", query_string={"q": query})) == [case["id"]]


def test_facets_combine_with_text(client, lab_and_writer):
    lab, _ = lab_and_writer
    kumiko = create(client, lab)
    other = create(
        client, lab, title="製造ラインのIoT化", subsidies=[], simple_dx=False, outcomes=[]
    )
    get = lambda **q: ids(client.get("/api/cases", query_string=q))  # noqa: E731
    assert get(programme="it_introduction") == [kumiko["id"]]
    assert get(fiscal_year=2024, programme="it_introduction") == [kumiko["id"]]
    assert get(simple_dx="false") == [other["id"]]
    assert get(has_outcomes="true") == [kumiko["id"]]
    assert set(get(region="kyushu-okinawa")) == {kumiko["id"], other["id"]}
    assert get(region="tohoku") == []
    assert set(get(q="IoT", challenge="talent")) == {kumiko["id"], other["id"]}
    assert get(q="製造ライン") == [other["id"]]
    assert get(q="補", lab=lab.id) == []


def test_drafts_are_seen_by_their_lab_and_the_secretariat_only(
    app, client, auth, make, lab_and_writer
):
    lab, _writer = lab_and_writer
    draft = create(client, lab, status="draft")
    assert client.get(f"/api/cases/{draft['id']}").status_code == 200
    auth.logout()
    assert client.get(f"/api/cases/{draft['id']}").status_code == 404
    assert ids(client.get("/api/cases", query_string={"q": "組子"})) == []
    outsider = make.coordinator(make.lab())
    auth.login(outsider)
    assert client.get(f"/api/cases/{draft['id']}").status_code == 404
    assert client.patch(f"/api/cases/{draft['id']}", json={"title": "x"}).status_code == 404
    auth.logout()
    auth.login(make.user(role=Role.SECRETARIAT))
    assert client.get(f"/api/cases/{draft['id']}").status_code == 200


def test_update_replaces_rows_and_reindexes(client, lab_and_writer):
    lab, _ = lab_and_writer
    case = create(client, lab)
    response = client.patch(
        f"/api/cases/{case['id']}",
        json={
            "title": "地域DXコミュニティの勉強会",
            "tags": [],
            "outcomes": [],
            "body": "",
            "summary": "",
        },
    )
    assert response.status_code == 200
    assert response.get_json()["outcomes"] == [] and response.get_json()["subsidies"]
    assert response.get_json()["tags"] == [] and response.get_json()["challenges"]
    changed = client.patch(
        f"/api/cases/{case['id']}", json={"tags": ["勉強会", "DX"], "challenges": ["awareness"]}
    )
    assert changed.get_json()["tags"] == ["DX", "勉強会"]
    assert changed.get_json()["challenges"] == ["awareness"]
    assert ids(client.get("/api/cases", query_string={"q": "組子"})) == []
    assert ids(client.get("/api/cases", query_string={"q": "勉強会"})) == [case["id"]]


def test_delete_removes_it_from_search(client, lab_and_writer):
    lab, _ = lab_and_writer
    case = create(client, lab)
    assert client.delete(f"/api/cases/{case['id']}").status_code == 204
    assert client.get(f"/api/cases/{case['id']}").status_code == 404
    assert ids(client.get("/api/cases", query_string={"q": "組子"})) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"lab_id": 999999}, None),
        ({"industry": "Z"}, "industry"),
        ({"challenges": ["unknown"]}, "challenges"),
        ({"subsidies": [{"programme": "nope"}]}, "subsidies"),
        ({"subsidies": [{"programme": "other", "subsidy_rate": 2}]}, "subsidies"),
        ({"outcomes": [{"value_before": 1}]}, "outcomes"),
        ({"period_start": "2025-04-01", "period_end": "2025-03-01"}, "period_end"),
        ({"tags": ["x" * 41]}, "tags"),
    ],
)
def test_bad_case_input(client, lab_and_writer, change, field):
    lab, _ = lab_and_writer
    response = client.post("/api/cases", json={**CASE, "lab_id": lab.id, **change})
    if field is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 422 and field in response.get_json()["errors"], (
            response.get_json()
        )


@pytest.mark.parametrize(
    "change",
    [
        {"subsidies": [{"frame": "通常枠"}]},
        {"outcomes": [{"unit": "時間"}]},
        {"title": None},
        {"status": "archived"},
    ],
)
def test_bad_update_is_refused_whole(client, lab_and_writer, change):
    """An update may leave fields out, but a row it sends needs its own required fields."""
    lab, _ = lab_and_writer
    case = create(client, lab)
    response = client.patch(f"/api/cases/{case['id']}", json=change)
    assert response.status_code == 422, response.get_json()
    assert set(response.get_json()["errors"]) == set(change)
    assert client.get(f"/api/cases/{case['id']}").get_json()["subsidies"] == case["subsidies"]


def test_update_clears_the_prefecture(client, lab_and_writer):
    lab, _ = lab_and_writer
    case = create(client, lab)
    cleared = client.patch(f"/api/cases/{case['id']}", json={"prefecture": None}).get_json()
    assert cleared["prefecture"] is None and cleared["region"] is None


WRITERS = {"member", "coordinator", "secretariat"}


@pytest.mark.parametrize("actor", factories.ACTORS)
def test_case_write_permissions(client, auth, make, actor):
    lab = make.lab()
    people = make.cast(lab)
    auth.login(people["member"])
    existing = create(client, lab)
    auth.logout()
    if actor != "anonymous":
        auth.login(people[actor])
    expected = {401} if actor == "anonymous" else ({201, 200, 204} if actor in WRITERS else {403})
    created = client.post("/api/cases", json={**CASE, "lab_id": lab.id})
    updated = client.patch(f"/api/cases/{existing['id']}", json={"title": "改題"})
    deleted = client.delete(f"/api/cases/{existing['id']}")
    for response in (created, updated, deleted):
        assert response.status_code in expected, (actor, response.get_json())


def test_reindex_rebuilds_a_lost_index(app, client, lab_and_writer, db):
    import sqlalchemy as sa

    from community.core.search import SearchDocument

    lab, _ = lab_and_writer
    case = create(client, lab)
    db.session.execute(sa.delete(SearchDocument))
    db.session.commit()
    assert ids(client.get("/api/cases", query_string={"q": "組子"})) == []
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0 and "1 cases indexed" in result.output
    assert ids(client.get("/api/cases", query_string={"q": "組子"})) == [case["id"]]


def test_facet_counts_come_with_the_results(client, lab_and_writer):
    lab, _ = lab_and_writer
    create(client, lab)
    create(
        client, lab, title="製造ラインのIoT化", subsidies=[], simple_dx=False, challenges=["talent"]
    )
    create(client, lab, title="下書きの事例", status="draft")
    body = client.get("/api/cases").get_json()
    facets = body["facets"]
    assert facets["challenge"] == {"talent": 3, "funding": 2}
    assert facets["programme"] == {"it_introduction": 2}
    assert facets["fiscal_year"] == {"2024": 2}
    assert facets["simple_dx"] == {"true": 2, "false": 1}
    assert facets["region"] == {"kyushu-okinawa": 3}
    narrowed = client.get("/api/cases/facets", query_string={"q": "IoT化"}).get_json()
    assert narrowed["challenge"] == {"talent": 1} and narrowed["programme"] == {}


def test_a_case_counts_once_under_a_value_it_holds_twice(client, lab_and_writer):
    """Two grants of one programme, two of one year: the case counts once under each."""
    lab, _ = lab_and_writer
    create(
        client,
        lab,
        subsidies=[
            {"programme": "it_introduction", "fiscal_year": 2023},
            {"programme": "it_introduction", "fiscal_year": 2024},
            {"programme": "municipal", "fiscal_year": 2024},
        ],
    )
    create(client, lab, title="補助なしの事例", subsidies=[])
    for query in ({}, {"q": "組子"}, {"region": "kyushu-okinawa"}):
        facets = client.get("/api/cases/facets", query_string=query).get_json()
        assert facets["programme"] == {"it_introduction": 1, "municipal": 1}, query
        assert facets["fiscal_year"] == {"2023": 1, "2024": 1}, query
        assert facets["region"] == {"kyushu-okinawa": 2}, query
        assert sum(facets["simple_dx"].values()) == 2, query


def test_facet_counts_cost_a_fixed_number_of_statements(app, client, lab_and_writer):
    from tests.core.test_query_counts import statements_for

    lab, _ = lab_and_writer
    create(client, lab)
    # PostgreSQL's word statistics are read every ten minutes; 組子's counts are not cached yet
    client.get("/api/cases?q=事例")
    few = statements_for(app, client, "/api/cases?q=組子")
    for n in range(6):
        create(client, lab, title=f"組子の事例{n}")
    assert statements_for(app, client, "/api/cases?q=組子") == few


def test_a_chosen_facet_still_counts_its_other_values(client, lab_and_writer):
    """Counts for a facet ignore that facet's own filter, so the page can offer switching."""
    lab, _ = lab_and_writer
    create(client, lab)
    create(client, lab, title="市の補助で", subsidies=[{"programme": "municipal"}], outcomes=[])
    facets = client.get("/api/cases", query_string={"programme": "municipal"}).get_json()
    assert facets["meta"]["total"] == 1
    assert facets["facets"]["programme"] == {"it_introduction": 1, "municipal": 1}
    assert facets["facets"]["has_outcomes"] == {"false": 1}  # other facets: the chosen set
    assert facets["facets"]["challenge"] == {"talent": 1, "funding": 1}
    # with a text search too: each facet's count is its own search, in one statement
    searched = client.get("/api/cases", query_string={"q": "組子", "programme": "municipal"})
    assert searched.get_json()["meta"]["total"] == 1
    assert searched.get_json()["facets"]["programme"] == {"it_introduction": 1, "municipal": 1}
    assert searched.get_json()["facets"]["has_outcomes"] == {"false": 1}


@pytest.mark.parametrize("sort", ["newest", "rolled_out"])
def test_the_library_orders_are_read_from_an_index(app, db, sort):
    """The first page of the library is read in order from an index, not by sorting every
    case (at 100,000 cases: 150 ms on PostgreSQL, 740 ms on SQLite, against 1–2 ms)."""

    from community.cases import services

    # the bulk load leaves statistics behind, as a real library has them
    assert app.test_cli_runner().invoke(args=["seed", "bulk", "--cases", "150"]).exit_code == 0
    db.session.remove()
    db.engine.dispose()  # SQLite reads its statistics when a connection opens
    page = services._page_statement(None, "public", {}, sort, False, False, False)
    page = page.params(page_limit=21, page_offset=0)
    index = {"newest": "ix_case_newest", "rolled_out": "ix_case_rolled_out"}[sort]
    connection = db.session.connection()
    compiled = page.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    if connection.dialect.name == "sqlite":
        plan = [row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
        assert f"SCAN case USING INDEX {index}" in plan and "USE TEMP B-TREE" not in str(plan)
    else:
        # 150 cases are too few for the planner to prefer an index: refuse it a sort
        connection.exec_driver_sql("SET LOCAL enable_sort = off")
        plan = [row[0] for row in connection.exec_driver_sql(f"EXPLAIN {compiled}")]
        assert any(f"Index Scan Backward using {index}" in line for line in plan), plan
        assert not any("Sort" in line for line in plan), plan

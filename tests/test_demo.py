"""``flask seed demo``: real organisations in their real prefectures, every role, safe twice."""

import sqlalchemy as sa

from community.accounts.models import Role, User
from community.cases.models import Case
from community.demo.data import DEMO_LABS
from community.labs.models import Lab, LabMembership, MemberOrganisation
from community.labs.reference import PREFECTURES, REGIONS


def test_seed_demo_twice_changes_nothing_the_second_time(app, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed", "demo"])
    assert first.exit_code == 0, first.output
    counts = {
        model: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Lab, User, LabMembership, MemberOrganisation)
    }
    second = runner.invoke(args=["seed", "demo"])
    assert second.exit_code == 0 and "0 labs created" in second.output
    again = {
        model: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Lab, User, LabMembership, MemberOrganisation)
    }
    assert again == counts
    assert counts[Lab] == len(DEMO_LABS) >= 10


def test_demo_has_every_role_and_real_places(app, db, client):
    app.test_cli_runner().invoke(args=["seed", "demo"])
    roles = set(db.session.scalars(sa.select(User.role)))
    assert roles == {Role.SECRETARIAT, Role.EXPERT, Role.MEMBER}
    assert set(db.session.scalars(sa.select(LabMembership.role))) == {"coordinator", "member"}
    regions = {
        r["code"]
        for lab in client.get("/api/labs?per_page=100").get_json()["items"]
        for r in lab["regions"]
    }
    assert len(regions) >= 6
    spanning = [lab for lab in DEMO_LABS if len(lab["prefectures"]) > 1]
    assert spanning, "at least one demo lab spans several prefectures"
    login = client.post(
        "/api/auth/login",
        json={"email": "secretariat@example.jp", "password": "demo-password-2026"},
    )
    assert login.status_code == 200 and login.get_json()["role"] == "secretariat"


def test_demo_if_empty_leaves_a_database_with_labs_alone(app, db, make):
    make.lab()
    result = app.test_cli_runner().invoke(args=["seed", "demo-if-empty"])
    assert "not loaded" in result.output
    assert db.session.scalar(sa.select(sa.func.count(Lab.id))) == 1


def test_demo_cases_are_published_and_found_in_japanese(app, db, client):
    from community.demo.data import DEMO_CASES

    app.test_cli_runner().invoke(args=["seed", "demo"])
    listed = client.get("/api/cases?per_page=100").get_json()
    assert listed["meta"]["total"] == len(DEMO_CASES) >= 30
    assert set(listed["facets"]["region"]) == {code for code, _ja, _en in REGIONS}
    assert set(listed["facets"]["lab"]) == {
        str(lab.id) for lab in db.session.scalars(sa.select(Lab))
    }

    def titles(q):
        found = client.get("/api/cases", query_string={"q": q, "per_page": 100}).get_json()
        return [c["title"] for c in found["items"]]

    assert any("kumikoAI" in t for t in titles("組子"))
    assert any("NOTOBIRA" in t for t in titles("RAG"))
    assert any("十勝の酪農家" in t for t in titles("酪農"))
    assert any("会津の酒蔵" in t for t in titles("酒蔵"))
    assert titles("組子") != titles("酪農")
    for case in DEMO_CASES:  # every case by the first two characters of its title
        term = case["title"][:2]
        assert case["title"] in titles(term), term

    found = titles("IT導入補助金")
    texts = {
        c.title: c.title + c.summary + c.body
        for c in db.session.scalars(sa.select(Case).where(Case.title.in_(found)))
    }
    assert len(found) >= 10 and all("IT導入補助金" in texts[t] for t in found)
    again = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert again.exit_code == 0
    assert client.get("/api/cases").get_json()["meta"]["total"] == len(DEMO_CASES)


def test_demo_adaptations_pair_demo_cases_of_two_labs_elsewhere():
    from community.demo.data import DEMO_ADAPTATIONS, DEMO_CASES

    region_of = {code: region for code, _ja, _en, region in PREFECTURES}
    by_title = {case["title"]: case for case in DEMO_CASES}
    assert len(DEMO_ADAPTATIONS) >= 4
    crossings = 0
    for original, adaptation in DEMO_ADAPTATIONS:
        first, second = by_title[original], by_title[adaptation]
        assert first["lab"] != second["lab"] and first["prefecture"] != second["prefecture"]
        crossings += region_of[first["prefecture"]] != region_of[second["prefecture"]]
    assert crossings >= len(DEMO_ADAPTATIONS) - 1  # 静岡 → 岐阜 stays in 中部; 宮城 → 愛媛 …


def test_demo_rollouts_questions_and_interest_show_on_the_cases(app, db, client):
    from community.cases.models import CaseQuestion, Rollout
    from community.demo.data import DEMO_ADAPTATIONS, DEMO_QUESTIONS, DEMO_ROLLOUTS

    app.test_cli_runner().invoke(args=["seed", "demo"])

    def case_id(title):
        return db.session.scalar(sa.select(Case.id).where(Case.title == title))

    for original, adaptation in DEMO_ADAPTATIONS:
        lineage = client.get(f"/api/cases/{case_id(original)}/lineage").get_json()
        adapted = [e["case"]["id"] for e in lineage["entries"] if e.get("case")]
        assert case_id(adaptation) in adapted, original
    rolled = client.get(f"/api/cases/{case_id(DEMO_ROLLOUTS[2][0])}").get_json()
    assert rolled["rollout_count"] >= 1
    page = client.get(f"/cases/{case_id(DEMO_QUESTIONS[0][0])}").get_data(as_text=True)
    assert DEMO_QUESTIONS[0][2] in page and DEMO_QUESTIONS[0][3] in page
    assert (
        client.get(f"/api/cases/{case_id(DEMO_QUESTIONS[0][0])}").get_json()["interest_count"] >= 1
    )

    counts = {
        model: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Rollout, CaseQuestion)
    }
    assert counts[Rollout] == len(DEMO_ADAPTATIONS) + len(DEMO_ROLLOUTS)
    assert counts[CaseQuestion] == len(DEMO_QUESTIONS)
    assert app.test_cli_runner().invoke(args=["seed", "demo"]).exit_code == 0
    assert counts == {
        model: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Rollout, CaseQuestion)
    }

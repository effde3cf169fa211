"""``flask seed demo``: real organisations in their real prefectures, every role, safe twice."""

import sqlalchemy as sa

from community.accounts.models import Role, User
from community.demo.data import DEMO_LABS
from community.labs.models import Lab, LabMembership, MemberOrganisation


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
    assert listed["meta"]["total"] == len(DEMO_CASES)

    def titles(q):
        return [
            c["title"] for c in client.get("/api/cases", query_string={"q": q}).get_json()["items"]
        ]

    assert any("kumikoAI" in t for t in titles("組子"))
    assert any("NOTOBIRA" in t for t in titles("RAG"))
    assert titles("補助金") and all("補助金" in t for t in titles("IT導入補助金"))
    again = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert again.exit_code == 0
    assert client.get("/api/cases").get_json()["meta"]["total"] == len(DEMO_CASES)

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

"""``flask seed demo`` brings about fifteen experts across fields and regions, safe twice."""

from __future__ import annotations

import sqlalchemy as sa

from community.accounts.models import Role, User
from community.demo.experts import DEMO_EXPERTS
from community.experts.models import ExpertAnswerTally, ExpertProfile
from community.experts.reference import FIELDS
from community.labs.reference import REGIONS


def test_demo_experts(app, db, client):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    profiles = list(db.session.scalars(sa.select(ExpertProfile)))
    assert len(profiles) == len(DEMO_EXPERTS) >= 15
    tallies = db.session.scalar(sa.select(sa.func.sum(ExpertAnswerTally.count)))
    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    assert db.session.scalar(sa.select(sa.func.count(ExpertProfile.id))) == len(profiles)
    assert db.session.scalar(sa.select(sa.func.sum(ExpertAnswerTally.count))) == tallies > 0

    users = {u.id: u for u in db.session.scalars(sa.select(User).where(User.role == Role.EXPERT))}
    assert all(p.user_id in users for p in profiles)
    assert "佐藤 美咲" in {u.display_name for u in users.values()}
    assert {f.code for p in profiles for f in p.fields} == set(FIELDS)
    regions = {r.region_code for p in profiles for r in p.regions}
    regions |= {r for p in profiles for r in _regions_of(p.prefecture_codes)}
    assert regions == {code for code, _ja, _en in REGIONS}
    assert any(p.honorarium_eligible for p in profiles)
    assert any(not p.honorarium_eligible for p in profiles)
    assert any(p.online and not p.in_person for p in profiles)
    assert any(p.in_person and not p.online for p in profiles)
    login = client.post(
        "/api/auth/login", json={"email": "expert1@example.jp", "password": "demo-password-2026"}
    )
    assert login.status_code == 200
    # the demo's tallies, and the answer expert1 gave in the AI活用 channel of the demo
    assert client.get("/api/experts/me").get_json()["answers"] == {"ai": 15, "data": 5}
    assert client.get("/api/experts?per_page=100").get_json()["meta"]["total"] == len(profiles)
    assert client.get("/experts").status_code == 200


def _regions_of(codes):
    from community.labs.reference import PREFECTURES

    region_of = {code: region for code, _ja, _en, region in PREFECTURES}
    return {region_of[c] for c in codes}

"""Who may create, edit and delete an expert's profile: the expert, the secretariat, nobody else."""

from __future__ import annotations

import pytest

from community.accounts.models import Role
from tests.experts.conftest import PROFILE, make_expert


@pytest.fixture
def people(make):
    lab = make.lab()
    return {
        "member": make.member(lab),
        "coordinator": make.coordinator(lab),
        "expert": make.user(role=Role.EXPERT),
        "other_expert": make.user(role=Role.EXPERT),
        "secretariat": make.user(role=Role.SECRETARIAT),
    }


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 401),
        ("member", 403),
        ("coordinator", 403),
        ("other_expert", 403),
        ("expert", 201),
        ("secretariat", 201),
    ],
)
def test_who_may_create_the_experts_profile(client, people, client_for, actor, status):
    caller = client if actor == "anonymous" else client_for(people[actor])
    body = {**PROFILE, "user_id": people["expert"].id}
    response = caller.post("/api/experts", json=body)
    assert response.status_code == status, response.get_json()
    if status == 201:
        assert response.get_json()["user_id"] == people["expert"].id


def test_a_member_cannot_create_a_profile_of_their_own(people, client_for):
    response = client_for(people["member"]).post("/api/experts", json=PROFILE)
    assert response.status_code == 403
    assert client_for(people["member"]).get("/experts/new").status_code == 403


def test_the_secretariat_writes_profiles_only_for_experts(people, client_for):
    office = client_for(people["secretariat"])
    for_member = office.post("/api/experts", json={**PROFILE, "user_id": people["member"].id})
    assert for_member.status_code == 422
    assert "user_id" in for_member.get_json()["errors"]
    for_itself = office.post("/api/experts", json=PROFILE)  # the secretariat is no expert
    assert for_itself.status_code == 422
    unknown = office.post("/api/experts", json={**PROFILE, "user_id": 2**31 - 1})
    assert unknown.status_code == 422
    assert "user_id" in unknown.get_json()["errors"]


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 401),
        ("member", 403),
        ("coordinator", 403),
        ("other_expert", 403),
        ("expert", 200),
        ("secretariat", 200),
    ],
)
def test_who_may_edit_and_delete_the_profile(
    client, make, people, client_for, monkeypatch, actor, status
):
    profile = make_expert(make)
    people["expert"] = profile.user
    caller = client if actor == "anonymous" else client_for(people[actor])
    url = f"/api/experts/{profile.id}"
    response = caller.patch(url, json={"headline": "書き換え"})
    assert response.status_code == status, response.get_json()
    expected = "書き換え" if status == 200 else PROFILE["headline"]
    assert client.get(url).get_json()["headline"] == expected
    assert client.get(url).get_json()["can_edit"] is False
    deleted = caller.delete(url)
    assert deleted.status_code == (204 if status == 200 else status)
    assert client.get(url).status_code == (404 if status == 200 else 200)


def test_edit_pages_refuse_others(make, people, client_for):
    profile = make_expert(make)
    assert client_for(people["other_expert"]).get(f"/experts/{profile.id}/edit").status_code == 403
    other = client_for(people["other_expert"]).post(
        f"/experts/{profile.id}/edit", data={"headline": "x", "fields": ["ai"]}
    )
    assert other.status_code == 403
    assert client_for(profile.user).get(f"/experts/{profile.id}/edit").status_code == 200
    assert client_for(people["secretariat"]).get(f"/experts/{profile.id}/edit").status_code == 200
    gone = client_for(people["member"]).post(f"/experts/{profile.id}/delete")
    assert gone.status_code == 403


def test_recording_answers_needs_no_profile_and_counts_each_field_once(make, db):
    from community.experts.models import ExpertAnswerTally
    from community.experts.services import do_record_answer

    expert = make.user(role=Role.EXPERT)
    do_record_answer(expert.id, ["ai", "ai", "nonsense", "data"])
    do_record_answer(expert.id, iter(["ai"]))
    do_record_answer(expert.id, [])
    rows = {t.field: t.count for t in db.session.scalars(db.select(ExpertAnswerTally))}
    assert rows == {"ai": 2, "data": 1}

"""Bad input to the expert API gives 401/403/404/409/422 with field messages, never a 500."""

from __future__ import annotations

import pytest

from community.accounts.models import Role
from tests.experts.conftest import PROFILE, make_expert


@pytest.fixture
def expert_client(make, client_for):
    return client_for(make.user(role=Role.EXPERT))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"fields": []}, "fields"),
        ({"fields": "ai"}, "fields"),
        ({"fields": ["ai", "ai"]}, "fields"),
        ({"fields": ["quantum"]}, "fields"),
        ({"fields": [1, 2]}, "fields"),
        ({"fields": None}, "fields"),
        ({"headline": ""}, "headline"),
        ({"headline": "長" * 121}, "headline"),
        ({"headline": 42}, "headline"),
        ({"bio": "x" * 20_001}, "bio"),
        ({"prefectures": ["48"]}, "prefectures"),
        ({"prefectures": ["4"]}, "prefectures"),
        ({"prefectures": ["04", "04"]}, "prefectures"),
        ({"regions": ["mars"]}, "regions"),
        ({"online": False, "in_person": False}, "online"),
        ({"online": "perhaps"}, "online"),
        ({"availability": "always"}, "availability"),
        ({"availability_note": "x" * 201}, "availability_note"),
        ({"listed": []}, "listed"),
        ({"user_id": 2**40}, "user_id"),
        ({"user_id": "me"}, "user_id"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_create_refuses_bad_fields_with_messages(expert_client, changes, field):
    response = expert_client.post("/api/experts", json={**PROFILE, **changes})
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["errors"]


def test_missing_fields_and_messages_in_japanese(expert_client):
    response = expert_client.post("/api/experts", json={})
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert errors["headline"] == ["必須項目です。"]
    assert errors["fields"] == ["必須項目です。"]
    modes = expert_client.post(
        "/api/experts", json={**PROFILE, "online": False, "in_person": False}
    )
    assert modes.get_json()["errors"]["online"] == ["オンラインか対面のどちらかを選んでください。"]


@pytest.mark.parametrize(
    "body",
    [
        {**PROFILE, "headline": "NUL\x00"},
        {**PROFILE, "fields": ["ai\x00"]},
        {**PROFILE, "bio": "\ud800"},
        [PROFILE],
        "profile",
        None,
    ],
)
def test_create_refuses_unstorable_or_shapeless_bodies(expert_client, body):
    response = expert_client.post("/api/experts", json=body)
    assert response.status_code == 422, response.get_json()


def test_update_keeps_one_mode_and_refuses_bad_values(make, client_for):
    profile = make_expert(make, online=False, in_person=True)
    own = client_for(profile.user)
    url = f"/api/experts/{profile.id}"
    refused = own.patch(url, json={"in_person": False})
    assert refused.status_code == 422
    assert "online" in refused.get_json()["errors"]
    assert own.patch(url, json={"in_person": False, "online": True}).status_code == 200
    assert own.patch(url, json={"fields": []}).status_code == 422
    assert own.patch(url, json={"user_id": 5}).status_code == 422  # never moves to another user
    assert own.patch(url, json={"headline": None}).status_code == 422


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=abc",
        "per_page=1000",
        "field=quantum",
        "region=mars",
        "prefecture=99",
        "prefecture=%00",
        "mode=telepathy",
        "honorarium=perhaps",
        "availability=never",
        "sort=random",
        "q=" + "x" * 101,
        "q=%00",
    ],
)
def test_list_refuses_bad_queries(client, query):
    response = client.get(f"/api/experts?{query}")
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["errors"]


@pytest.mark.parametrize(
    "query",
    [
        "fields=quantum",
        "fields=ai,quantum",
        "prefectures=99",
        "prefectures=04,,%00",
        "limit=0",
        "limit=21",
        "limit=x",
    ],
)
def test_recommendations_refuse_bad_queries(client, query):
    response = client.get(f"/api/experts/recommendations?{query}")
    assert response.status_code == 422, response.get_json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/experts/0",
        "/api/experts/999999",
        "/api/experts/99999999999999999999",
        "/api/experts/abc",
        "/api/experts/for-case/999999",
        "/api/experts/for-case/99999999999999999999",
        "/api/experts/for-lab/999999",
        "/experts/999999",
        "/experts/99999999999999999999",
        "/experts/abc",
    ],
)
def test_unknown_ids_are_404(client, url):
    assert client.get(url).status_code == 404


def test_me_without_a_profile(client, make, client_for):
    assert client.get("/api/experts/me").status_code == 401
    assert client_for(make.user(role=Role.EXPERT)).get("/api/experts/me").status_code == 404


def test_a_draft_case_of_another_lab_has_no_experts_for_others(client, make, client_for):
    from community.cases.services import do_create_case

    lab = make.lab()
    coordinator = make.coordinator(lab)
    case = do_create_case(coordinator, lab_id=lab.id, title="下書きの事例", status="draft")
    assert client.get(f"/api/experts/for-case/{case.id}").status_code == 404
    assert client_for(coordinator).get(f"/api/experts/for-case/{case.id}").status_code == 200


def test_bad_page_forms_show_messages_not_500(make, client_for):
    expert = make.user(role=Role.EXPERT)
    own = client_for(expert)
    response = own.post(
        "/experts/new",
        data={"headline": "", "fields": "", "availability": "x", "bio": "\x00"},
    )
    assert response.status_code == 422
    assert "入力内容を確認してください。".encode() in response.data
